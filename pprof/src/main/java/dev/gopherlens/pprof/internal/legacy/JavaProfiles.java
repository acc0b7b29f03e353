package dev.gopherlens.pprof.internal.legacy;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.pprof.ValueType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Java's legacy profiles: {@code --- heapz 1 ---} and {@code --- contentionz 1 ---} in text (attributes, samples
 * {@code value count @ ids}, then one {@code 0xID function (file:line)} line per id), and the names that follow the
 * samples of a binary Java CPU profile, read as google/pprof's legacy_java_profile.go does. Locations lose their
 * ids once named, as its {@code Aggregate} leaves them. Stateless.
 */
final class JavaProfiles {
    static final String FORMAT = "pprof java text";

    /** javaHeapzSamplingRate: 512 KiB between samples. */
    private static final long HEAPZ_SAMPLING_RATE = 524288;

    private static final Pattern SAMPLE = Pattern.compile(" *(\\d+) +(\\d+) +@ +([ x0-9a-f]*)");
    private static final Pattern LOCATION = Pattern.compile(
            "^[\\t\\n\\f\\r ]*0x([0-9A-Fa-f]+)[\\t\\n\\f\\r ]+(.*)[\\t\\n\\f\\r ]*\\z", Pattern.DOTALL);
    private static final Pattern FILE_LINE = Pattern.compile("^(.*)[\\t\\n\\f\\r ]+\\((.+):(-?[0-9]+)\\)\\z",
            Pattern.DOTALL);
    private static final Pattern PATH = Pattern.compile("^(.*)[\\t\\n\\f\\r ]+\\((.*)\\)\\z", Pattern.DOTALL);

    private JavaProfiles() {
    }

