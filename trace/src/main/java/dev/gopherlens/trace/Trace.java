package dev.gopherlens.trace;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A whole trace in memory: its events in order and every goroutine's final state. Immutable and thread-safe; for
 * traces larger than memory use {@link GoTrace#cursor} or {@link GoTrace#open}.
 *
 * @param version    the format version
 * @param events     the events, in order
 * @param goroutines every goroutine seen, with its state at the end and its time in each state
 */
public record Trace(TraceVersion version, List<Event> events, List<GoroutineState> goroutines) {
    /**
     * Copies the lists.
     *
     * @param version    the version, not null
     * @param events     the events, not null
     * @param goroutines the goroutines, not null
     */
    public Trace {
        java.util.Objects.requireNonNull(version, "version");
        events = List.copyOf(events);
        goroutines = List.copyOf(goroutines);
    }

    /** {@return nanoseconds from the first event to the last, 0 for a trace without events} */
    public long duration() {
        return events.isEmpty() ? 0 : events.get(events.size() - 1).time() - events.get(0).time();
    }

    /** {@return how many events of each kind the trace holds} */
    public Map<EventKind, Long> countByKind() {
        Map<EventKind, Long> m = new EnumMap<>(EventKind.class);
        for (Event e : events) {
            m.merge(e.kind(), 1L, Long::sum);
        }
        return m;
    }

    @Override
    public String toString() {
        return "Trace[" + version + ", " + events.size() + " events, " + goroutines.size() + " goroutines, "
                + duration() + " ns]";
    }
}
