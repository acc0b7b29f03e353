package dev.gopherlens.pprof;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * How a {@link Report} reads and draws a profile: the options of {@code go tool pprof} that shape its reports.
 *
 * <p>Start from {@link #defaults()}, which are {@code go tool pprof}'s defaults, and change what you need with the
 * {@code with…} methods: {@code ReportOptions.defaults().withSampleIndex("alloc_space").withNodeCount(20)}.
 * Immutable and thread-safe. The constructor throws {@link IllegalArgumentException} for a zero or infinite
 * {@code divideBy}, a negative fraction or a toolchain older than Go 1.11.
 *
 * @param sampleIndex  which sample value to show ({@code -sample_index}): a type name such as
 *                     {@code alloc_space}, an index, or empty for the profile's default sample type (else the last)
 * @param mean         show the mean value per event: the value divided by the first value ({@code -mean})
 * @param granularity  what one node stands for ({@code -functions}, {@code -lines}, ...)
 * @param noInlines    attribute inlined calls to the function they were inlined into ({@code -noinlines})
 * @param nodeCount    the most nodes to show ({@code -nodecount}); negative for the report's own default (none
 *                     for {@code top}, 80 for graphs and trees), 0 for all
 * @param nodeFraction hide nodes below this fraction of the total ({@code -nodefraction}, 0.005)
 * @param edgeFraction hide edges below this fraction of the total ({@code -edgefraction}, 0.001)
 * @param cumSort      sort by cumulative rather than flat value ({@code -cum})
 * @param dropNegative drop nodes with a negative value, in a diff ({@code -drop_negative})
 * @param divideBy     divide every value by this before showing it ({@code -divide_by})
 * @param unit         the unit to show values in ({@code -unit}): {@code minimum} picks per report
 * @param zone         the time zone of the {@code Time:} header line; {@code go tool pprof} uses the local one
 * @param toolchain    the minor version of the Go toolchain whose {@code go tool pprof} output to reproduce (its
 *                     header layout, unit names, merging); 27 for Go 1.27
 */
