package dev.gopherlens.trace;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The analyses a {@code go tool trace} user opens first, from one pass over a trace: the goroutines (with leak
 * suspects), the scheduling latency, the garbage collector, the user annotations and the mutator utilization.
 *
 * <pre>{@code
 * TraceAnalysis a = TraceAnalysis.of(Path.of("trace.out"));      // from examples/TraceReport
 * a.goroutines().leaks();  a.schedulingLatency().percentile(99);  a.gc().totalPause();
 * }</pre>
 *
 * @param goroutines        each goroutine's time and the goroutines blocked at the end
 * @param schedulingLatency the runnable-to-running delays
 * @param gc                the GC cycles, pauses and heap
 * @param annotations       the user tasks, regions and logs
 * @param utilization       the mutator utilization and its MMU curve, every GC part counted
 */
public record TraceAnalysis(GoroutineAnalysis goroutines, SchedulingLatency schedulingLatency, GcAnalysis gc,
                            Annotations annotations, MutatorUtilization utilization) {

    /**
     * Analyzes a trace file.
     *
     * @param trace the trace, of any format
     * @return the analyses
     * @throws IOException if the trace cannot be read or is malformed
     */
    public static TraceAnalysis of(Path trace) throws IOException {
        try (TraceCursor c = GoTrace.cursor(trace)) {
            return of(c);
        }
    }

    /**
     * Analyzes the rest of a cursor's events, reading it to the end.
     *
     * @param cursor the cursor; not closed
     * @return the analyses
     * @throws IOException if the trace is malformed
     */
    public static TraceAnalysis of(TraceCursor cursor) throws IOException {
        SchedulingLatency.Builder s = new SchedulingLatency.Builder(10);
        GoroutineAnalysis.Builder g = GoroutineAnalysis.builder(s);
        GcAnalysis.Builder gc = new GcAnalysis.Builder();
        Annotations.Builder a = new Annotations.Builder();
        MutatorUtilization.Builder mu = new MutatorUtilization.Builder(
                java.util.EnumSet.allOf(MutatorUtilization.Part.class));
        while (cursor.next()) {
            g.event(cursor);
            gc.event(cursor);
            a.event(cursor);
            mu.event(cursor);
        }
        return new TraceAnalysis(g.finish(), s.finish(), gc.finish(), a.finish(), mu.finish());
    }
}