    /**
     * Reads a Java heapz or contentionz profile.
     *
     * @param data the text's bytes as ISO-8859-1 characters
     * @return the profile, or null when the first line is neither header
     * @throws GoParseException if a line is malformed
     */
    static Draft read(String data) throws GoParseException {
        int nl = data.indexOf('\n');
        if (nl < 0) {
            return null;
        }
        String header = Text.trimSpace(data.substring(0, nl));
        String type;
        if (header.equals("--- heapz 1 ---")) {
            type = "heap";
        } else if (header.equals("--- contentionz 1 ---")) {
            type = "contention";
        } else {
            return null;
        }
        Draft p = new Draft(FORMAT);
        p.periodType = new ValueType("", "");
        Text text = new Text(FORMAT, data, nl + 1);
        GoNumbers numbers = new GoNumbers();
        // Attributes, up to the first line that is none. Only lines ending with a newline count, here and below.
        int pos = nl + 1;
        while (true) {
            int e = data.indexOf('\n', pos);
            if (e < 0) {
                break;
            }
            String line = Text.trimSpace(data.substring(pos, e));
            if (!line.isEmpty()) {
                String[] h = attribute(line);
                if (h == null) {
                    break;
                }
                String attribute = Text.trimSpace(h[0]);
                String value = Text.trimSpace(h[1]);
                switch (type + "/" + attribute) {
                    case "heap/format", "cpu/format", "contention/format" -> {
                        if (!value.equals("java")) {
                            throw unrecognized(data, pos, "format = java, found " + value);
                        }
                    }
                    case "heap/resolution" -> {
                        p.sampleTypes.clear();
                        p.sampleTypes.add(new ValueType("inuse_objects", "count"));
                        p.sampleTypes.add(new ValueType("inuse_space", value));
                    }
                    case "contention/resolution" -> {
                        p.sampleTypes.clear();
                        p.sampleTypes.add(new ValueType("contentions", "count"));
                        p.sampleTypes.add(new ValueType("delay", value));
                    }
                    case "contention/sampling period" -> {
                        p.periodType = new ValueType("contentions", "count");
                        p.period = numbers.parseInt(value, 0);
                        if (!numbers.ok) {
                            throw malformed(data, pos, "a number for the sampling period, found "
                                    + value);
                        }
                    }
                    case "contention/ms since reset" -> {
                        long millis = numbers.parseInt(value, 0);
                        if (!numbers.ok) {
                            throw malformed(data, pos, "a number for ms since reset, found "
                                    + value);
                        }
                        p.durationNanos = millis * 1000 * 1000;
                    }
                    default -> throw unrecognized(data, pos, "a Java " + type + " attribute, found "
                            + attribute);
                }
            }
            pos = e + 1;
        }
        // Samples, up to the first line that is none.
        while (true) {
            int e = data.indexOf('\n', pos);
            if (e < 0) {
                break;
            }
            String line = Text.trimSpace(data.substring(pos, e));
            if (!line.isEmpty()) {
                Matcher m = match(data, text, pos, SAMPLE, line);
                if (m == null) {
                    break;
                }
                // Java profiles put the count second.
                List<Long> addrs;
                try {
                    addrs = Addresses.parse(text, m.group(3));
                } catch (GoParseException bad) {
                    throw malformed(data, pos, bad.reason());
                }
                List<Draft.DLocation> stack = new ArrayList<>(addrs.size());
                for (long addr : addrs) {
                    stack.add(p.location(addr));
                }
                long v0 = numbers.parseInt(m.group(2), 0);
                boolean ok = numbers.ok;
                long v1 = numbers.parseInt(m.group(1), 0);
                if (!ok || !numbers.ok) {
                    throw malformed(data, pos, "a sample's numbers, decimal or with a base "
                            + "prefix, of 64 bits");
                }
                Draft.DSample s = new Draft.DSample(new long[] {v0, v1}, stack);
                if (type.equals("heap")) {
                    if (v0 == 0) {
                        throw malformed(data, pos, "a heap sample with a nonzero count");
                    }
                    s.hasBytes = true;
                    s.bytes = v1 / v0;
                    long[] scaled = HeapProfiles.scale(v0, v1, HEAPZ_SAMPLING_RATE);
                    s.values[0] = scaled[0];
                    s.values[1] = scaled[1];
                } else if (p.period != 0) {
                    s.values[0] *= p.period;
                    s.values[1] *= p.period;
                }
                p.samples.add(s);
            }
            pos = e + 1;
        }
        locations(data, pos, p);
        aggregate(p);
        return p;
    }

    /**
     * google/pprof's attributeRx {@code ([\w ]+)=([\w ]+)}, found anywhere in a line, in linear time (a
     * backtracking matcher takes time quadratic in the length of a long sample line that has no {@code =}): the
     * leftmost match is at the first {@code =} with a word character or space on both sides, and takes the runs of
     * them around it.
     *
     * @return the name and the value, or null
     */
    static String[] attribute(String line) {
        for (int eq = line.indexOf('='); eq >= 0; eq = line.indexOf('=', eq + 1)) {
            if (eq == 0 || eq + 1 >= line.length() || !isWordOrSpace(line.charAt(eq - 1))
                    || !isWordOrSpace(line.charAt(eq + 1))) {
                continue;
            }
            int b = eq - 1;
            while (b > 0 && isWordOrSpace(line.charAt(b - 1))) {
                b--;
            }
            int e = eq + 1;
            while (e < line.length() && isWordOrSpace(line.charAt(e))) {
                e++;
            }
            return new String[] {line.substring(b, eq), line.substring(eq + 1, e)};
        }
        return null;
    }

    private static boolean isWordOrSpace(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == ' ';
    }

    private static Matcher match(String data, Text text, int pos, Pattern pattern, String line)
            throws GoParseException {
        try {
            return text.match(pattern, line, true);
        } catch (GoParseException e) {
            throw malformed(data, pos, "a line that a pattern matches in reasonable time");
        }
    }

