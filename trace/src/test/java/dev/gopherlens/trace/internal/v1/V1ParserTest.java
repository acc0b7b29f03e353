package dev.gopherlens.trace.internal.v1;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.core.LimitExceededException;
import dev.gopherlens.core.Limits;
import dev.gopherlens.core.TruncatedInputException;
import org.junit.jupiter.api.Test;

import static dev.gopherlens.trace.internal.v1.V1EventType.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Hand-made v1 traces: what Go 1.27's tracev1 accepts, how it orders and rewrites it, and what it rejects. */
class V1ParserTest {

    private static V1Trace parse(V1TraceBuilder b) throws GoParseException {
        return V1Parser.parse(b.bytes(), b.minor(), Limits.DEFAULT);
    }

    private static GoParseException failure(V1TraceBuilder b) {
        try {
            V1Parser.parse(b.bytes(), b.minor(), Limits.DEFAULT);
        } catch (GoParseException e) {
            return e;
        }
        throw new AssertionError("parsed");
    }

    /** A batch with the Frequency (2 ns per tick), stacks 1 and 2 and the strings their frames name. */
    private static V1TraceBuilder tables(V1TraceBuilder b) {
        return b.batch(0, 0).frequency(500_000_000)
                .string(1, "main.main").string(2, "main.go")
                .stack(1, 0x401000, 1, 2, 10)
                .stack(2, 0x402000, 1, 2, 20, 0x401000, 99, 99, 99);
    }

    @Test
    void ordersBatchesRenamesLocalEventsAndMovesSyscallExits() throws GoParseException {
        V1TraceBuilder b = new V1TraceBuilder(21);
        b.batch(0, 1000)
                .event(PROC_START, 0, 7)
                .event(GO_CREATE, 10, 5, 2, 1)
                .event(GO_START_LOCAL, 10, 5)
                .event(GO_SYS_CALL, 10, 3)
                .event(GO_SYS_BLOCK, 10)
                .event(PROC_STOP, 10);
        b.batch(1, 1100)
                .event(PROC_START, 0, 8)
                .event(GO_SYS_EXIT, 10, 5, 2, 1045)
                .event(GO_START, 10, 5, 3)
                .event(GO_END, 10)
                .event(PROC_STOP, 10);
        V1Trace t = parse(tables(b));

        assertThat(t.size()).isEqualTo(11);
        assertThat(types(t)).containsExactly(PROC_START, GO_CREATE, GO_START, GO_SYS_CALL, GO_SYS_BLOCK,
                GO_SYS_EXIT, PROC_STOP, PROC_START, GO_START, GO_END, PROC_STOP);
        assertThat(times(t)).containsExactly(0, 20, 40, 60, 80, 90, 100, 200, 240, 260, 280);
        assertThat(t.minTicks()).isEqualTo(1000);
        assertThat(t.frequency()).isEqualTo(500_000_000);
        int exit = 5;
        assertThat(t.p(exit)).isEqualTo(V1Trace.SYSCALL_P);
        assertThat(t.g(exit)).isEqualTo(5);
        assertThat(t.arg(exit, 2)).isEqualTo(1045);
        // The first start of a goroutine carries its creation stack; a stack id with no Stack event becomes 0.
        assertThat(t.stackId(2)).isEqualTo(2);
        assertThat(t.stackId(8)).isZero();
        assertThat(t.stackId(3)).isZero();
        assertThat(t.stackId(1)).isEqualTo(1);
        assertThat(t.g(3)).isEqualTo(5);
        assertThat(t.g(9)).isEqualTo(5);
        assertThat(t.offset(0)).isEqualTo(16 + 4);

        assertThat(t.string(1)).isEqualTo("main.main");
        assertThat(t.string(3)).isNull();
        int s = t.stackIndex(2);
        assertThat(t.stackDepth(s)).isEqualTo(2);
        assertThat(t.framePc(s, 1)).isEqualTo(0x401000);
        // A pc keeps the frame of the first stack that named it.
        assertThat(t.frameLine(s, 1)).isEqualTo(10);
        assertThat(t.frameFunc(s, 1)).isEqualTo(1);
        assertThat(t.stackIndex(3)).isEqualTo(-1);
    }

