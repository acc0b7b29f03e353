package dev.gopherlens.trace;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.core.UnsupportedVersionException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The entry points and what they say about traces that hold nothing or are no traces. */
class GoTraceTest {

    private static byte[] header(String text) {
        byte[] h = new byte[16];
        byte[] t = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(t, 0, h, 0, Math.min(t.length, 16));
        return h;
    }

    private static List<String> kinds(byte[] trace) throws IOException {
        List<String> out = new ArrayList<>();
        try (TraceCursor c = GoTrace.cursor(trace)) {
            while (c.next()) {
                out.add(c.kind() + "@" + c.time());
            }
        }
        return out;
    }

    @Test
    void anEmptyGo126TraceIsOneSync() throws IOException {
        // One Sync; its time is forced past 0, as Go forces every time past the last (which starts at 0).
        assertThat(kinds(header("go 1.26 trace"))).containsExactly("SYNC@1");
    }

    @Test
    void anEmptyGo122TraceLacksItsFrequency() {
        assertThatThrownBy(() -> kinds(header("go 1.22 trace")))
                .isInstanceOf(GoParseException.class).hasMessageContaining("no frequency event found");
    }

    @Test
    void otherVersionsAreNamed() {
        assertThatThrownBy(() -> GoTrace.cursor(header("go 1.30 trace")))
                .isInstanceOf(UnsupportedVersionException.class).hasMessageContaining("go 1.30");
        assertThatThrownBy(() -> GoTrace.cursor(header("go 1.5 trace")))
                .isInstanceOf(UnsupportedVersionException.class).hasMessageContaining("go 1.5");
        assertThatThrownBy(() -> GoTrace.cursor("not a trace at all".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(GoParseException.class).hasMessageContaining("not a Go execution trace");
        assertThatThrownBy(() -> GoTrace.cursor(new byte[0])).isInstanceOf(GoParseException.class);
    }

    @Test
    void theModelHoldsEveryEvent() throws IOException {
        byte[] bytes = FixtureTraceTest.fixture(27);
        Trace t = GoTrace.read(bytes);
        assertThat(t.version()).isEqualTo(TraceVersion.GO_1_26);
        // 140 events in Go 1.27's print of this file (see src/test/fixtures/README.md).
        assertThat(t.events()).hasSize(140);
        assertThat(t.countByKind().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(140);
        assertThat(t.events().get(0)).isInstanceOf(Event.Sync.class);
        assertThat(((Event.Sync) t.events().get(0)).clock()).isNotNull();
        assertThat(t.duration()).isPositive();
        assertThat(t.toString()).contains("140 events");
        assertThatThrownBy(() -> t.events().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theCursorRefusesQuestionsOfTheWrongKind() throws IOException {
        try (TraceCursor c = GoTrace.cursor(FixtureTraceTest.fixture(27))) {
            assertThatThrownBy(c::kind).isInstanceOf(IllegalStateException.class);
            assertThat(c.next()).isTrue();
            assertThat(c.kind()).isEqualTo(EventKind.SYNC);
            assertThat(c.syncNumber()).isEqualTo(1);
            assertThat(c.wallTime()).isNotNull();
            assertThatThrownBy(c::reason).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("SYNC");
            assertThat(c.toString()).contains("Sync");
        }
    }

    @Test
    void theListenerSeesEveryChange() throws IOException {
        long[] counts = new long[4];
        try (TraceCursor c = GoTrace.cursor(FixtureTraceTest.fixture(27))) {
            GoTrace.replay(c, new TraceListener() {
                @Override
                public void event(TraceCursor e) {
                    counts[0]++;
                }

                @Override
                public void goroutineChanged(TraceCursor e, long g, GoState from, GoState to) {
                    counts[1]++;
                    assertThat(e.scheduler().state(g)).isEqualTo(to);
                }

                @Override
                public void procChanged(TraceCursor e, long p, ProcState from, ProcState to) {
                    counts[2]++;
                    assertThat(e.scheduler().procState(p)).isEqualTo(to);
                }

                @Override
                public void end(TraceCursor e) {
                    counts[3]++;
                }
            });
        }
        long transitions = GoTrace.read(FixtureTraceTest.fixture(27)).countByKind()
                .get(EventKind.STATE_TRANSITION);
        assertThat(counts[0]).isEqualTo(140);
        assertThat(counts[1] + counts[2]).isEqualTo(transitions);
        assertThat(counts[3]).isEqualTo(1);
    }

    @Test
    void wallClockFromTheSnapshot() throws IOException {
        // Go 1.27's print of this fixture: "Sync Time=… N=1 Trace=T Mono=… Wall=W"; an event at t is at W + (t - T).
        String sync = TraceGoldenTest.golden(FixtureTraceTest.DIR.resolve("go1.27.trace.parsed-go1.27.txt.gz"),
                GoEventPrinter.Style.GO_1_26).get(0);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Trace=(\\d+) Mono=\\d+ Wall=(\\S+)").matcher(sync);
        assertThat(m.find()).as(sync).isTrue();
        long trace = Long.parseLong(m.group(1));
        java.time.Instant wall = java.time.Instant.parse(m.group(2));
        try (TraceCursor c = GoTrace.cursor(FixtureTraceTest.fixture(27))) {
            assertThat(c.next()).isTrue();
            assertThat(c.clockSnapshot().traceTime()).isEqualTo(trace);
            assertThat(c.clockSnapshot().wall()).isEqualTo(wall);
            for (int i = 0; i < 10; i++) {
                c.next();
            }
            assertThat(c.wallTime()).isEqualTo(wall.plusNanos(c.time() - trace));
            assertThat(c.sinceStart()).isPositive();
        }
        try (TraceCursor c = GoTrace.cursor(FixtureTraceTest.fixture(22))) {
            c.next();
            assertThat(c.clockSnapshot()).isNull();
            assertThat(c.wallTime()).isNull();
        }
        try (TraceReader r = GoTrace.open(FixtureTraceTest.fixture(27))) {
            Event e = r.nextEvent();
            e = r.nextEvent();
            assertThat(r.wallTime(e)).isEqualTo(wall.plusNanos(e.time() - trace));
        }
    }

    @Test
    void theSchedulerMustBeAskedForBeforeReading() throws IOException {
        try (TraceCursor c = GoTrace.cursor(FixtureTraceTest.fixture(27))) {
            c.next();
            assertThatThrownBy(c::scheduler).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("before the first next()");
        }
        try (TraceCursor c = GoTrace.cursor(FixtureTraceTest.fixture(27))) {
            Scheduler s = c.scheduler();
            while (c.next()) {
                assertThat(c.scheduler()).isSameAs(s);
            }
            assertThat(s.goroutines()).isNotEmpty();
        }
    }
}
