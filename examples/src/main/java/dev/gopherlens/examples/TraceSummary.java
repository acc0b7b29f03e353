package dev.gopherlens.examples;

import dev.gopherlens.trace.EventKind;
import dev.gopherlens.trace.GoState;
import dev.gopherlens.trace.GoTrace;
import dev.gopherlens.trace.ResourceKind;
import dev.gopherlens.trace.Scheduler;
import dev.gopherlens.trace.TraceCursor;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * Prints a trace's summary: its format version, its duration, how many events of each kind it holds, how many
 * goroutines were created and ended, how many GC cycles ran and how long the world was stopped, read with the
 * cursor tier in one pass.
 *
 * <pre>
 * java -cp examples/target/examples.jar dev.gopherlens.examples.TraceSummary [TRACE]
 * </pre>
 * Without arguments it reads the Go 1.27 trace shipped in the jar.
 */
public final class TraceSummary {
    private TraceSummary() {
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
            print(c, System.out);
        }
    }

    static void print(TraceCursor c, PrintStream out) throws IOException {
        Scheduler scheduler = c.scheduler();
        Map<EventKind, Long> kinds = new EnumMap<>(EventKind.class);
        Map<Long, Long> stwBegin = new HashMap<>();
        long first = -1;
        long last = -1;
        long created = 0;
        long ended = 0;
        long gcs = 0;
        long stws = 0;
        long paused = 0;
        while (c.next()) {
            EventKind k = c.kind();
            kinds.merge(k, 1L, Long::sum);
            if (first < 0) {
                first = c.time();
            }
            last = c.time();
            if (k == EventKind.STATE_TRANSITION && c.transitionResource() == ResourceKind.GOROUTINE) {
                if (c.goFrom() == GoState.NOT_EXIST) {
                    created++;
                } else if (c.goTo() == GoState.NOT_EXIST) {
                    ended++;
                }
            } else if (k == EventKind.RANGE_BEGIN && c.rangeName().equals("GC concurrent mark phase")) {
                gcs++;
            } else if (k == EventKind.RANGE_BEGIN && c.rangeName().startsWith("stop-the-world")) {
                stwBegin.put(c.rangeScopeId(), c.time());
            } else if (k == EventKind.RANGE_END && c.rangeName().startsWith("stop-the-world")) {
                Long begin = stwBegin.remove(c.rangeScopeId());
                if (begin != null) {
                    stws++;
                    paused += c.time() - begin;
                }
            }
        }
        out.printf("version      %s%n", c.version().header());
        out.printf("duration     %.3f ms%n", (last - first) / 1e6);
        out.printf("events       %d%n", c.count());
        kinds.forEach((k, n) -> out.printf("  %-16s %d%n", k.goName(), n));
        out.printf("goroutines   %d created, %d ended, %d seen%n", created, ended,
                scheduler.goroutines().size());
        out.printf("GC           %d cycles; %d stop-the-world pauses, %.3f ms in total%n", gcs, stws, paused / 1e6);
    }
}