    @Test
    void movesUnblocksToPseudoPs() throws GoParseException {
        V1TraceBuilder b = new V1TraceBuilder(11);
        b.batch(0, 100)
                .event(PROC_START, 0, 1)
                .event(GO_CREATE, 1, 10, 0, 0)
                .event(GO_CREATE, 1, 11, 0, 0)
                .event(GO_CREATE, 1, 12, 0, 0)
                .event(GO_START, 1, 10, 1)
                .event(GO_BLOCK_NET, 1, 0)
                .event(GO_START, 1, 11, 1)
                .event(GO_UNBLOCK, 1, 10, 2, 0)
                .event(GO_BLOCK, 1, 0)
                .event(GO_START, 1, 10, 3)
                .event(GO_BLOCK_SEND, 1, 0)
                .event(GO_START, 1, 12, 1)
                .event(GO_UNBLOCK, 1, 10, 4, 0)
                .event(GO_UNBLOCK_LOCAL, 1, 11, 0)
                .event(GO_END, 1)
                .event(GC_START, 1, 0, 0);
        b.batch(0, 0).frequency(1_000_000_000).timerGoroutine(12);
        V1Trace t = parse(b);
        assertThat(types(t)).containsExactly(PROC_START, GO_CREATE, GO_CREATE, GO_CREATE, GO_START, GO_BLOCK_NET,
                GO_START, GO_UNBLOCK, GO_BLOCK, GO_START, GO_BLOCK_SEND, GO_START, GO_UNBLOCK, GO_UNBLOCK, GO_END,
                GC_START);
        // A goroutine blocked on the network is unblocked by the netpoller.
        assertThat(t.p(7)).isEqualTo(V1Trace.NETPOLL_P);
        assertThat(t.g(7)).isEqualTo(11);
        // The timer goroutine's unblocks go to the timer P; the Local unblock is renamed.
        assertThat(t.p(12)).isEqualTo(V1Trace.TIMER_P);
        assertThat(t.p(13)).isEqualTo(V1Trace.TIMER_P);
        assertThat(t.arg(13, 0)).isEqualTo(11);
        assertThat(t.g(13)).isEqualTo(12);
        assertThat(t.p(15)).isEqualTo(V1Trace.GC_P);
        assertThat(t.g(15)).isZero();
    }

    @Test
    void timerUnblockOfANetworkWaitGoesToTheNetpollP() throws GoParseException {
        // Go 1.27 drops Go 1.21's "ev.P != TimerP" guard: the netpoll rule wins.
        V1TraceBuilder b = new V1TraceBuilder(21);
        b.batch(0, 100)
                .event(GO_CREATE, 1, 10, 0, 0)
                .event(GO_CREATE, 1, 11, 0, 0)
                .event(GO_START, 1, 10, 1)
                .event(GO_BLOCK_NET, 1, 0)
                .event(GO_START, 1, 11, 1)
                .event(GO_UNBLOCK, 1, 10, 2, 0);
        b.batch(0, 0).frequency(1_000_000_000).timerGoroutine(11);
        V1Trace t = parse(b);
        assertThat(t.type(5)).isEqualTo(GO_UNBLOCK);
        assertThat(t.p(5)).isEqualTo(V1Trace.NETPOLL_P);
    }

    @Test
    void userLogMessagesAreNumberedOncePerText() throws GoParseException {
        V1TraceBuilder b = new V1TraceBuilder(21);
        b.batch(0, 100)
                .userLog(1, 1, 3, 0, "hello")
                .userLog(1, 1, 3, 0, "world")
                .userLog(1, 1, 3, 0, "hello");
        b.batch(0, 0).frequency(1_000_000_000).string(3, "key");
        V1Trace t = parse(b);
        assertThat(t.inlineStringCount()).isEqualTo(2);
        assertThat(t.arg(0, 3)).isZero();
        assertThat(t.arg(1, 3)).isEqualTo(1);
        assertThat(t.arg(2, 3)).isZero();
        assertThat(t.inlineString(1)).isEqualTo("world");
        assertThat(t.arg(0, 0)).isEqualTo(1);
        assertThat(t.arg(0, 1)).isEqualTo(3);
    }

    @Test
    void cpuSamplesAreOrderedByTheirOwnTime() throws GoParseException {
        V1TraceBuilder b = new V1TraceBuilder(19);
        b.batch(0, 100)
                .event(PROC_START, 0, 1)
                .event(PROC_STOP, 100);
        b.batch(-1, 300)
                .event(CPU_SAMPLE, 0, 180, 0, 7, 1)
                .event(CPU_SAMPLE, 0, 150, -1, 0, 1);
        tables(b);
        V1Trace t = parse(b);
        assertThat(types(t)).containsExactly(PROC_START, CPU_SAMPLE, CPU_SAMPLE, PROC_STOP);
        assertThat(t.p(1)).isEqualTo(-1);
        assertThat(t.arg(1, 1)).isEqualTo(-1L);
        assertThat(t.p(2)).isZero();
        assertThat(t.g(2)).isEqualTo(7);
        assertThat(t.arg(2, 0)).isZero();
        assertThat(t.arg(2, 2)).isEqualTo(7);
        assertThat(t.stackId(2)).isEqualTo(1);
        assertThat(times(t)).containsExactly(0, 100, 160, 200);
    }

