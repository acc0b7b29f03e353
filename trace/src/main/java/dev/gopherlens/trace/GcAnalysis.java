package dev.gopherlens.trace;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The garbage collector over a trace: each cycle's concurrent mark phase, each stop-the-world pause with its kind,
 * the mark assists goroutines were drafted into, and the heap's size and goal over time. Immutable once made.
 */
public final class GcAnalysis {
    private final List<Cycle> cycles;
    private final List<Pause> pauses;
    private final long assists;
    private final long assistTime;
    private final List<HeapSample> heap;
    private final List<HeapSample> goal;

    /**
     * One GC cycle's concurrent mark phase.
     *
     * @param start when it began (the trace's start for a cycle already running)
     * @param end   when it ended, -1 if the trace ended first
     */
    public record Cycle(long start, long end) {
        /** {@return how long it lasted, -1 if it had not ended} */
        public long duration() {
            return end < 0 ? -1 : end - start;
        }
    }

    /**
     * One stop-the-world pause.
     *
     * @param kind      why the world stopped ({@code GC mark termination}, {@code GOMAXPROCS}, …)
     * @param start     when
     * @param duration  how long, in nanoseconds
     * @param goroutine the goroutine that stopped it
     */
    public record Pause(String kind, long start, long duration, long goroutine) {
    }

    /**
     * A heap metric's value at a time.
     *
     * @param time  when
     * @param bytes the value
     */
    public record HeapSample(long time, long bytes) {
    }

    private GcAnalysis(List<Cycle> cycles, List<Pause> pauses, long assists, long assistTime, List<HeapSample> heap,
                       List<HeapSample> goal) {
        this.cycles = List.copyOf(cycles);
        this.pauses = List.copyOf(pauses);
        this.assists = assists;
        this.assistTime = assistTime;
        this.heap = List.copyOf(heap);
        this.goal = List.copyOf(goal);
    }

    /**
     * Analyzes a trace file's garbage collection.
     *
     * @param trace the trace
     * @return the analysis
     * @throws IOException if the trace cannot be read or is malformed
     */
    public static GcAnalysis of(Path trace) throws IOException {
        try (TraceCursor c = GoTrace.cursor(trace)) {
            Builder b = new Builder();
            while (c.next()) {
                b.event(c);
            }
            return b.finish();
        }
    }

    /** {@return the GC cycles, in order} */
    public List<Cycle> cycles() {
        return cycles;
    }

    /** {@return the stop-the-world pauses, in order} */
    public List<Pause> pauses() {
        return pauses;
    }

    /** {@return the total time the world was stopped, in nanoseconds} */
    public long totalPause() {
        return pauses.stream().mapToLong(Pause::duration).sum();
    }

    /** {@return the longest pause, 0 without any} */
    public long maxPause() {
        return pauses.stream().mapToLong(Pause::duration).max().orElse(0);
    }

    /** {@return how many mark assists ended in the trace} */
    public long assists() {
        return assists;
    }

    /** {@return the time goroutines spent in mark assists, in nanoseconds} */
    public long assistTime() {
        return assistTime;
    }

    /** {@return the live heap ({@code /memory/classes/heap/objects:bytes}) over time} */
    public List<HeapSample> heap() {
        return heap;
    }

    /** {@return the heap goal ({@code /gc/heap/goal:bytes}) over time} */
    public List<HeapSample> goal() {
        return goal;
    }

    @Override
    public String toString() {
        return "GcAnalysis[" + cycles.size() + " cycles, " + pauses.size() + " pauses, " + totalPause()
                + " ns paused, max " + maxPause() + " ns, " + assists + " assists]";
    }

    /** Collects as events come; one pass shared with other analyses. */
    static final class Builder {
        private final List<Cycle> cycles = new ArrayList<>();
        private final List<Pause> pauses = new ArrayList<>();
        private final List<HeapSample> heap = new ArrayList<>();
        private final List<HeapSample> goal = new ArrayList<>();
        private final Map<Long, long[]> stw = new HashMap<>();
        private final Map<Long, Long> assisting = new HashMap<>();
        private long markSince = -1;
        private long assists;
        private long assistTime;
        private long syncTime = -1;

        void event(TraceCursor c) {
            switch (c.kind()) {
                case SYNC:
                    if (syncTime < 0) {
                        syncTime = c.time();
                    }
                    break;
                case METRIC:
                    if (c.metricName().equals("/memory/classes/heap/objects:bytes")) {
                        heap.add(new HeapSample(c.time(), c.metricValue()));
                    } else if (c.metricName().equals("/gc/heap/goal:bytes")) {
                        goal.add(new HeapSample(c.time(), c.metricValue()));
                    }
                    break;
                case RANGE_BEGIN:
                case RANGE_ACTIVE:
                    begin(c);
                    break;
                case RANGE_END:
                    end(c);
                    break;
                default:
                    break;
            }
        }

        private void begin(TraceCursor c) {
            String name = c.rangeName();
            long t = c.kind() == EventKind.RANGE_ACTIVE ? Math.max(syncTime, 0) : c.time();
            if (name.equals("GC concurrent mark phase")) {
                if (c.kind() == EventKind.RANGE_BEGIN || markSince < 0) {
                    markSince = t;
                }
            } else if (name.startsWith("stop-the-world")) {
                stw.put(c.rangeScopeId(), new long[]{c.time()});
            } else if (name.equals("GC mark assist")) {
                assisting.putIfAbsent(c.rangeScopeId(), t);
            }
        }

        private void end(TraceCursor c) {
            String name = c.rangeName();
            if (name.equals("GC concurrent mark phase")) {
                cycles.add(new Cycle(markSince < 0 ? Math.max(syncTime, 0) : markSince, c.time()));
                markSince = -1;
            } else if (name.startsWith("stop-the-world")) {
                long[] since = stw.remove(c.rangeScopeId());
                if (since != null) {
                    String kind = name.substring("stop-the-world (".length(), name.length() - 1);
                    pauses.add(new Pause(kind, since[0], c.time() - since[0], c.rangeScopeId()));
                }
            } else if (name.equals("GC mark assist")) {
                Long since = assisting.remove(c.rangeScopeId());
                if (since != null) {
                    assists++;
                    assistTime += c.time() - since;
                }
            }
        }

        GcAnalysis finish() {
            List<Cycle> all = new ArrayList<>(cycles);
            if (markSince >= 0) {
                all.add(new Cycle(markSince, -1));
            }
            return new GcAnalysis(all, pauses, assists, assistTime, heap, goal);
        }
    }
}
