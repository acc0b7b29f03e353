package dev.gopherlens.trace;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A trace as a stream of immutable {@link Event}s, read as it is consumed, in bounded memory.
 *
 * <pre>{@code
 * try (TraceReader r = GoTrace.open(Path.of("trace.out"))) {
 *     long samples = r.events().filter(e -> e.kind() == EventKind.STACK_SAMPLE).count();
 * }
 * }</pre>
 *
 * <p>The stream can be taken once; a malformed trace ends it with an {@link UncheckedIOException} whose cause is
 * the {@link dev.gopherlens.core.GoParseException}. Not thread-safe; close it to release the input.
 */
public final class TraceReader implements Closeable {
    private final TraceCursor cursor;
    private boolean taken;

    TraceReader(TraceCursor cursor) {
        this.cursor = cursor;
        cursor.scheduler();
    }

    /** {@return the trace's format version} */
    public TraceVersion version() {
        return cursor.version();
    }

    /** {@return the states of goroutines, procs and threads after the last event read} */
    public Scheduler scheduler() {
        return cursor.scheduler();
    }

    /**
     * Reads the next event.
     *
     * @return the event, or null at the end of the trace
     * @throws IOException if the trace is malformed or unreadable
     */
    public Event nextEvent() throws IOException {
        return cursor.next() ? cursor.event() : null;
    }

    /**
     * Converts an event's time to the wall clock, by the clock snapshot of the generation last read (Go 1.25 on).
     *
     * @param event an event read from this reader, in its generation
     * @return the instant, or null when the trace has no clock snapshot
     */
    public java.time.Instant wallTime(Event event) {
        ClockSnapshot clock = cursor.currentClock();
        return clock == null ? null : clock.wallAt(event.time());
    }

    /**
     * Streams the remaining events.
     *
     * @return a sequential stream, to be consumed once
     * @throws IllegalStateException if the stream was already taken
     */
    public Stream<Event> events() {
        if (taken) {
            throw new IllegalStateException("the events were already streamed");
        }
        taken = true;
        Iterator<Event> it = new Iterator<>() {
            private Event next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    try {
                        next = nextEvent();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return next != null;
            }

            @Override
            public Event next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Event e = next;
                next = null;
                return e;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it,
                Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.IMMUTABLE), false);
    }

    @Override
    public void close() throws IOException {
        cursor.close();
    }

    @Override
    public String toString() {
        return "TraceReader[" + cursor.version() + ", " + cursor.count() + " events read]";
    }
}
