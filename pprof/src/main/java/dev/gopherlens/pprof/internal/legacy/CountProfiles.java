package dev.gopherlens.pprof.internal.legacy;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.pprof.ValueType;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go's count profiles in text, {@code /debug/pprof/goroutine?debug=1} and {@code threadcreate?debug=1}
 * ({@code goroutine profile: total 6}, then {@code 5 @ 0x48a8ea 0x41816e ...}), read as google/pprof's
 * {@code parseGoCount} (legacy_profile.go) does. The {@code #\t0x...\tfunc+0x1b\tfile:line} lines and
 * {@code # labels:} lines are comments to it: the locations are bare addresses and the samples have no labels.
 * Stateless.
 */
final class CountProfiles {
    static final String FORMAT = "pprof count text";

    private static final Pattern START = Pattern.compile("([^\\t\\n\\f\\r ]+) profile: total \\d+");
    private static final Pattern COUNT = Pattern.compile("(\\d+) @((?: 0x[0-9a-f]+)+)");

    private CountProfiles() {
    }

    /**
     * Reads a count profile.
     *
     * @param data the text's bytes as ISO-8859-1 characters
     * @return the profile, or null when the first line that is no comment is no count profile header
     * @throws GoParseException if a line is malformed
     */
    static Draft read(String data) throws GoParseException {
        Text text = new Text(FORMAT, data, 0);
        while (text.scan() && Text.isSpaceOrComment(text.line())) {
            // Comments before the header.
        }
        Matcher h = START.matcher(text.line());
        if (!h.matches()) {
            return null;
        }
        String type = Text.utf8(h.group(1));
        Draft p = new Draft(FORMAT);
        p.periodType = new ValueType(type, "count");
        p.period = 1;
        p.sampleTypes.add(new ValueType(type, "count"));
        GoNumbers numbers = new GoNumbers();
        while (text.scan()) {
            String line = text.line();
            if (Text.isSpaceOrComment(line)) {
                continue;
            }
            if (line.startsWith("---")) {
                break;
            }
            Matcher m = text.match(COUNT, line, false);
            if (m == null || m.end() != line.length()) {
                throw text.malformed("a sample: count @ addresses");
            }
            long n = numbers.parseInt(m.group(1), 0);
            if (!numbers.ok) {
                throw text.malformed("a count that fits in 64 bits (a leading 0 makes it octal), found "
                        + m.group(1));
            }
            String[] fields = m.group(2).substring(1).split(" ");
            List<Draft.DLocation> stack = new ArrayList<>(fields.length);
            for (String f : fields) {
                long addr = numbers.parseUint(f, 0);
                if (!numbers.ok) {
                    throw text.malformed("addresses of at most 64 bits, found " + f);
                }
                // Return addresses: -1 lands on the call instruction.
                stack.add(p.location(addr - 1));
            }
            p.samples.add(new Draft.DSample(new long[] {n}, stack));
        }
        Additional.sections(text, p);
        return p;
    }
}
