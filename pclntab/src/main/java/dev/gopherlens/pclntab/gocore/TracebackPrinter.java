package dev.gopherlens.pclntab.gocore;

import dev.gopherlens.core.Frame;
import dev.gopherlens.core.GoParseException;
import dev.gopherlens.pclntab.BuildInfo;
import dev.gopherlens.pclntab.Func;
import dev.gopherlens.pclntab.GoBinary;
import dev.gopherlens.pclntab.internal.dwarf.Dwarf;
import dev.gopherlens.pclntab.internal.dwarf.StructType;
import dev.gopherlens.pclntab.internal.dwarf.Type;
import dev.gopherlens.pclntab.internal.dwarf.Variable;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes one goroutine's block of a crash traceback as the runtime of the core's Go version prints it at
 * {@code GOTRACEBACK=crash} (runtime/traceback.go goroutineheader, traceback1, traceback2, printArgs,
 * printcreatedby; Go 1.21-1.27): the header, each logical frame with its argument words read from the stack,
 * the 50 innermost and 50 outermost frames around {@code ...N frames elided...}, and the creator. Cores of Go 1.20
 * and before get their version's rules (gentraceback): the first 100 physical frames and
 * {@code ...additional frames elided...}; argument liveness at the outermost inlined call (Go 1.18-1.20); the
 * argument area's words (Go 1.16 and before, whose arguments were on the stack). Made once per core and immutable,
 * so thread-safe.
 */
final class TracebackPrinter {
    // runtime/traceback.go (Go 1.21-1.27): tracebackInnerFrames, tracebackOuterFrames.
    private static final int INNER = 50;
    private static final int OUTER = 50;
    // runtime/runtime2.go (Go 1.20 and before): _TracebackMaxFrames, physical frames.
    private static final int MAX_FRAMES_BEFORE_1_21 = 100;
    // internal/abi/symtab.go (Go 1.21-1.27): FUNCDATA_ArgInfo, FUNCDATA_ArgLiveInfo, PCDATA_ArgLiveIndex.
    private static final int FUNCDATA_ARG_INFO = 5;
    private static final int FUNCDATA_ARG_LIVE_INFO = 6;
    private static final int PCDATA_ARG_LIVE_INDEX = 3;
    // internal/abi/symtab.go: the argument-printing program's operators, and its longest possible length
    // ((maxDepth*3+2)*limit+1 with maxDepth 5 and limit 10).
    private static final int END_SEQ = 0xff;
    private static final int START_AGG = 0xfe;
    private static final int END_AGG = 0xfd;
    private static final int DOTDOTDOT = 0xfc;
    private static final int OFFSET_TOO_LARGE = 0xfb;
    private static final int MAX_ARG_INFO = (5 * 3 + 2) * 10 + 1;
    // runtime/traceback.go gentraceback (Go 1.16 and before): the argument words printed before ", ...".
    private static final int MAX_STACK_ARGS = 10;
    // runtime/runtime2.go (Go 1.26+): _Gleaked.
    private static final int LEAKED = 10;

    private final Memory mem;
    private final Dwarf dwarf;
    private final LoadedCode binary;
    private final GoCore core;
    private final int minor;
    private final long gofunc;
    private final long crashingM;
    private final boolean labels;
    private final long now;
    /** The words between a frame's fp and its arguments (runtime/traceback.go: argp = fp + sys.MinFrameSize). */
    private final int minFrameSize;

    TracebackPrinter(GoCore core, Memory mem, Dwarf dwarf, LoadedCode binary) throws GoParseException {
        this.core = core;
        this.mem = mem;
        this.dwarf = dwarf;
        this.binary = binary;
        this.minor = goMinor(binary.binary());
        // Go 1.18 on keeps funcdata as offsets from the module's gofunc; Go 1.17 as addresses.
        this.gofunc = minor >= 18 ? moduleField("gofunc") : 0;
        this.crashingM = crashingM();
        this.labels = minor >= 26 && tracebackLabels();
        this.now = core.nanotime();
        this.minFrameSize = binary.rules().minFrameSize();
    }

