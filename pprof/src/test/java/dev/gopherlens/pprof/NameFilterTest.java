package dev.gopherlens.pprof;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.gopherlens.pprof.OpsFixtures.counts;
import static dev.gopherlens.pprof.OpsFixtures.lines;
import static dev.gopherlens.pprof.OpsFixtures.small;
import static dev.gopherlens.pprof.OpsFixtures.stacks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** focus, ignore, hide, show and show_from, as google/pprof's FilterSamplesByName and ShowFrom. */
class NameFilterTest {

    @Test
    void focusKeepsSamplesWithAMatchingFrameAndDropsEmptyStacks() {
        Profile p = small();
        assertThat(counts(p.focus("helper"))).containsExactly(1L, 2L);
        // an inlined line counts; so does the file name
        assertThat(counts(p.focus("work\\.go"))).containsExactly(1L, 2L);
        // the mapping's file counts: every location of /bin/app matches, and the empty sample goes
        assertThat(counts(p.focus("^/bin/app$"))).containsExactly(1L, 2L, 3L);
        assertThat(counts(p.focus("libc"))).containsExactly(3L);
        assertThat(p.focus("nothing matches this").samples()).isEmpty();
        // the tables stay, as go tool pprof -raw shows them
        assertThat(p.focus("nothing matches this").locations()).isEqualTo(p.locations());
        assertThat(p.samples()).hasSize(4);
    }

    @Test
    void ignoreDropsSamplesWithAMatchingFrame() {
        Profile p = small();
        assertThat(counts(p.ignore("mallocgc"))).containsExactly(1L);
        // an empty stack has no frame to match, but go tool pprof drops it all the same
        assertThat(counts(p.ignore("nothing"))).containsExactly(1L, 2L, 3L);
        assertThat(counts(p.focus("main\\.main").ignore("write"))).containsExactly(1L, 2L);
    }

    @Test
    void hideRemovesMatchingLinesAndLocationsLeftEmpty() {
        Profile p = small().hide("helper|mallocgc");
        assertThat(lines(p, 1)).containsExactly("main.work:25");
        assertThat(lines(p, 3)).isEmpty();
        assertThat(stacks(p)).containsExactly(List.of(1L, 2L), List.of(1L, 2L), List.of(4L, 2L));
        // a matching mapping file hides the whole location
        assertThat(stacks(small().hide("libc\\.so"))).containsExactly(List.of(1L, 2L), List.of(3L, 1L, 2L),
                List.of(3L, 2L));
        // samples left without locations go
        assertThat(counts(small().hide("main|runtime|write"))).isEmpty();
    }

    @Test
    void showKeepsOnlyMatchingLines() {
        Profile p = small().show("main\\.(work|main)");
        assertThat(lines(p, 1)).containsExactly("main.work:25");
        assertThat(lines(p, 3)).isEmpty();
        assertThat(stacks(p)).containsExactly(List.of(1L, 2L), List.of(1L, 2L), List.of(2L));
        assertThat(small().show("nothing").samples()).isEmpty();
    }

    @Test
    void showFromDropsCallersOfTheOutermostMatch() {
        Profile p = small().showFrom("helper");
        // the location keeps lines up to the match: helper only, work (its caller) goes
        assertThat(lines(p, 1)).containsExactly("main.helper:12");
        assertThat(stacks(p)).containsExactly(List.of(1L), List.of(3L, 1L));
        // samples without a match go
        assertThat(small().showFrom("nothing").samples()).isEmpty();
        // a mapping match keeps the location whole
        assertThat(stacks(small().showFrom("/bin/app"))).containsExactly(List.of(1L, 2L), List.of(3L, 1L, 2L),
                List.of(4L, 3L, 2L));
    }

    @Test
    void filtersLeaveTheOriginalAlone() {
        Profile p = small();
        Profile before = small();
        p.hide("main").show("x").focus("y").showFrom("z");
        assertThat(p).isEqualTo(before);
    }

    @Test
    void goSyntaxThatJavaSpellsDifferentlyIsTranslated() {
        assertThat(NameFilter.fromGo("[[:upper:]][[:^digit:]]")).isEqualTo("[\\p{Upper}][\\P{Digit}]");
        assertThat(NameFilter.fromGo("[[:word:]x]")).isEqualTo("[\\wx]");
        assertThat(NameFilter.fromGo("(?P<pkg>main)\\.")).isEqualTo("(?<pkg>main)\\.");
        assertThat(NameFilter.fromGo("[[:nosuch:]]")).isEqualTo("[[:nosuch:]]");
        // main.main and main.work both have a lower-case letter after "main."; runtime.mallocgc does not match
        assertThat(counts(small().focus("^main\\.[[:lower:]]"))).containsExactly(1L, 2L, 3L);
        // every location lies in a mapping whose file starts with "/", which is not a letter
        assertThat(counts(small().focus("^[[:^alpha:]]"))).containsExactly(1L, 2L, 3L);
        assertThat(counts(small().focus("^[[:digit:]]"))).isEmpty();
    }

    @Test
    void invalidExpressionsNameTheOption() {
        assertThatThrownBy(() -> small().focus("(")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parsing focus regexp");
        assertThatThrownBy(() -> small().hide("[")).hasMessageContaining("hide");
    }
}
