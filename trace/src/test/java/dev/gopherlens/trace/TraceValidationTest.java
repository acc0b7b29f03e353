package dev.gopherlens.trace;

import dev.gopherlens.core.testing.Corpus;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every trace we have, of every format, passes {@link TransitionValidator}: only legal transitions, each leaving the
 * state the last one entered, in time order. The fixtures run without the corpus; the rest reads it.
 */
class TraceValidationTest {

    private static DynamicTest validates(String name, Path trace) {
        return DynamicTest.dynamicTest(name, () -> assertThat(TransitionValidator.validate(GoTrace.cursor(trace)))
                .as("transitions in %s", name).isPositive());
    }

    @TestFactory
    Stream<DynamicTest> fixtures() {
        return Stream.of(15, 19, 21, 22, 23, 25, 27).map(v -> validates("go1." + v,
                FixtureTraceTest.DIR.resolve("go1." + v + ".trace")));
    }

    @TestFactory
    Stream<DynamicTest> corpus() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Corpus.GoVersion v : Corpus.versions()) {
            tests.add(validates(v.name(), v.dir().resolve("data/trace.out")));
        }
        for (String dir : List.of("multigen", "trace-tests/v1")) {
            try (Stream<Path> s = Files.walk(Corpus.file(dir))) {
                for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                    String f = p.getFileName().toString();
                    if (f.endsWith(".out") || dir.endsWith("v1") && !p.toString().contains("golden")) {
                        tests.add(validates(dir + "/" + Corpus.root().resolve(dir).relativize(p), p));
                    }
                }
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> experimentalBatchesAreKept() throws IOException {
        // multigen/README.md: every AllocFree trace has 4 experimental batches (experiment 1), the info batch at
        // the start and a types batch in each of its 3 generations.
        List<DynamicTest> tests = new ArrayList<>();
        for (int v = 23; v <= 27; v++) {
            Path p = Corpus.file("multigen/go1." + v + "/trace1-allocfree.out");
            tests.add(DynamicTest.dynamicTest("go1." + v, () -> {
                List<ExperimentalBatch> batches = new ArrayList<>();
                long experimentalEvents = 0;
                try (TraceCursor c = GoTrace.cursor(p)) {
                    while (c.next()) {
                        if (c.kind() == EventKind.SYNC) {
                            batches.addAll(c.experimentalBatches());
                        } else if (c.kind() == EventKind.EXPERIMENTAL) {
                            experimentalEvents++;
                            assertThat(c.experimentalArguments()).containsKey("id");
                        }
                    }
                }
                assertThat(batches).hasSize(4).allSatisfy(b -> {
                    assertThat(b.experiment()).isEqualTo("AllocFree");
                    assertThat(b.data()).isNotEmpty();
                });
                assertThat(experimentalEvents).isGreaterThan(10_000);
            }));
        }
        return tests.stream();
    }
}
