package dev.gopherlens.pprof;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Profile.combine, as the driver's combineProfiles: CompatibilizeSampleTypes, ScaleProfiles, then Merge. */
class CombiningTest {

    private static Profile heap(String... types) {
        ProfileBuilder b = Profile.builder().period("space", "bytes", 512).defaultSampleType("inuse_space");
        long[] values = new long[types.length];
        for (int i = 0; i < types.length; i++) {
            b.sampleType(types[i], types[i].endsWith("space") ? "bytes" : "count");
            values[i] = i + 1;
        }
        Location l = b.location(null, 0x10, List.of());
        return b.sample(List.of(l), values, List.of()).build();
    }

    @Test
    void onlyCommonSampleTypesRemainInTheFirstsOrder() {
        Profile a = heap("alloc_objects", "alloc_space", "inuse_space");
        Profile b = heap("inuse_space", "alloc_objects");
        Profile c = Profile.combine(List.of(a, b));
        assertThat(c.sampleTypes()).extracting(ValueType::type).containsExactly("alloc_objects", "inuse_space");
        // a: {1, 3}; b reordered: {2, 1}
        assertThat(c.samples()).singleElement().satisfies(s -> assertThat(s.values()).containsExactly(3, 4));
        assertThat(c.defaultSampleType()).isEqualTo("inuse_space");
        Profile noDefault = Profile.combine(List.of(heap("alloc_objects", "alloc_space"), b));
        assertThat(noDefault.defaultSampleType()).isEqualTo("alloc_objects");
    }

    @Test
    void oneProfileIsReturnedAsItIs() {
        Profile a = heap("alloc_objects");
        assertThat(Profile.combine(List.of(a))).isSameAs(a);
    }

    @Test
    void unitsOfOneKindBecomeTheFinest() {
        Profile ms = Profile.builder().sampleType("wall", "milliseconds").period("wall", "milliseconds", 10)
                .sample(List.of(), new long[] {3}, List.of()).build();
        Profile ns = Profile.builder().sampleType("wall", "nanoseconds").period("wall", "nanoseconds", 5)
                .sample(List.of(), new long[] {7}, List.of()).build();
        Profile c = Profile.combine(List.of(ms, ns));
        assertThat(c.sampleTypes()).containsExactly(new ValueType("wall", "nanoseconds"));
        assertThat(c.period()).isEqualTo(10_000_000);
        assertThat(c.samples()).singleElement().satisfies(s -> assertThat(s.value(0)).isEqualTo(3_000_007));
    }

    @Test
    void incompatibleProfilesAreRefused() {
        assertThatThrownBy(() -> Profile.combine(List.of(heap("alloc_objects"), heap("inuse_space"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("profiles have empty common sample type list");
        Profile bytes = Profile.builder().sampleType("wall", "bytes").build();
        Profile secs = Profile.builder().sampleType("wall", "seconds").build();
        assertThatThrownBy(() -> Profile.combine(List.of(bytes, secs))).hasMessageContaining("sample types: incompatible");
        assertThatThrownBy(() -> Profile.combine(List.of())).hasMessageContaining("no profiles");
    }
}