    private static int goMinor(GoBinary binary) {
        String v = binary.buildInfo().map(BuildInfo::goVersion).orElse("");
        // "go1.27.4", "go1.26rc1"
        if (v.startsWith("go1.")) {
            int end = 4;
            while (end < v.length() && Character.isDigit(v.charAt(end))) {
                end++;
            }
            if (end > 4) {
                return Integer.parseInt(v.substring(4, end));
            }
        }
        return Integer.MAX_VALUE;
    }

    private long moduleField(String name) throws GoParseException {
        Optional<Variable> md = dwarf.global("runtime.firstmoduledata");
        Optional<StructType> t = dwarf.struct("runtime.moduledata");
        if (md.isEmpty() || t.isEmpty() || t.get().field(name).isEmpty()) {
            throw GoParseException.malformed("DWARF", -1, "runtime.firstmoduledata." + name
                    + " in the binary's DWARF, for the functions' argument tables");
        }
        return mem.pointer(binary.address(md.get().address()) + t.get().offsetOf(name));
    }

    /**
     * The M whose traceback this is: the one that began to die ({@code m.dying}, set by startpanic_m on the panic
     * and fatal-signal paths). The runtime prints a goroutine running on any other M as "stack unavailable".
     */
    private long crashingM() throws GoParseException {
        Optional<Variable> allm = dwarf.global("runtime.allm");
        Optional<StructType> m = dwarf.struct("runtime.m");
        if (allm.isEmpty() || m.isEmpty() || m.get().field("dying").isEmpty()
                || m.get().field("alllink").isEmpty()) {
            return 0;
        }
        long dying = m.get().offsetOf("dying");
        long link = m.get().offsetOf("alllink");
        long mp = mem.pointer(binary.address(allm.get().address()));
        for (int i = 0; mp != 0 && i < 1 << 16; i++) {
            if (mem.i32(mp + dying) != 0) {
                return mp;
            }
            mp = mem.pointer(mp + link);
        }
        return 0;
    }

    /** Go 1.26+: labels print when {@code GODEBUG=tracebacklabels=1} ({@code runtime.debug.tracebacklabels}). */
    private boolean tracebackLabels() throws GoParseException {
        Optional<Variable> debug = dwarf.global("runtime.debug");
        if (debug.isEmpty()) {
            return false;
        }
        Type t = debug.get().type().resolve().underlying();
        if (!(t instanceof StructType s) || s.field("tracebacklabels").isEmpty()) {
            return false;
        }
        return mem.i32(binary.address(debug.get().address()) + s.offsetOf("tracebacklabels")) == 1;
    }

    void print(Goroutine g, StringBuilder sb) throws GoParseException {
        header(g, sb);
        boolean running = g.rawStatus() == 2;
        if (running && g.mAddress() != crashingM && !inSyscall(g)) {
            sb.append("\tgoroutine running on other thread; stack unavailable\n");
        } else {
            frames(g, sb);
        }
        createdBy(g, sb);
    }

    private boolean inSyscall(Goroutine g) throws GoParseException {
        // Go 1.27 tracebacksomeothers: a running goroutine with syscallsp set is in a syscall's edge and prints.
        if (minor < 27) {
            return false;
        }
        Optional<StructType> gt = dwarf.struct("runtime.g");
        return gt.isPresent() && gt.get().field("syscallsp").isPresent()
                && mem.pointer(g.address() + gt.get().offsetOf("syscallsp")) != 0;
    }

    private void header(Goroutine g, StringBuilder sb) {
        sb.append("goroutine ").append(g.id());
        if (minor >= 22) {
            sb.append(" gp=0x").append(Long.toHexString(g.address()));
            if (g.mId().isPresent()) {
                sb.append(" m=").append(g.mId().getAsLong()).append(" mp=0x").append(Long.toHexString(g.mAddress()));
            } else {
                sb.append(" m=nil");
            }
        }
        sb.append(" [").append(g.status());
        if (minor >= 26 && g.rawStatus() == LEAKED) {
            sb.append(" (leaked)");
        }
        if (g.scan()) {
            sb.append(" (scan)");
        }
        long minutes = g.waitMinutes(now);
        if (minutes >= 1) {
            sb.append(", ").append(minutes).append(" minutes");
        }
        if (g.lockedToThread()) {
            sb.append(", locked to thread");
        }
        Map<String, String> l = g.labels();
        if (labels && minor == 26 && !l.isEmpty()) {
            // Go 1.26: inside the brackets, every key and value quoted.
            sb.append(" labels:");
            appendLabels(l, true, sb);
        }
        sb.append(']');
        if (labels && minor >= 27 && !l.isEmpty()) {
            // Go 1.27: after the brackets, quoted only where needed (tracebackStringNeedsQuoting).
            sb.append(' ');
            appendLabels(l, false, sb);
        }
        sb.append(":\n");
    }

