package dev.gopherlens.trace.testing;

import dev.gopherlens.trace.TraceVersion;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * One of the Go project's execution-trace tests ({@code trace/testdata/tests/*.test} in golang.org/x/exp): a txtar
 * archive of an {@code expect} section ({@code SUCCESS}, or {@code FAILURE} and a quoted Go regexp the reader's
 * error must match) and a {@code trace} section, the wire format written as text.
 *
 * <p>The text becomes wire bytes as Go's {@code raw.TextReader} and {@code raw.Writer} make them: the 16-byte
 * header, then per event its type byte, its arguments as minimal unsigned LEB128, a stack's frames (four varints
 * each), and a data event's length and bytes. Malformed text fails with Go's message, prefixed with the file's
 * name and line.
 */
public final class TraceTestFile {

    /**
     * An event type of the wire format, from the spec table of golang.org/x/exp's {@code internal/tracev2}.
     *
     * @param name  the name the text format uses
     * @param args  the arguments' names, in wire order
     * @param stack whether {@code nframes} frames of {@code pc func file line} follow the arguments
     * @param data  whether a length and that many bytes follow
     */
    record Spec(String name, List<String> args, boolean stack, boolean data) {
    }

    /** The event types by number; Go 1.22's table is a prefix of 1.23's, and so on. */
    private static final Spec[] SPECS = new Spec[137];
    private static final List<String> FRAME = List.of("pc", "func", "file", "line");

    static {
        String[] byNumber = {null, "EventBatch gen m time size", "Stacks", "Stack id nframes", "Strings",
                "String id", "CPUSamples", "CPUSample time m p g stack", "Frequency freq",
                "ProcsChange dt procs_value stack", "ProcStart dt p p_seq", "ProcStop dt", "ProcSteal dt p p_seq m",
                "ProcStatus dt p pstatus", "GoCreate dt new_g new_stack stack", "GoCreateSyscall dt new_g",
                "GoStart dt g g_seq", "GoDestroy dt", "GoDestroySyscall dt", "GoStop dt reason_string stack",
                "GoBlock dt reason_string stack", "GoUnblock dt g g_seq stack", "GoSyscallBegin dt p_seq stack",
                "GoSyscallEnd dt", "GoSyscallEndBlocked dt", "GoStatus dt g m gstatus",
                "STWBegin dt kind_string stack", "STWEnd dt", "GCActive dt gc_seq", "GCBegin dt gc_seq stack",
                "GCEnd dt gc_seq", "GCSweepActive dt p", "GCSweepBegin dt stack",
                "GCSweepEnd dt swept_value reclaimed_value", "GCMarkAssistActive dt g", "GCMarkAssistBegin dt stack",
                "GCMarkAssistEnd dt", "HeapAlloc dt heapalloc_value", "HeapGoal dt heapgoal_value",
                "GoLabel dt label_string", "UserTaskBegin dt task parent_task name_string stack",
                "UserTaskEnd dt task stack", "UserRegionBegin dt task name_string stack",
                "UserRegionEnd dt task name_string stack", "UserLog dt task key_string value_string stack",
                // 45: Go 1.23
                "GoSwitch dt g g_seq", "GoSwitchDestroy dt g g_seq", "GoCreateBlocked dt new_g new_stack stack",
                "GoStatusStack dt g m gstatus stack", "ExperimentalBatch exp gen m time",
                // 50: Go 1.25, 52: Go 1.26
                "Sync", "ClockSnapshot dt mono sec nsec", "EndOfGeneration"};
        // The AllocFree experiment's events, numbered from 128 (Go 1.26's table; Go 1.23 to 1.25 lack them).
        String[] experimental = {"Span dt id npages_value kindclass", "SpanAlloc dt id npages_value kindclass",
                "SpanFree dt id", "HeapObject dt id type", "HeapObjectAlloc dt id type", "HeapObjectFree dt id",
                "GoroutineStack dt id order", "GoroutineStackAlloc dt id order", "GoroutineStackFree dt id"};
        for (int i = 1; i < byNumber.length; i++) {
            SPECS[i] = spec(byNumber[i]);
        }
        for (int i = 0; i < experimental.length; i++) {
            SPECS[128 + i] = spec(experimental[i]);
        }
    }

    private static Spec spec(String line) {
        List<String> words = List.of(line.split(" "));
        String name = words.get(0);
        return new Spec(name, words.subList(1, words.size()), name.equals("Stack"),
                name.equals("String") || name.equals("ExperimentalBatch"));
    }

