package dev.gopherlens.examples;

import dev.gopherlens.core.testing.Corpus;
import dev.gopherlens.pprof.FlameGraph;
import dev.gopherlens.pprof.Pprof;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Flame graphs opened in headless Chromium: see {@link HeadlessChromium#checkFlameGraph(Path, String)}. */
class FlameGraphBrowserTest {
    @TempDir
    Path tmp;

    /** The function with the most flat value: the first row of Go's own {@code go tool pprof -top}. */
    private static String hottest(List<String> top) {
        int header = top.indexOf(top.stream().filter(l -> l.strip().startsWith("flat  flat%")).findFirst()
                .orElseThrow());
        String row = top.get(header + 1).strip();
        // "180ms 85.71% 85.71%      180ms 85.71%  main.sumSquares": the name is the sixth field.
        return row.split("\\s+", 6)[5].replaceFirst(" \\((partial-)?inline\\)$", "");
    }

    @ParameterizedTest
    @ValueSource(strings = {"go1.15", "go1.22", "go1.27"})
    void corpusCpuProfilesOpenInChromium(String version) throws IOException {
        String hottest = hottest(Files.readAllLines(Corpus.file(version + "/golden/cpu.top.txt")));
        Path svg = tmp.resolve("cpu-" + version + ".svg");
        Files.writeString(svg, FlameGraph.of(Pprof.read(Corpus.file(version + "/data/cpu.pprof")))
                .withTitle("CPU " + version).toSvg());
        HeadlessChromium.FlameGraphCheck check = HeadlessChromium.checkFlameGraph(svg, hottest);
        assertThat(check.titleAtCentre()).startsWith(hottest + " (").isEqualTo(check.hottestTitle());
        assertThat(check.width()).isEqualTo(FlameGraph.WIDTH);
        assertThat(Files.size(check.screenshot())).isPositive();
    }

    @Test
    void goToolPprofFlameOutputOpensInChromium() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        GoToolPprof.run(List.of("--output", "flame"), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        Path svg = tmp.resolve("shipped.svg");
        Files.write(svg, bytes.toByteArray());
        String top;
        try (InputStream in = getClass().getResourceAsStream("pprof-top.txt")) {
            top = new String(Objects.requireNonNull(in).readAllBytes(), StandardCharsets.UTF_8);
        }
        String hottest = hottest(top.lines().toList());
        assertThat(hottest).isEqualTo("main.sumSquares"); // Go 1.27's -top of the shipped profile
        assertThat(HeadlessChromium.checkFlameGraph(svg, hottest).titleAtCentre()).startsWith("main.sumSquares (");
    }

    @Test
    void theCheckFailsWhenTheBrowserDrawsTheFrameElsewhere() throws IOException {
        HeadlessChromium.require(); // skip (or fail under CI) here, not inside the expected failures below
        Path svg = tmp.resolve("cpu.svg");
        String good = FlameGraph.of(Pprof.read(Corpus.file("go1.27/data/cpu.pprof"))).toSvg();
        Files.writeString(svg, good);
        assertThatThrownBy(() -> HeadlessChromium.checkFlameGraph(svg, "main.notThere"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("main.notThere");
        // The same document with the hottest frame's group shifted two rows up by a transform: its rect's attributes
        // still say where it was, so the browser's picture and hit test at that place must disagree.
        String title = "<g><title>main.sumSquares (150ms";
        assertThat(good).contains(title);
        Files.writeString(svg, good.replace(title, "<g transform=\"translate(0,-32)\"><title>main.sumSquares (150ms"));
        assertThatThrownBy(() -> HeadlessChromium.checkFlameGraph(svg, "main.sumSquares"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("colour inside main.sumSquares (150ms");
        // Drawn right, but an invisible element with another title lies over it: only the hit test can tell.
        java.util.regex.Matcher rect = java.util.regex.Pattern.compile(
                "<title>main\\.sumSquares \\(150ms[^<]*</title><rect (x=\"[^\"]*\" y=\"[^\"]*\" width=\"[^\"]*\" "
                        + "height=\"[^\"]*\")").matcher(good);
        assertThat(rect.find()).isTrue();
        Files.writeString(svg, good.replace("</svg>", "<g><title>cover</title><rect " + rect.group(1)
                + " fill=\"none\" pointer-events=\"all\"/></g>\n</svg>"));
        assertThatThrownBy(() -> HeadlessChromium.checkFlameGraph(svg, "main.sumSquares"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("the title at")
                .hasMessageContaining("\"cover\"");
    }
}
