package dev.gopherlens.trace.internal.v1;

import dev.gopherlens.core.internal.Varint;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes small v1 traces for tests, as the runtime would: header, batches, events with minimal varints. */
final class V1TraceBuilder {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final int minor;

    V1TraceBuilder(int minor) {
        this.minor = minor;
        byte[] header = new byte[16];
        byte[] text = ("go 1." + minor + " trace").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, header, 0, text.length);
        out.writeBytes(header);
    }

    int minor() {
        return minor;
    }

    /** {@return the offset the next event will have} */
    int offset() {
        return out.size();
    }

    V1TraceBuilder raw(int... bytes) {
        for (int b : bytes) {
            out.write(b);
        }
        return this;
    }

    V1TraceBuilder varint(long v) {
        byte[] buf = new byte[10];
        out.write(buf, 0, Varint.write(buf, 0, v));
        return this;
    }

    V1TraceBuilder batch(long p, long ticks) {
        return raw(V1EventType.BATCH | 1 << 6).varint(p).varint(ticks);
    }

    V1TraceBuilder frequency(long ticksPerSecond) {
        return raw(V1EventType.FREQUENCY).varint(ticksPerSecond);
    }

    V1TraceBuilder timerGoroutine(long g) {
        return raw(V1EventType.TIMER_GOROUTINE).varint(g);
    }

    V1TraceBuilder string(long id, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        raw(V1EventType.STRING).varint(id).varint(b.length);
        out.writeBytes(b);
        return this;
    }

    /**
     * Writes an event with its arguments: the timestamp delta first, the stack id last for types with one; up to
     * three inline, more length-prefixed.
     */
    V1TraceBuilder event(int type, long... args) {
        if (args.length <= 3) {
            raw(type | (args.length - 1) << 6);
            for (long a : args) {
                varint(a);
            }
            return this;
        }
        byte[] block = block(args);
        raw(type | 3 << 6).varint(block.length);
        out.writeBytes(block);
        return this;
    }

    V1TraceBuilder userLog(long delta, long task, long key, long stack, String message) {
        event(V1EventType.USER_LOG, delta, task, key, stack);
        byte[] b = message.getBytes(StandardCharsets.UTF_8);
        varint(b.length);
        out.writeBytes(b);
        return this;
    }

    /** Writes a Stack: id, then pc, func, file, line per frame. */
    V1TraceBuilder stack(long id, long... frames) {
        long[] args = new long[2 + frames.length];
        args[0] = id;
        args[1] = frames.length / 4;
        System.arraycopy(frames, 0, args, 2, frames.length);
        byte[] block = block(args);
        raw(V1EventType.STACK | 3 << 6).varint(block.length);
        out.writeBytes(block);
        return this;
    }

    private static byte[] block(long[] args) {
        byte[] buf = new byte[10 * args.length];
        int n = 0;
        for (long a : args) {
            n = Varint.write(buf, n, a);
        }
        return java.util.Arrays.copyOf(buf, n);
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
