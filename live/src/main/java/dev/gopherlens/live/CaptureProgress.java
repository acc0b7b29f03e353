package dev.gopherlens.live;

import java.time.Duration;

/**
 * Told how a capture is going, for captures that take seconds (a CPU profile or a trace of N seconds): called on the
 * capturing thread a few times a second while it waits for the response, and as the body arrives. Must be quick and
 * must not throw.
 */
@FunctionalInterface
public interface CaptureProgress {
    /** A listener that ignores every update. */
    CaptureProgress NONE = (endpoint, elapsed, expected, bytes) -> { };

    /**
     * Reports progress.
     *
     * @param endpoint the endpoint's path and query
     * @param elapsed  the time since the request was sent
     * @param expected how long the capture is expected to take ({@link Duration#ZERO} for an immediate one)
     * @param bytes    the body bytes received so far
     */
    void update(String endpoint, Duration elapsed, Duration expected, long bytes);
}
