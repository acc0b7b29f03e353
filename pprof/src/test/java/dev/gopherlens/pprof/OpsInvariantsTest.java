package dev.gopherlens.pprof;

import dev.gopherlens.core.testing.Corpus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Laws the operations obey on every corpus profile of every Go version: merging with itself doubles, subtracting
 * itself leaves nothing, a diff sums to zero, focus and ignore split the samples with stacks, and nothing changes
 * the profile it is called on.
 */
class OpsInvariantsTest {

    static Stream<Arguments> profiles() {
        return Corpus.versions().stream().flatMap(v -> RawTextConformanceTest.PROFILES.stream()
                .map(name -> Arguments.of(v, name)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("profiles")
    void lawsHold(Corpus.GoVersion v, String name) throws IOException {
        Profile p = Pprof.read(v.file("data/" + name + ".pprof"));
        Profile copy = Pprof.read(v.file("data/" + name + ".pprof"));
        Profile c = p.compact();
        int n = p.sampleTypes().size();

        Profile twice = Profile.merge(List.of(p, p));
        assertThat(twice.locations()).isEqualTo(c.locations());
        assertThat(twice.samples()).hasSameSizeAs(c.samples());
        for (int i = 0; i < c.samples().size(); i++) {
            for (int k = 0; k < n; k++) {
                assertThat(twice.samples().get(i).value(k)).isEqualTo(2 * c.samples().get(i).value(k));
            }
        }
        assertThat(p.scale(2).compact().samples()).extracting(s -> s.value(n - 1))
                .isEqualTo(twice.samples().stream().map(s -> s.value(n - 1)).toList());

        assertThat(p.subtractBase(p).samples()).isEmpty();
        Profile diff = p.diffBase(p);
        long[] sums = new long[n];
        for (Sample s : diff.samples()) {
            for (int k = 0; k < n; k++) {
                sums[k] += s.value(k);
            }
        }
        assertThat(sums).containsOnly(0L);
        assertThat(diff.samples()).hasSize(2 * c.samples().size());

        long withStacks = p.samples().stream().filter(s -> !s.locations().isEmpty()).count();
        assertThat(p.focus("runtime").samples().size() + p.ignore("runtime").samples().size())
                .isEqualTo(withStacks);
        long[] totals = new long[n];
        for (Sample s : p.samples()) {
            for (int k = 0; k < n; k++) {
                totals[k] += s.value(k);
            }
        }
        if (!java.util.Arrays.stream(totals).anyMatch(t -> t == 0)) {
            assertThat(p.normalize(p)).isEqualTo(p);
        } else {
            // google/pprof scales a type whose total is zero by 0, and ScaleN then keeps a sample only when one of
            // the values it scaled is nonzero: normalizing such a profile by itself empties it.
            assertThat(p.normalize(p).samples()).isEmpty();
        }
        // an expression that matches nothing hides nothing, but samples without locations still go
        assertThat(p.hide("x^").samples()).hasSize((int) withStacks);
        assertThat(p.tagFocus(".").samples().size() + p.tagIgnore(".").samples().size())
                .isEqualTo(p.samples().size());
        for (Granularity g : Granularity.values()) {
            Profile a = p.aggregate(g).noInlines();
            assertThat(a.samples()).hasSameSizeAs(p.samples());
            assertThat(a.compact().locations().size()).isLessThanOrEqualTo(c.locations().size());
        }
        assertThat(p).isEqualTo(copy);
    }
}
