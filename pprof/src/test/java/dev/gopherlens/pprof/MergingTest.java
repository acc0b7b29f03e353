package dev.gopherlens.pprof;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.gopherlens.pprof.OpsFixtures.counts;
import static dev.gopherlens.pprof.OpsFixtures.small;
import static dev.gopherlens.pprof.OpsFixtures.stacks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Merge, Compact, Scale, Normalize, -base and -diff_base, as google/pprof's profile/merge.go and the driver. */
class MergingTest {

    @Test
    void mergeSumsEqualSamplesAndCombinesHeaders() {
        Profile a = small();
        Profile b = Profile.builder().sampleType("samples", "count").sampleType("cpu", "nanoseconds")
                .period("cpu", "nanoseconds", 20).timeNanos(500).durationNanos(1_000).comment("fixture")
                .comment("other").build();
        Profile m = Profile.merge(List.of(a, a, b));
        assertThat(counts(m)).containsExactly(2L, 4L, 6L, 8L);
        assertThat(m.samples().get(3).value(1)).isEqualTo(80);
        assertThat(m.period()).isEqualTo(20);
        assertThat(m.timeNanos()).isEqualTo(500);
        assertThat(m.durationNanos()).isEqualTo(11_000);
        assertThat(m.comments()).containsExactly("fixture", "other");
        assertThat(m.locations()).hasSize(4);
        assertThat(m.mappings()).hasSize(2);
        assertThat(Profile.merge(List.of(a))).isEqualTo(a.compact());
    }

    @Test
    void aLaterProfileWithoutATimeResetsItAsGooglePprofDoes() {
        Profile timed = Profile.builder().sampleType("samples", "count").timeNanos(500).build();
        Profile untimed = Profile.builder().sampleType("samples", "count").build();
        assertThat(Profile.merge(List.of(timed, untimed)).timeNanos()).isZero();
        assertThat(Profile.merge(List.of(untimed, timed)).timeNanos()).isEqualTo(500);
    }

    @Test
    void samplesDifferingInLabelsStayApart() {
        ProfileBuilder b = Profile.builder().sampleType("samples", "count");
        Location l = b.location(null, 0x10, List.of());
        b.sample(List.of(l), new long[] {1}, List.of(Label.of("k", "a"), Label.of("n", 1, "bytes")));
        // the same labels in another order: one key
        b.sample(List.of(l), new long[] {2}, List.of(Label.of("n", 1, "bytes"), Label.of("k", "a")));
        b.sample(List.of(l), new long[] {4}, List.of(Label.of("k", "a"), Label.of("n", 1, "")));
        b.sample(List.of(l), new long[] {8}, List.of(Label.of("k", "a"), Label.of("n", 1, "bytes"),
                Label.of("k", "b")));
        // a label with neither string nor number is no label to google/pprof
        b.sample(List.of(l), new long[] {16}, List.of(Label.of("k", "a"), Label.of("n", 1, "bytes"),
                new Label("empty", "", 0, "")));
        assertThat(counts(b.build().compact())).containsExactly(19L, 4L, 8L);
    }

    @Test
    void mappingsMoveWithTheirBinaryAndLocationsFollow() {
        ProfileBuilder b1 = Profile.builder().sampleType("samples", "count");
        Mapping m1 = b1.mapping(0x400000, 0x400800, 0, "/bin/app", "id1");
        b1.sample(List.of(b1.location(m1, 0x400100, List.of())), new long[] {1}, List.of());
        ProfileBuilder b2 = Profile.builder().sampleType("samples", "count");
        // the same binary loaded elsewhere, its size differing below 4 KiB
        Mapping m2 = b2.mapping(0x500000, 0x500f00, 0, "/other/path", "id1");
        b2.sample(List.of(b2.location(m2, 0x500100, List.of())), new long[] {2}, List.of());
        Profile m = Profile.merge(List.of(b1.build(), b2.build()));
        assertThat(m.mappings()).hasSize(1);
        assertThat(m.locations()).singleElement().extracting(Location::address).isEqualTo(0x400100L);
        assertThat(counts(m)).containsExactly(3L);
    }

