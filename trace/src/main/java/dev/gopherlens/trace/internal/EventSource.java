package dev.gopherlens.trace.internal;

import java.io.Closeable;
import java.io.IOException;

/**
 * Ordered events from one trace, whatever its format: the v2 reader streams them a generation at a time, the v1
 * converter from its whole-trace ordering. Single-threaded.
 */
public interface EventSource extends Closeable {
    /**
     * Copies the next event into {@code out}.
     *
     * @param out the event to fill
     * @return false at the end of the trace
     * @throws IOException if the trace is malformed ({@link dev.gopherlens.core.GoParseException}) or unreadable
     */
    boolean next(RawEvent out) throws IOException;
}
