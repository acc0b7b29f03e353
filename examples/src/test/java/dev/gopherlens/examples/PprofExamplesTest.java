package dev.gopherlens.examples;

import dev.gopherlens.pprof.Pprof;
import dev.gopherlens.pprof.ProfileReader;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class PprofExamplesTest {

    private static String capture(java.util.function.Consumer<PrintStream> body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        body.accept(new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void topOfTheShippedCpuProfile() throws IOException {
        var p = Pprof.read(ExampleData.bytes("cpu.pprof"));
        String text = capture(out -> PprofTop.print(p, 3, out));
        // go tool pprof -top of the same file (corpus go1.27 golden/cpu.top.txt) agrees on these rows.
        assertThat(text).isEqualTo("""
                Type: cpu
                Showing top 3 of 39 functions, total 210ms
                      flat  flat%   sum%        cum   cum%
                     180ms 85.71% 85.71%      180ms 85.71%  main.sumSquares
                      10ms  4.76% 90.48%       10ms  4.76%  indexbytebody
                      10ms  4.76% 95.24%       10ms  4.76%  runtime.madvise
                """);
    }

    @Test
    void foldedStacksOfTheShippedCpuProfile() throws IOException {
        String text;
        try (ProfileReader r = Pprof.open(ExampleData.bytes("cpu.pprof"))) {
            text = capture(out -> FoldedStacks.print(r, out));
        }
        assertThat(text).startsWith("runtime.main;main.main;main.workload;runtime/pprof.Do;main.workload.func1;"
                + "main.spin;main.sumSquares 150000000\n");
        long total = text.lines().mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1))).sum();
        assertThat(total).isEqualTo(210_000_000L);
    }
}