public record ReportOptions(String sampleIndex, boolean mean, Granularity granularity, boolean noInlines,
                            int nodeCount, double nodeFraction, double edgeFraction, boolean cumSort,
                            boolean dropNegative, double divideBy, String unit, ZoneId zone, int toolchain) {

    /** The newest Go toolchain whose output this library reproduces by default. */
    public static final int CURRENT_TOOLCHAIN = 27;

    /**
     * Checks the options.
     *
     * @param sampleIndex see the record's description
     * @param mean see the record's description
     * @param granularity see the record's description
     * @param noInlines see the record's description
     * @param nodeCount see the record's description
     * @param nodeFraction see the record's description
     * @param edgeFraction see the record's description
     * @param cumSort see the record's description
     * @param dropNegative see the record's description
     * @param divideBy see the record's description
     * @param unit see the record's description
     * @param zone see the record's description
     * @param toolchain see the record's description
     * @throws IllegalArgumentException if {@code divideBy} is zero or not finite, a fraction is negative, or the
     *                                  toolchain is older than Go 1.11
     */
    public ReportOptions {
        Objects.requireNonNull(sampleIndex, "sampleIndex");
        Objects.requireNonNull(granularity, "granularity");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(zone, "zone");
        if (divideBy == 0 || !Double.isFinite(divideBy)) {
            throw new IllegalArgumentException("divideBy must be finite and non-zero: " + divideBy);
        }
        if (!(nodeFraction >= 0) || !(edgeFraction >= 0)) {
            throw new IllegalArgumentException("fractions must be >= 0: " + nodeFraction + ", " + edgeFraction);
        }
        if (toolchain < 11) {
            throw new IllegalArgumentException("toolchain must be a Go 1.x minor version >= 11: " + toolchain);
        }
    }

    /**
     * Returns {@code go tool pprof}'s defaults, printing times in UTC.
     *
     * @return the default options
     */
    public static ReportOptions defaults() {
        return new ReportOptions("", false, Granularity.FUNCTIONS, false, -1, 0.005, 0.001, false, false, 1,
                "minimum", ZoneOffset.UTC, CURRENT_TOOLCHAIN);
    }

    /**
     * Returns these options showing another sample value.
     *
     * @param index a sample type name, an index, or empty for the default
     * @return the new options
     */
    public ReportOptions withSampleIndex(String index) {
        return new ReportOptions(index, mean, granularity, noInlines, nodeCount, nodeFraction, edgeFraction, cumSort,
                dropNegative, divideBy, unit, zone, toolchain);
    }

    /**
     * Returns these options showing the value per event, or the total.
     *
     * @param mean whether to divide by the first value
     * @return the new options
     */
    public ReportOptions withMean(boolean mean) {
        return new ReportOptions(sampleIndex, mean, granularity, noInlines, nodeCount, nodeFraction, edgeFraction,
                cumSort, dropNegative, divideBy, unit, zone, toolchain);
    }

    /**
     * Returns these options at another granularity.
     *
     * @param granularity what one node stands for
     * @return the new options
     */
    public ReportOptions withGranularity(Granularity granularity) {
        return new ReportOptions(sampleIndex, mean, granularity, noInlines, nodeCount, nodeFraction, edgeFraction,
                cumSort, dropNegative, divideBy, unit, zone, toolchain);
    }

    /**
     * Returns these options with inlined calls shown as their own nodes, or folded into their caller.
     *
     * @param noInlines whether to fold inlined calls into the function they were inlined into
     * @return the new options
     */
    public ReportOptions withNoInlines(boolean noInlines) {
        return new ReportOptions(sampleIndex, mean, granularity, noInlines, nodeCount, nodeFraction, edgeFraction,
                cumSort, dropNegative, divideBy, unit, zone, toolchain);
    }

    /**
     * Returns these options showing at most {@code n} nodes.
     *
     * @param n the most nodes; 0 for all, negative for the report's default
     * @return the new options
     */
    public ReportOptions withNodeCount(int n) {
        return new ReportOptions(sampleIndex, mean, granularity, noInlines, n, nodeFraction, edgeFraction, cumSort,
                dropNegative, divideBy, unit, zone, toolchain);
    }

    /**
     * Returns these options with other trimming fractions.
     *
     * @param nodeFraction hide nodes below this fraction of the total
     * @param edgeFraction hide edges below this fraction of the total
     * @return the new options
     */
    public ReportOptions withFractions(double nodeFraction, double edgeFraction) {
        return new ReportOptions(sampleIndex, mean, granularity, noInlines, nodeCount, nodeFraction, edgeFraction,
                cumSort, dropNegative, divideBy, unit, zone, toolchain);
    }

    /**
     * Returns these options sorting by cumulative or flat value.
     *
     * @param cumSort whether to sort by cumulative value
     * @return the new options
     */
    public ReportOptions withCumSort(boolean cumSort) {
        return new ReportOptions(sampleIndex, mean, granularity, noInlines, nodeCount, nodeFraction, edgeFraction,
                cumSort, dropNegative, divideBy, unit, zone, toolchain);
    }

    /**
     * Returns these options dropping or keeping nodes with a negative value.
     *
     * @param dropNegative whether to drop them
     * @return the new options
     */
    public ReportOptions withDropNegative(boolean dropNegative) {
        return new ReportOptions(sampleIndex, mean, granularity, noInlines, nodeCount, nodeFraction, edgeFraction,
                cumSort, dropNegative, divideBy, unit, zone, toolchain);
    }

    /**
     * Returns these options dividing every shown value.
     *
     * @param divideBy the divisor
     * @return the new options
     */
    public ReportOptions withDivideBy(double divideBy) {
        return new ReportOptions(sampleIndex, mean, granularity, noInlines, nodeCount, nodeFraction, edgeFraction,
                cumSort, dropNegative, divideBy, unit, zone, toolchain);
    }

    /**
     * Returns these options showing values in a unit.
     *
     * @param unit a unit such as {@code ms} or {@code MB}, or {@code minimum}
     * @return the new options
     */
    public ReportOptions withUnit(String unit) {
        return new ReportOptions(sampleIndex, mean, granularity, noInlines, nodeCount, nodeFraction, edgeFraction,
                cumSort, dropNegative, divideBy, unit, zone, toolchain);
    }

    /**
     * Returns these options printing the profile's time in a zone.
     *
     * @param zone the zone
     * @return the new options
     */
    public ReportOptions withZone(ZoneId zone) {
        return new ReportOptions(sampleIndex, mean, granularity, noInlines, nodeCount, nodeFraction, edgeFraction,
                cumSort, dropNegative, divideBy, unit, zone, toolchain);
    }

    /**
     * Returns these options reproducing the output of an older Go toolchain's {@code go tool pprof}.
     *
     * @param minor the toolchain's minor version, 21 for Go 1.21
     * @return the new options
     */
    public ReportOptions withToolchain(int minor) {
        return new ReportOptions(sampleIndex, mean, granularity, noInlines, nodeCount, nodeFraction, edgeFraction,
                cumSort, dropNegative, divideBy, unit, zone, minor);
    }
}
