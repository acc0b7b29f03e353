package dev.gopherlens.trace.internal;

import java.io.Closeable;
import java.io.IOException;

/**
 * Ordered events from one trace, whatever its format: the v2 reader streams them a generation at a time, the v1
 * converter from its whole-trace ordering. Single-threaded.
 */
public interface EventSource extends Closeable {
    /**
     * Reads the next event.
     *
     * @return the event, owned by the source and valid until the next call; null at the end of the trace
     * @throws IOException if the trace is malformed ({@link dev.gopherlens.core.GoParseException}) or unreadable
     */
    RawEvent next() throws IOException;

    /** Asks that goroutine state changes carry the source's per-goroutine slot ({@link RawEvent#subject}). */
    default void trackGoroutineSlots() {
    }
}
