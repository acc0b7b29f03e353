package dev.gopherlens.examples;

import dev.gopherlens.trace.GoTrace;
import dev.gopherlens.trace.PerfettoExport;
import dev.gopherlens.trace.TraceCursor;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Converts a trace to Chrome trace-event JSON, to open in ui.perfetto.dev (or chrome://tracing): procs with the
 * goroutines they ran, each goroutine's states, GC and stop-the-world, tasks, regions and unblock arrows.
 *
 * <pre>
 * java -cp examples/target/examples.jar dev.gopherlens.examples.TraceToPerfetto [TRACE] OUT.json
 * </pre>
 * With one argument it converts the Go 1.27 trace shipped in the jar. {@code examples/perfetto/} holds a sample.
 */
public final class TraceToPerfetto {
    private TraceToPerfetto() {
    }

    /**
     * Runs the example.
     *
     * @param args a trace file and the output file, or only the output file for the shipped trace
     * @throws IOException if reading or writing fails
     */
    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: TraceToPerfetto [TRACE] OUT.json");
            return;
        }
        Path out = Path.of(args[args.length - 1]);
        try (TraceCursor c = args.length > 1 ? GoTrace.cursor(Path.of(args[0]))
                : GoTrace.cursor(ExampleData.bytes("trace.out")); OutputStream o = Files.newOutputStream(out)) {
            PerfettoExport.write(c, o);
        }
        System.out.println("wrote " + out + " (" + Files.size(out) + " bytes); open it in https://ui.perfetto.dev");
    }
}
