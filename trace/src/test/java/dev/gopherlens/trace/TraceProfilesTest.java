package dev.gopherlens.trace;

import dev.gopherlens.core.testing.Corpus;
import dev.gopherlens.pprof.Line;
import dev.gopherlens.pprof.Location;
import dev.gopherlens.pprof.Pprof;
import dev.gopherlens.pprof.Profile;
import dev.gopherlens.pprof.Sample;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our {@link TraceProfiles} against {@code go tool trace -pprof=net|sync|syscall|sched} of Go 1.27, stored in
 * {@code src/test/fixtures/pprof} (see the README there for the command): the same samples, stack for stack, count
 * for count, nanosecond for nanosecond. Go writes samples in map order, so they are compared sorted.
 */
class TraceProfilesTest {
    static final Path DIR = FixtureTraceTest.DIR.resolve("pprof");

    /** A profile as sorted lines: "count delay | pc func file:line; …". */
    static List<String> canonical(Profile p) {
        List<String> out = new ArrayList<>();
        for (Sample s : p.samples()) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < s.values().length; i++) {
                sb.append(s.value(i)).append(' ');
            }
            sb.append('|');
            for (Location l : s.locations()) {
                for (Line line : l.lines()) {
                    sb.append(' ').append(Long.toHexString(l.address())).append(' ').append(line.function().name())
                            .append(' ').append(line.function().filename()).append(':').append(line.line())
                            .append(';');
                }
            }
            out.add(sb.toString());
        }
        out.sort(null);
        return out;
    }

    /** A profile as stack → [count, delay]. */
    static Map<String, long[]> byStack(Profile p) {
        Map<String, long[]> out = new java.util.TreeMap<>();
        for (String line : canonical(p)) {
            String[] parts = line.split(" \\|", 2);
            String[] v = parts[0].trim().split(" ");
            out.put(parts[1], new long[]{Long.parseLong(v[0]), Long.parseLong(v[1])});
        }
        return out;
    }

    static void compare(Path trace, String prefix) throws IOException {
        compare(trace, prefix, false);
    }

    static void compare(Path trace, String prefix, boolean v1) throws IOException {
        Map<TraceProfiles.Kind, Profile> ours = TraceProfiles.of(trace);
        for (TraceProfiles.Kind k : TraceProfiles.Kind.values()) {
            Profile go = Pprof.read(DIR.resolve(prefix + "." + k.goName() + ".pprof"));
            Profile mine = ours.get(k);
            if (v1) {
                // Go orders a v1 trace's events with equal ticks on different procs by map iteration, and forces
                // the times apart by 1 ns: an interval's end may move by a nanosecond from run to run. Same
                // stacks, same counts; delays within a nanosecond per interval.
                Map<String, long[]> a = byStack(mine);
                Map<String, long[]> b = byStack(go);
                assertThat(a.keySet()).as("%s %s", prefix, k).isEqualTo(b.keySet());
                for (String stack : a.keySet()) {
                    assertThat(a.get(stack)[0]).as("%s %s %s", prefix, k, stack).isEqualTo(b.get(stack)[0]);
                    assertThat(Math.abs(a.get(stack)[1] - b.get(stack)[1])).as("%s %s %s", prefix, k, stack)
                            .isLessThanOrEqualTo(2 * a.get(stack)[0]);
                }
            } else {
                assertThat(canonical(mine)).as("%s %s", prefix, k).isEqualTo(canonical(go));
            }
            assertThat(mine.sampleTypes()).isEqualTo(go.sampleTypes());
            assertThat(mine.periodType()).isEqualTo(go.periodType());
            assertThat(mine.period()).isEqualTo(go.period());
        }
    }

    @TestFactory
    Stream<DynamicTest> fixtures() {
        return Stream.of(15, 19, 21, 22, 23, 25, 27).map(v -> DynamicTest.dynamicTest("go1." + v,
                () -> compare(FixtureTraceTest.DIR.resolve("go1." + v + ".trace"), "go1." + v)));
    }

    @TestFactory
    Stream<DynamicTest> corpus() {
        return Corpus.versions().stream().map(v -> DynamicTest.dynamicTest(v.name(),
                () -> compare(v.dir().resolve("data/trace.out"), "corpus-" + v.name(), v.minor() <= 21)));
    }

    @Test
    void cpuSamplesBecomeACpuProfile() throws IOException {
        Profile p = TraceProfiles.cpu(Corpus.file("go1.27/data/trace.out"));
        // 20 StackSample events in go tool trace -d=parsed of this trace.
        assertThat(p.samples()).hasSize(20);
        assertThat(p.samples()).allSatisfy(s -> assertThat(s.value(0)).isEqualTo(1));
        assertThat(canonical(p)).anyMatch(l -> l.contains("main.sumSquares"));
    }
}
