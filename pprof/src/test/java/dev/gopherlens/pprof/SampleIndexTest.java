package dev.gopherlens.pprof;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Profile.sampleIndex, as google/pprof's SampleIndexByName behind -sample_index. */
class SampleIndexTest {
    private static final Profile HEAP = Profile.builder().sampleType("alloc_objects", "count")
            .sampleType("alloc_space", "bytes").sampleType("objects", "count").sampleType("space", "bytes")
            .defaultSampleType("alloc_space").build();

    @Test
    void emptyMeansTheDefaultOrTheLast() {
        assertThat(HEAP.sampleIndex("")).isEqualTo(1);
        assertThat(OpsFixtures.small().sampleIndex("")).isEqualTo(1);
    }

    @Test
    void namesNumbersAndLegacyInusePrefix() {
        assertThat(HEAP.sampleIndex("alloc_objects")).isZero();
        assertThat(HEAP.sampleIndex("3")).isEqualTo(3);
        assertThat(HEAP.sampleIndex("inuse_space")).isEqualTo(3);
        assertThat(HEAP.sampleIndex("inuse_objects")).isEqualTo(2);
    }

    @Test
    void unknownNamesListTheValidOnes() {
        assertThatThrownBy(() -> HEAP.sampleIndex("cpu")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sample_index \"cpu\" must be one of: [alloc_objects, alloc_space, objects, space]");
        assertThatThrownBy(() -> HEAP.sampleIndex("4")).hasMessageContaining("outside the range [0..3]");
        assertThatThrownBy(() -> HEAP.sampleIndex("-1")).hasMessageContaining("outside the range");
    }
}