    /**
     * The event types a version's text may name, as Go's {@code version.Version.Specs}: none for the Go 1.11 to
     * 1.21 formats, whose text form Go never defined.
     *
     * @return the types, indexed by number, with nulls for unused numbers
     */
    static List<Spec> specs(TraceVersion v) {
        int end = switch (v) {
            case GO_1_22 -> 45;
            case GO_1_23 -> 50;
            case GO_1_25 -> 52;
            case GO_1_26 -> SPECS.length;
            default -> 0;
        };
        return Arrays.asList(SPECS).subList(0, end);
    }

    private final String name;
    private final TraceVersion version;
    private final Pattern failurePattern;
    private final byte[] bytes;

    private TraceTestFile(String name, TraceVersion version, Pattern failurePattern, byte[] bytes) {
        this.name = name;
        this.version = version;
        this.failurePattern = failurePattern;
        this.bytes = bytes;
    }

    /**
     * Reads a test file.
     *
     * @param path a {@code .test} file
     * @return the test
     * @throws IOException if the file cannot be read, or is not UTF-8
     * @throws IllegalArgumentException if the file is malformed
     */
    public static TraceTestFile read(Path path) throws IOException {
        String file = path.getFileName().toString();
        return parse(file.endsWith(".test") ? file.substring(0, file.length() - ".test".length()) : file,
                Files.readString(path));
    }

