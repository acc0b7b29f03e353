package dev.gopherlens.trace;

import java.time.Instant;
import java.util.Objects;

/**
 * One moment read from three clocks at once, which Go 1.25 and later write at each generation's start: it turns
 * the trace's times into wall-clock instants.
 *
 * @param traceTime the trace clock, in nanoseconds, as event times are
 * @param monotonic the runtime's monotonic clock ({@code nanotime}), in nanoseconds
 * @param wall      the wall clock
 */
public record ClockSnapshot(long traceTime, long monotonic, Instant wall) {
    /**
     * Checks the components.
     *
     * @param traceTime the trace clock
     * @param monotonic the monotonic clock
     * @param wall      the wall clock, not null
     */
    public ClockSnapshot {
        Objects.requireNonNull(wall, "wall");
    }

    /**
     * Converts a trace time to a wall-clock instant by this snapshot.
     *
     * @param time a trace time in nanoseconds
     * @return the instant
     */
    public Instant wallAt(long time) {
        return wall.plusNanos(time - traceTime);
    }
}