    /** {@code {key: value, ...}}, every string quoted or only those that need it. */
    private static void appendLabels(Map<String, String> labels, boolean quoteAll, StringBuilder sb) {
        sb.append('{');
        String sep = "";
        for (Map.Entry<String, String> e : labels.entrySet()) {
            sb.append(sep);
            if (quoteAll) {
                quote(e.getKey(), sb);
                sb.append(": ");
                quote(e.getValue(), sb);
            } else {
                maybeQuote(e.getKey(), sb);
                sb.append(": ");
                maybeQuote(e.getValue(), sb);
            }
            sep = ", ";
        }
        sb.append('}');
    }

    private static void maybeQuote(String s, StringBuilder sb) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '/'
                    || c == '_')) {
                quote(s, sb);
                return;
            }
        }
        sb.append(s);
    }

    /** runtime/print.go printquoted: printable ASCII as is, the rest escaped. */
    private static void quote(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); ) {
            int r = s.codePointAt(i);
            i += Character.charCount(r);
            switch (r) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\\', '"' -> sb.append('\\').append((char) r);
                default -> {
                    if (r >= ' ' && r <= '~') {
                        sb.append((char) r);
                    } else if (r < 127) {
                        sb.append("\\x").append(hexDigits(r, 2));
                    } else if (r < 0x1_0000) {
                        sb.append("\\u").append(hexDigits(r, 4));
                    } else {
                        sb.append("\\U").append(hexDigits(r, 8));
                    }
                }
            }
        }
        sb.append('"');
    }

    private static String hexDigits(int v, int min) {
        String h = Integer.toHexString(v);
        return "0".repeat(Math.max(0, min - h.length())) + h;
    }

    /** One logical frame ready to print: its physical frame, and whether it is an inlined call. */
    private record Line(Unwinder.Physical physical, StackFrame frame) {
    }

    /**
     * What printing needs of a walk, however deep the stack (a goroutine that overflowed its 1 GB stack has millions
     * of frames, and the runtime counts them all for {@code ...N frames elided...}): the first {@link #HEAD} physical
     * frames, where the crash's own frames are cut off and the innermost are printed; the last {@link #OUTER} of the
     * frames past them; and how many logical frames those past the head hold.
     */
    private static final class Kept implements Unwinder.FrameSink {
        static final int HEAD = 1024;
        final List<Unwinder.Physical> head = new ArrayList<>();
        final ArrayDeque<Unwinder.Physical> tail = new ArrayDeque<>();
        long beyondHead;
        long logicalBeyondHead;

        @Override
        public void accept(Unwinder.Physical p) {
            if (head.size() < HEAD) {
                head.add(p);
                return;
            }
            beyondHead++;
            logicalBeyondHead += p.frames().size();
            tail.addLast(p);
            if (tail.size() > OUTER) {
                tail.removeFirst();
            }
        }
    }

    private static List<Line> lines(Collection<Unwinder.Physical> physical) {
        List<Line> lines = new ArrayList<>();
        for (Unwinder.Physical p : physical) {
            for (StackFrame f : p.frames()) {
                lines.add(new Line(p, f));
            }
        }
        return lines;
    }

    private void frames(Goroutine g, StringBuilder sb) throws GoParseException {
        // Go 1.20 and before printed at most 100 frames and counted no further.
        long max = minor <= 20 ? Kept.HEAD : Long.MAX_VALUE;
        Kept kept = new Kept();
        int system = Unwinder.physical(mem, dwarf, binary, g, core.thread((int) g.lwp()), kept, max);
        int start = 0;
        if (system >= 0) {
            // The runtime printed the dying goroutine from the frame that called fatalpanic (or fatalthrow), and the
            // thread went on from there to crash: leave those frames out. When it died on the system stack
            // (runtime/panic.go dopanic_m with g0: a throw in newstack or under systemstack), it printed that stack
            // as "runtime stack:" and this goroutine from its saved context instead.
            for (int i = kept.head.size() - 1; i >= 0; i--) {
                String name = kept.head.get(i).func().name();
                if (name.equals("runtime.fatalpanic") || name.equals("runtime.fatalthrow")) {
                    start = i + 1;
                    if (i < system) {
                        kept = new Kept();
                        Unwinder.saved(mem, dwarf, binary, g, kept, max);
                        start = 0;
                    }
                    break;
                }
            }
        }
        List<Unwinder.Physical> physical = kept.head.subList(start, kept.head.size());
        if (minor <= 20) {
            // gentraceback stopped after its maximum of physical frames, each printed with its inlined calls, and
            // said so when it reached the maximum, whether or not frames were left.
            int shown = Math.min(physical.size(), MAX_FRAMES_BEFORE_1_21);
            for (Unwinder.Physical p : physical.subList(0, shown)) {
                for (StackFrame f : p.frames()) {
                    frame(new Line(p, f), sb);
                }
            }
            if (shown == MAX_FRAMES_BEFORE_1_21) {
                sb.append("...additional frames elided...\n");
            }
            return;
        }
        List<Line> lines = lines(physical);
        List<Line> last;
        long n;
        if (kept.beyondHead <= OUTER) {
            // Every frame is kept: one list.
            lines.addAll(lines(kept.tail));
            n = lines.size();
            last = lines;
        } else {
            n = lines.size() + kept.logicalBeyondHead;
            last = lines(kept.tail);
        }
        int head = (int) Math.min(n, INNER);
        for (int i = 0; i < head; i++) {
            frame(lines.get(i), sb);
        }
        long rest = n - head;
        if (rest > OUTER) {
            sb.append("...").append(rest - OUTER).append(" frames elided...\n");
            rest = OUTER;
        }
        for (int i = last.size() - (int) rest; i < last.size(); i++) {
            frame(last.get(i), sb);
        }
    }

    private void frame(Line line, StringBuilder sb) throws GoParseException {
        StackFrame f = line.frame();
        Unwinder.Physical p = line.physical();
        sb.append(f.function()).append('(');
        if (f.inlined()) {
            sb.append("...");
        } else {
            args(p, sb);
        }
        sb.append(")\n\t").append(f.file()).append(':').append(f.line());
        if (!f.inlined()) {
            if (p.pc() > p.entry()) {
                sb.append(" +0x").append(Long.toHexString(p.pc() - p.entry()));
            }
            sb.append(" fp=0x").append(Long.toHexString(p.fp())).append(" sp=0x").append(Long.toHexString(p.sp()))
                    .append(" pc=0x").append(Long.toHexString(p.pc()));
        }
        sb.append('\n');
    }

    /**
     * runtime/traceback.go printArgs: the compiler's program in {@code FUNCDATA_ArgInfo} says which words at the
     * argument pointer (the caller's frame, at fp on amd64) to print and how to group them; a register argument's
     * spill slot the function may not have written yet is marked {@code ?} by the liveness bitmap in
     * {@code FUNCDATA_ArgLiveInfo} at the pcdata index {@code PCDATA_ArgLiveIndex} of the frame's pc.
     */
    private void args(Unwinder.Physical p, StringBuilder sb) throws GoParseException {
        if (minor <= 16) {
            stackArgs(p, sb);
            return;
        }
        long program = funcdataAddress(p.func(), FUNCDATA_ARG_INFO);
        if (program < 0) {
            return;
        }
        long liveAt = funcdataAddress(p.func(), FUNCDATA_ARG_LIVE_INFO);
        long liveInfo = liveAt < 0 ? 0 : liveAt;
        // Before Go 1.21 the liveness index was read at the pc the inlined frames' loop had backed up to.
        int liveIdx = binary.pcdata(minor <= 20 ? p.callPc() : p.symPc(), PCDATA_ARG_LIVE_INDEX);
        int startOffset = liveInfo == 0 ? 0xff : mem.u8(liveInfo);
        long argp = p.fp() + minFrameSize;
        boolean start = true;
        int slot = 0;
        for (int pi = 0; pi < MAX_ARG_INFO; ) {
            int o = mem.u8(program + pi++);
            if (o == END_SEQ) {
                return;
            }
            if (o == START_AGG) {
                comma(start, sb);
                sb.append('{');
                start = true;
                continue;
            }
            if (o == END_AGG) {
                sb.append('}');
            } else if (o == DOTDOTDOT) {
                comma(start, sb);
                sb.append("...");
            } else if (o == OFFSET_TOO_LARGE) {
                comma(start, sb);
                sb.append('_');
            } else {
                comma(start, sb);
                int size = mem.u8(program + pi++);
                long x = mem.u64(argp + o);
                if (size == 0) {
                    x = 0;
                } else if (size < 8) {
                    int shift = 64 - size * 8;
                    x = x << shift >>> shift;
                }
                sb.append("0x").append(Long.toHexString(x));
                boolean live = liveInfo == 0 || liveIdx <= 0 || o < startOffset
                        || (mem.u8(liveInfo + liveIdx + slot / 8) & (1 << (slot % 8))) != 0;
                if (!live) {
                    sb.append('?');
                }
                if (o >= startOffset) {
                    slot++;
                }
            }
            start = false;
        }
        throw GoParseException.malformed("pclntab", -1, "the end of the argument-printing program of "
                + p.func().name() + " within " + MAX_ARG_INFO + " bytes");
    }

    /** {@return where a function's funcdata is in the process, or -1 when it has none} */
    private long funcdataAddress(Func f, int slot) throws GoParseException {
        long v = binary.funcdata(f, slot);
        if (v < 0) {
            return -1;
        }
        // Go 1.17's words are the binary's addresses (not checked on a core: no Go 1.17 toolchain here).
        return minor >= 18 ? gofunc + v : binary.address(v);
    }

    /**
     * runtime/traceback.go gentraceback (Go 1.16 and before, arguments on the stack): the words of the function's
     * argument area ({@code _func.args} bytes at the argument pointer), at most ten and then {@code , ...}. An unknown
     * size (a negative {@code args}) was taken as a huge unsigned one.
     */
    private void stackArgs(Unwinder.Physical p, StringBuilder sb) throws GoParseException {
        long words = Integer.toUnsignedLong(p.func().args()) / 8;
        for (long i = 0; i < words; i++) {
            if (i >= MAX_STACK_ARGS) {
                sb.append(", ...");
                return;
            }
            if (i != 0) {
                sb.append(", ");
            }
            sb.append("0x").append(Long.toHexString(mem.u64(p.fp() + minFrameSize + 8 * i)));
        }
    }

    private static void comma(boolean start, StringBuilder sb) {
        if (!start) {
            sb.append(", ");
        }
    }

    /** runtime/traceback.go printcreatedby: not for the main goroutine; the go statement's line and offset. */
    private void createdBy(Goroutine g, StringBuilder sb) throws GoParseException {
        long pc = g.creatorPc();
        Optional<Func> fo = binary.funcAt(pc);
        if (fo.isEmpty() || g.id() == 1) {
            return;
        }
        Func f = fo.get();
        long entry = binary.entry(f);
        long tracepc = pc > entry ? pc - 1 : pc;
        List<Frame> frames = binary.tracebackFrames(tracepc);
        if (frames.isEmpty()) {
            return;
        }
        String name = frames.get(frames.size() - 1).function();
        sb.append("created by ").append(name.equals("runtime.gopanic") ? "panic" : name);
        if (g.parentId() != 0) {
            sb.append(" in goroutine ").append(g.parentId());
        }
        // funcline reads the function's own pc tables: the innermost position at that pc, inlined or not.
        Frame where = frames.get(0);
        sb.append("\n\t").append(where.file()).append(':').append(where.line());
        if (pc > entry) {
            sb.append(" +0x").append(Long.toHexString(pc - entry));
        }
        sb.append('\n');
    }
}
