package dev.gopherlens.trace.internal.v1;

import dev.gopherlens.core.Limits;
import dev.gopherlens.core.testing.Corpus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conformance: the events of every v1 trace in the corpus, rendered as {@code go tool trace -d} printed them,
 * against the output of the Go toolchain.
 */
class V1GoldenTest {

    static Stream<Arguments> traces() {
        List<Arguments> out = new ArrayList<>();
        for (String name : new String[] {
            "fmt_1_21_pprof_good", "http_1_19_good", "http_1_21_good", "stress_1_11_good", "stress_1_19_good",
            "stress_1_21_good", "stress_start_stop_1_11_good", "stress_start_stop_1_19_good",
            "stress_start_stop_1_21_good", "user_task_region_1_11_good", "user_task_region_1_19_good",
            "user_task_region_1_21_good"}) {
            out.add(Arguments.of("trace-tests/v1/" + name, "trace-tests/v1/golden/" + name + ".d-go1.21.txt.gz", 21));
        }
        for (int minor : new int[] {15, 19, 21}) {
            out.add(Arguments.of("go1." + minor + "/data/trace.out", "go1." + minor + "/golden/trace.parsed.txt.gz",
                    minor));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("traces")
    void matchesGoToolTrace(String trace, String golden, int toolchain) throws IOException {
        byte[] bytes = Files.readAllBytes(Corpus.file(trace));
        int minor = Integer.parseInt(new String(bytes, 5, 2, StandardCharsets.US_ASCII));
        V1Trace t = V1Parser.parse(bytes, minor, Limits.DEFAULT);
        // With at most 1e9 ticks per second, distinct ticks give distinct nanoseconds, so the golden's equal-time
        // runs are exactly the events with equal ticks.
        assertThat(t.frequency()).isBetween(1L, 1_000_000_000L);
        List<String> ours = new GoDumpRenderer(toolchain).lines(t);
        List<String> want = readGolden(Corpus.file(golden));
        GoldenDiff diff = GoldenDiff.compare(ours, want);
        int gcG = 0;
        for (int i = 0; i < t.size(); i++) {
            gcG += GoDumpRenderer.gcGoroutineDiffers(t, i) ? 1 : 0;
        }
        System.out.println(trace + ": " + diff.summary() + "; " + gcG + " GC/STW lines printed with g=0 as Go 1.21 does");
        diff.details().stream().limit(40).forEach(System.out::println);
        assertThat(diff.mismatched()).as(diff.summary()).isZero();
        assertThat(diff.exact() + diff.reordered()).isEqualTo(want.size());
    }

    static List<String> readGolden(Path path) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(path)), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.endsWith("Parsing trace...")) {
                    continue;
                }
                lines.add(line);
            }
        }
        return lines;
    }
}
