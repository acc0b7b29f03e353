package dev.gopherlens.pprof.goroutines;

import dev.gopherlens.core.Frame;
import dev.gopherlens.core.GoParseException;
import dev.gopherlens.core.Limits;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one decoder of goroutine dumps: a single pass over the lines, each line looked at a constant number of
 * times, so the work is linear in the input. Single-threaded; one instance per input.
 *
 * <p>The layout it reads is what runtime/traceback.go (Go 1.15 to 1.27) prints: a header line per goroutine, two
 * lines per frame (the call, then a tab and {@code file:line +0xoff}), a {@code created by} pair, elision markers,
 * ancestors, and blank lines between goroutines; before them runtime/panic.go's {@code panic:} lines,
 * {@code fatal error:} and {@code [signal …]}, and after them what {@code go run} adds ({@code exit status 2}).
 *
 * <p>Lenient about what real dumps vary in or mix in (unknown lines are kept, a missing blank line between
 * goroutines is tolerated, the input may end in the middle of a frame, as a cut-off log does); strict where the
 * frame structure itself is broken: a call not followed by its file line, a file line without a call, a header
 * or file line that does not parse. Those throw a {@link GoParseException} naming the line number and its byte
 * offset.
 */
final class DumpParser {
    /** The format name in exceptions. */
    static final String FORMAT = "goroutine dump";

    private static final String HEADER = "goroutine ";
    private static final String CREATED_BY = "created by ";
    private static final String IN_GOROUTINE = " in goroutine ";
    private static final String ORIGINATING = "[originating from goroutine ";
    private static final String NON_GO = "non-Go function at pc=";
    private static final String UNAVAILABLE = "\tgoroutine running on other thread; stack unavailable";

    private final byte[] data;
    private final int end;
    private final Limits limits;
    /** Function names and file names seen so far, so that a large dump holds each once. */
    private final Map<String, String> names = new HashMap<>();
    /** Frames without a pc seen so far, shared for the same reason. */
    private final Map<FrameKey, Frame> frames = new HashMap<>();

    private int pos;
    private String line;
    private int lineNumber;
    private long lineOffset;
    /** Whether {@link #line} was pushed back and is the next line to read. */
    private boolean pushedBack;

    private final List<Goroutine> goroutines = new ArrayList<>();
    private final List<Panic> panics = new ArrayList<>();
    private String fatalError = "";
    private String signal = "";
    private final List<Call> runtimeStack = new ArrayList<>();
    private final List<UnknownLine> unknown = new ArrayList<>();
    private int exitStatus = -1;
    private boolean truncated;
    /** A panic's text while its lines are read, or null. */
    private StringBuilder panicText;
    private int panicLine;
    /** Whether goroutines are kept for the model, or handed out one at a time and forgotten. */
    private final boolean retain;
    /** The goroutine read last. */
    private Goroutine last;
    private int goroutineCount;

    DumpParser(byte[] data, int start, int end, Limits limits, boolean retain) {
        this.data = data;
        this.pos = start;
        this.end = end;
        this.limits = limits;
        this.retain = retain;
    }

    /** Reads the whole input into a model. */
    GoroutineDump parse() throws GoParseException {
        while (step()) {
            // each step consumes at least one line
        }
        return new GoroutineDump(goroutines, crash(), runtimeStack, unknown, exitStatus, truncated, lineNumber);
    }

    /**
     * Reads up to the end of the next goroutine, collecting the top-level lines before it.
     *
     * @return the goroutine, or null at the end of the input
     */
    Goroutine nextGoroutine() throws GoParseException {
        last = null;
        while (last == null && step()) {
            // each step consumes at least one line
        }
        return last;
    }

    /** {@return the panics, fatal error and signal read so far} */
    Crash crash() {
        return new Crash(panics, fatalError, signal);
    }

    List<Call> runtimeStack() {
        return List.copyOf(runtimeStack);
    }

