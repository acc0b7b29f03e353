package dev.gopherlens.trace;

import dev.gopherlens.core.testing.Corpus;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Scheduling latency and GC, against counts and sums taken from Go's own print of each corpus trace. */
class TraceAnalysisTest {
    private static final Pattern STW = Pattern.compile(
            "^M=\\S+ P=\\S+ G=\\S+ Range(Begin|End) Time=(\\d+) Name=\"stop-the-world \\((.*)\\)\" Scope=Goroutine\\((-?\\d+)\\)");

    @TestFactory
    Stream<DynamicTest> againstGoPrints() {
        return Corpus.versions().stream().filter(v -> v.minor() >= 22).map(v -> DynamicTest.dynamicTest(v.name(),
                () -> {
                    List<String> golden = TraceGoldenTest.golden(v.dir().resolve("golden/trace.parsed.txt.gz"),
                            GoEventPrinter.Style.of(v.minor()));
                    long runnableToRunning = golden.stream().filter(l -> l.contains(" Runnable->Running")).count();
                    long gcBegins = golden.stream().filter(l -> l.contains("Name=\"GC concurrent mark phase\"")
                            && (l.contains(" RangeBegin ") || l.contains(" RangeActive "))).count();
                    Map<String, Long> open = new HashMap<>();
                    long pauses = 0;
                    long paused = 0;
                    for (String l : golden) {
                        Matcher m = STW.matcher(l);
                        if (m.find()) {
                            long t = Long.parseLong(m.group(2));
                            if (m.group(1).equals("Begin")) {
                                open.put(m.group(4), t);
                            } else if (open.containsKey(m.group(4))) {
                                pauses++;
                                paused += t - open.remove(m.group(4));
                            }
                        }
                    }
                    TraceAnalysis a = TraceAnalysis.of(v.dir().resolve("data/trace.out"));
                    SchedulingLatency s = a.schedulingLatency();
                    assertThat(s.count()).isEqualTo(runnableToRunning);
                    assertThat(s.percentile(50)).isLessThanOrEqualTo(s.percentile(90));
                    assertThat(s.percentile(90)).isLessThanOrEqualTo(s.percentile(99));
                    assertThat(s.percentile(100)).isEqualTo(s.max());
                    assertThat(s.longest()).hasSize(10).isSortedAccordingTo((x, y) -> Long.compare(y.latency(),
                            x.latency()));
                    assertThat(s.longest().get(0).latency()).isEqualTo(s.max());
                    // The groups by start function split the same delays.
                    assertThat(s.byFunction().values().stream().mapToLong(SchedulingLatency::count).sum())
                            .isEqualTo(s.count());
                    assertThat(s.byFunction().values().stream().mapToLong(SchedulingLatency::total).sum())
                            .isEqualTo(s.total());
                    assertThat(s.byFunction().values().stream().mapToLong(SchedulingLatency::max).max()
                            .orElse(0)).isEqualTo(s.max());
                    assertThat(s.byFunction()).containsKey("main.main");
                    GcAnalysis gc = a.gc();
                    assertThat(gc.cycles()).hasSize((int) gcBegins);
                    assertThat(gc.pauses()).hasSize((int) pauses);
                    assertThat(gc.totalPause()).isEqualTo(paused);
                    assertThat(gc.heap()).isNotEmpty();
                    assertThat(gc.pauses()).extracting(GcAnalysis.Pause::kind).contains("GC mark termination");
                    assertThat(a.goroutines().goroutines()).isNotEmpty();
                }));
    }

    @Test
    void histogramBucketsBoundTheirValues() {
        for (long v : new long[]{0, 1, 1023, 1024, 1025, 4096, 123_456_789, Long.MAX_VALUE / 3}) {
            int b = SchedulingLatency.bucket(v);
            assertThat(SchedulingLatency.upper(b)).as("%d", v).isGreaterThanOrEqualTo(v);
            assertThat(SchedulingLatency.upper(b) - v).as("%d", v).isLessThanOrEqualTo(Math.max(0, v / 64));
            assertThat(b == 0 || SchedulingLatency.upper(b - 1) < v).as("%d", v).isTrue();
        }
    }

    @Test
    void percentilesRejectNonsense() throws Exception {
        SchedulingLatency s = TraceAnalysis.of(FixtureTraceTest.DIR.resolve("go1.27.trace")).schedulingLatency();
        assertThatThrownBy(() -> s.percentile(101)).isInstanceOf(IllegalArgumentException.class);
        assertThat(s.toString()).contains("delays");
    }
}