    @Test
    void locationsAreKeyedWithGooglePprofsOverlappingLineSlots() {
        ProfileBuilder b = Profile.builder().sampleType("samples", "count");
        Function f = b.function("f", "f", "f.go", 0);
        Function g = b.function("g", "g", "g.go", 0);
        // the column of a line other than the last is overwritten by the next line's function id in the key
        Location a = b.location(null, 0x10, List.of(new Line(f, 1, 5), new Line(g, 2, 0)));
        Location c = b.location(null, 0x10, List.of(new Line(f, 1, 7), new Line(g, 2, 0)));
        // the last line's column counts
        Location d = b.location(null, 0x10, List.of(new Line(f, 1, 5), new Line(g, 2, 3)));
        for (Location l : List.of(a, c, d)) {
            b.sample(List.of(l), new long[] {1}, List.of());
        }
        Profile m = b.build().compact();
        assertThat(m.locations()).hasSize(2);
        assertThat(counts(m)).containsExactly(2L, 1L);
        assertThat(m.locations().get(0).lines().get(0).column()).isEqualTo(5);
    }

    @Test
    void incompatibleProfilesAreRefused() {
        Profile heap = Profile.builder().sampleType("alloc_space", "bytes").period("cpu", "nanoseconds", 10).build();
        assertThatThrownBy(() -> Profile.merge(List.of(small(), heap))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("incompatible sample types [samples/count, cpu/nanoseconds] and "
                        + "[alloc_space/bytes]");
        Profile otherPeriod = Profile.builder().sampleType("samples", "count").sampleType("cpu", "nanoseconds")
                .period("wall", "nanoseconds", 10).build();
        assertThatThrownBy(() -> Profile.merge(List.of(small(), otherPeriod)))
                .hasMessageContaining("incompatible period types");
        assertThatThrownBy(() -> small().subtractBase(otherPeriod)).hasMessageContaining("period type: incompatible");
        assertThatThrownBy(() -> Profile.merge(List.of())).hasMessageContaining("no profiles to merge");
    }

    @Test
    void compactDropsZeroSamplesAndWhatOnlyTheyUsed() {
        Profile c = small().scale(new double[] {0, 0}).compact();
        assertThat(c.samples()).isEmpty();
        // the first mapping stays: google/pprof maps it before any sample
        assertThat(c.mappings()).hasSize(1);
        assertThat(c.locations()).isEmpty();
    }

    @Test
    void scaleRoundsHalfAwayFromZeroAndDropsZeroSamples() {
        Profile s = small().scale(0.5);
        assertThat(counts(s)).containsExactly(1L, 1L, 2L, 2L);
        assertThat(s.samples().get(0).value(1)).isEqualTo(5);
        assertThat(counts(small().scale(-0.5))).containsExactly(-1L, -1L, -2L, -2L);
        assertThat(counts(small().scale(0.2))).containsExactly(0L, 0L, 1L, 1L);
        assertThat(counts(small().scale(new double[] {0.2, 0.01}))).containsExactly(1L, 1L);
        // values not scaled do not keep a sample
        assertThat(counts(small().scale(new double[] {0, 1}))).isEmpty();
        Profile same = small();
        assertThat(same.scale(1)).isSameAs(same);
        assertThatThrownBy(() -> small().scale(new double[] {1})).hasMessageContaining("mismatched scale ratios");
        assertThat(Scaling.roundHalfAwayFromZero(-2.5)).isEqualTo(-3);
        assertThat(Scaling.roundHalfAwayFromZero(2.5)).isEqualTo(3);
    }

    @Test
    void normalizeMatchesTheBasesTotals() {
        Profile base = small().scale(new double[] {2, 3});
        Profile n = small().normalize(base);
        assertThat(counts(n)).containsExactly(2L, 4L, 6L, 8L);
        assertThat(n.samples().get(0).value(1)).isEqualTo(30);
    }

    @Test
    void subtractBaseCancelsWhatBothHave() {
        Profile a = small();
        Profile b = small().focus("mallocgc");
        Profile d = a.subtractBase(b);
        assertThat(counts(d)).containsExactly(1L, 4L);
        assertThat(a.subtractBase(a).samples()).isEmpty();
    }

    @Test
    void diffBaseLabelsTheBaseAndKeepsBothSides() {
        Profile a = small();
        Profile d = a.diffBase(a);
        assertThat(counts(d)).containsExactly(1L, 2L, 3L, 4L, -1L, -2L, -3L, -4L);
        assertThat(d.samples().get(4).stringLabels()).containsEntry("pprof::base", List.of("true"))
                .containsEntry("stage", List.of("cpu"));
        assertThat(d.samples().get(0).stringLabels()).doesNotContainKey("pprof::base");
        assertThat(stacks(d).get(4)).isEqualTo(stacks(d).get(0));
    }
}
