package dev.gopherlens.trace;

import dev.gopherlens.core.Compression;
import dev.gopherlens.core.Input;
import dev.gopherlens.core.Inputs;
import dev.gopherlens.core.Limits;
import dev.gopherlens.trace.internal.EventSource;
import dev.gopherlens.trace.internal.v1.V1Source;
import dev.gopherlens.trace.internal.v2.V2Reader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads Go execution traces (what {@code runtime/trace} and {@code go test -trace} write) of every format, Go 1.11
 * to 1.21 and 1.22 on, gzip-, zstd- or xz-compressed or plain, in three tiers:
 * <ul>
 *   <li>{@link #cursor} walks the ordered events with a mutable view, allocating nothing per event;</li>
 *   <li>{@link #open} gives a {@link TraceReader} with a stream of immutable {@link Event}s;</li>
 *   <li>{@link #read} loads a small trace into an immutable {@link Trace}.</li>
 * </ul>
 * A trace of Go 1.22 on is read one generation at a time, so the cursor and stream need memory for one generation
 * whatever the file's size; a Go 1.11 to 1.21 trace has no generations and is ordered whole, as Go orders it.
 * Every method is thread-safe; what they return is not, except {@link Trace}.
 */
public final class GoTrace {
    private GoTrace() {
    }

    /**
     * Opens a cursor over a trace file.
     *
     * @param path the file
     * @return the cursor, to be closed
     * @throws IOException if the file cannot be read, or {@link dev.gopherlens.core.GoParseException} if it is no
     *                     trace or of an unsupported version
     */
    public static TraceCursor cursor(Path path) throws IOException {
        return cursor(path, Limits.DEFAULT);
    }

    /**
     * Opens a cursor over a trace file.
     *
     * @param path   the file
     * @param limits the limits
     * @return the cursor, to be closed
     * @throws IOException as {@link #cursor(Path)}
     */
    public static TraceCursor cursor(Path path, Limits limits) throws IOException {
        return cursor(Inputs.open(path, limits), limits);
    }

    /**
     * Opens a cursor over a trace in memory.
     *
     * @param bytes the trace; not copied, not to be changed while read
     * @return the cursor
     * @throws IOException as {@link #cursor(Path)}
     */
    public static TraceCursor cursor(byte[] bytes) throws IOException {
        return cursor(bytes, Limits.DEFAULT);
    }

    /**
     * Opens a cursor over a trace in memory.
     *
     * @param bytes  the trace
     * @param limits the limits
     * @return the cursor
     * @throws IOException as {@link #cursor(Path)}
     */
    public static TraceCursor cursor(byte[] bytes, Limits limits) throws IOException {
        return cursor(Inputs.open(bytes, limits), limits);
    }

    /**
     * Opens a cursor over a trace in a buffer, from its position to its limit.
     *
     * @param buffer the trace; its position is not changed
     * @return the cursor
     * @throws IOException as {@link #cursor(Path)}
     */
    public static TraceCursor cursor(ByteBuffer buffer) throws IOException {
        return cursor(buffer, Limits.DEFAULT);
    }

    /**
     * Opens a cursor over a trace in a buffer.
     *
     * @param buffer the trace
     * @param limits the limits
     * @return the cursor
     * @throws IOException as {@link #cursor(Path)}
     */
    public static TraceCursor cursor(ByteBuffer buffer, Limits limits) throws IOException {
        return cursor(Inputs.open(buffer, limits), limits);
    }

    /**
     * Opens a cursor over a trace stream, read as the cursor goes.
     *
     * @param in the stream; closed with the cursor
     * @return the cursor
     * @throws IOException as {@link #cursor(Path)}
     */
    public static TraceCursor cursor(InputStream in) throws IOException {
        return cursor(in, Limits.DEFAULT);
    }

    /**
     * Opens a cursor over a trace stream.
     *
     * @param in     the stream; closed with the cursor
     * @param limits the limits
     * @return the cursor
     * @throws IOException as {@link #cursor(Path)}
     */
    public static TraceCursor cursor(InputStream in, Limits limits) throws IOException {
        return cursor(Inputs.open(in, limits), limits);
    }

    private static TraceCursor cursor(Input input, Limits limits) throws IOException {
        Objects.requireNonNull(limits, "limits");
        if (input.compression() == Compression.NONE && input.inMemory()) {
            // Implementation note: a v2 trace already in an array is read in place, its batches not copied
            // into the reader's own memory (TraceBenchmark); a v1 trace and every other input are streamed.
            ByteBuffer b = input.buffer();
            if (b.hasArray() && b.remaining() >= TraceVersion.HEADER_LENGTH) {
                byte[] header = new byte[TraceVersion.HEADER_LENGTH];
                b.get(b.position(), header);
                TraceVersion v = TraceVersion.fromHeader(header);
                if (v.isGenerational()) {
                    int from = b.arrayOffset() + b.position();
                    return new TraceCursor(new V2Reader(b.array(), from + TraceVersion.HEADER_LENGTH,
                            from + b.remaining(), v.minor(), limits), v);
                }
            }
        }
        InputStream s = input.stream();
        try {
            TraceVersion v = TraceVersion.fromHeader(s.readNBytes(TraceVersion.HEADER_LENGTH));
            EventSource source = v.isGenerational()
                    ? new V2Reader(s, v.minor(), limits)
                    : V1Source.open(s, v.minor(), limits);
            return new TraceCursor(source, v);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /**
     * Opens a stream of a trace file's events.
     *
     * @param path the file
     * @return the reader, to be closed
     * @throws IOException as {@link #cursor(Path)}
     */
    public static TraceReader open(Path path) throws IOException {
        return new TraceReader(cursor(path));
    }

    /**
     * Opens a stream of a trace file's events.
     *
     * @param path   the file
     * @param limits the limits
     * @return the reader, to be closed
     * @throws IOException as {@link #cursor(Path)}
     */
    public static TraceReader open(Path path, Limits limits) throws IOException {
        return new TraceReader(cursor(path, limits));
    }

    /**
     * Opens a stream of a trace's events.
     *
     * @param bytes the trace
     * @return the reader
     * @throws IOException as {@link #cursor(Path)}
     */
    public static TraceReader open(byte[] bytes) throws IOException {
        return new TraceReader(cursor(bytes));
    }

    /**
     * Opens a stream of a trace's events.
     *
     * @param buffer the trace
     * @return the reader
     * @throws IOException as {@link #cursor(Path)}
     */
    public static TraceReader open(ByteBuffer buffer) throws IOException {
        return new TraceReader(cursor(buffer));
    }

    /**
     * Opens a stream of a trace's events.
     *
     * @param in the stream; closed with the reader
     * @return the reader
     * @throws IOException as {@link #cursor(Path)}
     */
    public static TraceReader open(InputStream in) throws IOException {
        return new TraceReader(cursor(in));
    }

    /**
     * Reads a whole trace file into memory.
     *
     * @param path the file
     * @return the trace
     * @throws IOException as {@link #cursor(Path)}, or if the trace is malformed anywhere
     */
    public static Trace read(Path path) throws IOException {
        return read(cursor(path));
    }

    /**
     * Reads a whole trace file into memory.
     *
     * @param path   the file
     * @param limits the limits
     * @return the trace
     * @throws IOException as {@link #read(Path)}
     */
    public static Trace read(Path path, Limits limits) throws IOException {
        return read(cursor(path, limits));
    }

    /**
     * Reads a whole trace into memory.
     *
     * @param bytes the trace
     * @return the trace
     * @throws IOException as {@link #read(Path)}
     */
    public static Trace read(byte[] bytes) throws IOException {
        return read(cursor(bytes));
    }

    /**
     * Reads a whole trace into memory.
     *
     * @param buffer the trace
     * @return the trace
     * @throws IOException as {@link #read(Path)}
     */
    public static Trace read(ByteBuffer buffer) throws IOException {
        return read(cursor(buffer));
    }

    /**
     * Reads a whole trace into memory.
     *
     * @param in the stream; closed
     * @return the trace
     * @throws IOException as {@link #read(Path)}
     */
    public static Trace read(InputStream in) throws IOException {
        return read(cursor(in));
    }

    private static Trace read(TraceCursor c) throws IOException {
        try (c) {
            Scheduler scheduler = c.scheduler();
            List<Event> events = new ArrayList<>();
            while (c.next()) {
                events.add(c.event());
            }
            return new Trace(c.version(), events, scheduler.goroutines());
        }
    }

    /**
     * Replays a trace file into a listener: every event, and every goroutine's and proc's state change.
     *
     * @param path     the file
     * @param listener what to call
     * @throws IOException as {@link #read(Path)}
     */
    public static void replay(Path path, TraceListener listener) throws IOException {
        Objects.requireNonNull(listener, "listener");
        try (TraceCursor c = cursor(path)) {
            replay(c, listener);
        }
    }

    /**
     * Replays a cursor's events into a listener.
     *
     * @param cursor   the cursor, not yet read (its scheduler must follow it from the start); not closed
     * @param listener what to call
     * @throws IOException if the trace is malformed or unreadable
     * @throws IllegalStateException if the cursor was read before without its scheduler
     */
    public static void replay(TraceCursor cursor, TraceListener listener) throws IOException {
        cursor.scheduler();
        while (cursor.next()) {
            if (cursor.kind() == EventKind.STATE_TRANSITION) {
                if (cursor.transitionResource() == ResourceKind.GOROUTINE) {
                    listener.goroutineChanged(cursor, cursor.transitionId(), cursor.goFrom(), cursor.goTo());
                } else {
                    listener.procChanged(cursor, cursor.transitionId(), cursor.procFrom(), cursor.procTo());
                }
            }
            listener.event(cursor);
        }
        listener.end(cursor);
    }
}