    List<UnknownLine> unknownLines() {
        return List.copyOf(unknown);
    }

    int exitStatus() {
        return exitStatus;
    }

    boolean truncated() {
        return truncated;
    }

    int lineCount() {
        return lineNumber;
    }

    /** Consumes one top-level line, and a goroutine's lines after its header; false at the end of the input. */
    private boolean step() throws GoParseException {
        if (!next()) {
            flushPanic();
            return false;
        }
        if (panicText != null) {
            if (!line.isEmpty() && !startsTopLevel(line)) {
                // A panic value with newlines prints its further lines as they are.
                panicText.append('\n').append(line);
                return true;
            }
            flushPanic();
        }
        if (line.isEmpty()) {
            return true;
        }
        if (isHeader(line)) {
            goroutine();
        } else if (line.startsWith("panic: ") || line.startsWith("\tpanic: ")) {
            panicText = new StringBuilder(line.substring(line.indexOf(':') + 2));
            panicLine = lineNumber;
        } else if (line.startsWith("fatal error: ") && fatalError.isEmpty()) {
            fatalError = line.substring("fatal error: ".length());
        } else if (line.startsWith("[signal ") && line.endsWith("]") && signal.isEmpty()) {
            signal = line.substring("[signal ".length(), line.length() - 1);
        } else if (isSignalHeader(line) && signal.isEmpty()) {
            // A signal the program did not handle (SIGQUIT, SIGABRT): runtime/signal_unix.go (Go 1.27)
            // sighandler prints its name and description, then "PC=… m=… sigcode=…" (kept as unknown).
            signal = line;
        } else if (line.equals("runtime stack:") && runtimeStack.isEmpty()) {
            // A fatal error's system stack: frames without a goroutine header, up to a blank line.
            Block b = new Block();
            frames(b, false);
            runtimeStack.addAll(b.calls);
        } else if (line.startsWith("exit status ") && exitStatus < 0 && isDigits(line, 12, line.length())
                && line.length() - 12 <= 9) {
            exitStatus = Integer.parseInt(line.substring(12));
        } else {
            unknown.add(new UnknownLine(lineNumber, line));
        }
        return true;
    }

    private void flushPanic() {
        if (panicText != null) {
            addPanic(panicText.toString(), panicLine);
            panicText = null;
        }
    }

    /** Whether a line begins a top-level item, which also ends a panic's text or a goroutine without a blank. */
    private static boolean startsTopLevel(String s) {
        return isHeader(s) || s.startsWith("panic: ") || s.startsWith("\tpanic: ") || s.startsWith("fatal error: ")
                || s.startsWith("[signal ") || s.equals("runtime stack:") || s.startsWith("exit status ")
                || isSignalHeader(s);
    }

