package dev.gopherlens.trace;

import dev.gopherlens.core.testing.Corpus;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Tasks, regions and logs against Go's own print of each trace. */
class AnnotationsTest {

    private static long count(List<String> golden, String kind) {
        return golden.stream().filter(l -> l.startsWith("M=") && l.contains(" " + kind + " ")).count();
    }

    @TestFactory
    Stream<DynamicTest> corpus() {
        return Corpus.versions().stream().filter(v -> v.minor() >= 22).map(v -> DynamicTest.dynamicTest(v.name(),
                () -> {
                    List<String> golden = TraceGoldenTest.golden(v.dir().resolve("golden/trace.parsed.txt.gz"),
                            GoEventPrinter.Style.of(v.minor()));
                    Annotations a = TraceAnalysis.of(v.dir().resolve("data/trace.out")).annotations();
                    assertThat(a.regions()).hasSize((int) Math.max(count(golden, "RegionBegin"),
                            count(golden, "RegionEnd")));
                    assertThat(a.tasks().stream().filter(t -> t.start() >= 0).count())
                            .isEqualTo(count(golden, "TaskBegin"));
                    assertThat(a.tasks().stream().filter(t -> t.end() >= 0).count())
                            .isEqualTo(count(golden, "TaskEnd"));
                    assertThat(a.logs()).hasSize((int) count(golden, "Log"));
                    assertThat(a.tasks().stream().mapToLong(t -> t.logs().size()).sum())
                            .isEqualTo(a.logs().stream().filter(l -> l.task() != 0).count());
                    assertThat(a.regionDurations()).isNotEmpty();
                    a.regionDurations().values().forEach(d -> {
                        assertThat(d.min()).isLessThanOrEqualTo(d.p50());
                        assertThat(d.p50()).isLessThanOrEqualTo(d.p99());
                        assertThat(d.p99()).isLessThanOrEqualTo(d.max());
                    });
                }));
    }

    @Test
    void aRegionThatBeganBeforeTheTraceHasNoStart() throws IOException {
        // multigen/README.md: trace2 holds the end of region cross-trace-region, begun in trace1, and the ends of
        // tasks begun before it (TaskEnd Type="").
        Annotations a = Annotations.of(Corpus.file("multigen/go1.27/trace2.out"));
        assertThat(a.regions()).anyMatch(r -> r.type().equals("cross-trace-region") && r.start() == -1
                && r.end() > 0 && r.duration() == -1);
        assertThat(a.tasks()).anyMatch(t -> t.start() == -1 && t.end() > 0);
        assertThat(a.toString()).contains("tasks");
    }
}
