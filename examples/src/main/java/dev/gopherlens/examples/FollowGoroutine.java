package dev.gopherlens.examples;

import dev.gopherlens.core.Frame;
import dev.gopherlens.trace.Event;
import dev.gopherlens.trace.GoState;
import dev.gopherlens.trace.GoTrace;
import dev.gopherlens.trace.GoroutineState;
import dev.gopherlens.trace.TraceReader;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Follows one goroutine through a trace: each change of its state, when (milliseconds since the trace began), on
 * which thread and proc, why, and where it was, then the time it spent in each state. Uses the stream tier: a
 * {@link TraceReader}'s immutable events, filtered.
 *
 * <pre>
 * java -cp examples/target/examples.jar dev.gopherlens.examples.FollowGoroutine [TRACE [GOROUTINE [LINES]]]
 * </pre>
 * Without arguments it follows goroutine 1 ({@code main}) of the Go 1.27 trace shipped in the jar.
 */
public final class FollowGoroutine {
    private FollowGoroutine() {
    }

    /**
     * Runs the example.
     *
     * @param args a trace file, a goroutine id and how many changes to print (40); none for goroutine 1 of the
     *             shipped trace
     * @throws IOException if the trace cannot be read
     */
    public static void main(String[] args) throws IOException {
        long goroutine = args.length > 1 ? Long.parseLong(args[1]) : 1;
        try (TraceReader r = args.length > 0 ? GoTrace.open(Path.of(args[0]))
                : GoTrace.open(ExampleData.bytes("trace.out"))) {
            print(r, goroutine, args.length > 2 ? Integer.parseInt(args[2]) : 40, System.out);
        }
    }

    static void print(TraceReader r, long goroutine, int limit, PrintStream out) throws IOException {
        long[] start = {-1};
        List<Event.GoTransition> changes = r.events()
                .peek(e -> start[0] = start[0] < 0 ? e.time() : start[0])
                .filter(e -> e instanceof Event.GoTransition t && t.id() == goroutine)
                .map(e -> (Event.GoTransition) e)
                .toList();
        out.printf("goroutine %d: %d state changes%n", goroutine, changes.size());
        for (Event.GoTransition t : changes.subList(0, Math.min(limit, changes.size()))) {
            String where = t.transitionStack().isEmpty() ? "" : at(t.transitionStack().top());
            out.printf("%10.3f ms  M=%-6d P=%-3d %-12s -> %-10s %-24s %s%n", (t.time() - start[0]) / 1e6,
                    t.thread(), t.proc(), t.from().goName(), t.to().goName(),
                    t.reason().isEmpty() ? "" : "(" + t.reason() + ")", where);
        }
        if (changes.size() > limit) {
            out.printf("  ... %d more%n", changes.size() - limit);
        }
        GoroutineState s = r.scheduler().goroutine(goroutine);
        if (s != null) {
            out.printf("at the end: %s since %.3f ms%n", s.state().goName(), (s.since() - start[0]) / 1e6);
            for (Map.Entry<GoState, Long> e : s.timeIn().entrySet()) {
                out.printf("  %-10s %10.3f ms%n", e.getKey().goName(), e.getValue() / 1e6);
            }
        }
    }

    private static String at(Frame f) {
        int slash = f.file().lastIndexOf('/');
        return f.function() + " " + f.file().substring(slash + 1) + ":" + f.line();
    }
}
