package dev.gopherlens.live;

import dev.gopherlens.trace.TraceCursor;

import java.io.IOException;

/**
 * What to do with an execution trace while it streams in from the service, such as
 * {@code TraceAnalysis::of}: the cursor reads the socket as it goes, so the trace is never held whole.
 *
 * @param <T> the result
 */
@FunctionalInterface
public interface TraceFunction<T> {
    /**
     * Consumes the trace.
     *
     * @param cursor the cursor over the trace as it arrives; closed by the caller afterwards
     * @return the result
     * @throws IOException if the trace is malformed or the connection fails
     */
    T apply(TraceCursor cursor) throws IOException;
}
