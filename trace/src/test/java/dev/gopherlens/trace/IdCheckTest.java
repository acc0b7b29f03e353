package dev.gopherlens.trace;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.core.internal.Varint;
import dev.gopherlens.trace.internal.Wire;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every stack and string id an event names must be in its generation's tables, as Go's reader checks. The reader
 * clears ids within the tables' runs from 1 without a lookup, and looks the others up one by one; these traces
 * have a hole in their stack ids (1, 2 and 4), so that both ways are taken, and ids past the tables.
 */
class IdCheckTest {
    private static final long NONE = -1L; // 2^64 - 1 on the wire, the "no thread" of Go's tables batches

    private static void uv(ByteArrayOutputStream out, long v) {
        byte[] b = new byte[10];
        out.write(b, 0, Varint.write(b, 0, v));
    }

    private static void batch(ByteArrayOutputStream out, long m, ByteArrayOutputStream data) {
        out.write(Wire.EVENT_BATCH);
        uv(out, 1);
        uv(out, m);
        uv(out, 0);
        uv(out, data.size());
        out.writeBytes(data.toByteArray());
    }

    private static void event(ByteArrayOutputStream out, int type, long... args) {
        out.write(type);
        for (long a : args) {
            uv(out, a);
        }
    }

    /**
     * A Go 1.22 trace of one thread: a goroutine created, started and stopped; stacks 1, 2 and 4; string 1.
     */
    private static byte[] trace(long newStack, long createStack, long stopReason, long stopStack) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("go 1.22 trace\0\0\0".getBytes(StandardCharsets.ISO_8859_1));
        ByteArrayOutputStream events = new ByteArrayOutputStream();
        event(events, Wire.PROC_STATUS, 1, 0, 1);
        event(events, Wire.GO_CREATE, 1, 5, newStack, createStack);
        event(events, Wire.GO_START, 1, 5, 1);
        event(events, Wire.GO_STOP, 1, stopReason, stopStack);
        batch(out, 0, events);
        ByteArrayOutputStream freq = new ByteArrayOutputStream();
        event(freq, Wire.FREQUENCY, 15_625_000);
        batch(out, NONE, freq);
        ByteArrayOutputStream stacks = new ByteArrayOutputStream();
        stacks.write(Wire.STACKS);
        for (long id : new long[]{1, 2, 4}) {
            event(stacks, Wire.STACK, id, 1, 0x401000 + id, 1, 1, 10 + id);
        }
        batch(out, NONE, stacks);
        ByteArrayOutputStream strings = new ByteArrayOutputStream();
        strings.write(Wire.STRINGS);
        event(strings, Wire.STRING, 1, 8);
        strings.writeBytes("whatever".getBytes(StandardCharsets.US_ASCII));
        batch(out, NONE, strings);
        return out.toByteArray();
    }

    private static long events(byte[] trace) throws IOException {
        long fromArray;
        try (TraceCursor c = GoTrace.cursor(trace)) {
            while (c.next()) {
                // read through
            }
            fromArray = c.count();
        }
        try (TraceCursor c = GoTrace.cursor(new ByteArrayInputStream(trace))) {
            while (c.next()) {
                // read through
            }
            assertThat(c.count()).isEqualTo(fromArray);
        }
        return fromArray;
    }

    private static void assertRejected(byte[] trace, String message) {
        assertThatThrownBy(() -> events(trace)).isInstanceOf(GoParseException.class).hasMessageContaining(message);
    }

    @Test
    void idsInTheTablesAreAccepted() throws IOException {
        // Sync, ProcStatus, GoCreate, GoStart, GoStop, Sync.
        assertThat(events(trace(0, 0, 0, 0))).isEqualTo(6);
        assertThat(events(trace(1, 2, 1, 2))).isEqualTo(6);
        // Past the run from 1 (1, 2), but present.
        assertThat(events(trace(4, 4, 1, 4))).isEqualTo(6);
    }

    @Test
    void aStackIdInTheHoleIsRejected() {
        assertRejected(trace(0, 0, 1, 3), "found invalid stack ID 3 for event GoStop");
        assertRejected(trace(3, 1, 1, 1), "found invalid stack ID 3 for event GoCreate");
        assertRejected(trace(1, 3, 1, 1), "found invalid stack ID 3 for event GoCreate");
    }

    @Test
    void idsPastTheTablesAreRejected() {
        assertRejected(trace(0, 0, 1, 5), "found invalid stack ID 5 for event GoStop");
        assertRejected(trace(0, 0, 2, 1), "found invalid string ID 2 for event GoStop");
        assertRejected(trace(0, 0, 1, NONE), "found invalid stack ID 18446744073709551615 for event GoStop");
        assertRejected(trace(0, 0, NONE, 1), "found invalid string ID 18446744073709551615 for event GoStop");
        assertRejected(trace(0, 0, 1, 1L << 40), "found invalid stack ID 1099511627776 for event GoStop");
    }

    @Test
    void theStackIsCheckedBeforeTheString() {
        assertRejected(trace(0, 0, 7, 9), "found invalid stack ID 9 for event GoStop");
    }

    @Test
    void idsWhoseOrPassesTheRunButAreEachPresentAreAccepted() throws IOException {
        // GoCreate's two stacks 1 and 2 OR to 3, past the run's end at 2 and absent, yet each id is present.
        assertThat(events(trace(1, 2, 1, 1))).isEqualTo(6);
        assertThat(events(trace(2, 1, 1, 4))).isEqualTo(6);
    }
}
