package dev.gopherlens.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gopherlens.core.testing.Corpus;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trace-event JSON is valid by the format's rules (the Trace Event Format document: phases, required fields,
 * types) and says what the trace says: one GC slice per cycle, one stop-the-world slice per pause, goroutine state
 * slices that tile each goroutine's life without overlap, flows with both ends.
 */
class PerfettoExportTest {
    private static final Set<String> PHASES = Set.of("X", "M", "C", "b", "e", "s", "f", "i");

    static JsonNode export(Path trace) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TraceCursor c = GoTrace.cursor(trace)) {
            PerfettoExport.write(c, out);
        }
        return new ObjectMapper().readTree(out.toByteArray());
    }

    static void validate(JsonNode root, Path trace) throws IOException {
        assertThat(root.isObject()).isTrue();
        JsonNode events = root.get("traceEvents");
        assertThat(events.isArray()).isTrue();
        Map<Long, Integer> flowStarts = new HashMap<>();
        Set<Long> flowEnds = new HashSet<>();
        Map<Long, List<double[]>> goroutineSlices = new HashMap<>();
        int gc = 0;
        int stw = 0;
        for (JsonNode e : events) {
            String ph = e.get("ph").asText();
            assertThat(PHASES).as("%s", e).contains(ph);
            assertThat(e.get("name").isTextual()).as("%s", e).isTrue();
            assertThat(e.get("pid").isInt()).as("%s", e).isTrue();
            if (!ph.equals("M")) {
                assertThat(e.get("ts").isNumber()).as("%s", e).isTrue();
                assertThat(e.get("ts").asDouble()).as("%s", e).isGreaterThanOrEqualTo(0);
            }
            switch (ph) {
                case "X":
                    assertThat(e.get("dur").asDouble()).as("%s", e).isGreaterThanOrEqualTo(0);
                    assertThat(e.get("tid").isNumber()).isTrue();
                    if (e.get("cat").asText().equals("state")) {
                        goroutineSlices.computeIfAbsent(e.get("tid").asLong(), k -> new ArrayList<>())
                                .add(new double[]{e.get("ts").asDouble(), e.get("dur").asDouble()});
                    }
                    gc += e.get("name").asText().equals("GC") ? 1 : 0;
                    stw += e.get("name").asText().startsWith("stop-the-world") ? 1 : 0;
                    break;
                case "M":
                    assertThat(e.get("args").get("name").isTextual()).as("%s", e).isTrue();
                    break;
                case "C":
                    assertThat(e.get("args").fields()).toIterable().allMatch(f -> f.getValue().isNumber());
                    break;
                case "b":
                case "e":
                    assertThat(e.has("id") && e.has("cat")).as("%s", e).isTrue();
                    break;
                case "s":
                    flowStarts.merge(e.get("id").asLong(), 1, Integer::sum);
                    break;
                case "f":
                    assertThat(e.get("bp").asText()).isEqualTo("e");
                    flowEnds.add(e.get("id").asLong());
                    break;
                default:
                    break;
            }
        }
        assertThat(flowStarts.values()).allMatch(n -> n == 1);
        assertThat(flowStarts.keySet()).containsAll(flowEnds);
        for (Map.Entry<Long, List<double[]>> g : goroutineSlices.entrySet()) {
            List<double[]> slices = g.getValue();
            slices.sort((a, b) -> Double.compare(a[0], b[0]));
            for (int i = 1; i < slices.size(); i++) {
                double end = slices.get(i - 1)[0] + slices.get(i - 1)[1];
                // Each state begins where the last ended (times are rounded to nanoseconds in microseconds).
                assertThat(slices.get(i)[0]).as("goroutine %d", g.getKey()).isCloseTo(end,
                        org.assertj.core.data.Offset.offset(0.0015));
            }
        }
        GcAnalysis analysis = GcAnalysis.of(trace);
        assertThat(gc).isEqualTo(analysis.cycles().size());
        assertThat(stw).isEqualTo(analysis.pauses().size());
    }

    @TestFactory
    Stream<DynamicTest> fixtures() {
        return Stream.of(15, 19, 21, 22, 23, 25, 27).map(v -> DynamicTest.dynamicTest("go1." + v, () -> {
            Path trace = FixtureTraceTest.DIR.resolve("go1." + v + ".trace");
            validate(export(trace), trace);
        }));
    }

    @TestFactory
    Stream<DynamicTest> corpus() {
        return Corpus.versions().stream().map(v -> DynamicTest.dynamicTest(v.name(), () -> {
            Path trace = v.dir().resolve("data/trace.out");
            JsonNode root = export(trace);
            validate(root, trace);
            assertThat(root.get("traceEvents").size()).isGreaterThan(1000);
        }));
    }
}
