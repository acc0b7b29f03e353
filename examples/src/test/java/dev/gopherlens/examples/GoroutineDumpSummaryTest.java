package dev.gopherlens.examples;

import dev.gopherlens.pprof.goroutines.GoroutineDump;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class GoroutineDumpSummaryTest {

    private static String summary(GoroutineDump dump, int groups) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GoroutineDumpSummary.print(dump, groups, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void summarizesTheShippedDeadlock() throws IOException {
        String text = summary(GoroutineDump.read(GoroutineDumpSummary.shipped()), 2);
        // The counts are dumpgen's constants (its source is beside the original dump in the pprof tests); the ids
        // are those in the shipped file.
        assertThat(text).startsWith("""
                fatal error: all goroutines are asleep - deadlock!

                217 goroutines in 11 groups

                100: chan receive  [goroutine 19 and 99 more, last 118]
                    main.recvForever                         dumpgen/main.go:45
                    created by main.spawn                    dumpgen/main.go:113

                40: chan send  [goroutine 119 and 39 more, last 158]
                    main.sendForever                         dumpgen/main.go:46
                    created by main.spawn                    dumpgen/main.go:113

                ... 9 more groups
                """);
    }

    @Test
    void summarizesTheShippedDebug2DumpWithEveryGroup() throws IOException {
        String text = summary(GoroutineDump.read(ExampleData.bytes("goroutine.debug2.txt")), Integer.MAX_VALUE);
        assertThat(text).contains("""
                5: chan receive  [goroutine 4 and 4 more, last 8]
                    main.leak.func1                          corpusgen/main.go:164
                    created by main.leak                     corpusgen/main.go:164
                """).doesNotContain("more groups").doesNotContain("fatal error");
    }

    @Test
    void runsWithoutArguments() throws IOException {
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            GoroutineDumpSummary.main(new String[0]);
        } finally {
            System.setOut(saved);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("217 goroutines in 11 groups")
                .contains("2: chan receive  [goroutine").contains("    ...\n");
    }
}
