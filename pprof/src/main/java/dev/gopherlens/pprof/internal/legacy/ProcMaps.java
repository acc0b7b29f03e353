package dev.gopherlens.pprof.internal.legacy;

import dev.gopherlens.core.GoParseException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory maps after a legacy profile: Linux's {@code /proc/self/maps} lines and the briefer
 * {@code start-end file (@offset) buildid} lines, with glog prefixes removed and {@code name=value} lines defining
 * {@code $name} for the lines after them, as google/pprof's {@code parseProcMapsFromScanner} reads them. Lines it
 * does not recognize are skipped; non-executable mappings are left out. Stateless.
 */
final class ProcMaps {
    // Go's \s is [\t\n\f\r ], narrower than Java's; [[:xdigit:]] is [0-9A-Fa-f].
    private static final String S = "[\\t\\n\\f\\r ]";
    private static final String NS = "[^\\t\\n\\f\\r ]";
    private static final String X = "[0-9A-Fa-f]";
    private static final String HEX = "(?:0x)?(" + X + "+)";
    private static final String HEX_RANGE = S + "*" + HEX + "[\\t\\n\\f\\r -]?" + S + "*" + HEX + ":?";
    private static final String PERM = "(?:" + S + "+([-rwxp]+))?";
    private static final String SPACE_STRING = "(?:" + S + "+(" + NS + "+))?";
    /** legacy_profile.go procMapsRE: start-end perms offset dev inode file. */
    private static final Pattern PROC_MAPS = Pattern.compile(HEX_RANGE + PERM + "(?:" + S + "+(" + X + "+))?"
            + S + "+" + X + "+:" + X + "+" + S + "+[0-9]+" + SPACE_STRING);
    /** legacy_profile.go briefMapsRE: start-end perms file (@offset) buildid. */
    private static final Pattern BRIEF_MAPS = Pattern.compile(HEX_RANGE + PERM + SPACE_STRING
            + "(?:" + S + "+\\(@(" + X + "+)\\))?" + "(?:" + S + "+(" + X + "+))?");

    private ProcMaps() {
    }

    /**
     * Reads mappings from the text's remaining lines.
     *
     * @param text the lines
     * @return the executable mappings, in order
     * @throws GoParseException if matching a line takes too long
     */
    static List<Draft.DMapping> parse(Text text) throws GoParseException {
        List<Draft.DMapping> mappings = new ArrayList<>();
        List<String[]> attrs = new ArrayList<>();
        GoNumbers numbers = new GoNumbers();
        while (text.scan()) {
            String line = replace(removeLoggingInfo(text.line()), attrs);
            Draft.DMapping m;
            String start;
            String end;
            String perm;
            String file;
            String offset;
            String buildId = "";
            Matcher me = text.match(PROC_MAPS, line, false);
            if (me != null) {
                start = me.group(1);
                end = me.group(2);
                perm = orEmpty(me.group(3));
                offset = orEmpty(me.group(4));
                file = orEmpty(me.group(5));
            } else if ((me = text.match(BRIEF_MAPS, line, false)) != null) {
                start = me.group(1);
                end = me.group(2);
                perm = orEmpty(me.group(3));
                file = orEmpty(me.group(4));
                offset = orEmpty(me.group(5));
                buildId = orEmpty(me.group(6));
            } else {
                define(line, attrs);
                continue;
            }
            if (!perm.isEmpty() && perm.indexOf('x') < 0) {
                continue;
            }
            long s = numbers.parseUint(start, 16);
            boolean ok = numbers.ok;
            long e = numbers.parseUint(end, 16);
            ok &= numbers.ok;
            long o = 0;
            if (!offset.isEmpty()) {
                o = numbers.parseUint(offset, 16);
                ok &= numbers.ok;
            }
            if (!ok) {
                // google/pprof treats a number too large as an unrecognized line, which may define an attribute.
                define(line, attrs);
                continue;
            }
            m = new Draft.DMapping(s, e, o, Text.utf8(file), Text.utf8(buildId));
            mappings.add(m);
        }
        return mappings;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Records {@code name=value} as {@code $name} to be replaced by {@code value} on the lines after it. */
    private static void define(String line, List<String[]> attrs) {
        int eq = line.indexOf('=');
        if (eq >= 0) {
            attrs.add(new String[] {"$" + Text.trimSpace(line.substring(0, eq)), Text.trimSpace(line.substring(eq + 1))});
        }
    }

    /**
     * Go's strings.Replacer over the definitions so far: at each position the earliest definition whose name
     * matches there wins, and the replaced text is not scanned again.
     */
    static String replace(String line, List<String[]> attrs) {
        if (attrs.isEmpty() || line.indexOf('$') < 0) {
            return line;
        }
        StringBuilder sb = new StringBuilder(line.length() + 16);
        int i = 0;
        outer:
        while (i < line.length()) {
            if (line.charAt(i) == '$') {
                for (String[] a : attrs) {
                    if (line.startsWith(a[0], i)) {
                        sb.append(a[1]);
                        i += a[0].length();
                        continue outer;
                    }
                }
            }
            sb.append(line.charAt(i++));
        }
        return sb.toString();
    }

    /**
     * Removes a glog prefix ({@code I0102 15:04:05.000000 123 file.cc:42] }), as google/pprof's logInfoRE
     * {@code ^[^\[\]]+:[0-9]+]\s} does: the first bracket of the line must be a {@code ]} right after
     * {@code :digits} and before a space.
     */
    static String removeLoggingInfo(String line) {
        int k = 0;
        while (k < line.length() && line.charAt(k) != '[' && line.charAt(k) != ']') {
            k++;
        }
        if (k >= line.length() || line.charAt(k) != ']' || k + 1 >= line.length()) {
            return line;
        }
        char after = line.charAt(k + 1);
        if (after != ' ' && after != '\t' && after != '\n' && after != '\f' && after != '\r') {
            return line;
        }
        int j = k;
        while (j > 0 && line.charAt(j - 1) >= '0' && line.charAt(j - 1) <= '9') {
            j--;
        }
        if (j == k || j < 2 || line.charAt(j - 1) != ':') {
            return line;
        }
        return line.substring(k + 2);
    }
}
