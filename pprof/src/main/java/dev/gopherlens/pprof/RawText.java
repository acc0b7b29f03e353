package dev.gopherlens.pprof;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text {@code go tool pprof -raw} prints for a profile (google/pprof's {@code Profile.String}): header,
 * samples with their values, location ids and labels, locations with their lines, and mappings.
 *
 * <p>The layout changed with the pprof that Go toolchains carry: Go 1.23 added column numbers to lines, Go 1.24 a
 * {@code Doc:} line. Times are printed in UTC. Stateless and thread-safe.
 */
public final class RawText {
    private RawText() {
    }

    /** The layout of one generation of {@code go tool pprof}. */
    public enum Style {
        /** Go 1.21 and 1.22: no columns, no doc URL. */
        GO_1_21(false, false),
        /** Go 1.23: lines as {@code file:line:column}. */
        GO_1_23(true, false),
        /** Go 1.24 and later: a {@code Doc:} line for a profile with a doc URL. */
        CURRENT(true, true);

        private final boolean columns;
        private final boolean docUrl;

        Style(boolean columns, boolean docUrl) {
            this.columns = columns;
            this.docUrl = docUrl;
        }

        /**
         * Returns the layout of a Go toolchain's {@code go tool pprof -raw}.
         *
         * @param minor the toolchain's minor version, 21 for Go 1.21; earlier toolchains also merged a profile
         *              with itself before printing it, which this layout does not do
         * @return the layout
         */
        public static Style forGo(int minor) {
            return minor >= 24 ? CURRENT : minor >= 23 ? GO_1_23 : GO_1_21;
        }
    }

    /**
     * Prints a profile.
     *
     * @param p     the profile
     * @param style the layout
     * @return the text, every line ending with a newline
     */
    public static String format(Profile p, Style style) {
        StringBuilder sb = new StringBuilder(4096 + p.samples().size() * 48 + p.locations().size() * 64);
        for (String c : p.comments()) {
            sb.append("Comment: ").append(c).append('\n');
        }
        if (style.docUrl && !p.docUrl().isEmpty()) {
            sb.append("Doc: ").append(p.docUrl()).append('\n');
        }
        ValueType pt = p.periodType().orElse(new ValueType("", ""));
        sb.append("PeriodType: ").append(pt.type()).append(' ').append(pt.unit()).append('\n');
        sb.append("Period: ").append(p.period()).append('\n');
        if (p.timeNanos() != 0) {
            sb.append("Time: ").append(goTime(p.timeNanos())).append('\n');
        }
        if (p.durationNanos() != 0) {
            String d = GoDuration.format(p.durationNanos());
            sb.append("Duration: ").append(d, 0, d.offsetByCodePoints(0, Math.min(4, d.codePointCount(0, d.length()))))
                    .append('\n');
        }
        sb.append("Samples:\n");
        StringBuilder types = new StringBuilder();
        for (ValueType t : p.sampleTypes()) {
            types.append(t.type()).append('/').append(t.unit());
            if (t.type().equals(p.defaultSampleType())) {
                types.append("[dflt]");
            }
            types.append(' ');
        }
        sb.append(types.toString().strip()).append('\n');
        for (Sample s : p.samples()) {
            sample(sb, s);
        }
        sb.append("Locations\n");
        for (Location l : p.locations()) {
            location(sb, l, style);
        }
        sb.append("Mappings\n");
        for (Mapping m : p.mappings()) {
            mapping(sb, m);
        }
        return sb.toString();
    }

    private static void sample(StringBuilder sb, Sample s) {
        for (int i = 0; i < s.valueCount(); i++) {
            sb.append(' ');
            pad(sb, Long.toString(s.value(i)), 10);
        }
        sb.append(": ");
        for (Location l : s.locations()) {
            sb.append(Long.toUnsignedString(l.id())).append(' ');
        }
        sb.append('\n');
        // google/pprof keeps string and numeric labels in maps by key; printed sorted.
        Map<String, List<String>> strs = new LinkedHashMap<>();
        Map<String, List<Long>> nums = new LinkedHashMap<>();
        Map<String, List<String>> units = new LinkedHashMap<>();
        for (Label l : s.labels()) {
            if (l.isString()) {
                strs.computeIfAbsent(l.key(), k -> new ArrayList<>()).add(l.str());
            } else if (l.isNumeric()) {
                List<Long> vs = nums.computeIfAbsent(l.key(), k -> new ArrayList<>());
                if (!l.numUnit().isEmpty()) {
                    List<String> us = units.computeIfAbsent(l.key(), k -> new ArrayList<>());
                    while (us.size() < vs.size()) {
                        us.add("");
                    }
                    us.add(l.numUnit());
                }
                vs.add(l.num());
            }
        }
        if (!strs.isEmpty()) {
            List<String> parts = new ArrayList<>();
            strs.forEach((k, v) -> parts.add(k + ":[" + String.join(" ", v) + "]"));
            parts.sort(null);
            sb.append("                ").append(String.join(" ", parts)).append('\n');
        }
        if (!nums.isEmpty()) {
            List<String> parts = new ArrayList<>();
            nums.forEach((k, v) -> {
                List<String> us = units.get(k);
                if (us != null) {
                    while (us.size() < v.size()) {
                        us.add("");
                    }
                }
                StringBuilder one = new StringBuilder(k).append(":[");
                for (int i = 0; i < v.size(); i++) {
                    if (i > 0) {
                        one.append(' ');
                    }
                    one.append(v.get(i));
                    if (us != null && us.size() == v.size()) {
                        one.append(' ').append(us.get(i));
                    }
                }
                parts.add(one.append(']').toString());
            });
            parts.sort(null);
            sb.append("                ").append(String.join(" ", parts)).append('\n');
        }
    }

    private static void location(StringBuilder sb, Location l, Style style) {
        StringBuilder head = new StringBuilder();
        pad(head, Long.toUnsignedString(l.id()), 6);
        head.append(": 0x").append(Long.toHexString(l.address())).append(' ');
        if (l.mapping() != null) {
            head.append("M=").append(Long.toUnsignedString(l.mapping().id())).append(' ');
        }
        if (l.isFolded()) {
            head.append("[F] ");
        }
        if (l.lines().isEmpty()) {
            sb.append(head).append('\n');
            return;
        }
        String prefix = head.toString();
        for (Line ln : l.lines()) {
            sb.append(prefix);
            Function f = ln.function();
            if (f == null) {
                sb.append("??");
            } else {
                sb.append(f.name()).append(' ').append(f.filename()).append(':').append(ln.line());
                if (style.columns) {
                    sb.append(':').append(ln.column());
                }
                sb.append(" s=").append(f.startLine());
                if (!f.name().equals(f.systemName())) {
                    sb.append('(').append(f.systemName()).append(')');
                }
            }
            sb.append('\n');
            prefix = "             ";
        }
    }

    private static void mapping(StringBuilder sb, Mapping m) {
        sb.append(Long.toUnsignedString(m.id())).append(": 0x").append(Long.toHexString(m.start()))
                .append("/0x").append(Long.toHexString(m.limit())).append("/0x").append(Long.toHexString(m.offset()))
                .append(' ').append(m.file()).append(' ').append(m.buildId()).append(' ');
        if (m.hasFunctions()) {
            sb.append("[FN]");
        }
        if (m.hasFilenames()) {
            sb.append("[FL]");
        }
        if (m.hasLineNumbers()) {
            sb.append("[LN]");
        }
        if (m.hasInlineFrames()) {
            sb.append("[IN]");
        }
        sb.append('\n');
    }

    private static void pad(StringBuilder sb, String s, int width) {
        for (int i = s.length(); i < width; i++) {
            sb.append(' ');
        }
        sb.append(s);
    }

    /** Go's {@code time.Time.String()} of a Unix time in nanoseconds, in UTC. */
    static String goTime(long nanos) {
        Instant t = Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
        LocalDateTime dt = LocalDateTime.ofInstant(t, ZoneOffset.UTC);
        StringBuilder sb = new StringBuilder(40);
        sb.append(String.format("%04d-%02d-%02d %02d:%02d:%02d", dt.getYear(), dt.getMonthValue(),
                dt.getDayOfMonth(), dt.getHour(), dt.getMinute(), dt.getSecond()));
        int ns = dt.getNano();
        if (ns != 0) {
            String frac = String.format("%09d", ns);
            int end = frac.length();
            while (frac.charAt(end - 1) == '0') {
                end--;
            }
            sb.append('.').append(frac, 0, end);
        }
        return sb.append(" +0000 UTC").toString();
    }
}
