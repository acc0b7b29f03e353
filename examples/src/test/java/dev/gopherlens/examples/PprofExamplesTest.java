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

    private static String resource(String name) throws IOException {
        try (var in = PprofExamplesTest.class.getResourceAsStream(name)) {
            return new String(java.util.Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String pprof(String... args) {
        return capture(out -> {
            try {
                GoToolPprof.run(java.util.List.of(args), out);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void topOfTheShippedCpuProfile() throws IOException {
        var p = Pprof.read(ExampleData.bytes("cpu.pprof"));
        String text = capture(out -> PprofTop.print(p, 3, out));
        // The header and first rows of go tool pprof -top of the same file (Go 1.27).
        String golden = resource("pprof-top.txt");
        assertThat(golden).startsWith(text);
        assertThat(text.lines().count()).isEqualTo(golden.lines().takeWhile(l -> !l.startsWith("      flat")).count()
                + 4);
    }

    // Each golden is Go 1.27's go tool pprof over the shipped files; see the resources' README.
    @Test
    void goToolPprofTopIsGos() throws IOException {
        assertThat(pprof()).isEqualTo(resource("pprof-top.txt"));
    }

    @Test
    void goToolPprofDiffBaseIsGos() throws IOException {
        assertThat(pprof("--diff-base", "shipped")).isEqualTo(resource("pprof-diff-base.txt"));
    }

    @Test
    void goToolPprofPeekWithFocusIsGos() throws IOException {
        assertThat(pprof("--peek=main.spin", "--focus", "main.workload")).isEqualTo(resource("pprof-peek-focus.txt"));
    }

    @Test
    void goToolPprofTracesWithFocusAndIgnoreIsGos() throws IOException {
        assertThat(pprof("--traces", "--focus=sumSquares", "--ignore=annotated"))
                .isEqualTo(resource("pprof-traces-focus-ignore.txt"));
    }

    @Test
    void goToolPprofFoldedAndDot() {
        String folded = pprof("--output", "folded", "--focus", "main.spin");
        assertThat(folded.lines()).allMatch(l -> l.contains("main.spin") && l.matches(".* -?\\d+"));
        assertThat(pprof("--output=dot", "--nodecount", "5")).startsWith("digraph \"corpusgen\" {\n")
                .contains("Showing top 4 nodes out of 39"); // a node's label nodelets count towards the 5, as in pprof
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