    /** Parses a test file's text; {@code name} only labels it and its errors. */
    static TraceTestFile parse(String name, String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1); // the end of the last line, not another line
        }
        lines.replaceAll(l -> l.endsWith("\r") ? l.substring(0, l.length() - 1) : l);
        // txtar: a line "-- NAME --" starts a section; Go's test harness wants exactly expect, then trace.
        List<Integer> markers = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!sectionName(lines.get(i)).isEmpty()) {
                markers.add(i);
            }
        }
        if (markers.size() != 2) {
            throw new IllegalArgumentException(name + ": malformed test: wrong number of files");
        }
        int expect = markers.get(0);
        int trace = markers.get(1);
        if (!sectionName(lines.get(expect)).equals("expect") || !sectionName(lines.get(trace)).equals("trace")) {
            throw new IllegalArgumentException(name + ": malformed test: want sections expect, then trace");
        }
        Pattern failure = expectation(name, expect + 1 < trace ? lines.get(expect + 1) : null);
        Converter c = new Converter(name, lines, trace + 1);
        return new TraceTestFile(name, c.version, failure, c.convert());
    }

    private static String sectionName(String line) {
        if (line.length() >= 6 && line.startsWith("-- ") && line.endsWith(" --")) {
            return line.substring(3, line.length() - 3).strip();
        }
        return "";
    }

    /** Go's {@code testtrace.ParseExpectation}: only the first line counts, and no line at all is success. */
    private static Pattern expectation(String name, String line) {
        if (line == null) {
            return null;
        }
        String[] c = line.split(" ", 2);
        switch (c[0]) {
            case "SUCCESS":
                return null;
            case "FAILURE":
                if (c.length != 2) {
                    throw new IllegalArgumentException(name + ": bad header line for FAILURE: "
                            + GoQuote.quote(line));
                }
                return goRegexp(new String(GoQuote.unquote(c[1]), StandardCharsets.UTF_8));
            default:
                throw new IllegalArgumentException(name + ": bad header line: " + GoQuote.quote(line));
        }
    }

    /** {@return the file's name without {@code .test}, such as {@code go122-gc-stress}} */
    public String name() {
        return name;
    }

    /** {@return the version the text declares, and the wire bytes' header names} */
    public TraceVersion version() {
        return version;
    }

    /** {@return whether reading the trace should succeed} */
    public boolean expectSuccess() {
        return failurePattern == null;
    }

    /** {@return what the reader's error must contain when a failure is expected, else null} */
    public Pattern failurePattern() {
        return failurePattern;
    }

    /** {@return the trace in the wire format; a fresh copy} */
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * Judges a reader's outcome as Go's {@code testtrace.Expectation.Check} does: an expected success wants no
     * error; an expected failure wants an error the pattern finds a match in, anywhere.
     *
     * @param errorText the error's message, or null if reading succeeded
     * @return whether the outcome is the expected one
     */
    public boolean matches(String errorText) {
        if (failurePattern == null || errorText == null) {
            return failurePattern == null && errorText == null;
        }
        return failurePattern.matcher(errorText).find();
    }

    @Override
    public String toString() {
        return name;
    }

    /** Go's {@code raw.TextReader} feeding {@code raw.Writer}. */
    private static final class Converter {
        private final String name;
        private final List<String> lines;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final TraceVersion version;
        private final List<Spec> specs;
        private final Map<String, Integer> types = new HashMap<>();
        private int next;
        private int lineNo;

        Converter(String name, List<String> lines, int first) {
            this.name = name;
            this.lines = lines;
            this.next = first;
            String line = nextLine();
            if (line == null) {
                throw error("no header");
            }
            String[] trace = token(line);
            if (!trace[0].equals("Trace")) {
                throw error("failed to parse header");
            }
            String[] gover = token(trace[1]);
            if (!gover[0].startsWith("Go1.")) {
                throw error("failed to parse header Go version");
            }
            long minor;
            try {
                minor = uint(gover[0].substring(4), "failed to parse header Go version: " + gover[0]);
            } catch (IllegalArgumentException e) {
                throw error(e.getMessage());
            }
            version = Arrays.stream(TraceVersion.values()).filter(v -> v.minor() == minor).findFirst()
                    .orElseThrow(() -> error("unknown or unsupported Go version 1." + Long.toUnsignedString(minor)));
            if (!isBlank(gover[1])) {
                throw error("encountered unexpected non-space at the end of the header: " + GoQuote.quote(gover[1]));
            }
            specs = specs(version);
            for (int t = 0; t < specs.size(); t++) {
                if (specs.get(t) != null) {
                    types.put(specs.get(t).name(), t);
                }
            }
            out.writeBytes(Arrays.copyOf(version.header().getBytes(StandardCharsets.US_ASCII),
                    TraceVersion.HEADER_LENGTH));
        }

        byte[] convert() {
            for (String line = nextLine(); line != null; line = nextLine()) {
                String[] ev = token(line);
                Integer type = types.get(ev[0]);
                if (type == null) {
                    throw error("unidentified event: " + ev[0]);
                }
                Spec spec = specs.get(type);
                long[] args;
                try {
                    args = args(ev[1], spec.args());
                } catch (IllegalArgumentException e) {
                    throw error("reading args for " + ev[0] + ": " + e.getMessage());
                }
                out.write(type);
                if (spec.stack()) {
                    // Go converts nframes to int: a count past 2^63 reads as negative, so as no frames.
                    for (long i = 0, n = args[1]; i < n; i++) {
                        String frame = nextLine();
                        if (frame == null) {
                            throw error("unexpected EOF while reading stack: args=" + list(args));
                        }
                        try {
                            args = LongStream.concat(Arrays.stream(args), Arrays.stream(args(frame, FRAME)))
                                    .toArray();
                        } catch (IllegalArgumentException e) {
                            throw error(e.getMessage());
                        }
                    }
                }
                varints(args);
                if (spec.data()) {
                    String data = nextLine();
                    if (data == null) {
                        throw error("unexpected EOF while reading data for " + ev[0] + ": args=" + list(args));
                    }
                    int eq = data.indexOf('=');
                    if (eq < 0 || !data.substring(0, eq).strip().equals("data")) {
                        throw error("malformed data: " + GoQuote.quote(data));
                    }
                    byte[] b;
                    try {
                        b = GoQuote.unquote(trimSpace(data.substring(eq + 1)));
                    } catch (IllegalArgumentException e) {
                        throw error("failed to parse data: " + GoQuote.quote(data) + ": invalid syntax");
                    }
                    varint(b.length);
                    out.writeBytes(b);
                }
            }
            return out.toByteArray();
        }

        /** The next line with a token; blank and comment lines are skipped, even inside a stack. */
        private String nextLine() {
            while (next < lines.size()) {
                lineNo = next + 1;
                String line = lines.get(next++);
                if (!token(line)[0].isEmpty()) {
                    return line;
                }
            }
            return null;
        }

        /** Go's {@code readArgs}: exactly the named arguments, in order, then only spaces. */
        private static long[] args(String s, List<String> names) {
            long[] args = new long[names.size()];
            for (int i = 0; i < args.length; i++) {
                String[] tok = token(s);
                if (tok[0].isEmpty()) {
                    throw new IllegalArgumentException("no argument");
                }
                int eq = tok[0].indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException("malformed argument: " + GoQuote.quote(tok[0]));
                }
                String arg = tok[0].substring(0, eq);
                String val = tok[0].substring(eq + 1);
                args[i] = uint(val, "failed to parse argument value " + GoQuote.quote(val) + " for arg "
                        + GoQuote.quote(arg));
                if (!arg.equals(names.get(i))) {
                    throw new IllegalArgumentException("expected argument " + GoQuote.quote(names.get(i))
                            + ", but got " + GoQuote.quote(arg));
                }
                s = tok[1];
            }
            if (!isBlank(s)) {
                throw new IllegalArgumentException("encountered unexpected non-space at the end of an event: "
                        + GoQuote.quote(s));
            }
            return args;
        }

        /** Go's {@code strconv.ParseUint(s, 10, 64)}: decimal digits only, no sign, at most 2^64-1. */
        private static long uint(String s, String message) {
            if (s.isEmpty() || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException(message);
            }
            try {
                return Long.parseUnsignedLong(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(message);
            }
        }

        private void varints(long[] values) {
            for (long v : values) {
                varint(v);
            }
        }

        /** Unsigned LEB128, as Go's {@code binary.AppendUvarint}: no more bytes than the value needs. */
        private void varint(long v) {
            while (Long.compareUnsigned(v, 0x80) >= 0) {
                out.write((int) (v & 0x7F) | 0x80);
                v >>>= 7;
            }
            out.write((int) v);
        }

        private IllegalArgumentException error(String message) {
            return new IllegalArgumentException(name + ":" + lineNo + ": " + message);
        }

        private static String list(long[] args) {
            return Arrays.stream(args).mapToObj(Long::toUnsignedString).collect(Collectors.joining(" ", "[", "]"));
        }
    }

    /**
     * Go's {@code readToken}: the first run of non-space characters, ended by a space or {@code #}; nothing when a
     * {@code #} comes first.
     *
     * @return the token (possibly empty) and the rest of the line
     */
    static String[] token(String s) {
        int start = 0;
        while (start < s.length() && isSpace(s.charAt(start))) {
            start++;
        }
        if (start == s.length() || s.charAt(start) == '#') {
            return new String[] {"", ""};
        }
        int end = start;
        while (end < s.length() && !isSpace(s.charAt(end)) && s.charAt(end) != '#') {
            end++;
        }
        return new String[] {s.substring(start, end), s.substring(end)};
    }

    /** Go's {@code unicode.IsSpace}: the Latin-1 spaces, U+0085 and U+00A0 among them, and Unicode's others. */
    private static boolean isSpace(char c) {
        return c <= 0xFF ? "\t\n\u000b\f\r \u0085\u00a0".indexOf(c) >= 0 : Character.isSpaceChar(c);
    }

    private static boolean isBlank(String s) {
        return s.chars().allMatch(c -> isSpace((char) c));
    }

    private static String trimSpace(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && isSpace(s.charAt(a))) {
            a++;
        }
        while (b > a && isSpace(s.charAt(b - 1))) {
            b--;
        }
        return s.substring(a, b);
    }

    private static final Pattern REPEAT = Pattern.compile("\\{\\d+(,\\d*)?}");
    private static final Map<String, String> POSIX = Map.ofEntries(Map.entry("alnum", "Alnum"),
            Map.entry("alpha", "Alpha"), Map.entry("ascii", "ASCII"), Map.entry("blank", "Blank"),
            Map.entry("cntrl", "Cntrl"), Map.entry("digit", "Digit"), Map.entry("graph", "Graph"),
            Map.entry("lower", "Lower"), Map.entry("print", "Print"), Map.entry("punct", "Punct"),
            Map.entry("space", "Space"), Map.entry("upper", "Upper"), Map.entry("xdigit", "XDigit"));

    /**
     * Compiles a Go (RE2) regexp as a Java pattern that matches the same text. Where the two syntaxes read the
     * same characters differently, this rewrites them: {@code $} (Go: the end of the text only), {@code \s} and
     * {@code \b} (Go: ASCII only), {@code \v}, octal escapes, {@code \pL}, {@code (?P<name>)}, POSIX classes, a
     * brace that starts no repetition, and {@code [} and {@code &} inside a class (literals in Go). Go's flags
     * {@code m} and {@code U} have no rewrite here and are refused.
     *
     * @param re a regexp Go compiles
     * @return the pattern, for {@link java.util.regex.Matcher#find()}, as Go's {@code MatchString} is unanchored
     */
    static Pattern goRegexp(String re) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < re.length()) {
            char c = re.charAt(i);
            if (c == '\\') {
                i = escape(re, i, out, false);
            } else if (c == '[') {
                i = charClass(re, i, out);
            } else if (c == '$') {
                out.append("\\z");
                i++;
            } else if (c == '{' && !REPEAT.matcher(re).region(i, re.length()).lookingAt()) {
                out.append("\\{");
                i++;
            } else if (re.startsWith("(?P<", i)) {
                out.append("(?<");
                i += 4;
            } else if (re.startsWith("(?", i) && re.charAt(i + 2) != '<') {
                int end = i + 2;
                while (end < re.length() && re.charAt(end) != ')' && re.charAt(end) != ':') {
                    end++;
                }
                String flags = re.substring(i + 2, end);
                if (flags.contains("m") || flags.contains("U")) {
                    throw new IllegalArgumentException("Go regexp flags " + flags + " are not supported: " + re);
                }
                out.append(re, i, end);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        // UNIX_LINES: Go's . stops only at \n; UNICODE_CASE: Go's (?i) folds all of Unicode.
        return Pattern.compile(out.toString(), Pattern.UNIX_LINES | Pattern.UNICODE_CASE);
    }

    private static int escape(String re, int i, StringBuilder out, boolean inClass) {
        if (i + 1 >= re.length()) {
            throw new IllegalArgumentException("trailing backslash: " + re);
        }
        char e = re.charAt(i + 1);
        switch (e) {
            case 's' -> out.append(inClass ? "\\t\\n\\f\\r " : "[\\t\\n\\f\\r ]");
            case 'S' -> {
                if (inClass) {
                    throw new IllegalArgumentException("\\S in a class is not supported: " + re);
                }
                out.append("[^\\t\\n\\f\\r ]");
            }
            // Java 17's \b looks at Unicode letters even where \w is ASCII; Go's \b is ASCII throughout.
            case 'b' -> out.append("(?:(?<=\\w)(?!\\w)|(?<!\\w)(?=\\w))");
            case 'B' -> out.append("(?:(?<=\\w)(?=\\w)|(?<!\\w)(?!\\w))");
            case 'v' -> out.append("\\x0B");
            case 'p', 'P' -> {
                boolean braced = i + 2 < re.length() && re.charAt(i + 2) == '{';
                int end = braced ? re.indexOf('}', i) + 1 : i + 3;
                String prop = braced ? re.substring(i + 3, end - 1) : re.substring(i + 2, end);
                boolean negated = (e == 'P') != prop.startsWith("^");
                out.append(negated ? "\\P{Is" : "\\p{Is").append(prop.replaceFirst("^\\^", "")).append('}');
                return end;
            }
            case 'Q' -> {
                int end = re.indexOf("\\E", i + 2);
                out.append(re, i, end < 0 ? re.length() : end + 2);
                if (end < 0) {
                    out.append("\\E");
                }
                return end < 0 ? re.length() : end + 2;
            }
            default -> {
                if (e >= '0' && e <= '7') {
                    // Go: up to three octal digits; Java would read \1 as a backreference.
                    int end = i + 2;
                    while (end < re.length() && end < i + 4 && re.charAt(end) >= '0' && re.charAt(end) <= '7') {
                        end++;
                    }
                    out.append("\\x{").append(Integer.toHexString(Integer.parseInt(re.substring(i + 1, end), 8)))
                            .append('}');
                    return end;
                }
                out.append(re, i, i + 2);
            }
        }
        return i + 2;
    }

    private static int charClass(String re, int i, StringBuilder out) {
        out.append('[');
        i++;
        if (i < re.length() && re.charAt(i) == '^') {
            out.append('^');
            i++;
        }
        if (i < re.length() && re.charAt(i) == ']') {
            out.append("\\]"); // Go: a ] first in a class is a literal
            i++;
        }
        while (i < re.length() && re.charAt(i) != ']') {
            char c = re.charAt(i);
            if (re.startsWith("[:", i) && re.indexOf(":]", i + 2) > 0) {
                int end = re.indexOf(":]", i + 2);
                String posix = re.substring(i + 2, end);
                boolean negated = posix.startsWith("^");
                String name = negated ? posix.substring(1) : posix;
                String java = name.equals("word") ? "w" : POSIX.get(name);
                if (java == null) {
                    throw new IllegalArgumentException("unknown POSIX class " + posix + ": " + re);
                }
                out.append(java.equals("w") ? (negated ? "\\W" : "\\w")
                        : (negated ? "\\P{" : "\\p{") + java + "}");
                i = end + 2;
            } else if (c == '\\') {
                i = escape(re, i, out, true);
            } else {
                if (c == '[' || c == '&') {
                    out.append('\\'); // Java reads [ as a nested class and && as an intersection
                }
                out.append(c);
                i++;
            }
        }
        out.append(']');
        return i + 1;
    }
}
