package dev.gopherlens.pprof;

import java.util.List;
import java.util.Objects;

/**
 * The flat profile {@code go tool pprof -top} prints: header lines, then one row per node by flat value.
 *
 * <p>{@link #toText()} is that text byte for byte. Immutable and thread-safe.
 *
 * @param header the header lines ({@code File:}, {@code Type:}, {@code Time:}, {@code Showing nodes ...})
 * @param rows   the rows, in the report's order
 * @param total  the total the percentages are of
 */
public record TopReport(List<String> header, List<Row> rows, long total) {

    /**
     * One node of the report.
     *
     * @param name        the node's name: a function, or a file, line or address at other granularities
     * @param inlineLabel {@code (inline)} when every call to the node was inlined, {@code (partial-inline)} when
     *                    some were, else empty
     * @param flat        the value spent in the node itself
     * @param cum         the value spent in the node and what it called
     * @param flatText    {@code flat} as the report prints it, with its unit
     * @param cumText     {@code cum} as the report prints it, with its unit
     */
    public record Row(String name, String inlineLabel, long flat, long cum, String flatText, String cumText) {
        /**
         * Checks the row.
         *
         * @param name        the node's name
         * @param inlineLabel the inline label, or empty
         * @param flat        the flat value
         * @param cum         the cumulative value
         * @param flatText    the flat value as printed
         * @param cumText     the cumulative value as printed
         * @throws NullPointerException if a string is null
         */
        public Row {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(inlineLabel, "inlineLabel");
            Objects.requireNonNull(flatText, "flatText");
            Objects.requireNonNull(cumText, "cumText");
        }
    }

    /**
     * Copies the lists.
     *
     * @param header the header lines
     * @param rows   the rows
     * @param total  the total the percentages are of
     * @throws NullPointerException if a list is null
     */
    public TopReport {
        header = List.copyOf(header);
        rows = List.copyOf(rows);
    }

    /**
     * Returns the report as {@code go tool pprof -top} prints it.
     *
     * @return the text, each line ending with a newline
     */
    public String toText() {
        StringBuilder sb = new StringBuilder(256 + rows.size() * 80);
        for (String h : header) {
            sb.append(h).append('\n');
        }
        sb.append("      flat  flat%   sum%        cum   cum%\n");
        long flatSum = 0;
        for (Row r : rows) {
            flatSum += r.flat;
            sb.append(GoNumbers.padLeft(r.flatText, 10)).append(' ').append(Measurement.percentage(r.flat, total))
                    .append(' ').append(Measurement.percentage(flatSum, total)).append(' ')
                    .append(GoNumbers.padLeft(r.cumText, 10)).append(' ').append(Measurement.percentage(r.cum, total))
                    .append("  ").append(r.name);
            if (!r.inlineLabel.isEmpty()) {
                sb.append(' ').append(r.inlineLabel);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * Returns the first rows only.
     *
     * @param n how many rows to keep
     * @return a report with at most {@code n} rows and the same header and total
     */
    public TopReport limit(int n) {
        return n >= rows.size() ? this : new TopReport(header, rows.subList(0, Math.max(0, n)), total);
    }

    @Override
    public String toString() {
        return toText();
    }
}