    @Test
    void futileWakeupIsParsed() throws GoParseException {
        // Go 1.27 rejects it later, in the conversion to the new event model ("unexpected event type 36").
        V1TraceBuilder b = new V1TraceBuilder(11);
        b.batch(0, 5).event(FUTILE_WAKEUP, 1).frequency(1000);
        V1Trace t = parse(b);
        assertThat(t.size()).isEqualTo(1);
        assertThat(t.type(0)).isEqualTo(FUTILE_WAKEUP);
    }

    @Test
    void headerOnlyHasNoFrequency() {
        GoParseException e = failure(new V1TraceBuilder(21));
        assertThat(e.reason()).isEqualTo("no EvFrequency event");
        assertThat(e.format()).isEqualTo("trace");
    }

    @Test
    void eventBeforeTheFirstBatch() {
        V1TraceBuilder b = new V1TraceBuilder(21);
        b.event(PROC_START, 0, 1).batch(0, 1).frequency(1);
        GoParseException e = failure(b);
        assertThat(e.reason()).isEqualTo("read event 5 with current P of 0, but P has no batches yet");
        assertThat(e.offset()).isEqualTo(16);
    }

    @Test
    void unknownEventTypes() {
        V1TraceBuilder cpu = new V1TraceBuilder(11);
        cpu.batch(0, 1);
        int at = cpu.offset();
        cpu.event(CPU_SAMPLE, 0, 1, 0, 0, 0);
        GoParseException e = failure(cpu);
        assertThat(e.reason()).isEqualTo("unknown event type 49");
        assertThat(e.offset()).isEqualTo(at);
        assertThat(failure(new V1TraceBuilder(21).batch(0, 1).raw(0x32)).reason()).isEqualTo("unknown event type 50");
        assertThat(failure(new V1TraceBuilder(21).batch(0, 1).raw(0x40, 0)).reason()).isEqualTo("unknown event type 0");
    }

    @Test
    void badStrings() {
        assertThat(failure(new V1TraceBuilder(21).batch(0, 1).string(0, "x").frequency(1)).reason())
                .isEqualTo("string has invalid id 0");
        assertThat(failure(new V1TraceBuilder(21).batch(0, 1).string(3, "a").string(3, "b").frequency(1)).reason())
                .isEqualTo("string has duplicate id 3");
        assertThat(failure(new V1TraceBuilder(21).batch(0, 1).raw(STRING).varint(4).varint(0).frequency(1)).reason())
                .isEqualTo("string has invalid length 0");
        assertThat(failure(new V1TraceBuilder(21).batch(0, 1).string(4, "x".repeat(1_000_001))).reason())
                .isEqualTo("string has too large length 1000001");
    }

    @Test
    void stringLongerThanTheLimit() {
        V1TraceBuilder b = new V1TraceBuilder(21).batch(0, 1).string(1, "abcdef").frequency(1);
        assertThatThrownBy(() -> V1Parser.parse(b.bytes(), 21, Limits.DEFAULT.withMaxStringLength(5)))
                .isInstanceOf(LimitExceededException.class);
    }

    @Test
    void noConsistentOrdering() {
        V1TraceBuilder b = new V1TraceBuilder(21);
        b.batch(0, 100);
        int at = b.offset();
        b.event(GO_START, 1, 5, 7).frequency(1);
        GoParseException e = failure(b);
        assertThat(e.reason()).isEqualTo("no consistent ordering of events possible");
        assertThat(e.offset()).isEqualTo(at);
    }

    @Test
    void timeStampsOutOfOrder() {
        V1TraceBuilder b = new V1TraceBuilder(21);
        b.batch(0, 100).event(PROC_START, 0, 1).event(GO_CREATE, 10, 5, 0, 0);
        b.batch(1, 50).event(PROC_START, 0, 2).event(GO_START, 1, 5, 1);
        b.batch(0, 0).frequency(1);
        assertThat(failure(b).reason()).isEqualTo("time stamps out of order");
        assertThat(failure(new V1TraceBuilder(21).batch(0, 1).frequency(0)).reason())
                .startsWith("time stamps out of order");
    }

