package dev.gopherlens.pprof.goroutines;

import dev.gopherlens.pprof.Line;
import dev.gopherlens.pprof.Location;
import dev.gopherlens.pprof.Profile;
import dev.gopherlens.pprof.Sample;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link GoroutineDump#toProfile()} as Go's own pprof tool reads it: {@code go tool pprof -traces} of Go 1.27 on
 * the profile made from a fixture (pprof-tool/*.traces.txt; the README there says how) lists the same stacks and
 * counts as the profile made now, with the same calls marked {@code (inline)}.
 */
class PprofToolTracesTest {

    /** Parses {@code -traces} output: count, then one function a line, inlined ones marked. */
    static Map<List<String>, Long> traces(String text) {
        Map<List<String>, Long> out = new LinkedHashMap<>();
        List<String> stack = null;
        long count = 0;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("-----------+") || line.isEmpty()) {
                if (stack != null && !stack.isEmpty()) {
                    out.merge(List.copyOf(stack), count, Long::sum);
                }
                stack = line.isEmpty() ? null : new ArrayList<>();
                continue;
            }
            if (stack == null) {
                continue;
            }
            String t = line.strip();
            if (stack.isEmpty()) {
                int space = t.indexOf(' ');
                count = Long.parseLong(t.substring(0, space));
                t = t.substring(space).strip();
            }
            stack.add(t);
        }
        return out;
    }

    /** The same view of a profile: a line that is not its location's last is an inlined call. */
    static Map<List<String>, Long> traces(Profile p) {
        Map<List<String>, Long> out = new LinkedHashMap<>();
        for (Sample s : p.samples()) {
            List<String> stack = new ArrayList<>();
            for (Location l : s.locations()) {
                List<Line> lines = l.lines();
                for (int i = 0; i < lines.size(); i++) {
                    stack.add(lines.get(i).function().name() + (i < lines.size() - 1 ? " (inline)" : ""));
                }
            }
            out.merge(stack, s.value(0), Long::sum);
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"go1.15/dump", "go1.27/dump", "go1.27/panic-labels-ancestors", "go1.21/nil-system"})
    void goToolPprofReadsTheStacksAndInlinedCalls(String name) throws IOException {
        String golden = new String(DumpFixtures.raw("pprof-tool/" + name.replace('/', '-') + ".traces.txt"),
                StandardCharsets.UTF_8);
        Map<List<String>, Long> expected = traces(golden);
        Map<List<String>, Long> actual = traces(GoroutineDump.read(DumpFixtures.raw(name + ".txt.gz")).toProfile());
        assertThat(expected).isNotEmpty();
        assertThat(actual).isEqualTo(expected);
        assertThat(expected.keySet()).anyMatch(stack -> stack.stream().anyMatch(f -> f.endsWith(" (inline)")));
    }
}
