package dev.gopherlens.trace;

import java.util.Map;

/**
 * A goroutine's state at one point of a trace, with how long it spent in each state until then.
 *
 * @param id     the goroutine
 * @param state  its state
 * @param since  the trace time it entered the state
 * @param timeIn nanoseconds spent in each state (the current stretch included); states never entered are absent
 */
public record GoroutineState(long id, GoState state, long since, Map<GoState, Long> timeIn) {
    /**
     * Copies the map.
     *
     * @param id     the goroutine
     * @param state  its state
     * @param since  when it entered it
     * @param timeIn time per state, not null
     */
    public GoroutineState {
        timeIn = Map.copyOf(timeIn);
    }
}