    /** {@code SIGQUIT: quit}: SIG and capitals, a colon, a description. */
    private static boolean isSignalHeader(String s) {
        int colon = s.indexOf(": ");
        if (colon < 4 || !s.startsWith("SIG")) {
            return false;
        }
        for (int i = 3; i < colon; i++) {
            char c = s.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a line is meant as a goroutine header: {@code goroutine N}, ending with a colon. A program's own
     * {@code goroutine 3 finished} is not; {@code goroutine 3 running:} is, and broken.
     */
    private static boolean isHeader(String s) {
        return s.length() > HEADER.length() + 1 && s.startsWith(HEADER) && isDigit(s.charAt(HEADER.length()))
                && s.endsWith(":");
    }

    private void addPanic(String text, int at) {
        boolean recovered = false;
        boolean repanicked = false;
        if (text.endsWith(" [recovered, repanicked]")) {
            recovered = true;
            repanicked = true;
            text = text.substring(0, text.length() - " [recovered, repanicked]".length());
        } else if (text.endsWith(" [recovered]")) {
            recovered = true;
            text = text.substring(0, text.length() - " [recovered]".length());
        }
        panics.add(new Panic(text, recovered, repanicked, at));
    }

    /** What one goroutine (or the runtime stack, or an ancestor) collects while its lines are read. */
    private static final class Block {
        final List<Call> calls = new ArrayList<>();
        int elidedFrames;
        int elidedAt = -1;
        CreatedBy createdBy;
        boolean stackUnavailable;
    }

    private void goroutine() throws GoParseException {
        int headerLine = lineNumber;
        long headerOffset = lineOffset;
        String h = line;
        if (goroutineCount >= limits.maxTableEntries()) {
            throw GoParseException.limitExceeded(FORMAT, headerOffset, "maxTableEntries", goroutineCount + 1L,
                    limits.maxTableEntries());
        }
        // goroutine 7 gp=0x… m=3 mp=0x… [chan receive, 5 minutes, locked to thread] {k: v}:
        int i = HEADER.length();
        int idEnd = i;
        while (idEnd < h.length() && isDigit(h.charAt(idEnd))) {
            idEnd++;
        }
        long id = parseDecimal(h, i, idEnd);
        int open = h.indexOf('[', idEnd);
        int close = open < 0 ? -1 : h.indexOf(']', open);
        if (id < 0 || open < 0 || close < 0 || !h.endsWith(":") || h.charAt(open - 1) != ' ') {
            throw malformed("a goroutine header such as \"goroutine 7 [chan receive]:\"");
        }
        String threadInfo = h.substring(idEnd, open - 1).trim();
        String tail = h.substring(close + 1, h.length() - 1);
        Map<String, String> labels = new LinkedHashMap<>();
        if (!tail.isEmpty()) {
            if (!tail.startsWith(" {") || !tail.endsWith("}")) {
                throw malformed("\":\" or pprof labels \" {key: value}:\" after the goroutine state");
            }
            labels(tail.substring(2, tail.length() - 1), labels);
        }
        String inside = h.substring(open + 1, close);
        int comma = inside.indexOf(", ");
        String state = name(comma < 0 ? inside : inside.substring(0, comma));
        int minutes = 0;
        boolean locked = false;
        List<String> details = new ArrayList<>();
        while (comma >= 0) {
            int from = comma + 2;
            comma = inside.indexOf(", ", from);
            String p = comma < 0 ? inside.substring(from) : inside.substring(from, comma);
            if (p.endsWith(" minutes") && isDigits(p, 0, p.length() - 8)) {
                long m = parseDecimal(p, 0, p.length() - 8);
                minutes = (int) Math.min(Integer.MAX_VALUE, m < 0 ? Integer.MAX_VALUE : m);
            } else if (p.equals("locked to thread")) {
                locked = true;
            } else {
                details.add(p);
            }
        }
        Block b = new Block();
        List<Ancestor> ancestors = frames(b, true);
        last = new Goroutine(id, state, minutes, locked, details, threadInfo, labels, b.calls,
                b.elidedFrames, b.elidedAt < 0 ? b.calls.size() : b.elidedAt, Optional.ofNullable(b.createdBy),
                b.stackUnavailable, ancestors, headerLine);
        goroutineCount++;
        if (retain) {
            goroutines.add(last);
        }
    }

    /**
     * Reads the lines of one goroutine (or of the runtime stack) up to a blank line, the end, or a line that
     * starts a new top-level item, which is pushed back.
     *
     * @return the ancestors' stacks that followed the goroutine's own
     */
    private List<Ancestor> frames(Block own, boolean inGoroutine) throws GoParseException {
        List<Ancestor> ancestors = new ArrayList<>();
        Block b = own;
        long ancestorId = 0;
        while (next()) {
            if (line.isEmpty()) {
                break;
            }
            if (startsTopLevel(line)) {
                pushBack();
                break;
            }
            if (line.charAt(0) == '\t') {
                if (line.equals(UNAVAILABLE)) {
                    b.stackUnavailable = true;
                    continue;
                }
                throw malformed("a call such as \"main.f(0x1)\" before the line \"\\tfile:line\"");
            }
            if (line.startsWith(CREATED_BY)) {
                createdBy(b);
            } else if (line.startsWith("...") && line.endsWith(" frames elided...")
                    && isDigits(line, 3, line.length() - 17)) {
                long n = parseDecimal(line, 3, line.length() - 17);
                b.elidedFrames = (int) Math.min(Integer.MAX_VALUE, n < 0 ? Integer.MAX_VALUE : Math.max(1, n));
                b.elidedAt = b.calls.size();
            } else if (line.equals("...additional frames elided...")) {
                b.elidedFrames = -1;
                b.elidedAt = b.calls.size();
            } else if (inGoroutine && line.startsWith(ORIGINATING) && line.endsWith("]:")) {
                if (b != own) {
                    ancestors.add(ancestor(ancestorId, b));
                }
                ancestorId = parseDecimal(line, ORIGINATING.length(), line.length() - 2);
                if (ancestorId < 0) {
                    throw malformed("a goroutine id in \"[originating from goroutine N]:\"");
                }
                b = new Block();
            } else if (line.startsWith(NON_GO)) {
                long pc = parseHex(line, NON_GO.length(), line.length(), "a hex pc after \"" + NON_GO + "\"");
                addCall(b, new Call(new Frame("", "", 0, pc), "", -1, false, 0, 0));
            } else {
                call(b);
            }
        }
        if (b != own) {
            ancestors.add(ancestor(ancestorId, b));
        }
        return ancestors;
    }

    private static Ancestor ancestor(long id, Block b) {
        return new Ancestor(id, b.calls, b.elidedFrames != 0, Optional.ofNullable(b.createdBy));
    }

    private void addCall(Block b, Call c) throws GoParseException {
        if (b.calls.size() >= limits.maxStackDepth()) {
            throw GoParseException.limitExceeded(FORMAT, lineOffset, "maxStackDepth", b.calls.size() + 1L,
                    limits.maxStackDepth());
        }
        b.calls.add(c);
    }

    /** A call line and its file line: {@code main.f(0x1, {0x2, 0x3})} then {@code \tmain.go:12 +0x1d}. */
    private void call(Block b) throws GoParseException {
        String callLine = line;
        String function;
        String args;
        // The runtime prints no space in a function name (generic ones as F[...]), so a line with a space before
        // its parenthesis is a program's output, not a call.
        int firstParen = callLine.indexOf('(');
        boolean looksLikeCall = callLine.endsWith(")") && firstParen > 0
                && callLine.lastIndexOf(' ', firstParen) < 0;
        if (looksLikeCall) {
            // Arguments never contain a parenthesis; a function name may (main.(*T).m), so split at the last.
            int paren = callLine.lastIndexOf('(');
            function = callLine.substring(0, paren);
            args = callLine.substring(paren + 1, callLine.length() - 1);
        } else {
            // A cgo symbolizer's frame names a C function without arguments.
            function = callLine;
            args = "";
        }
        int callLineNumber = lineNumber;
        if (!next()) {
            if (looksLikeCall) {
                truncated = true;
            } else {
                unknown.add(new UnknownLine(callLineNumber, callLine));
            }
            return;
        }
        if (line.isEmpty() || line.charAt(0) != '\t' || line.equals(UNAVAILABLE)) {
            if (looksLikeCall) {
                throw malformed("a tab and \"file:line\" after the call on line " + callLineNumber);
            }
            // Not a frame: text the program printed, kept as it was; the line after is read again.
            unknown.add(new UnknownLine(callLineNumber, callLine));
            pushBack();
            return;
        }
        FileLine fl = fileLine();
        boolean inlined = args.equals("...") && fl.pcOffset < 0;
        addCall(b, new Call(frame(function, fl.file, fl.line, fl.pc), args.equals("...") ? "..." : args,
                fl.pcOffset, inlined, fl.fp, fl.sp));
    }

    /** {@code created by main.leak in goroutine 1} then {@code \tmain.go:164 +0x25}. */
    private void createdBy(Block b) throws GoParseException {
        String s = line.substring(CREATED_BY.length());
        long parent = 0;
        int in = s.lastIndexOf(IN_GOROUTINE);
        if (in > 0 && isDigits(s, in + IN_GOROUTINE.length(), s.length())) {
            parent = parseDecimal(s, in + IN_GOROUTINE.length(), s.length());
            if (parent < 0) {
                throw malformed("a goroutine id after \"in goroutine\"");
            }
            s = s.substring(0, in);
        }
        int createdLine = lineNumber;
        if (!next()) {
            truncated = true;
            return;
        }
        if (line.isEmpty() || line.charAt(0) != '\t') {
            throw malformed("a tab and \"file:line\" after \"created by\" on line " + createdLine);
        }
        FileLine fl = fileLine();
        b.createdBy = new CreatedBy(frame(s, fl.file, fl.line, fl.pc), fl.pcOffset, parent);
    }

    private record FileLine(String file, int line, long pcOffset, long fp, long sp, long pc) {
    }

    /** {@code \tfile:line}, then optionally {@code +0xoff}, then {@code fp=0x… sp=0x… pc=0x…} or {@code pc=…}. */
    private FileLine fileLine() throws GoParseException {
        String s = line;
        int cut = s.length();
        long fp = 0;
        long sp = 0;
        long pc = 0;
        int fpAt = s.lastIndexOf(" fp=");
        if (fpAt > 0) {
            // fp=0x… sp=0x… pc=0x… (GOTRACEBACK=system, or the crashing goroutine of a runtime error)
            String[] regs = s.substring(fpAt + 1).split(" ", -1);
            if (regs.length != 3 || !regs[0].startsWith("fp=") || !regs[1].startsWith("sp=")
                    || !regs[2].startsWith("pc=")) {
                throw malformed("\"fp=0x… sp=0x… pc=0x…\" after the file and line");
            }
            fp = parseHex(regs[0], 3, regs[0].length(), "a hex fp");
            sp = parseHex(regs[1], 3, regs[1].length(), "a hex sp");
            pc = parseHex(regs[2], 3, regs[2].length(), "a hex pc");
            cut = fpAt;
        } else {
            int pcAt = s.lastIndexOf("pc=0x");
            if (pcAt >= 1 && (s.charAt(pcAt - 1) == ' ' || s.charAt(pcAt - 1) == '\t')) {
                // A cgo symbolizer's frame: "\tfile:line pc=0x…" or, with no file, "\tpc=0x…".
                pc = parseHex(s, pcAt + 3, s.length(), "a hex pc");
                cut = pcAt - 1;
                if (cut == 0) {
                    return new FileLine("", 0, -1, 0, 0, pc);
                }
            }
        }
        long offset = -1;
        int plus = s.lastIndexOf(" +0x", cut);
        if (plus > 0 && plus + 4 < cut) {
            offset = parseHex(s, plus + 2, cut, "a hex pc offset after \"+\"");
            cut = plus;
        }
        int colon = s.lastIndexOf(':', cut - 1);
        if (colon <= 1 || !isDigits(s, colon + 1, cut) || cut - colon - 1 > 9) {
            throw malformed("a tab and \"file:line\" with a decimal line number");
        }
        int ln = Integer.parseInt(s, colon + 1, cut, 10);
        return new FileLine(name(s.substring(1, colon)), ln, offset, fp, sp, pc);
    }

    /** Parses {@code key: value, "quoted key": "quoted, value"}, printed by goroutineheader (Go 1.27). */
    private void labels(String s, Map<String, String> out) throws GoParseException {
        int i = 0;
        int n = s.length();
        while (i < n) {
            StringBuilder key = new StringBuilder();
            i = token(s, i, key, ':');
            if (i + 1 >= n || s.charAt(i) != ':' || s.charAt(i + 1) != ' ') {
                throw malformed("\"key: value\" in the goroutine's labels");
            }
            StringBuilder value = new StringBuilder();
            i = token(s, i + 2, value, ',');
            out.put(key.toString(), value.toString());
            if (i < n) {
                if (i + 1 >= n || s.charAt(i) != ',' || s.charAt(i + 1) != ' ') {
                    throw malformed("\", \" between the goroutine's labels");
                }
                i += 2;
            }
        }
    }

    /** Reads a bare token up to {@code stop}, or a Go-quoted string; returns the index after it. */
    private int token(String s, int i, StringBuilder out, char stop) throws GoParseException {
        int n = s.length();
        if (i < n && s.charAt(i) == '"') {
            i++;
            while (i < n && s.charAt(i) != '"') {
                char c = s.charAt(i);
                if (c == '\\' && i + 1 < n) {
                    char e = s.charAt(++i);
                    switch (e) {
                        case 'n' -> out.append('\n');
                        case 't' -> out.append('\t');
                        case 'r' -> out.append('\r');
                        case '"', '\\' -> out.append(e);
                        default -> out.append('\\').append(e);
                    }
                } else {
                    out.append(c);
                }
                i++;
            }
            if (i >= n) {
                throw malformed("a closing quote in the goroutine's labels");
            }
            return i + 1;
        }
        while (i < n && s.charAt(i) != stop) {
            out.append(s.charAt(i++));
        }
        return i;
    }

    /** Returns one shared frame for each function, file and line without a pc: most goroutines share them. */
    private Frame frame(String function, String file, int line, long pc) {
        if (pc != 0) {
            return new Frame(name(function), file, line, pc);
        }
        FrameKey k = new FrameKey(function, file, line);
        Frame f = frames.get(k);
        if (f == null) {
            f = Frame.of(name(function), file, line);
            frames.put(k, f);
        }
        return f;
    }

    private record FrameKey(String function, String file, int line) {
    }

    private String name(String s) {
        String known = names.putIfAbsent(s, s);
        return known != null ? known : s;
    }

    private GoParseException malformed(String expected) {
        return GoParseException.malformed(FORMAT, lineOffset, "line " + lineNumber + ": expected " + expected
                + ", found \"" + abbreviate(line) + "\"");
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }

    /** Reads the next line into {@link #line}, without its terminator; false at the end of the input. */
    private boolean next() throws GoParseException {
        if (pushedBack) {
            pushedBack = false;
            return true;
        }
        if (pos >= end) {
            return false;
        }
        int start = pos;
        int nl = start;
        while (nl < end && data[nl] != '\n') {
            nl++;
        }
        int stop = nl > start && data[nl - 1] == '\r' ? nl - 1 : nl;
        if (stop - start > limits.maxStringLength()) {
            throw GoParseException.limitExceeded(FORMAT, start, "maxStringLength", stop - start,
                    limits.maxStringLength());
        }
        line = new String(data, start, stop - start, StandardCharsets.UTF_8);
        lineOffset = start;
        lineNumber++;
        pos = nl < end ? nl + 1 : end;
        return true;
    }

    private void pushBack() {
        pushedBack = true;
    }

    /** Parses {@code 0x} and 1 to 16 hex digits at {@code s[from, to)}. */
    private long parseHex(String s, int from, int to, String what) throws GoParseException {
        if (to - from < 3 || to - from > 18 || s.charAt(from) != '0' || s.charAt(from + 1) != 'x') {
            throw malformed(what);
        }
        long v = 0;
        for (int i = from + 2; i < to; i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0) {
                throw malformed(what);
            }
            v = (v << 4) | d;
        }
        return v;
    }

    /** Parses decimal digits at {@code s[from, to)}; -1 when there are none, others, or the value overflows. */
    private static long parseDecimal(String s, int from, int to) {
        if (from >= to || to - from > 18) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static boolean isDigits(String s, int from, int to) {
        if (from >= to || from < 0) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
