package dev.gopherlens.trace;

import dev.gopherlens.core.testing.Corpus;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The goroutine analysis against the events themselves: a goroutine whose whole life the trace saw has every
 * nanosecond of it accounted for, exactly once; and the corpus program's five leaked goroutines are found.
 */
class GoroutineAnalysisTest {

    /** A goroutine created in the trace: running + runnable + blocked + syscall times make its lifetime. */
    static void accountingAddsUp(GoroutineAnalysis a) {
        long checked = 0;
        for (GoroutineSummary g : a.goroutines()) {
            long parts = g.execTime() + g.schedWaitTime() + g.totalBlockTime() + g.syscallTime()
                    + g.syscallBlockTime();
            assertThat(g.totalTime()).as("goroutine %d", g.id()).isNotNegative();
            // Syscalls are the one place Go's accounting may count time twice (a syscall that lost its proc is also
            // waiting to run, and a v1 trace's syscalls are re-timed by its conversion): leave those out.
            if (g.creator() != -1 && g.syscallBlockTime() == 0 && g.syscallTime() == 0) {
                assertThat(parts).as("goroutine %d: %s", g.id(), g).isEqualTo(g.totalTime());
                assertThat(g.unknownTime()).isZero();
                checked++;
            } else {
                assertThat(parts + g.unknownTime()).as("goroutine %d", g.id()).isGreaterThanOrEqualTo(g.totalTime());
                assertThat(parts).as("goroutine %d", g.id())
                        .isLessThanOrEqualTo(g.totalTime() + g.syscallTime() + g.syscallBlockTime());
            }
            if (g.endTime() != -1) {
                assertThat(g.endTime() - g.creationTime()).isEqualTo(g.totalTime());
            }
        }
        assertThat(checked).isPositive();
    }

    @TestFactory
    Stream<DynamicTest> corpus() {
        return Corpus.versions().stream().map(v -> DynamicTest.dynamicTest(v.name(), () -> {
            GoroutineAnalysis a = GoroutineAnalysis.of(v.dir().resolve("data/trace.out"));
            accountingAddsUp(a);
            GoroutineSummary main = a.goroutine(1);
            assertThat(main.name()).isEqualTo("main.main");
            assertThat(main.execTime()).isPositive();
            assertThat(a.byFunction()).containsKey("main.main");
            // The corpus program leaks five goroutines blocked in a channel receive in main.leak.func1. Traces that
            // record a stack for goroutines blocked since before tracing (v1 of Go 1.21, v2 from Go 1.23) name
            // them; the others can only say that they have been blocked since before the trace began.
            List<LeakSuspect> likely = a.leaks().stream()
                    .filter(l -> l.verdict() == LeakSuspect.Verdict.LIKELY_LEAK).toList();
            List<LeakSuspect> unknown = a.leaks().stream()
                    .filter(l -> l.verdict() == LeakSuspect.Verdict.UNKNOWN).toList();
            if (!likely.isEmpty()) {
                assertThat(likely).hasSize(1);
                LeakSuspect leak = likely.get(0);
                assertThat(leak.function()).isEqualTo("main.leak.func1");
                assertThat(leak.reason()).isEqualTo("chan receive");
                assertThat(leak.count()).isEqualTo(5);
                assertThat(leak.stack().frames()).anyMatch(f -> f.function().equals("main.leak.func1"));
            } else {
                assertThat(unknown).hasSize(1);
                assertThat(unknown.get(0).count()).isGreaterThanOrEqualTo(5);
            }
            // The runtime's own parked goroutines are named as such, never as leaks.
            assertThat(a.leaks()).filteredOn(l -> l.function().startsWith("runtime."))
                    .allMatch(l -> l.verdict() == LeakSuspect.Verdict.SYSTEM);
        }));
    }

    @Test
    void fixtures() throws IOException {
        for (int v : FixtureTraceTest.ALL) {
            GoroutineAnalysis a = GoroutineAnalysis.of(FixtureTraceTest.DIR.resolve("go1." + v + ".trace"));
            accountingAddsUp(a);
            assertThat(a.traceEnd()).isGreaterThan(a.traceStart());
            assertThat(a.toString()).contains("goroutines");
        }
    }

    /** The goroutines a debug=2 goroutine dump shows blocked (not running): ids from the "goroutine N [state]:" lines. */
    static java.util.Set<Long> blockedInDump(java.nio.file.Path dump) throws IOException {
        java.util.Set<Long> ids = new java.util.TreeSet<>();
        java.util.regex.Pattern header = java.util.regex.Pattern.compile("^goroutine (\\d+) \\[([^\\]]*)\\]:");
        for (String line : java.nio.file.Files.readAllLines(dump)) {
            java.util.regex.Matcher m = header.matcher(line);
            if (m.find() && !m.group(2).startsWith("running") && !m.group(2).startsWith("runnable")) {
                ids.add(Long.parseLong(m.group(1)));
            }
        }
        return ids;
    }

    @TestFactory
    Stream<DynamicTest> everyGoroutineTheDumpShowsBlockedIsSuspected() {
        // The corpus program dumps its goroutines right after the trace ends; every goroutine the dump shows blocked
        // must be among the leak suspects, and where the trace records their stacks, be exactly the likely leaks.
        return Corpus.versions().stream().map(v -> DynamicTest.dynamicTest(v.name(), () -> {
            java.util.Set<Long> dump = blockedInDump(v.dir().resolve("data/goroutine.debug2.txt"));
            assertThat(dump).hasSize(5);
            GoroutineAnalysis a = GoroutineAnalysis.of(v.dir().resolve("data/trace.out"));
            java.util.Set<Long> suspected = new java.util.TreeSet<>();
            java.util.Set<Long> likely = new java.util.TreeSet<>();
            for (LeakSuspect l : a.leaks()) {
                if (l.verdict() == LeakSuspect.Verdict.LIKELY_LEAK || l.verdict() == LeakSuspect.Verdict.UNKNOWN) {
                    suspected.addAll(l.goroutines());
                }
                if (l.verdict() == LeakSuspect.Verdict.LIKELY_LEAK) {
                    likely.addAll(l.goroutines());
                }
            }
            assertThat(suspected).containsAll(dump);
            if (!likely.isEmpty()) {
                assertThat(likely).isEqualTo(dump);
            }
        }));
    }
}
