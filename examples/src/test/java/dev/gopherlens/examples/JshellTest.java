package dev.gopherlens.examples;

import dev.gopherlens.core.testing.Corpus;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jshell start-up scripts and the README's jshell session, run through the JDK's own {@code jdk.jshell} API
 * on the files the examples ship: every script snippet must be accepted and run, and every {@code jshell>} line of
 * the README must evaluate to the value printed under it.
 */
class JshellTest {
    private static final Path JSHELL = Path.of("jshell");
    private static final Path README = Path.of("../README.md");

    private static JShell shell(ByteArrayOutputStream out) {
        JShell shell = JShell.builder().executionEngine("local")
                .out(new PrintStream(out, true, StandardCharsets.UTF_8)).build();
        // The examples' test class path: the library, the examples and their dependencies.
        shell.addToClasspath(System.getProperty("java.class.path"));
        return shell;
    }

    /** Evaluates every snippet of a script; returns the last event of each. */
    private static List<SnippetEvent> run(JShell shell, String source) {
        List<SnippetEvent> last = new ArrayList<>();
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String rest = source;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            assertThat(info.completeness().isComplete()).as("incomplete snippet: %s", rest).isTrue();
            List<SnippetEvent> events = shell.eval(info.source());
            assertThat(events).as("snippet %s", info.source()).isNotEmpty();
            for (SnippetEvent e : events) {
                assertThat(e.status()).as("snippet %s: %s", info.source(),
                        shell.diagnostics(e.snippet()).map(d -> d.getMessage(null)).toList())
                        .isIn(Snippet.Status.VALID, Snippet.Status.OVERWRITTEN);
                assertThat(e.exception()).as("snippet %s", info.source()).isNull();
            }
            last.add(events.get(events.size() - 1));
            rest = info.remaining();
        }
        return last;
    }

    @ParameterizedTest
    @ValueSource(strings = {"gopherlens.jsh", "pprof.jsh", "trace.jsh", "pclntab.jsh", "gocore.jsh"})
    void startupScriptsRun(String script) throws IOException {
        // The local execution engine runs snippets in this JVM, so their System.out is this one's.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try (JShell shell = shell(new ByteArrayOutputStream())) {
            run(shell, Files.readString(JSHELL.resolve(script)));
        } finally {
            System.setOut(saved);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("loaded. Try:");
    }

    @Test
    void gocoreScriptPrintsAGlobalAsTheProgramDid() throws IOException {
        Path dir = Corpus.file("core/go1.27");
        String expected = null;
        for (String line : Files.readAllLines(dir.resolve("report.txt"))) {
            if (line.startsWith("var\tmain.GlobalConfig\t")) {
                expected = line.split("\t", 4)[3];
            }
        }
        assertThat(expected).as("report.txt's main.GlobalConfig").isNotNull();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try (JShell shell = shell(new ByteArrayOutputStream())) {
            run(shell, Files.readString(JSHELL.resolve("gocore.jsh")));
            run(shell, "var c = core(\"" + dir.resolve("coregen.gz").toString().replace("\\", "\\\\") + "\", \""
                    + dir.resolve("core.gz").toString().replace("\\", "\\\\") + "\");");
            List<SnippetEvent> events = run(shell, "print(c, \"main.GlobalConfig\")");
            // jshell shows a String value as a Java literal: quoted, its quotes escaped.
            assertThat(events.get(events.size() - 1).value())
                    .isEqualTo("\"" + expected.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        } finally {
            System.setOut(saved);
        }
    }

    @Test
    void theReadmesSessionPrintsWhatItShows() throws IOException {
        List<String[]> session = readmeSession(Files.readString(README));
        assertThat(session).hasSizeGreaterThanOrEqualTo(4);
        try (JShell shell = shell(new ByteArrayOutputStream())) {
            run(shell, Files.readString(JSHELL.resolve("gopherlens.jsh")));
            for (String[] step : session) {
                List<SnippetEvent> events = run(shell, step[0]);
                assertThat(events.get(events.size() - 1).value()).as(step[0]).isEqualTo(step[1]);
            }
        }
    }

    /** The README's {@code jshell>} lines, each with the value jshell printed after {@code $N ==> }. */
    static List<String[]> readmeSession(String readme) {
        List<String[]> steps = new ArrayList<>();
        String[] lines = readme.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].startsWith("jshell> ")) {
                continue;
            }
            String expr = lines[i].substring("jshell> ".length());
            StringBuilder value = new StringBuilder(lines[i + 1].substring(lines[i + 1].indexOf("==> ") + 4));
            int j = i + 2;
            while (!lines[j].startsWith("jshell> ") && !lines[j].startsWith("```")) {
                value.append('\n').append(lines[j++]);
            }
            steps.add(new String[] {expr, value.toString()});
        }
        return steps;
    }
}
