package dev.gopherlens.pclntab.gocore;

import dev.gopherlens.core.Compression;
import dev.gopherlens.core.GoParseException;
import dev.gopherlens.core.Input;
import dev.gopherlens.core.Inputs;
import dev.gopherlens.core.Limits;
import dev.gopherlens.pclntab.GoBinary;
import dev.gopherlens.pclntab.Symbol;
import dev.gopherlens.pclntab.internal.gocore.BinaryMatch;
import dev.gopherlens.pclntab.internal.gocore.ByteSource;
import dev.gopherlens.pclntab.internal.gocore.CoreFile;
import dev.gopherlens.pclntab.internal.gocore.GdbRegisters;
import dev.gopherlens.pclntab.internal.dwarf.Dwarf;
import dev.gopherlens.pclntab.internal.gocore.MemoryMap;
import dev.gopherlens.pclntab.internal.gocore.ValueReader;
import dev.gopherlens.pclntab.internal.dwarf.Variable;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongFunction;

/**
 * A Linux ELF core dump read together with the Go binary that wrote it, with no debugger: its threads and their
 * registers (gdb's {@code info threads} and {@code info registers}), the process, the fatal signal, the auxiliary
 * vector, the mapped files, and the process's {@link Memory}. The entry point of post-mortem reading.
 *
 * <pre>{@code
 * GoCore core = GoCore.open(Path.of("core"), Path.of("server"));
 * for (Thread t : core.threads()) {
 *     System.out.println(t.lwp() + " rip=0x" + Long.toHexString(t.registers().get("rip")));
 * }
 * long counter = core.memory().u64(0x6a7240);
 * }</pre>
 *
 * <p>linux/amd64 cores, checked against the corpus; linux/arm64 cores, checked against cores qemu-aarch64 wrote of
 * a crashing Go 1.27 program (goroutines, backtraces, the traceback text, and gdb-multiarch's registers).
 * The core must have been written by this binary: {@code open} compares the core's
 * copy of the binary's first page (which holds the build ids), the entry point and the mapped segments, and refuses
 * a mismatch with a {@link GoParseException} rather than misreading memory. Position-independent binaries are
 * placed by their load bias.
 *
 * <p>Plain files are memory-mapped, so the core is never held on the heap; compressed ones (gzip, zstd, xz, bzip2)
 * are decompressed into memory, up to {@link dev.gopherlens.core.Limits#maxDecompressedSize()}. Immutable and
 * thread-safe; {@link #binary()} is built on first use.
 */
public final class GoCore {
    private final CoreFile core;
    private final CoreBinary exe;
    private final Limits limits;
    private final BinaryMatch match;
    private final List<Thread> threads;
    private final Memory memory;
    private volatile List<Goroutine> goroutines;
    private volatile ValueReader values;

    private GoCore(CoreFile core, CoreBinary exe, Limits limits) throws GoParseException {
        this.core = core;
        this.exe = exe;
        this.limits = limits;
        this.match = BinaryMatch.of(core, exe.source(), exe.header(), exe.noteSections());
        List<Thread> list = new ArrayList<>(core.threads().size());
        int index = 1;
        for (CoreFile.RawThread t : core.threads()) {
            list.add(new Thread(index++, t.lwp(), t.cursig(), t.info(), new Registers(core.layout(), t.registers()),
                    t.notes()));
        }
        this.threads = List.copyOf(list);
        this.memory = new Memory(MemoryMap.build(core, exe.source(), exe.header(), match.bias(), match.files()),
                core.segments());
    }

    /**
     * Opens a core and the binary that wrote it; either may be compressed.
     *
     * @param core   the core file
     * @param binary the executable
     * @return the core
     * @throws IOException if a file cannot be read, or {@link GoParseException} if the core or binary is malformed
     *                     or the core was not written by this binary
     */
    public static GoCore open(Path core, Path binary) throws IOException {
        return open(core, binary, Limits.DEFAULT);
    }