    @Test
    void straySyscallExit() {
        V1TraceBuilder b = new V1TraceBuilder(21);
        b.batch(0, 100)
                .event(GO_CREATE, 0, 5, 0, 0)
                .event(GO_WAITING, 1, 5)
                .event(GO_SYS_EXIT, 1, 5, 2, 90)
                .frequency(1);
        assertThat(failure(b).reason()).isEqualTo("stray syscall exit");
    }

    @Test
    void validationErrors() {
        V1TraceBuilder stop = new V1TraceBuilder(21);
        stop.batch(0, 100).event(PROC_START, 2, 1).event(PROC_STOP, 3).event(PROC_STOP, 5).frequency(1_000_000_000);
        GoParseException e = failure(stop);
        assertThat(e.reason()).isEqualTo("p 0 is not running before stop (time 8)");

        V1TraceBuilder regions = new V1TraceBuilder(21);
        regions.batch(0, 100).event(USER_REGION, 1, 1, 0, 4, 0).event(USER_REGION, 1, 1, 1, 5, 0)
                .frequency(1_000_000_000);
        assertThat(failure(regions).reason()).isEqualTo("misuse of region in goroutine 0: span end "
                + "\"1 UserRegion p=0 g=0 stk=0 taskid=1 mode=1 typeid=5\" when the inner-most active span start "
                + "event is \"0 UserRegion p=0 g=0 stk=0 taskid=1 mode=0 typeid=4\"");

        V1TraceBuilder tasks = new V1TraceBuilder(21);
        tasks.batch(0, 100).event(USER_TASK_CREATE, 1, 1, 0, 4, 0).event(USER_TASK_CREATE, 1, 1, 0, 4, 0)
                .frequency(1_000_000_000);
        assertThat(failure(tasks).reason()).startsWith("task id conflicts (id:1), \"1 UserTaskCreate");
    }

    @Test
    void malformedFraming() {
        assertThat(failure(new V1TraceBuilder(21).raw(BATCH).varint(0)).reason())
                .isEqualTo("EvBatch has wrong number of arguments: got 1, want 2");
        assertThat(failure(new V1TraceBuilder(21).batch(1L << 31, 0)).reason())
                .isEqualTo("processor ID 2147483648 is larger than maximum of 18446744073709551615");
        assertThat(failure(new V1TraceBuilder(21).batch(0, 1).raw(PROC_START | 3 << 6).varint(2049)).reason())
                .isEqualTo("failed to read event 5 argument: length-prefixed argument too big: 2049 bytes, "
                        + "limit is 2048");
        assertThat(failure(new V1TraceBuilder(21).batch(0, 1).event(PROC_START, 1).frequency(1)).reason())
                .isEqualTo("ProcStart has wrong number of arguments: want 2, got 1");
        assertThat(failure(new V1TraceBuilder(21).batch(0, 1).raw(STACK | 3 << 6, 3, 1, 0x80 | 1, 0x10)
                .frequency(1)).reason()).isEqualTo("EvStack has bad number of frames: 2049");
        assertThat(failure(new V1TraceBuilder(21).batch(0, 1).raw(PROC_START | 1 << 6, 0x80)))
                .isInstanceOf(TruncatedInputException.class);
        assertThat(failure(new V1TraceBuilder(19).batch(0, 1).event(CPU_SAMPLE, 0, 1, 2)).reason())
                .isEqualTo("CPU sample has wrong number of arguments: want 5, got 0");
    }

    @Test
    void eventTypeTable() {
        assertThat(V1EventType.name(STW_START)).isEqualTo("GCSTWStart");
        assertThat(V1EventType.name(CPU_SAMPLE)).isEqualTo("CPUSample");
        assertThat(V1EventType.name(COUNT)).isEqualTo("type 50");
        for (int t = 0; t < COUNT; t++) {
            assertThat(V1EventType.argCount(t)).isBetween(0, 3);
        }
        assertThat(V1EventType.hasStack(GO_UNBLOCK_LOCAL)).isTrue();
        assertThat(V1EventType.hasStack(GO_SYS_EXIT)).isFalse();
    }

    @Test
    void goFloatConversion() {
        assertThat(V1Parser.goInt64(12.9)).isEqualTo(12);
        assertThat(V1Parser.goInt64(1e19)).isEqualTo(Long.MIN_VALUE);
        assertThat(V1Parser.goInt64(Double.NaN)).isEqualTo(Long.MIN_VALUE);
    }

    private static int[] types(V1Trace t) {
        int[] out = new int[t.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = t.type(i);
        }
        return out;
    }

    private static long[] times(V1Trace t) {
        long[] out = new long[t.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = t.time(i);
        }
        return out;
    }
}
