package dev.gopherlens.pprof;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.gopherlens.pprof.OpsFixtures.lines;
import static dev.gopherlens.pprof.OpsFixtures.small;
import static dev.gopherlens.pprof.OpsFixtures.stacks;
import static org.assertj.core.api.Assertions.assertThat;

/** Prune, RemoveUninteresting and PruneFrom, as google/pprof's profile/prune.go. */
class PruningTest {

    @Test
    void simplifyCutsArgumentsButNotReservedNames() {
        assertThat(Pruning.simplify("main.(*T).m")).isEqualTo("main.");
        assertThat(Pruning.simplify(".foo(int)")).isEqualTo("foo");
        assertThat(Pruning.simplify("(anonymous namespace)::f(int)")).isEqualTo("(anonymous namespace)::f");
        assertThat(Pruning.simplify("Foo::operator()(int)")).isEqualTo("Foo::operator()");
        assertThat(Pruning.simplify("plain")).isEqualTo("plain");
    }

    @Test
    void pruneDropsCalleesOfTheFirstMatchFromTheRoot() {
        // mallocgc is location 3's only line: it goes with its callees
        assertThat(stacks(small().prune("mallocgc", ""))).containsExactly(List.of(1L, 2L), List.of(1L, 2L),
                List.of(2L), List.of());
        // keep wins over drop
        assertThat(stacks(small().prune("mallocgc", "malloc"))).isEqualTo(stacks(small()));
    }

    @Test
    void pruneOfAnInlinedLineKeepsTheLinesOutsideIt() {
        Profile p = small().prune("helper", "");
        assertThat(lines(p, 1)).containsExactly("main.work:25");
        // location 1 stays (it still has work), its callee mallocgc goes
        assertThat(stacks(p)).containsExactly(List.of(1L, 2L), List.of(1L, 2L), List.of(4L, 3L, 2L), List.of());
    }

    @Test
    void pruneKeepsFramesBeforeTheFirstUnprunedOne() {
        // main.main is every sample's root: nothing is pruned before a frame that does not match
        assertThat(stacks(small().prune("main\\.main", ""))).isEqualTo(stacks(small()));
    }

    @Test
    void removeUninterestingUsesTheProfilesFrameFiltersAsWholeNames() {
        assertThat(stacks(withFrameFilters("runtime\\..*", "").removeUninteresting()))
                .containsExactly(List.of(2L, 3L));
        assertThat(stacks(withFrameFilters("runtime\\..*|main\\.alloc", "main\\.alloc").removeUninteresting()))
                .containsExactly(List.of(2L, 3L));
        // anchored: "runtime" alone matches no whole name
        assertThat(stacks(withFrameFilters("runtime", "").removeUninteresting())).containsExactly(
                List.of(1L, 2L, 3L));
        Profile noFilters = small();
        assertThat(noFilters.removeUninteresting()).isSameAs(noFilters);
    }

    /** One sample: runtime.mallocgc called by main.alloc called by main.main. */
    private static Profile withFrameFilters(String drop, String keep) {
        ProfileBuilder b = Profile.builder().sampleType("samples", "count").frameFilters(drop, keep);
        Function leaf = b.function("runtime.mallocgc", "runtime.mallocgc", "malloc.go", 0);
        Function mid = b.function("main.alloc", "main.alloc", "main.go", 0);
        Function root = b.function("main.main", "main.main", "main.go", 0);
        Location l1 = b.location(null, 1, List.of(new Line(leaf, 1, 0)));
        Location l2 = b.location(null, 2, List.of(new Line(mid, 1, 0)));
        Location l3 = b.location(null, 3, List.of(new Line(root, 1, 0)));
        b.sample(List.of(l1, l2, l3), new long[] {1}, List.of());
        return b.build();
    }

    @Test
    void pruneFromDropsCalleesOfTheInnermostMatch() {
        Profile p = small().pruneFrom("main\\.work");
        // location 1 keeps work and what calls it
        assertThat(lines(p, 1)).containsExactly("main.work:25");
        assertThat(stacks(p)).containsExactly(List.of(1L, 2L), List.of(1L, 2L), List.of(4L, 3L, 2L), List.of());
        assertThat(stacks(small().pruneFrom("nothing"))).isEqualTo(stacks(small()));
    }
}