    /**
     * Opens a core and the binary that wrote it within limits: decompression is capped at
     * {@link Limits#maxDecompressedSize()}, notes and segments at {@link Limits#maxTableEntries()}.
     *
     * @param core   the core file
     * @param binary the executable
     * @param limits the limits
     * @return the core
     * @throws IOException if a file cannot be read, or {@link GoParseException} if the core or binary is malformed,
     *                     a limit is exceeded, or the core was not written by this binary
     */
    public static GoCore open(Path core, Path binary, Limits limits) throws IOException {
        Objects.requireNonNull(core, "core");
        Objects.requireNonNull(binary, "binary");
        Objects.requireNonNull(limits, "limits");
        ByteSource c = coreSource(core, limits);
        ByteBuffer b;
        try (Input in = Inputs.open(binary, limits)) {
            b = in.buffer();
        }
        return open(c, b, limits);
    }

    /**
     * Reads a core and its binary from arrays, which are not copied unless compressed.
     *
     * @param core   the core
     * @param binary the executable
     * @return the core
     * @throws IOException if compressed data is corrupt, or {@link GoParseException} as for
     *                     {@link #open(Path, Path)}
     */
    public static GoCore open(byte[] core, byte[] binary) throws IOException {
        return open(core, binary, Limits.DEFAULT);
    }

    /**
     * Reads a core and its binary from arrays within limits, as {@link #open(Path, Path, Limits)} does.
     *
     * @param core   the core
     * @param binary the executable
     * @param limits the limits
     * @return the core
     * @throws IOException if compressed data is corrupt, or {@link GoParseException} as for
     *                     {@link #open(Path, Path, Limits)}
     */
    public static GoCore open(byte[] core, byte[] binary, Limits limits) throws IOException {
        Objects.requireNonNull(limits, "limits");
        ByteBuffer c;
        ByteBuffer b;
        try (Input in = Inputs.open(core, limits)) {
            c = in.buffer();
        }
        try (Input in = Inputs.open(binary, limits)) {
            b = in.buffer();
        }
        return open(ByteSource.of("core", c), b, limits);
    }

    /**
     * Reads a core and its binary from streams, which are read to their ends into memory (decompressed if
     * compressed) and closed.
     *
     * @param core   the core
     * @param binary the executable
     * @return the core
     * @throws IOException if reading fails, or {@link GoParseException} as for {@link #open(Path, Path)}
     */
    public static GoCore open(InputStream core, InputStream binary) throws IOException {
        ByteBuffer c;
        ByteBuffer b;
        try (Input in = Inputs.open(core)) {
            c = in.buffer();
        }
        try (Input in = Inputs.open(binary)) {
            b = in.buffer();
        }
        return open(ByteSource.of("core", c), b, Limits.DEFAULT);
    }

    /**
     * Reads a core and its binary from the remaining bytes of buffers, uncompressed, which are not copied.
     *
     * @param core   the core
     * @param binary the executable
     * @return the core
     * @throws GoParseException as for {@link #open(Path, Path)}
     */
    public static GoCore open(ByteBuffer core, ByteBuffer binary) throws GoParseException {
        return open(core, binary, Limits.DEFAULT);
    }

    /**
     * Reads a core and its binary from buffers within limits, as {@link #open(Path, Path, Limits)} does.
     *
     * @param core   the core, uncompressed, not copied
     * @param binary the executable, uncompressed, not copied
     * @param limits the limits
     * @return the core
     * @throws GoParseException as for {@link #open(Path, Path, Limits)}
     */
    public static GoCore open(ByteBuffer core, ByteBuffer binary, Limits limits) throws GoParseException {
        Objects.requireNonNull(limits, "limits");
        return open(ByteSource.of("core", core), binary.slice(), limits);
    }

    private static GoCore open(ByteSource core, ByteBuffer binary, Limits limits) throws GoParseException {
        CoreFile c = CoreFile.read(core, limits);
        return new GoCore(c, new CoreBinary(binary), limits);
    }

    private static ByteSource coreSource(Path core, Limits limits) throws IOException {
        try (Input in = Inputs.open(core, limits)) {
            return in.compression() == Compression.NONE ? ByteSource.map("core", core)
                    : ByteSource.of("core", in.buffer());
        }
    }

    /**
     * Opens another core written by this core's binary, sharing the binary and all that was read from it: its
     * DWARF, its function tables. Reading the binary's DWARF is most of what opening a core and listing its
     * goroutines costs, so the second and later cores of one service cost only their own reading. The same checks
     * as {@link #open(Path, Path)} refuse a core the binary did not write; this core's limits apply.
     *
     * @param core the other core file; it may be compressed
     * @return the other core
     * @throws IOException if the file cannot be read, or {@link GoParseException} if the core is malformed or was
     *                     not written by this binary
     */
    public GoCore withCore(Path core) throws IOException {
        Objects.requireNonNull(core, "core");
        return new GoCore(CoreFile.read(coreSource(core, limits), limits), exe, limits);
    }

