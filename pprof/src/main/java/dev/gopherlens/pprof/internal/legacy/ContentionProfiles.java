package dev.gopherlens.pprof.internal.legacy;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.pprof.ValueType;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text contention profiles: gperftools' {@code --- contentionz} and the Go runtime's old {@code --- mutex:} and
 * {@code --- contention:}, with {@code cycles/second}, {@code sampling period} and {@code ms since reset}
 * attributes, read as google/pprof's {@code parseContention} (legacy_profile.go) does: delays are scaled from
 * cycles to nanoseconds and both values by the sampling period. Stateless.
 */
final class ContentionProfiles {
    static final String FORMAT = "pprof contention text";

    private static final Pattern SAMPLE = Pattern.compile("(\\d+) *(\\d+) @([ x0-9a-f]*)");

    private ContentionProfiles() {
    }

    /**
     * Reads a contention profile.
     *
     * @param data the text's bytes as ISO-8859-1 characters
     * @return the profile, or null when the first line is no contention header
     * @throws GoParseException if a line is malformed
     */
    static Draft read(String data) throws GoParseException {
        Text text = new Text(FORMAT, data, 0);
        if (!text.scan()) {
            return null;
        }
        String first = text.line();
        if (!first.startsWith("--- contentionz ") && !first.startsWith("--- mutex:")
                && !first.startsWith("--- contention:")) {
            return null;
        }
        Draft p = new Draft(FORMAT);
        p.periodType = new ValueType("contentions", "count");
        p.period = 1;
        p.sampleTypes.add(new ValueType("contentions", "count"));
        p.sampleTypes.add(new ValueType("delay", "nanoseconds"));
        GoNumbers numbers = new GoNumbers();
        long cpuHz = 0;
        while (text.scan()) {
            String line = Text.trimSpace(text.line());
            if (Text.isSpaceOrComment(line)) {
                continue;
            }
            if (line.startsWith("---")) {
                break;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                break;
            }
            String key = Text.trimSpace(line.substring(0, eq));
            String val = Text.trimSpace(line.substring(eq + 1));
            switch (key) {
                case "cycles/second" -> cpuHz = attribute(text, numbers, key, val);
                case "sampling period" -> p.period = attribute(text, numbers, key, val);
                case "ms since reset" -> p.durationNanos = attribute(text, numbers, key, val) * 1000 * 1000;
                case "discarded samples" -> {
                    // Not kept.
                }
                // "format" and "resolution" belong to Java's contention profiles.
                default -> throw text.unrecognized("a C++ or Go contention attribute, found " + key);
            }
        }
        while (true) {
            String line = Text.trimSpace(text.line());
            if (line.startsWith("---")) {
                break;
            }
            if (!Text.isSpaceOrComment(line)) {
                Matcher m = text.match(SAMPLE, line, true);
                if (m == null) {
                    throw text.unrecognized("a contention sample: delay count @ addresses");
                }
                long v1 = numbers.parseInt(m.group(1), 10);
                boolean ok = numbers.ok;
                long v2 = numbers.parseInt(m.group(2), 10);
                if (!ok || !numbers.ok) {
                    throw text.malformed("a delay and a count that fit in 64 bits");
                }
                if (p.period > 0) {
                    if (cpuHz > 0) {
                        double cpuGHz = (double) cpuHz / 1e9;
                        v1 = (long) ((double) v1 * (double) p.period / cpuGHz);
                    }
                    v2 = v2 * p.period;
                }
                List<Long> addrs = Addresses.parse(text, m.group(3));
                List<Draft.DLocation> stack = new ArrayList<>(addrs.size());
                for (long addr : addrs) {
                    // Return addresses: -1 lands on the call instruction.
                    stack.add(p.location(addr - 1));
                }
                p.samples.add(new Draft.DSample(new long[] {v2, v1}, stack));
            }
            if (!text.scan()) {
                break;
            }
        }
        Additional.sections(text, p);
        return p;
    }

    private static long attribute(Text text, GoNumbers numbers, String key, String val) throws NotThisFormat {
        long v = numbers.parseInt(val, 0);
        if (!numbers.ok) {
            throw text.unrecognized("a number for " + key + ", found " + val);
        }
        return v;
    }
}
