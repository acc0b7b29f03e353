package dev.gopherlens.pprof;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.gopherlens.pprof.OpsFixtures.counts;
import static dev.gopherlens.pprof.OpsFixtures.small;
import static dev.gopherlens.pprof.OpsFixtures.stacks;
import static org.assertj.core.api.Assertions.assertThat;

/** -tagroot and -tagleaf, as the driver's addLabelNodes (internal/driver/tagroot.go). */
class LabelFramesTest {

    @Test
    void framesAreMadeOncePerValuesAndKeyAfterTheLargestIds() {
        Profile p = small().tagRootsAndLeaves(List.of("stage"), List.of("bytes"));
        // sample by sample, roots before leaves: cpu=5, 1kB=6, io=7, 4kB=8, then the empty ones 9 and 10
        assertThat(stacks(p)).containsExactly(List.of(6L, 1L, 2L, 5L), List.of(8L, 3L, 1L, 2L, 7L),
                List.of(10L, 4L, 3L, 2L, 9L), List.of(10L, 9L));
        assertThat(OpsFixtures.lines(p, 6)).containsExactly("1kB:0");
        assertThat(p.location(6).orElseThrow().lines().get(0).function().filename()).isEqualTo("bytes");
        assertThat(OpsFixtures.lines(p, 9)).containsExactly(":0");
        assertThat(p.functions()).hasSize(5 + 6);
    }

    @Test
    void theFirstRootKeyIsNearestTheRootAndTheLastLeafKeyNearestTheLeaf() {
        Profile p = small().tagRootsAndLeaves(List.of("stage", "bytes"), List.of("stage", "bytes"));
        List<Long> first = stacks(p).get(0);
        assertThat(OpsFixtures.lines(p, first.get(first.size() - 1))).containsExactly("cpu:0");
        assertThat(OpsFixtures.lines(p, first.get(0))).containsExactly("1kB:0");
    }

    @Test
    void filtersCanMatchLabelFrames() {
        assertThat(counts(small().tagRootsAndLeaves(List.of("stage"), List.of()).focus("^cpu$"))).containsExactly(1L);
    }

    @Test
    void noKeysChangeNothing() {
        Profile p = small();
        assertThat(p.tagRootsAndLeaves(List.of("", ""), List.of())).isSameAs(p);
    }

    @Test
    void numbersArePrintedAsGooglePprofsScaledLabel() {
        assertThat(Measurement.CURRENT.scaledLabel(1536, "bytes", "minimum")).isEqualTo("1.50kB");
        assertThat(Measurement.CURRENT.scaledLabel(1024, "bytes", "minimum")).isEqualTo("1kB");
        assertThat(Measurement.CURRENT.scaledLabel(0, "bytes", "minimum")).isEqualTo("0");
        assertThat(Measurement.CURRENT.scaledLabel(2_000_000, "ns", "minimum")).isEqualTo("2ms");
        assertThat(Measurement.CURRENT.scaledLabel(512, "", "")).isEqualTo("512");
        // Go's %.2f rounds the exact binary value, ties to even: 0.125 is exact and goes down
        assertThat(Measurement.CURRENT.scaledLabel(125, "ms", "s")).isEqualTo("0.12s");
        assertThat(Measurement.CURRENT.scaledLabel(-125, "ms", "s")).isEqualTo("-0.12s");
        assertThat(Measurement.CURRENT.scaledLabel(-1, "ns", "s")).isEqualTo("0");
    }

    @Test
    void numLabelUnitsTakeTheFirstUnitElseInferOne() {
        assertThat(small().numLabelUnits()).containsExactlyInAnyOrderEntriesOf(
                java.util.Map.of("bytes", "bytes", "request", "bytes"));
        Profile p = Profile.builder().sampleType("samples", "count")
                .sample(List.of(), new long[] {1}, List.of(Label.of("size", 1, ""), Label.of("n", 1, "")))
                .sample(List.of(), new long[] {1}, List.of(Label.of("size", 1, "kilobytes")))
                .sample(List.of(), new long[] {1}, List.of(Label.of("size", 1, "bytes")))
                .build();
        assertThat(p.numLabelUnits()).containsExactlyInAnyOrderEntriesOf(
                java.util.Map.of("size", "kilobytes", "n", "n"));
    }
}
