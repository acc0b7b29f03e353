package dev.gopherlens.core;

/**
 * What an input is, as {@link Inputs#identify} tells from its first bytes.
 */
public enum Format {
    /** A pprof profile: protocol buffers per google/pprof's {@code profile.proto}. */
    PPROF("pprof profile"),
    /**
     * A profile in one of the formats before profile.proto: Go's {@code debug=1} text profiles (heap, goroutine,
     * threadcreate, mutex, block) and gperftools' and Java's text and binary profiles.
     */
    PPROF_LEGACY("legacy profile"),
    /** A text goroutine dump: {@code /debug/pprof/goroutine?debug=2}, a panic or a {@code SIGQUIT} traceback. */
    GOROUTINE_DUMP("goroutine dump"),
    /** A Go execution trace, as {@code runtime/trace} writes it; its version is in the header. */
    GO_TRACE("Go execution trace"),
    /** An ELF executable, shared object or relocatable file. */
    ELF("ELF binary"),
    /** An ELF core dump. */
    CORE_DUMP("ELF core dump"),
    /** A Mach-O binary, thin or universal. */
    MACH_O("Mach-O binary"),
    /** A PE (Windows) binary. */
    PE("PE binary"),
    /** None of the above. */
    UNKNOWN("unknown");

    private final String description;

    Format(String description) {
        this.description = description;
    }

    /** {@return a short description in words, such as "Go execution trace"} */
    public String description() {
        return description;
    }
}
