package dev.gopherlens.trace;

import dev.gopherlens.core.testing.Corpus;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Our events against {@code go tool trace -d=parsed} (-d=1 before Go 1.24) of the toolchain that wrote each trace:
 * every corpus {@code go1.N/data/trace.out} of the generational format and every multi-generation trace, event for
 * event. The printer imitates each toolchain's layout; Go 1.22 to 1.24 printed one Sync per generation after its
 * events, so Syncs are left out of that comparison.
 */
class TraceGoldenTest {

    static List<String> render(Path trace, GoEventPrinter.Style style) throws IOException {
        GoEventPrinter printer = new GoEventPrinter(style);
        StringBuilder out = new StringBuilder();
        try (TraceCursor c = GoTrace.cursor(trace)) {
            while (c.next()) {
                if (style == GoEventPrinter.Style.GO_1_22 && c.kind() == EventKind.SYNC) {
                    continue;
                }
                out.append(printer.print(c.event())).append('\n');
            }
        }
        return List.of(out.toString().split("\n", -1));
    }

    static List<String> golden(Path gz, GoEventPrinter.Style style) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
            if (style == GoEventPrinter.Style.GO_1_22) {
                lines.removeIf(l -> l.startsWith("M=-1 P=-1 G=-1 Sync "));
            }
            return lines;
        }
    }

    static void compare(Path trace, Path gz, int toolchain) throws IOException {
        compare(trace, gz, toolchain, false);
    }

    static void compare(Path trace, Path gz, int toolchain, boolean v1) throws IOException {
        GoEventPrinter.Style style = GoEventPrinter.Style.of(toolchain);
        List<String> ours = render(trace, style);
        List<String> theirs = golden(gz, style);
        // Go 1.27's conversion of a v1 trace emits the Runnable statuses of goroutines made before tracing in map
        // order, and orders events with equal ticks on different Ps by map order too: compare those runs as
        // multisets. (We emit the statuses by goroutine id, and equal ticks in file order.)
        if ((toolchain <= 23 || v1) && !ours.equals(theirs)) {
            // Go 1.22 and 1.23 filled the merge heap in map order, so events with equal times came out in a
            // random order (fixed in Go 1.24); compare each run of equal (or fixed-up, +1) times as a multiset.
            ours = runsAsMultisets(ours);
            theirs = runsAsMultisets(theirs);
        }
        int n = Math.min(ours.size(), theirs.size());
        for (int i = 0; i < n; i++) {
            if (!ours.get(i).equals(theirs.get(i))) {
                int from = Math.max(0, i - 3);
                fail(trace + ": line " + (i + 1) + " differs\n ours:\n  "
                        + String.join("\n  ", ours.subList(from, Math.min(ours.size(), i + 4)))
                        + "\n go:\n  " + String.join("\n  ", theirs.subList(from, Math.min(theirs.size(), i + 4))));
            }
        }
        assertThat(ours.size()).as("lines of %s", trace).isEqualTo(theirs.size());
    }

    private static final java.util.regex.Pattern TIME = java.util.regex.Pattern.compile(" Time=(-?\\d+)");

    static List<String> runsAsMultisets(List<String> lines) {
        List<String> blocks = new ArrayList<>();
        StringBuilder cur = null;
        for (String l : lines) {
            if (l.startsWith("M=") || cur == null) {
                if (cur != null) {
                    blocks.add(cur.toString());
                }
                cur = new StringBuilder(l);
            } else {
                cur.append('\n').append(l);
            }
        }
        blocks.add(cur.toString());
        List<String> out = new ArrayList<>();
        List<String> run = new ArrayList<>();
        long last = Long.MIN_VALUE;
        for (String b : blocks) {
            java.util.regex.Matcher m = TIME.matcher(b);
            long t = m.find() ? Long.parseLong(m.group(1)) : last;
            if (!run.isEmpty() && t > last + 1) {
                java.util.Collections.sort(run);
                out.addAll(run);
                run.clear();
            }
            run.add(TIME.matcher(b).replaceFirst(" Time=~"));
            last = t;
        }
        java.util.Collections.sort(run);
        out.addAll(run);
        return out;
    }

    @TestFactory
    Stream<DynamicTest> corpusTraces() {
        return Corpus.versions().stream().filter(v -> v.minor() >= 22).map(v -> DynamicTest.dynamicTest(
                "go1." + v.minor(), () -> compare(v.dir().resolve("data/trace.out"),
                        v.dir().resolve("golden/trace.parsed.txt.gz"), v.minor())));
    }

    @TestFactory
    Stream<DynamicTest> goV1Traces() throws IOException {
        Path root = Corpus.file("trace-tests/v1");
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(root)) {
            for (Path t : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = t.getFileName().toString();
                tests.add(DynamicTest.dynamicTest(name, () -> compare(t,
                        root.resolve("golden/" + name + ".parsed-go1.27.txt.gz"), 27, true)));
            }
        }
        assertThat(tests).hasSize(12);
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> multiGenerationTraces() throws IOException {
        Path root = Corpus.file("multigen");
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : dirs.filter(p -> p.getFileName().toString().startsWith("go1.")).sorted().toList()) {
                int minor = Integer.parseInt(d.getFileName().toString().substring(4));
                try (Stream<Path> files = Files.list(d)) {
                    for (Path t : files.filter(p -> p.toString().endsWith(".out")).sorted().toList()) {
                        String name = t.getFileName().toString().replace(".out", "");
                        tests.add(DynamicTest.dynamicTest("go1." + minor + "/" + name,
                                () -> compare(t, d.resolve(name + ".parsed.txt.gz"), minor)));
                    }
                }
            }
        }
        return tests.stream();
    }
}