    /** Reports malformed input at an offset, naming its line (counted only now, as errors are rare). */
    private static GoParseException malformed(String data, int pos, String expected) {
        return GoParseException.malformed(FORMAT, pos, expected).withContext("line " + lineAt(data, pos));
    }

    private static NotThisFormat unrecognized(String data, int pos, String expected) {
        return new NotThisFormat(FORMAT, pos, "line " + lineAt(data, pos), expected);
    }

    /** {@return the number, from 1, of the line an offset is on} */
    static int lineAt(String data, int pos) {
        int line = 1;
        for (int i = data.indexOf('\n'); i >= 0 && i < pos; i = data.indexOf('\n', i + 1)) {
            line++;
        }
        return line;
    }

    /**
     * legacy_java_profile.go parseJavaLocations: names the locations from {@code 0xID function (file:line)} lines,
     * then numbers locations, functions and mappings as the other readers do.
     *
     * @param data  the text
     * @param start where the names start
     * @param p     the profile, whose locations are keyed by id
     * @throws GoParseException if an id has more than 64 bits
     */
    static void locations(String data, int start, Draft p) throws GoParseException {
        Text text = new Text(FORMAT, data, start);
        Map<String, Draft.DFunction> functions = new HashMap<>();
        GoNumbers numbers = new GoNumbers();
        int pos = start;
        while (pos < data.length()) {
            int e = data.indexOf('\n', pos);
            int stop = e < 0 ? data.length() : e;
            String line = Text.trimSpace(data.substring(pos, stop));
            int at = pos;
            pos = stop + 1;
            if (line.isEmpty()) {
                continue;
            }
            Matcher jloc = match(data, text, at, LOCATION, line);
            if (jloc == null) {
                continue;
            }
            long addr = numbers.parseUint(jloc.group(1), 16);
            if (!numbers.ok) {
                throw malformed(data, at, "an id of at most 64 bits, found 0x" + jloc.group(1));
            }
            Draft.DLocation loc = p.byAddress.get(addr);
            if (loc == null) {
                continue;
            }
            String rest = jloc.group(2);
            String name;
            String file = "";
            long lineNo = 0;
            Matcher m;
            if ((m = match(data, text, at, FILE_LINE, rest)) != null) {
                name = m.group(1);
                file = m.group(2);
                long n = numbers.parseInt(m.group(3), 10);
                if (numbers.ok && n > 0) {
                    lineNo = n;
                }
            } else if ((m = match(data, text, at, PATH, rest)) != null) {
                // A shared library: its base name is enough.
                name = m.group(1);
                file = base(m.group(2));
            } else if (rest.contains("generated stub/JIT")) {
                name = "STUB";
            } else {
                // The Java agent's own states, such as GC or VM.
                name = rest;
            }
            name = Text.utf8(name);
            Draft.DFunction fn = functions.get(name);
            if (fn == null) {
                fn = new Draft.DFunction(name, Text.utf8(file));
                functions.put(name, fn);
                p.functions.add(fn);
            }
            loc.function = fn;
            loc.line = lineNo;
            loc.address = 0;
        }
        p.remapLocationIds();
        p.remapFunctionIds();
        p.remapMappingIds();
    }

    /** Go's filepath.Base on Unix. */
    private static String base(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        int e = path.length();
        while (e > 0 && path.charAt(e - 1) == '/') {
            e--;
        }
        if (e == 0) {
            return "/";
        }
        int b = path.lastIndexOf('/', e - 1);
        return path.substring(b + 1, e);
    }

    /**
     * google/pprof's {@code Aggregate(true, true, true, true, false, false)}: addresses go, for better merging,
     * then {@code CheckValid}.
     *
     * @param p the profile
     * @throws GoParseException if a sample has the wrong number of values
     */
    static void aggregate(Draft p) throws GoParseException {
        for (Draft.DLocation l : p.locations) {
            l.address = 0;
        }
        p.checkValid();
    }
}
