package dev.gopherlens.examples;

import dev.gopherlens.core.Frame;
import dev.gopherlens.trace.GcAnalysis;
import dev.gopherlens.trace.GoTrace;
import dev.gopherlens.trace.GoroutineSummary;
import dev.gopherlens.trace.LeakSuspect;
import dev.gopherlens.trace.SchedulingLatency;
import dev.gopherlens.trace.TraceAnalysis;
import dev.gopherlens.trace.TraceCursor;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Prints what {@code go tool trace} shows first, from one pass over a trace: goroutines grouped by start function
 * (count, running, waiting to run, blocked, in syscalls), the longest scheduling delays, the goroutines blocked at
 * the end judged as leaks or not, the user regions' durations, and the GC's cycles and pauses.
 *
 * <pre>
 * java -cp examples/target/examples.jar dev.gopherlens.examples.TraceReport [TRACE]
 * </pre>
 * Without arguments it reads the Go 1.27 trace shipped in the jar.
 */
public final class TraceReport {
    private TraceReport() {
    }

    /**
     * Runs the example.
     *
     * @param args a trace file, or none for the shipped trace
     * @throws IOException if the trace cannot be read
     */
    public static void main(String[] args) throws IOException {
        try (TraceCursor c = args.length > 0 ? GoTrace.cursor(Path.of(args[0]))
                : GoTrace.cursor(ExampleData.bytes("trace.out"))) {
            print(TraceAnalysis.of(c), 10, System.out);
        }
    }

    private static String ms(long ns) {
        return String.format("%.3fms", ns / 1e6);
    }

    static void print(TraceAnalysis a, int rows, PrintStream out) {
        out.printf("Goroutines (by start function, most running time first)%n");
        out.printf("%-52s %5s %12s %12s %12s %12s%n", "start function", "count", "running", "sched wait",
                "blocked", "syscall");
        int n = 0;
        for (Map.Entry<String, List<GoroutineSummary>> e : a.goroutines().byFunction().entrySet()) {
            if (n++ == rows) {
                break;
            }
            List<GoroutineSummary> gs = e.getValue();
            String name = e.getKey().isEmpty() ? "(unknown)" : e.getKey();
            out.printf("%-52s %5d %12s %12s %12s %12s%n", name.length() > 52 ? name.substring(0, 52) : name,
                    gs.size(), ms(gs.stream().mapToLong(GoroutineSummary::execTime).sum()),
                    ms(gs.stream().mapToLong(GoroutineSummary::schedWaitTime).sum()),
                    ms(gs.stream().mapToLong(GoroutineSummary::totalBlockTime).sum()),
                    ms(gs.stream().mapToLong(g -> g.syscallTime() + g.syscallBlockTime()).sum()));
        }
        SchedulingLatency s = a.schedulingLatency();
        out.printf("%nScheduling latency: %d delays, p50 %s, p90 %s, p99 %s, max %s%n", s.count(),
                ms(s.percentile(50)), ms(s.percentile(90)), ms(s.percentile(99)), ms(s.max()));
        for (SchedulingLatency.Delay d : s.longest().subList(0, Math.min(5, s.longest().size()))) {
            out.printf("  %10s  goroutine %-5d %s%n", ms(d.latency()), d.goroutine(),
                    d.name().isEmpty() ? "" : d.name());
        }
        out.printf("%nBlocked at the end%n");
        for (LeakSuspect l : a.goroutines().leaks()) {
            String at = "";
            for (Frame f : l.stack().frames()) {
                if (!f.function().startsWith("runtime.")) {
                    at = " at " + f.function() + " (" + f.file().substring(f.file().lastIndexOf('/') + 1) + ":"
                            + f.line() + ")";
                    break;
                }
            }
            out.printf("  %-13s %3d × %s [%s]%s%n      %s%n", l.verdict(), l.count(),
                    l.function().isEmpty() ? "?" : l.function(), l.reason().isEmpty() ? "?" : l.reason(), at,
                    l.why());
        }
        if (!a.annotations().regionDurations().isEmpty()) {
            out.printf("%nRegions by type%n");
            a.annotations().regionDurations().forEach((type, d) -> out.printf(
                    "  %-24s %5d   p50 %10s   p99 %10s   max %10s%n", type, d.count(), ms(d.p50()), ms(d.p99()),
                    ms(d.max())));
        }
        GcAnalysis gc = a.gc();
        out.printf("%nGC: %d cycles, %d stop-the-world pauses (%s in total, longest %s), %d mark assists (%s)%n",
                gc.cycles().size(), gc.pauses().size(), ms(gc.totalPause()), ms(gc.maxPause()), gc.assists(),
                ms(gc.assistTime()));
        out.printf("Minimum mutator utilization: 1ms %.3f, 10ms %.3f, 100ms %.3f (mean %.3f)%n",
                a.utilization().mmu(1_000_000), a.utilization().mmu(10_000_000), a.utilization().mmu(100_000_000),
                a.utilization().mean());
    }
}
