package dev.gopherlens.pprof;

import dev.gopherlens.core.Frame;
import dev.gopherlens.core.Stack;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reports over small handmade profiles, where the right answer can be worked out by hand. */
class ReportTest {
    private static final Frame MAIN = Frame.of("main.main", "main.go", 10);
    private static final Frame WORK = Frame.of("main.work", "main.go", 20);
    private static final Frame HASH = Frame.of("main.hash", "hash.go", 5);
    private static final Frame SORT = Frame.of("sort.Sort", "sort/sort.go", 40);

    // main -> work -> hash (30), main -> work (10), main -> sort (60): cpu in ms, count of samples first.
    private static Profile profile() {
        return Profile.builder()
                .sampleType("samples", "count")
                .sampleType("cpu", "nanoseconds")
                .sample(Stack.of(HASH, WORK, MAIN), 3, 30_000_000)
                .sample(Stack.of(WORK, MAIN), 1, 10_000_000)
                .sample(Stack.of(SORT, MAIN), 6, 60_000_000)
                .build();
    }

    @Test
    void topHasFlatAndCumulativeValues() {
        TopReport top = profile().top();
        assertThat(top.rows()).extracting(TopReport.Row::name)
                .containsExactly("sort.Sort", "main.hash", "main.work", "main.main");
        assertThat(top.rows()).extracting(TopReport.Row::flat)
                .containsExactly(60_000_000L, 30_000_000L, 10_000_000L, 0L);
        assertThat(top.rows()).extracting(TopReport.Row::cum)
                .containsExactly(60_000_000L, 30_000_000L, 40_000_000L, 100_000_000L);
        assertThat(top.total()).isEqualTo(100_000_000L);
        assertThat(top.toText()).isEqualTo("""
                Type: cpu
                Showing nodes accounting for 100ms, 100% of 100ms total
                      flat  flat%   sum%        cum   cum%
                      60ms 60.00% 60.00%       60ms 60.00%  sort.Sort
                      30ms 30.00% 90.00%       30ms 30.00%  main.hash
                      10ms 10.00%   100%       40ms 40.00%  main.work
                         0     0%   100%      100ms   100%  main.main
                """);
        assertThat(top.limit(1).rows()).hasSize(1);
        assertThat(top.toString()).isEqualTo(top.toText());
    }

    @Test
    void sampleIndexAndMean() {
        Report counts = profile().report(ReportOptions.defaults().withSampleIndex("samples"));
        assertThat(counts.sampleType().type()).isEqualTo("samples");
        assertThat(counts.total()).isEqualTo(10);
        Report mean = profile().report(ReportOptions.defaults().withSampleIndex("1").withMean(true));
        // 100ms over 10 events.
        assertThat(mean.total()).isEqualTo(10_000_000L);
        assertThat(mean.top().header()).contains("Type: mean_cpu");
        assertThatThrownBy(() -> profile().report(ReportOptions.defaults().withSampleIndex("alloc_space")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[samples, cpu]");
        assertThatThrownBy(() -> profile().report(ReportOptions.defaults().withSampleIndex("2")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0..1]");
    }

    @Test
    void foldedStacksRootFirstAddUpToTheTotal() {
        String folded = profile().report().folded();
        assertThat(folded).isEqualTo("""
                main.main;main.work 10000000
                main.main;main.work;main.hash 30000000
                main.main;sort.Sort 60000000
                """);
        long sum = folded.lines().mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1))).sum();
        assertThat(sum).isEqualTo(profile().report().total());
    }

    @Test
    void inlinedCallsAreFramesOfTheirOwnUnlessFolded() {
        // One location with two lines: hash inlined into work.
        Frame hashAt = new Frame("main.hash", "hash.go", 5, 0x1000);
        Frame workAt = new Frame("main.work", "main.go", 20, 0x1000);
        Profile p = Profile.builder().sampleType("cpu", "nanoseconds")
                .sample(Stack.of(hashAt, workAt, MAIN), 5).build();
        TopReport top = p.top();
        assertThat(top.rows()).extracting(TopReport.Row::name, TopReport.Row::inlineLabel)
                .contains(org.assertj.core.groups.Tuple.tuple("main.hash", "(inline)"),
                        org.assertj.core.groups.Tuple.tuple("main.work", ""));
        assertThat(p.report().folded()).isEqualTo("main.main;main.work;main.hash 5\n");
        assertThat(p.report(ReportOptions.defaults().withNoInlines(true)).folded()).isEqualTo("main.main;main.work 5\n");
        assertThat(p.report().traces()).contains("   main.hash (inline)\n");
    }

    @Test
    void granularities() {
        Profile p = profile();
        assertThat(p.report(ReportOptions.defaults().withGranularity(Granularity.LINES)).top().rows())
                .extracting(TopReport.Row::name).contains("main.hash hash.go:5", "main.main main.go:10");
        assertThat(p.report(ReportOptions.defaults().withGranularity(Granularity.FILE_FUNCTIONS)).top().rows())
                .extracting(TopReport.Row::name).contains("sort.Sort sort/sort.go");
    }

    @Test
    void peekShowsCallersAndCallees() {
        String peek = profile().report().peek("work");
        assertThat(peek).contains("|   main.main\n").contains("| main.work\n").contains("|   main.hash\n")
                .doesNotContain("| sort.Sort\n");
        assertThatThrownBy(() -> profile().report().peek("nothing.matches"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no matches");
    }

    @Test
    void dotAndCallgrindAreWellFormed() {
        String dot = profile().report().dot();
        assertThat(dot).startsWith("digraph \"unnamed\" {\n").endsWith("}\n").contains("N2 [label=\"sort\\nSort\\n60ms (60.00%)\"");
        assertThat(dot.lines().filter(l -> l.contains(" -> N")).count()).isEqualTo(3);
        String cg = profile().report().callgrind();
        assertThat(cg).startsWith("positions: instr line\nevents: cpu(ms)\n").contains("fn=(1) sort.Sort");
    }

    @Test
    void diffBaseTotalIsTheBasesTotal() {
        Profile p = Profile.builder().sampleType("cpu", "nanoseconds")
                .sample(List.of(), new long[] {1}, List.of())
                .build();
        ProfileBuilder b = Profile.builder().sampleType("cpu", "nanoseconds");
        Location l = b.location(null, 0x10, List.of(new Line(b.function("f", "f", "f.go", 1), 1, 0)));
        b.sample(List.of(l), new long[] {-40}, List.of(Label.of("pprof::base", "true")));
        b.sample(List.of(l), new long[] {100}, List.of());
        Report r = b.build().report();
        assertThat(r.total()).isEqualTo(40);
        // -traces prints the base marker like any label (google/pprof printTraces).
        assertThat(r.traces()).contains("pprof::base:  true\n     -40ns   f\n");
        assertThat(p.report().top().rows()).isEmpty();
    }

    @Test
    void optionsAreChecked() {
        assertThatThrownBy(() -> ReportOptions.defaults().withDivideBy(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReportOptions.defaults().withFractions(-1, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReportOptions.defaults().withToolchain(3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Profile.builder().build().report()).isInstanceOf(IllegalArgumentException.class);
    }
}