    /**
     * Reads another core written by this core's binary from a buffer, uncompressed and not copied, sharing the
     * binary as {@link #withCore(Path)} does.
     *
     * @param core the other core
     * @return the other core
     * @throws GoParseException if the core is malformed or was not written by this binary
     */
    public GoCore withCore(ByteBuffer core) throws GoParseException {
        Objects.requireNonNull(core, "core");
        return new GoCore(CoreFile.read(ByteSource.of("core", core.slice()), limits), exe, limits);
    }

    /** {@return Go's name for the architecture, such as {@code amd64}} */
    public String arch() {
        return core.layout().arch();
    }

    /** {@return the threads in the core's order, as gdb numbers them: thread 1 is the one that dumped} */
    public List<Thread> threads() {
        return threads;
    }

    /**
     * Finds a thread by its kernel id.
     *
     * @param lwp the thread id
     * @return the thread, or empty
     */
    public Optional<Thread> thread(int lwp) {
        for (Thread t : threads) {
            if (t.lwp() == lwp) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** {@return the process, from {@code NT_PRPSINFO}; empty when the core lacks the note} */
    public Optional<ProcessInfo> process() {
        return Optional.ofNullable(core.process());
    }

    /**
     * Returns the signal that killed the process: the {@code NT_SIGINFO} note, or without it the first thread's
     * {@code pr_info}.
     *
     * @return the signal, or empty for a core with neither
     */
    public Optional<SignalInfo> signal() {
        if (core.signal() != null) {
            return Optional.of(core.signal());
        }
        return threads.isEmpty() ? Optional.empty() : Optional.of(threads.get(0).info());
    }

    /** {@return the auxiliary vector, without its {@code AT_NULL} end} */
    public List<AuxvEntry> auxv() {
        return core.auxv();
    }

    /**
     * Returns one value of the auxiliary vector.
     *
     * @param type an {@code AT_*} type such as {@link AuxvEntry#AT_ENTRY}
     * @return its value, or empty
     */
    public OptionalLong auxv(long type) {
        for (AuxvEntry e : core.auxv()) {
            if (e.type() == type) {
                return OptionalLong.of(e.value());
            }
        }
        return OptionalLong.empty();
    }

    /** {@return every file-backed mapping, from {@code NT_FILE}} */
    public List<MappedFile> mappedFiles() {
        return core.files();
    }

    /** {@return the binary's path as the process saw it, from {@code NT_FILE}, or empty} */
    public String binaryPath() {
        return match.path();
    }

    /** {@return the binary's load bias: 0 for a static or non-PIE executable} */
    public long loadBias() {
        return match.bias();
    }

    /** {@return the binary's Go build id, or empty when it has none} */
    public String goBuildId() {
        return match.goBuildId();
    }

    /** {@return the binary's GNU build id in hex (Go 1.25+ writes one), or empty} */
    public String gnuBuildId() {
        return match.gnuBuildId();
    }

    /** {@return the core's {@code PT_LOAD} segments: every mapping, dumped or not} */
    public List<Segment> segments() {
        return core.segments();
    }

    /** {@return every note of the core, in file order} */
    public List<Note> notes() {
        return core.notes();
    }

    /**
     * Returns a copy of a note's descriptor, such as a thread's raw {@code NT_FPREGSET} or {@code NT_X86_XSTATE}.
     *
     * @param note a note of this core
     * @return its bytes
     * @throws GoParseException         if the note lies outside the core (not for notes this core listed)
     * @throws IllegalArgumentException if the note is not one of this core's
     */
    public byte[] noteBytes(Note note) throws GoParseException {
        if (!core.notes().contains(note)) {
            throw new IllegalArgumentException("not a note of this core: " + note);
        }
        return core.source().bytes(note.offset(), note.size(), note.typeName());
    }

    /** {@return the process's memory} */
    public Memory memory() {
        return memory;
    }

    /**
     * Returns the goroutines of {@code runtime.allgs} that are not dead, in allgs order, with the status, wait
     * reason, thread and creator the runtime's traceback header shows; the layouts of {@code runtime.g} and
     * {@code runtime.m} come from the binary's DWARF.
     *
     * @return the goroutines
     * @throws GoParseException if the binary has no DWARF, or the runtime's structures cannot be read
     */
    public List<Goroutine> goroutines() throws GoParseException {
        List<Goroutine> g = goroutines;
        if (g == null) {
            synchronized (this) {
                g = goroutines;
                if (g == null) {
                    g = Goroutines.read(memory, dwarf(), code());
                    goroutines = g;
                }
            }
        }
        return g;
    }

    /**
     * Returns a goroutine's backtrace, innermost frame first, inlined calls expanded, unwound from the context the
     * scheduler saved when it stopped (or from where it entered its system call) down to {@code runtime.goexit}. A
     * running goroutine is unwound from its thread's registers: a thread stopped in the runtime's signal handler
     * continues at the context each signal frame saved (the kernel's {@code ucontext} above
     * {@code runtime.sigtramp}), and one on its g0 stack continues from {@code systemstack} or {@code morestack} at
     * the goroutine's saved context, as the runtime's unwinder does; the signal handlers' own frames are left out.
     *
     * @param g a goroutine of this core
     * @return the frames
     * @throws GoParseException if its stack cannot be read or unwound
     */
    public List<StackFrame> stack(Goroutine g) throws GoParseException {
        return Unwinder.unwind(memory, dwarf(), code(), g, thread((int) g.lwp()));
    }

    /**
     * Returns a goroutine's block of a crash traceback in the text the runtime of the core's Go version prints at
     * {@code GOTRACEBACK=crash}, so that it can be diffed against a real crash log: the header
     * ({@code goroutine 15 gp=0x... m=nil [chan receive, 1 minutes, locked to thread]:}, with {@code gp=} from Go
     * 1.22 and labels as 1.26 or 1.27 print them), each frame with its argument words read from the stack
     * ({@code main.recurse(0x12c, 0x0?)}: {@code ?} where the word may be dead, {@code {...}} around aggregates,
     * {@code ...} where the list was cut), {@code +0x}, {@code fp= sp= pc=}, the runtime's 50 innermost and 50
     * outermost frames around {@code ...N frames elided...}, and {@code created by}. A goroutine running on a
     * thread other than the crashing one prints {@code goroutine running on other thread; stack unavailable}, as
     * the runtime did (its stack is in {@link #stack(Goroutine)}); the crashing goroutine prints from the frame
     * that called {@code fatalpanic}. The {@code N minutes} come from {@link #nanotime()}, an estimate.
     *
     * @param g a goroutine of this core
     * @return the block, each line ending in a newline, without the blank line the runtime puts between blocks
     * @throws GoParseException if its stack, its functions' argument tables or the runtime's structures cannot be
     *                          read
     */
    public String traceback(Goroutine g) throws GoParseException {
        TracebackPrinter p = printer;
        if (p == null) {
            synchronized (this) {
                p = printer;
                if (p == null) {
                    p = new TracebackPrinter(this, memory, dwarf(), code());
                    printer = p;
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        p.print(g, sb);
        return sb.toString();
    }

    // The printer's per-core state (the version, the dying M, the clock estimate), made on first use.
    private volatile TracebackPrinter printer;

    /**
     * Returns a thread's backtrace as gdb's {@code bt} shows it, innermost frame first, inlined calls expanded: from
     * its registers with the pcsp tables, through each signal frame to the context the signal interrupted (a frame
     * of {@code runtime.sigreturn__sigaction}, the restorer the kernel returns to, stands for the signal frame, as
     * gdb's {@code <signal handler called>} does), to the top frame of the stack it ends on ({@code runtime.goexit}
     * on a goroutine's stack, {@code runtime.mstart} or {@code runtime.mcall} on its g0 stack). Unlike
     * {@link #stack(Goroutine)}, it does not leave its g0 stack for the goroutine that switched to it.
     *
     * @param thread a thread of this core
     * @return the frames
     * @throws GoParseException if its stack cannot be read or unwound
     */
    public List<StackFrame> stack(Thread thread) throws GoParseException {
        return Unwinder.thread(memory, code(), thread);
    }

    /**
     * Returns the runtime's monotonic clock near the moment of the crash: the latest of the times the runtime
     * stamped that the core holds ({@code sched.lastpoll}, each P's {@code sysmontick}, each goroutine's
     * {@code waitsince}). Go's own traceback
     * computes its {@code N minutes} from the exact moment; this can be earlier by as long as the process went
     * without stamping one.
     *
     * @return nanoseconds of the runtime's {@code nanotime}
     * @throws GoParseException if the runtime's structures cannot be read
     */
    public long nanotime() throws GoParseException {
        long now = 0;
        for (Goroutine g : goroutines()) {
            now = Math.max(now, g.waitSince());
        }
        Dwarf d = dwarf();
        var sched = d.global("runtime.sched");
        var schedt = d.struct("runtime.schedt");
        if (sched.isPresent() && schedt.isPresent() && schedt.get().field("lastpoll").isPresent()) {
            now = Math.max(now, memory.u64(loaded(sched.get().address()) + schedt.get().offsetOf("lastpoll")));
        }
        // sysmon stamps each P's sysmontick with its own nanotime every 20 µs to 10 ms while the process runs.
        var allp = d.global("runtime.allp");
        var p = d.struct("runtime.p");
        if (allp.isPresent() && p.isPresent() && p.get().field("sysmontick").isPresent()) {
            long data = memory.pointer(loaded(allp.get().address()));
            long n = Math.min(memory.u64(loaded(allp.get().address()) + 8), 1 << 16);
            long sched1 = p.get().offsetOf("sysmontick.schedwhen");
            long sys1 = p.get().offsetOf("sysmontick.syscallwhen");
            for (long i = 0; i < n; i++) {
                long pp = memory.pointer(data + 8 * i);
                if (pp != 0) {
                    now = Math.max(now, Math.max(memory.u64(pp + sched1), memory.u64(pp + sys1)));
                }
            }
        }
        return now;
    }

    /**
     * Finds a package-level variable by its qualified name, to read it as Go would print it: {@code
     * core.global("main.GlobalConfig").orElseThrow().toGoSyntax()} is what {@code fmt.Printf("%#v", GlobalConfig)}
     * would have printed at the crash. Its type comes from the binary's DWARF, its bytes from the core.
     *
     * @param name the qualified name ({@code main.GlobalConfig}, {@code runtime.allglen}); a package path is
     *             written in full ({@code example.com/pkg.Var})
     * @return the variable, or empty when the DWARF has no variable of that name with an address
     * @throws GoParseException if the binary has no DWARF, or it is malformed
     */
    public Optional<GoValue> global(String name) throws GoParseException {
        Objects.requireNonNull(name, "name");
        Dwarf d = dwarf();
        Optional<Variable> v = d.global(name);
        if (v.isEmpty() || v.get().address() < 0) {
            return Optional.empty();
        }
        ValueReader r = values;
        if (r == null) {
            synchronized (this) {
                r = values;
                if (r == null) {
                    r = new ValueReader(memory, d, match.bias());
                    values = r;
                }
            }
        }
        return Optional.of(new GoValue(r, name, v.get().type().resolve(), loaded(v.get().address())));
    }

    Dwarf dwarf() throws GoParseException {
        return exe.dwarf();
    }

    /**
     * The process's address of a variable or symbol at a binary address: a position-independent binary's
     * variables are placed by the load bias, as its code is ({@link LoadedCode#address} does the same for those
     * that have the binary's tables open; these callers must not need them).
     */
    private long loaded(long binaryAddress) {
        return binaryAddress + match.bias();
    }

    /** The binary's code at this process's addresses. */
    LoadedCode code() throws GoParseException {
        return new LoadedCode(exe.binary(), match.bias(), StackRules.of(arch(), dwarf()));
    }

    /**
     * Returns the binary, to look up functions and lines; read on first use, and shared with the cores opened by
     * {@link #withCore}.
     *
     * @return the binary
     * @throws GoParseException if the binary's Go tables are malformed
     */
    public GoBinary binary() throws GoParseException {
        return exe.binary();
    }

    /**
     * Prints the threads as gdb 13's {@code info threads} does on a core: thread 1 current, each with its LWP id
     * and innermost frame, {@code runtime.usleep () at runtime/sys_linux_amd64.s:135}, named by the binary's
     * function table at the thread's exact pc. Unlike gdb it prints no argument values: {@code ()} stands for them
     * (the corpus threads all stop in assembly functions, which have none).
     *
     * @return the header line and one line per thread, each ending in a newline
     * @throws GoParseException if the binary's tables are malformed
     */
    public String infoThreads() throws GoParseException {
        LoadedCode code = code();
        int idWidth = 4;
        int targetWidth = 17;
        for (Thread t : threads) {
            idWidth = Math.max(idWidth, Integer.toString(t.index()).length());
            targetWidth = Math.max(targetWidth, ("LWP " + t.lwp()).length());
        }
        StringBuilder sb = new StringBuilder();
        sb.append("  ").append(pad("Id", idWidth)).append(' ').append(pad("Target Id", targetWidth))
                .append(" Frame \n");
        for (Thread t : threads) {
            sb.append(t.index() == 1 ? "* " : "  ").append(pad(Integer.toString(t.index()), idWidth)).append(' ')
                    .append(pad("LWP " + t.lwp(), targetWidth)).append(' ');
            Optional<dev.gopherlens.pclntab.SourceLine> line = code.lineAt(t.pc());
            if (line.isPresent() && line.get().line() > 0) {
                sb.append(line.get().function()).append(" () at ").append(line.get().file()).append(':')
                        .append(line.get().line());
            } else {
                sb.append(String.format("0x%016x in ?? ()", t.pc()));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    /**
     * Prints a thread's general registers as gdb 13's {@code info registers} does, the {@code rip} line with the
     * binary's symbol and offset: {@code rip            0x48e877            0x48e877 <runtime.usleep+55>}.
     *
     * @param thread a thread of this core
     * @return one line per register, in gdb's order, each ending in a newline
     * @throws GoParseException              if the binary's symbol table is malformed
     * @throws UnsupportedOperationException for a machine other than amd64 and arm64
     */
    public String infoRegisters(Thread thread) throws GoParseException {
        if (!arch().equals("amd64") && !arch().equals("arm64")) {
            throw new UnsupportedOperationException("gdb's register format is known for amd64 and arm64, not "
                    + arch());
        }
        LoadedCode code = code();
        List<Symbol> text = textSymbols();
        GoParseException[] failure = new GoParseException[1];
        LongFunction<String> symbols = pc -> {
            // gdb names a pc by its DWARF function, which is the pclntab's name ("runtime.usleep"), before the ELF
            // symbol ("runtime.usleep.abi0" for assembly on Go 1.21).
            try {
                Optional<dev.gopherlens.pclntab.Func> f = code.funcAt(pc);
                if (f.isPresent()) {
                    long off = pc - code.entry(f.get());
                    return off == 0 ? f.get().name() : f.get().name() + "+" + off;
                }
            } catch (GoParseException e) {
                failure[0] = e;
                return null;
            }
            return symbolize(text, pc);
        };
        Map<String, Long> values = thread.registers().asMap();
        String out = arch().equals("arm64") ? GdbRegisters.formatArm64(values, symbols)
                : GdbRegisters.format(values, symbols);
        if (failure[0] != null) {
            throw failure[0];
        }
        return out;
    }

    private static String symbolize(List<Symbol> text, long pc) {
        int lo = 0;
        int hi = text.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(text.get(mid).address(), pc) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (hi < 0) {
            return null;
        }
        Symbol s = text.get(hi);
        long off = pc - s.address();
        if (s.size() > 0 && Long.compareUnsigned(off, s.size()) >= 0) {
            return null;
        }
        return off == 0 ? s.name() : s.name() + "+" + off;
    }

    /** The binary's text symbols at their loaded addresses, sorted; what gdb's minimal symbols are. */
    private List<Symbol> textSymbols() throws GoParseException {
        List<Symbol> text = new ArrayList<>();
        for (Symbol s : binary().symbols()) {
            if (Character.toUpperCase(s.code()) == 'T') {
                text.add(new Symbol(s.name(), loaded(s.address()), s.size(), s.code()));
            }
        }
        text.sort((a, b) -> Long.compareUnsigned(a.address(), b.address()));
        return text;
    }

    /** {@return for example {@code GoCore[amd64 pid 20819 "./coregen" SIGABRT code -6, 8 threads, 30 segments]}} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("GoCore[").append(arch());
        process().ifPresent(p -> sb.append(" pid ").append(p.pid()).append(" \"").append(p.args()).append('"'));
        signal().ifPresent(s -> sb.append(' ').append(s.name()).append(" code ").append(s.code()));
        return sb.append(", ").append(threads.size()).append(" threads, ").append(core.segments().size())
                .append(" segments]").toString();
    }
}
