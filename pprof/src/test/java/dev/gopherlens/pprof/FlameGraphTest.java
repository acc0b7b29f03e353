package dev.gopherlens.pprof;

import dev.gopherlens.core.Frame;
import dev.gopherlens.core.Stack;
import dev.gopherlens.core.testing.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class FlameGraphTest {
    private static final Pattern TITLE = Pattern.compile("(.*) \\(([^,]*), ([0-9]+\\.[0-9]{2})%\\)", Pattern.DOTALL);

    /** One drawn frame as the SVG has it, read back with the JDK's XML parser. */
    record Drawn(String title, String function, String value, double percent, double x, double y, double width,
                 String fill, String label) {
    }

    /** The SVG, parsed: it must be well-formed XML whose root is an SVG element. */
    record Svg(Document doc, double height, String title, List<Drawn> frames, int rects) {
        /** The drawn depth of each frame, from the distinct rows of rectangles, bottom (the root) first. */
        int depth(Drawn d) {
            TreeSet<Double> rows = new TreeSet<>();
            frames.forEach(f -> rows.add(f.y()));
            return rows.descendingSet().headSet(d.y(), true).size() - 1;
        }

        Drawn root() {
            return frames.stream().filter(f -> depth(f) == 0).findFirst().orElseThrow();
        }
    }

    static Svg parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = f.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
        Element root = doc.getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("svg");
        assertThat(root.getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
        // Self-contained: nothing that fetches or runs anything.
        for (String tag : List.of("script", "image", "use", "a", "foreignObject", "link")) {
            assertThat(doc.getElementsByTagName(tag).getLength()).as(tag).isZero();
        }
        assertThat(svg).doesNotContain("href").doesNotContain("@import").doesNotContain("url(");
        String title = null;
        NodeList texts = doc.getElementsByTagName("text");
        for (int i = 0; i < texts.getLength(); i++) {
            Element t = (Element) texts.item(i);
            if (t.getAttribute("id").equals("title")) {
                title = t.getTextContent();
            }
        }
        List<Drawn> frames = new ArrayList<>();
        NodeList rects = doc.getElementsByTagName("rect");
        for (int i = 0; i < rects.getLength(); i++) {
            Element r = (Element) rects.item(i);
            Element g = (Element) r.getParentNode();
            Element t = (Element) g.getElementsByTagName("title").item(0);
            NodeList labels = g.getElementsByTagName("text");
            String tt = t.getTextContent();
            Matcher m = TITLE.matcher(tt);
            assertThat(m.matches()).as(tt).isTrue();
            frames.add(new Drawn(tt, m.group(1), m.group(2), Double.parseDouble(m.group(3)),
                    Double.parseDouble(r.getAttribute("x")), Double.parseDouble(r.getAttribute("y")),
                    Double.parseDouble(r.getAttribute("width")), r.getAttribute("fill"),
                    labels.getLength() == 0 ? "" : labels.item(0).getTextContent()));
        }
        return new Svg(doc, Double.parseDouble(root.getAttribute("height")), title, frames, rects.getLength());
    }

    private static Profile cpu() {
        ProfileBuilder b = Profile.builder().sampleType("samples", "count").sampleType("cpu", "nanoseconds")
                .period("cpu", "nanoseconds", 10_000_000);
        Frame main = Frame.of("main.main", "main.go", 10);
        b.sample(Stack.of(Frame.of("main.checksum", "main.go", 20), main), 381, 3_810_000_000L);
        b.sample(Stack.of(Frame.of("main.other", "main.go", 30), main), 119, 1_190_000_000L);
        return b.build();
    }

    @Test
    void titlesWidthsAndOrderOfASmallProfile() throws Exception {
        FlameGraph fg = FlameGraph.of(cpu());
        assertThat(fg.total()).isEqualTo(5_000_000_000L);
        assertThat(fg.frames()).containsExactly(
                new FlameGraph.Frame("all", 0, 0, 5_000_000_000L),
                new FlameGraph.Frame("main.main", 1, 0, 5_000_000_000L),
                new FlameGraph.Frame("main.checksum", 2, 0, 3_810_000_000L),
                new FlameGraph.Frame("main.other", 2, 3_810_000_000L, 1_190_000_000L));
        Svg svg = parse(fg.toSvg());
        assertThat(svg.title()).isEqualTo("Flame Graph");
        assertThat(svg.frames()).extracting(Drawn::title).containsExactly(
                "all (5s, 100.00%)", "main.main (5s, 100.00%)", "main.checksum (3.81s, 76.20%)",
                "main.other (1.19s, 23.80%)");
        // 1200 px wide with 10 px margins, as flamegraph.pl: 76.2% of 1180 px is 899.16 px.
        assertThat(svg.frames()).extracting(Drawn::x).containsExactly(10.0, 10.0, 10.0, 909.16);
        assertThat(svg.frames()).extracting(Drawn::width).containsExactly(1180.0, 1180.0, 899.16, 280.84);
        // The root at the bottom, callees above their callers, 16 px rows.
        assertThat(svg.frames()).extracting(Drawn::y).containsExactly(
                svg.height() - 34 - 15, svg.height() - 50 - 15, svg.height() - 66 - 15, svg.height() - 66 - 15);
        assertThat(svg.frames()).extracting(Drawn::label).containsExactly("all", "main.main", "main.checksum",
                "main.other");
        StringBuilder sb = new StringBuilder();
        fg.writeSvg(sb);
        assertThat(sb.toString()).isEqualTo(fg.toSvg());
        assertThat(fg.withTitle("CPU <hot>").toSvg()).contains(">CPU &lt;hot&gt;</text>");
        assertThat(fg.toString()).isEqualTo("FlameGraph[Flame Graph, 4 frames, total 5s of cpu]");
    }

    @Test
    void aCountSampleTypeNamesItsType() throws Exception {
        Svg svg = parse(FlameGraph.of(cpu(), 0).toSvg());
        assertThat(svg.frames()).extracting(Drawn::title).contains("main.checksum (381 samples, 76.20%)");
        assertThatThrownBy(() -> FlameGraph.of(cpu(), 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hostileNamesAreEscaped() throws Exception {
        List<String> names = List.of("main.Map[string,int].Get", "main.(*T).m.func1.2", "x<y>&\"q'", "a;b",
                "ctl\u0001\u0000", "lone\uD800surrogate", "main.go\uD83D\uDE00", "]]>", "main.F[...]");
        ProfileBuilder b = Profile.builder().sampleType("cpu", "nanoseconds");
        for (String n : names) {
            b.sample(Stack.of(Frame.of(n, "x.go", 1)), 10);
        }
        FlameGraph fg = FlameGraph.of(b.build()).withTitle("<&\"'>");
        Svg svg = parse(fg.toSvg());
        assertThat(svg.title()).isEqualTo("<&\"'>");
        List<String> expected = new ArrayList<>();
        for (String n : names) {
            // ';' separates folded frames, so the folded stacks turn it into ':'; XML cannot carry controls or lone
            // surrogates, which become U+FFFD.
            expected.add(n.replace(';', ':').replace('\u0001', '\uFFFD').replace('\u0000', '\uFFFD')
                    .replace('\uD800', '\uFFFD'));
        }
        assertThat(svg.frames()).extracting(Drawn::function).containsAll(expected).hasSize(names.size() + 1);
        for (Drawn d : svg.frames()) {
            if (!d.function().equals("all")) {
                assertThat(expected).contains(d.label().endsWith("..")
                        ? expected.stream().filter(e -> e.startsWith(d.label().substring(0, d.label().length() - 2)))
                        .findFirst().orElseThrow() : d.label());
            }
        }
    }

    @Test
    void emptyProfilesGiveJustTheTitle() throws Exception {
        Profile noSamples = Profile.builder().sampleType("cpu", "nanoseconds").build();
        for (FlameGraph fg : List.of(FlameGraph.of(noSamples), FlameGraph.of(Profile.builder().build()))) {
            assertThat(fg.frames()).isEmpty();
            assertThat(fg.total()).isZero();
            Svg svg = parse(fg.withTitle("nothing").toSvg());
            assertThat(svg.title()).isEqualTo("nothing");
            assertThat(svg.rects()).isZero();
            assertThat(svg.doc().getElementsByTagName("text").getLength()).isEqualTo(1);
        }
    }

    @Test
    void narrowFramesAreNotDrawnAndLabelsAreCut() throws Exception {
        ProfileBuilder b = Profile.builder().sampleType("cpu", "nanoseconds");
        b.sample(Stack.of(Frame.of("main.tiny", "x.go", 1), Frame.of("main.caller", "x.go", 2)), 1);
        b.sample(Stack.of(Frame.of("main.aVeryLongFunctionNameThatDoesNotFit", "x.go", 1)), 10_000);
        b.sample(Stack.of(Frame.of("main.wide", "x.go", 1)), 1_000_000);
        b.sample(Stack.of(Frame.of("main.diffBase", "x.go", 1)), -500_000);
        FlameGraph fg = FlameGraph.of(b.build());
        // Negative stacks (a diff's base) are left out; 1 of 1010001 is 0.0012 px, under flamegraph.pl's 0.1 px.
        assertThat(fg.total()).isEqualTo(1_010_001);
        assertThat(fg.frames()).extracting(FlameGraph.Frame::function).containsExactly("all",
                "main.aVeryLongFunctionNameThatDoesNotFit", "main.caller", "main.tiny", "main.wide");
        Svg svg = parse(fg.toSvg());
        assertThat(svg.frames()).extracting(Drawn::function).containsExactly("all",
                "main.aVeryLongFunctionNameThatDoesNotFit", "main.wide");
        // 10000/1010001 of 1180 px is 11.68 px: one character of flamegraph.pl's 7.08 px estimate, under three.
        Drawn narrow = svg.frames().get(1);
        assertThat(narrow.width()).isCloseTo(11.68, within(0.01));
        assertThat(narrow.label()).isEmpty();
        assertThat(FlameGraph.label("main.aVeryLongFunctionNameThatDoesNotFit", 100)).isEqualTo("main.aVeryLo..");
        assertThat(FlameGraph.label("main.go\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00",
                10 * 7.08)).isEqualTo("main.go\uD83D\uDE00..");
        assertThat(FlameGraph.label("abc", 3 * 7.08)).isEqualTo("abc");
        assertThat(FlameGraph.label("abcd", 2.9 * 7.08)).isEmpty();
    }

    @Test
    void coloursAreWarmAndTheSameForTheSameName() throws Exception {
        Svg a = parse(FlameGraph.of(cpu()).toSvg());
        Svg b = parse(FlameGraph.of(Fixtures.everyField()).toSvg());
        Map<String, String> fills = new HashMap<>();
        for (Svg s : List.of(a, b)) {
            for (Drawn d : s.frames()) {
                String old = fills.putIfAbsent(d.function(), d.fill());
                assertThat(old == null ? d.fill() : old).as(d.function()).isEqualTo(d.fill());
                Matcher m = Pattern.compile("rgb\\((\\d+),(\\d+),(\\d+)\\)").matcher(d.fill());
                assertThat(m.matches()).isTrue();
                assertThat(Integer.parseInt(m.group(1))).isBetween(205, 255);
                assertThat(Integer.parseInt(m.group(2))).isBetween(0, 230);
                assertThat(Integer.parseInt(m.group(3))).isBetween(55, 110);
            }
        }
        assertThat(new TreeSet<>(fills.values())).hasSizeGreaterThan(3);
    }

    @Test
    void inlinedCallsAreFramesOfTheirOwn() {
        // everyField's first sample: main.main calls main.sumSquares, which inlines main.square.
        FlameGraph fg = FlameGraph.of(Fixtures.everyField(), 0);
        assertThat(fg.frames()).extracting(FlameGraph.Frame::function)
                .containsSubsequence("main.main", "main.sumSquares", "main.square");
    }

    static List<Corpus.GoVersion> versions() {
        return Corpus.versions();
    }

    /**
     * Every drawn rectangle against the folded-stack lines of the same profile: the frames a flame graph of those
     * lines has (each distinct stack prefix, valued by the lines through it), computed here from the text.
     */
    @ParameterizedTest
    @MethodSource("versions")
    void oneRectanglePerFrameOfTheFoldedStacks(Corpus.GoVersion v) throws Exception {
        for (String name : List.of("cpu", "heap", "goroutine")) {
            Path file = v.file("data/" + name + ".pprof");
            if (!Files.exists(file)) {
                continue;
            }
            Profile p = Pprof.read(file);
            Map<List<String>, Long> prefixes = new HashMap<>();
            long total = 0;
            for (String line : p.report().folded().split("\n")) {
                if (line.isEmpty()) {
                    continue;
                }
                int sp = line.lastIndexOf(' ');
                long value = Long.parseLong(line.substring(sp + 1));
                if (value <= 0) {
                    continue;
                }
                total += value;
                List<String> path = new ArrayList<>(List.of("all"));
                prefixes.merge(List.copyOf(path), value, Long::sum);
                for (String f : line.substring(0, sp).split(";")) {
                    path.add(f);
                    prefixes.merge(List.copyOf(path), value, Long::sum);
                }
            }
            FlameGraph fg = FlameGraph.of(p);
            assertThat(fg.total()).isEqualTo(total);
            Svg svg = parse(fg.toSvg());
            if (total == 0) { // a heap profile whose in-use values are all zero
                assertThat(svg.rects()).isZero();
                continue;
            }
            double allWidth = svg.root().width();
            assertThat(allWidth).isEqualTo(1180.0);
            // Expected: (depth, function) -> the widths of the frames that are at least 0.1 px wide.
            Map<String, List<Double>> expected = new TreeMap<>();
            final long t = total;
            prefixes.forEach((path, value) -> {
                double w = (double) value / t * allWidth;
                if (w >= 0.1) {
                    expected.computeIfAbsent((path.size() - 1) + " " + path.get(path.size() - 1),
                            k -> new ArrayList<>()).add(w);
                }
            });
            Map<String, List<Double>> actual = new TreeMap<>();
            for (Drawn d : svg.frames()) {
                actual.computeIfAbsent(svg.depth(d) + " " + d.function(), k -> new ArrayList<>()).add(d.width());
                // The title's percentage is the width's share of the root.
                assertThat(d.percent()).as(d.title()).isCloseTo(d.width() / allWidth * 100, within(0.011));
            }
            assertThat(actual.keySet()).as(v + " " + name).isEqualTo(expected.keySet());
            assertThat(svg.rects()).isEqualTo(expected.values().stream().mapToInt(List::size).sum());
            expected.forEach((k, ws) -> {
                double[] e = ws.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                double[] a = actual.get(k).stream().mapToDouble(Double::doubleValue).sorted().toArray();
                assertThat(a).as(v + " " + name + " " + k + " " + Arrays.toString(a)).hasSameSizeAs(e);
                for (int i = 0; i < e.length; i++) {
                    assertThat(a[i]).as(k).isCloseTo(e[i], within(0.011));
                }
            });
            // Each callee lies over its caller, inside its caller's span.
            for (Drawn d : svg.frames()) {
                int depth = svg.depth(d);
                if (depth > 0) {
                    assertThat(svg.frames()).as(d.title()).anyMatch(c -> svg.depth(c) == depth - 1
                            && c.x() <= d.x() + 0.011 && d.x() + d.width() <= c.x() + c.width() + 0.022);
                }
            }
        }
    }

    /**
     * The merged frames against Go's own {@code go tool pprof -traces} of the same CPU profile: each sample's stack
     * (leaf first, with its value) as the toolchain printed it.
     */
    @ParameterizedTest
    @MethodSource("versions")
    void framesEqualGoTraces(Corpus.GoVersion v) throws IOException {
        Map<String, Long> expected = new TreeMap<>();
        List<String> stack = new ArrayList<>();
        long value = 0;
        long total = 0;
        boolean inSamples = false;
        for (String line : Files.readAllLines(v.file("golden/cpu.traces.txt"))) {
            if (line.startsWith("-----------+")) {
                if (!stack.isEmpty()) {
                    total += value;
                    addPrefixes(expected, stack, value);
                }
                stack.clear();
                inSamples = true;
                continue;
            }
            // A frame line is the value right-aligned in 10 columns (blank after the leaf), three spaces, the name;
            // a label line has "key:" there instead.
            if (inSamples && line.length() > 13 && line.startsWith("   ", 10)) {
                String v10 = line.substring(0, 10).strip();
                if (!v10.isEmpty()) {
                    value = nanos(v10);
                }
                stack.add(line.substring(13).replaceFirst(" \\(inline\\)$", ""));
            }
        }
        FlameGraph fg = FlameGraph.of(Pprof.read(v.file("data/cpu.pprof")));
        Map<String, Long> actual = new TreeMap<>();
        for (FlameGraph.Frame f : fg.frames()) {
            actual.merge(f.depth() + " " + f.function(), f.value(), Long::sum);
        }
        expected.put("0 all", total);
        assertThat(actual).as(v.name()).isEqualTo(expected);
        assertThat(fg.total()).isEqualTo(total);
    }

    private static void addPrefixes(Map<String, Long> into, List<String> leafFirst, long value) {
        for (int i = leafFirst.size() - 1, depth = 1; i >= 0; i--, depth++) {
            into.merge(depth + " " + leafFirst.get(i), value, Long::sum);
        }
    }

    private static long nanos(String s) {
        Matcher m = Pattern.compile("([0-9.]+)(ns|us|µs|ms|s)").matcher(s);
        assertThat(m.matches()).as(s).isTrue();
        double scale = switch (m.group(2)) {
            case "ns" -> 1;
            case "us", "µs" -> 1e3;
            case "ms" -> 1e6;
            default -> 1e9;
        };
        return Math.round(Double.parseDouble(m.group(1)) * scale);
    }
}
