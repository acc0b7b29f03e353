package dev.gopherlens.pprof;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.gopherlens.pprof.OpsFixtures.counts;
import static dev.gopherlens.pprof.OpsFixtures.small;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** -tagfocus, -tagignore, -tagshow and -taghide, as go tool pprof's driver_focus.go and FilterTagsByName. */
class TagFilterTest {

    @Test
    void stringFiltersWithAKeyMatchAnyOfTheirExpressions() {
        assertThat(counts(small().tagFocus("stage=cpu"))).containsExactly(1L);
        assertThat(counts(small().tagFocus("stage=cpu,io"))).containsExactly(1L, 2L);
        assertThat(counts(small().tagFocus("nokey=cpu"))).isEmpty();
        assertThat(counts(small().tagIgnore("stage=io"))).containsExactly(1L, 3L, 4L);
    }

    @Test
    void stringFiltersWithoutAKeyMatchKeyColonValueAndNeedEveryExpression() {
        assertThat(counts(small().tagFocus("stage:c"))).containsExactly(1L);
        assertThat(counts(small().tagFocus("cpu,stage"))).containsExactly(1L);
        assertThat(counts(small().tagFocus("stage"))).containsExactly(1L, 2L);
    }

    @Test
    void numericFiltersConvertUnits() {
        // bytes=1024 is 1 kB; request=512 has no unit, and google/pprof takes bytes for "request"
        assertThat(counts(small().tagFocus("1kb"))).containsExactly(1L);
        assertThat(counts(small().tagFocus("bytes=2kb:"))).containsExactly(2L);
        assertThat(counts(small().tagFocus(":1kb"))).containsExactly(1L, 3L);
        assertThat(counts(small().tagFocus("1kb:4kb"))).containsExactly(1L, 2L);
        assertThat(counts(small().tagFocus("request=512b"))).containsExactly(3L);
        assertThat(counts(small().tagIgnore("bytes=1kb:1mb"))).containsExactly(3L, 4L);
    }

    @Test
    void numbersWithoutAUnitOnlyMatchLabelsWhoseUnitPprofDoesNotKnow() {
        // 512 has no unit, request's values are bytes: a unit mismatch, as in google/pprof
        assertThat(counts(small().tagFocus("request=512"))).isEmpty();
        Profile counted = Profile.builder().sampleType("samples", "count")
                .sample(List.of(), new long[] {1}, List.of(Label.of("retries", 3, "")))
                .sample(List.of(), new long[] {2}, List.of(Label.of("retries", 5, "")))
                .build();
        assertThat(counts(counted.tagFocus("retries=3"))).containsExactly(1L);
        assertThat(counts(counted.tagFocus("4:"))).containsExactly(2L);
    }

    @Test
    void rangesWhoseEndsDifferInKindAreRegularExpressions() {
        // "48" has no unit and "4kb" has one: not a range, so a regular expression over string labels
        assertThat(counts(small().tagIgnore("48:4kb"))).containsExactly(1L, 2L, 3L, 4L);
        assertThat(counts(small().tagFocus("bytes=48:4kb"))).isEmpty();
    }

    @Test
    void tagShowAndTagHideRemoveLabelsByKey() {
        Profile shown = small().tagShow("stage");
        assertThat(shown.samples().get(0).labels()).containsExactly(Label.of("stage", "cpu"));
        assertThat(shown.samples().get(2).labels()).isEmpty();
        assertThat(counts(shown)).containsExactly(1L, 2L, 3L, 4L);
        Profile hidden = small().tagHide("bytes|request");
        assertThat(hidden.samples().get(1).labels()).containsExactly(Label.of("stage", "io"));
        assertThat(hidden.samples().get(2).labels()).isEmpty();
    }

    @Test
    void unitsScaleAsGooglePprofs() {
        assertThat(Measurement.CURRENT.scale(1, "kb", "kb")).isEqualTo(new Measurement.Scaled(1, "kB"));
        assertThat(Measurement.CURRENT.scale(2048, "bytes", "kB")).isEqualTo(new Measurement.Scaled(2, "kB"));
        assertThat(Measurement.CURRENT.scale(3_600_000_000_000L, "ns", "auto")).isEqualTo(new Measurement.Scaled(1, "hrs"));
        assertThat(Measurement.CURRENT.scale(-1500, "ms", "s")).isEqualTo(new Measurement.Scaled(-1.5, "s"));
        assertThat(Measurement.CURRENT.scale(5, "count", "")).isEqualTo(new Measurement.Scaled(5, ""));
        assertThat(Measurement.CURRENT.scale(5, "widgets", "gadgets")).isEqualTo(new Measurement.Scaled(5, "gadgets"));
        // google/pprof counts bytes: "μs" is three, loses its "s", and is unknown
        assertThat(Measurement.CURRENT.scale(5, "μs", "ns")).isEqualTo(new Measurement.Scaled(5, "ns"));
        assertThat(Measurement.CURRENT.scale(5, "us", "ns")).isEqualTo(new Measurement.Scaled(5000, "ns"));
    }

    @Test
    void badFiltersAreRejected() {
        assertThatThrownBy(() -> small().tagFocus("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> small().tagFocus("stage=(")).hasMessageContaining("tagfocus");
        assertThatThrownBy(() -> small().tagFocus("99999999999999999999kb:")).hasMessageContaining("out of range");
    }
}
