package dev.gopherlens.examples;

import dev.gopherlens.trace.GoTrace;
import dev.gopherlens.trace.TraceCursor;
import dev.gopherlens.trace.TraceReader;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class TraceExamplesTest {

    @Test
    void summaryOfTheShippedTrace() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TraceCursor c = GoTrace.cursor(ExampleData.bytes("trace.out"))) {
            TraceSummary.print(c, new PrintStream(out, true, StandardCharsets.UTF_8));
        }
        String text = out.toString(StandardCharsets.UTF_8);
        // Counted in go tool trace -d=parsed of the same file (corpus go1.27 golden/trace.parsed.txt.gz): lines per
        // kind, "NotExist->" and "->NotExist" transitions, RangeBegin "GC concurrent mark phase".
        assertThat(text).contains("version      go 1.26 trace", "events       26619", "  StateTransition  20706",
                "  Metric           5293", "  StackSample      20", "goroutines   279 created, 276 ended",
                "GC           13 cycles");
    }

    @Test
    void followsMain() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TraceReader r = GoTrace.open(ExampleData.bytes("trace.out"))) {
            FollowGoroutine.print(r, 1, 3, new PrintStream(out, true, StandardCharsets.UTF_8));
        }
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines[0]).startsWith("goroutine 1: ").endsWith(" state changes");
        assertThat(lines[1]).contains("M=651", "P=0", "Undetermined -> Running");
        assertThat(lines[2]).contains("Running      -> Waiting", "(preempted)", "time.Now time.go:1347");
        assertThat(lines[4]).startsWith("  ... ");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("at the end: ", "Running");
    }

    @Test
    void reportOfTheShippedTrace() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TraceCursor c = GoTrace.cursor(ExampleData.bytes("trace.out"))) {
            TraceReport.print(dev.gopherlens.trace.TraceAnalysis.of(c), 10,
                    new PrintStream(out, true, StandardCharsets.UTF_8));
        }
        String text = out.toString(StandardCharsets.UTF_8);
        // The corpus program leaks five goroutines in main.leak.func1 (main.go:164), blocked in a channel receive;
        // 28 stop-the-world pauses, as counted in go tool trace -d=parsed of the file.
        assertThat(text).contains("main.main", "Scheduling latency: ",
                "LIKELY_LEAK     5 × main.leak.func1 [chan receive] at main.leak.func1 (main.go:164)",
                "28 stop-the-world pauses");
        assertThat(text.lines().filter(l -> l.startsWith("  LIKELY_LEAK")).count()).isEqualTo(1);
    }

    @Test
    void perfettoOfTheShippedTrace(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
        java.nio.file.Path out = dir.resolve("trace.json");
        TraceToPerfetto.main(new String[]{out.toString()});
        String json = java.nio.file.Files.readString(out);
        assertThat(json).startsWith("{\"displayTimeUnit\":\"ns\",\"traceEvents\":[").endsWith("]}\n")
                .contains("\"name\":\"G1 main.main\"", "\"cat\":\"flow\"", "stop-the-world (GC mark termination)");
        // The sample kept beside the example is what the converter makes of the fixture today.
        java.nio.file.Path sample = java.nio.file.Path.of("perfetto/go1.27-fixture.json");
        java.nio.file.Path again = dir.resolve("fixture.json");
        TraceToPerfetto.main(new String[]{"../trace/src/test/fixtures/go1.27.trace", again.toString()});
        assertThat(java.nio.file.Files.readString(again)).isEqualTo(java.nio.file.Files.readString(sample));
    }
}
