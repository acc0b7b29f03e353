package dev.gopherlens.pclntab.gocore;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.pclntab.internal.dwarf.Dwarf;
import dev.gopherlens.pclntab.internal.dwarf.StructType;

import java.util.Optional;

/**
 * How one machine's Go frames sit on its stack, for the unwinder (runtime/traceback.go, {@code usesLR} and
 * {@code sys.MinFrameSize}), and where the kernel's signal frame keeps the context a signal interrupted. Immutable.
 *
 * @param arch         Go's name for the architecture
 * @param usesLR       whether a call leaves its return address in a link register, which a function that calls
 *                     others saves at the bottom of its frame (arm64), rather than pushing it (amd64)
 * @param minFrameSize the words between a frame's fp and its arguments
 * @param lrRegister   the link register's name, or null
 * @param ucontext     where {@code struct ucontext} starts from {@code runtime.sigtramp}'s fp
 * @param ucPc         the interrupted pc's offset in the ucontext
 * @param ucSp         the interrupted sp's offset in the ucontext
 * @param ucLr         the interrupted link register's offset in the ucontext, or -1
 */
record StackRules(String arch, boolean usesLR, int minFrameSize, String lrRegister, long ucontext, long ucPc,
                  long ucSp, long ucLr) {
    // Linux's arm64 signal frame (arch/arm64/kernel/signal.c): the handler starts with sp at struct rt_sigframe,
    // a siginfo of 128 bytes and then the ucontext, whose uc_mcontext (struct sigcontext: fault_address, regs[31],
    // sp, pc) is at 176 (runtime/defs_linux_arm64.go).
    private static final long ARM64_SIGINFO = 128;
    private static final long ARM64_MCONTEXT = 176;

    /**
     * The rules of a core's machine, with the ucontext's layout from the binary's DWARF when it describes it, else the
     * kernel's. The linker only emits types that a variable or parameter uses, and the runtime reaches
     * {@code runtime.ucontext} only through unsafe.Pointer: none of the corpus binaries (Go 1.21-1.27) has it, so the
     * kernel's layout, which is ABI and does not change, is what they use; the SIGQUIT sections' registers confirm it.
     *
     * @param arch  Go's name for the architecture
     * @param dwarf the binary's DWARF
     * @return the rules
     * @throws GoParseException if the machine is not one the unwinder knows
     */
    static StackRules of(String arch, Dwarf dwarf) throws GoParseException {
        Optional<StructType> uc = dwarf.struct("runtime.ucontext");
        Optional<StructType> sc = dwarf.struct("runtime.sigcontext");
        boolean described = uc.isPresent() && sc.isPresent() && uc.get().field("uc_mcontext").isPresent();
        long mc = described ? uc.get().offsetOf("uc_mcontext") : -1;
        switch (arch) {
            case "amd64" -> {
                // arch/x86/include/uapi/asm/sigcontext.h: uc_mcontext at 40, rsp at 120 and rip at 128 of it. The
                // ucontext lies right above sigtramp's return-address slot, at its fp.
                if (described && sc.get().field("rip").isPresent() && sc.get().field("rsp").isPresent()) {
                    return new StackRules(arch, false, 0, null, 0, mc + sc.get().offsetOf("rip"),
                            mc + sc.get().offsetOf("rsp"), -1);
                }
                return new StackRules(arch, false, 0, null, 0, 40 + 128, 40 + 120, -1);
            }
            case "arm64" -> {
                if (described && sc.get().field("pc").isPresent() && sc.get().field("sp").isPresent()
                        && sc.get().field("regs").isPresent()) {
                    return new StackRules(arch, true, 8, "x30", ARM64_SIGINFO, mc + sc.get().offsetOf("pc"),
                            mc + sc.get().offsetOf("sp"), mc + sc.get().offsetOf("regs") + 30 * 8);
                }
                return new StackRules(arch, true, 8, "x30", ARM64_SIGINFO, ARM64_MCONTEXT + 8 + 31 * 8 + 8,
                        ARM64_MCONTEXT + 8 + 31 * 8, ARM64_MCONTEXT + 8 + 30 * 8);
            }
            default -> throw GoParseException.unsupportedVersion("core", -1, "architecture " + arch,
                    "amd64 or arm64");
        }
    }

    /** {@return the bytes an injected call (sigpanic) adds below its caller on a link-register machine} */
    long injectedFrame() {
        // runtime/traceback.go next: alignUp(sys.MinFrameSize, sys.StackAlign).
        return (minFrameSize + 15) & -16L;
    }
}
