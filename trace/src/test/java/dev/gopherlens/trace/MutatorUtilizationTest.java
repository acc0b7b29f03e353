package dev.gopherlens.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gopherlens.core.testing.Corpus;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The MMU curve against Go 1.27's own: {@code go tool trace}'s MMU page ({@code /mmu?mode=plot&flags=stw|background|
 * assist|sweep}) for the fixtures and the corpus traces, stored in {@code src/test/fixtures/mmu} (see its README).
 */
class MutatorUtilizationTest {
    static final Path DIR = FixtureTraceTest.DIR.resolve("mmu");

    static void compare(Path trace, Path golden) throws IOException {
        JsonNode curve = new ObjectMapper().readTree(Files.readAllBytes(golden)).get("curve");
        assertThat(curve.size()).isPositive();
        MutatorUtilization mu = MutatorUtilization.of(trace);
        for (JsonNode point : curve) {
            long window = point.get(0).asLong();
            double expected = point.get(1).asDouble();
            assertThat(mu.mmu(window)).as("%s at %d ns", trace.getFileName(), window).isCloseTo(expected,
                    within(1e-9));
        }
    }

    @TestFactory
    Stream<DynamicTest> fixtures() {
        return Stream.of(15, 19, 21, 22, 23, 25, 27).map(v -> DynamicTest.dynamicTest("go1." + v, () ->
                compare(FixtureTraceTest.DIR.resolve("go1." + v + ".trace"), DIR.resolve("go1." + v + ".json"))));
    }

    @TestFactory
    Stream<DynamicTest> corpus() {
        return Corpus.versions().stream().map(v -> DynamicTest.dynamicTest(v.name(), () ->
                compare(v.dir().resolve("data/trace.out"), DIR.resolve("corpus-" + v.name() + ".json"))));
    }

    @Test
    void theWholeTraceIsItsMean() throws IOException {
        MutatorUtilization mu = MutatorUtilization.of(FixtureTraceTest.DIR.resolve("go1.27.trace"));
        List<MutatorUtilization.Step> steps = mu.steps();
        long span = steps.get(steps.size() - 1).time() - steps.get(0).time();
        assertThat(mu.mmu(span)).isCloseTo(mu.mean(), within(1e-12));
        assertThat(mu.mmu(10 * span)).isCloseTo(mu.mean(), within(1e-12));
        assertThat(mu.mmu(0)).isZero();
        assertThat(mu.mmu(span / 10)).isLessThanOrEqualTo(mu.mean() + 1e-12);
        MutatorUtilization none = MutatorUtilization.of(FixtureTraceTest.DIR.resolve("go1.27.trace"),
                EnumSet.noneOf(MutatorUtilization.Part.class));
        assertThat(none.mmu(span / 10)).isGreaterThanOrEqualTo(mu.mmu(span / 10));
    }
}
