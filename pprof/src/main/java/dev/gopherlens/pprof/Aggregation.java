package dev.gopherlens.pprof;

import java.util.List;

/**
 * Forgets what a granularity does not distinguish, as google/pprof's {@code Profile.Aggregate} (profile/profile.go)
 * called by the driver's {@code aggregate} (internal/driver/driver.go): function names, file names, line and column
 * numbers, addresses, or inlined frames are cleared, and the mappings' has-flags lowered to match. Like google/pprof it
 * renumbers and merges nothing: locations that became equal stay apart until {@link Profile#compact()} or a report
 * joins them. Stateless.
 */
final class Aggregation {
    private Aggregation() {
    }

    /**
     * The driver's {@code aggregate} with inlined frames kept and without {@code -showcolumns}: columns are always
     * cleared except at {@link Granularity#ADDRESSES}, which changes nothing.
     */
    static Profile aggregate(Profile p, Granularity g) {
        return switch (g) {
            case ADDRESSES -> p;
            case LINES -> aggregate(p, true, true, true, true, false, false);
            case FILES -> aggregate(p, true, false, true, false, false, false);
            case FUNCTIONS -> aggregate(p, true, true, false, false, false, false);
            case FILE_FUNCTIONS -> aggregate(p, true, true, true, false, false, false);
        };
    }

    /** {@code -noinlines} at address granularity: each location keeps only its outermost line. */
    static Profile noInlines(Profile p) {
        return aggregate(p, false, true, true, true, false, true);
    }

    /** google/pprof's {@code Aggregate}: each flag says what to keep. */
    static Profile aggregate(Profile p, boolean inlineFrame, boolean function, boolean filename, boolean lineNumber,
                             boolean columnNumber, boolean address) {
        boolean touchLocations = !inlineFrame || !address || !lineNumber || !columnNumber;
        return Rewrite.apply(p,
                m -> {
                    boolean fn = m.hasFunctions() && function;
                    boolean fl = m.hasFilenames() && filename;
                    boolean ln = m.hasLineNumbers() && lineNumber;
                    boolean in = m.hasInlineFrames() && inlineFrame;
                    if (fn == m.hasFunctions() && fl == m.hasFilenames() && ln == m.hasLineNumbers()
                            && in == m.hasInlineFrames()) {
                        return m;
                    }
                    return new Mapping(m.id(), m.start(), m.limit(), m.offset(), m.file(), m.buildId(), fn, fl, ln, in);
                },
                f -> function && filename ? f : new Function(f.id(), function ? f.name() : "",
                        function ? f.systemName() : "", filename ? f.filename() : "", f.startLine()),
                l -> {
                    if (!touchLocations) {
                        return l;
                    }
                    List<Line> lines = l.lines();
                    if (!inlineFrame && lines.size() > 1) {
                        lines = lines.subList(lines.size() - 1, lines.size());
                    }
                    if (!lineNumber || !columnNumber) {
                        lines = lines.stream().map(ln -> new Line(ln.function(), lineNumber ? ln.line() : 0, 0))
                                .toList();
                    }
                    return new Location(l.id(), l.mapping(), address ? l.address() : 0, lines, l.isFolded());
                });
    }
}
