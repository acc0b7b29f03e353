package dev.gopherlens.pprof;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Go's number formatting, checked against what Go 1.27's {@code fmt} prints for the same values. */
class GoNumbersTest {
    @ParameterizedTest
    @CsvSource({
        "0.125, 0.12", "0.375, 0.38", "1.005, 1.00", "2.675, 2.67", "85.71428571428571, 85.71", "100, 100.00",
        "-0.001, -0.00", "1e21, 1000000000000000000000.00", "0, 0.00"})
    void fixed2RoundsTheExactBinaryValueHalfToEven(double v, String go) {
        assertThat(GoNumbers.fixed2(v)).isEqualTo(go);
    }

    @ParameterizedTest
    @CsvSource({
        "0.5, 0.5", "0.05, 0.05", "0.047619047619047616, 0.048", "0.995, 0.99", "0.996, 1", "0.00012, 0.00012",
        "0.000012, 1.2e-05", "0.00001, 1e-05", "0.125, 0.12", "0.0001, 0.0001", "0.00009999, 0.0001"})
    void general2(double v, String go) {
        assertThat(GoNumbers.general2(v)).isEqualTo(go);
    }

    @Test
    void percentageLikePprof() {
        assertThat(Measurement.percentage(180, 210)).isEqualTo("85.71%");
        assertThat(Measurement.percentage(1, 1)).isEqualTo("  100%");
        assertThat(Measurement.percentage(0, 0)).isEqualTo("    0%");
        assertThat(Measurement.percentage(1, 2000)).isEqualTo(" 0.05%");
        assertThat(Measurement.percentage(-3, 4)).isEqualTo("75.00%");
    }

    @Test
    void scaledLabels() {
        Measurement m = Measurement.CURRENT;
        assertThat(m.label(200_000_000, "nanoseconds")).isEqualTo("200ms");
        assertThat(m.label(90_000_000_000L, "nanoseconds")).isEqualTo("90s");
        assertThat(m.label(7_200_000_000_000L, "nanoseconds")).isEqualTo("2hrs");
        assertThat(m.label(2684, "bytes")).isEqualTo("2.62kB");
        assertThat(m.label(5, "count")).isEqualTo("5");
        assertThat(m.label(0, "bytes")).isEqualTo("0");
        assertThat(m.label(-1536, "bytes")).isEqualTo("-1.50kB");
        assertThat(m.scaledLabel(1_500_000, "nanoseconds", "ms")).isEqualTo("1.50ms");
        assertThat(m.scaledLabel(3, "requests", "minimum")).isEqualTo("3");
        // Go 1.15's pprof had minutes; later ones go from seconds to hours.
        assertThat(Measurement.LEGACY.label(90_000_000_000L, "nanoseconds")).isEqualTo("1.50mins");
        assertThat(Measurement.LEGACY.label(2684, "bytes")).isEqualTo("2.62kB");
    }

    @Test
    void goStringOrderIsUtf8ByteOrder() {
        assertThat(GoStrings.compare("a", "b")).isNegative();
        assertThat(GoStrings.compare("ab", "a")).isPositive();
        // U+FFFD sorts before U+1F600 in UTF-8, after its surrogates in UTF-16.
        assertThat(GoStrings.compare("\uFFFD", "\uD83D\uDE00")).isNegative();
        assertThat("\uFFFD".compareTo("\uD83D\uDE00")).isPositive();
    }

    @Test
    void cleanPathLikeGo() {
        assertThat(GraphNodeInfo.cleanPath("a//b/./c/../d")).isEqualTo("a/b/d");
        assertThat(GraphNodeInfo.cleanPath("/../x")).isEqualTo("/x");
        assertThat(GraphNodeInfo.cleanPath("../../x")).isEqualTo("../../x");
        assertThat(GraphNodeInfo.cleanPath("runtime/proc.go")).isEqualTo("runtime/proc.go");
        assertThat(GraphNodeInfo.cleanPath("a/")).isEqualTo("a");
        assertThat(GraphNodeInfo.baseName("/opt/x/bin/corpusgen")).isEqualTo("corpusgen");
    }
}
