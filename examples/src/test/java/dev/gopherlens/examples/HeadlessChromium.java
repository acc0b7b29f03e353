package dev.gopherlens.examples;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opens files in a real browser for tests: Debian's {@code chromium} in headless mode, to take screenshots and to
 * read the DOM after the page's scripts ran. {@code .ci/run} installs it when it is missing.
 *
 * <p>For a flame graph, one call does the whole check:
 * <pre>{@code
 * Path svg = tmp.resolve("cpu.svg");
 * Files.writeString(svg, FlameGraph.of(profile).toSvg());
 * HeadlessChromium.checkFlameGraph(svg, "main.checksum");   // fails the test, or skips it without chromium
 * }</pre>
 * {@link #checkFlameGraph(Path, String)} renders the SVG to a screenshot ({@code NAME.png} beside it), checks that the
 * screenshot is not blank and that the hottest frame of the function (its widest rectangle) is painted in its own
 * fill colour where the SVG puts it, then loads a copy of the SVG with a small script that asks the browser which
 * element is at that frame's centre ({@code document.elementFromPoint}) and checks that element's {@code <title>}
 * is the frame's title. So the browser parsed the document, laid the frame out where expected and has its tooltip.
 *
 * <p>When chromium is missing the calling test is skipped with a message, except under {@code CI=true}, where it
 * fails. Chromium is found on the {@code PATH} or as {@code /usr/bin/chromium}. Each run has its own fresh profile
 * folder, no network, a {@link #TIMEOUT}, and its stderr kept for the failure message, so calls are independent and
 * this class is thread-safe.
 */
public final class HeadlessChromium {
    /** How long one browser run may take before it is killed and the test fails. */
    public static final Duration TIMEOUT = Duration.ofSeconds(90);

    private static final Pattern PROBE = Pattern.compile("GOPHERLENS-PROBE\\[([^\\]]*)\\]");
    private static final Pattern TITLE = Pattern.compile("(.*) \\([^,]*, [0-9.]+%\\)", Pattern.DOTALL);
    private static final Pattern RGB = Pattern.compile("rgb\\((\\d+),(\\d+),(\\d+)\\)");

    private final Path executable;

    private HeadlessChromium(Path executable) {
        this.executable = executable;
    }

    /**
     * Finds chromium: {@code chromium} in a folder of the {@code PATH}, else {@code /usr/bin/chromium}.
     *
     * @return the browser, or empty when neither exists
     */
    public static Optional<HeadlessChromium> find() {
        List<Path> candidates = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    candidates.add(Path.of(dir, "chromium"));
                }
            }
        }
        candidates.add(Path.of("/usr/bin/chromium"));
        return candidates.stream().filter(Files::isExecutable).findFirst().map(HeadlessChromium::new);
    }

    /**
     * Finds chromium or ends the calling test: a failure under {@code CI=true}, a skip elsewhere.
     *
     * @return the browser
     */
    public static HeadlessChromium require() {
        Optional<HeadlessChromium> c = find();
        if (c.isEmpty()) {
            String message = "chromium not found on the PATH or at /usr/bin/chromium; install Debian's chromium "
                    + "package (apt-get install chromium) to run the browser checks";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(message);
            }
            Assumptions.abort(message);
        }
        return c.get();
    }

    /** {@return the browser's executable} */
    public Path executable() {
        return executable;
    }

    /**
     * Renders a file to a PNG screenshot of the given viewport.
     *
     * @param file   the page (an SVG, HTML, ...)
     * @param width  the viewport width in CSS pixels
     * @param height the viewport height in CSS pixels
     * @param png    where to write the screenshot
     * @return the screenshot
     * @throws IOException if the browser fails, times out or writes no readable PNG
     */
    public BufferedImage screenshot(Path file, int width, int height, Path png) throws IOException {
        Files.deleteIfExists(png);
        run(file, width, height, "--screenshot=" + png.toAbsolutePath());
        BufferedImage image = Files.exists(png) ? ImageIO.read(png.toFile()) : null;
        if (image == null) {
            throw new IOException("chromium wrote no readable screenshot " + png);
        }
        return image;
    }

    /**
     * Loads a page, runs its scripts and returns its DOM serialized ({@code --dump-dom}).
     *
     * @param file   the page
     * @param width  the window width
     * @param height the window height; the viewport is smaller by the height of the window's frame
     * @return the DOM as text
     * @throws IOException if the browser fails or times out
     */
    public String dumpDom(Path file, int width, int height) throws IOException {
        return run(file, width, height, "--dump-dom");
    }

    private String run(Path file, int width, int height, String action) throws IOException {
        Path work = Files.createTempDirectory("gopherlens-chromium");
        try {
            Path out = work.resolve("stdout");
            Path err = work.resolve("stderr");
            List<String> cmd = List.of(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                    "--force-device-scale-factor=1", "--user-data-dir=" + work.resolve("profile"),
                    "--window-size=" + width + "," + height, action, file.toAbsolutePath().toUri().toString());
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            boolean done;
            try {
                done = p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                done = false;
            }
            if (!done) {
                // Kill what this run started: the browser's own helper processes, then the browser.
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new IOException("chromium did not finish within " + TIMEOUT + ": " + cmd + "\n" + tail(err));
            }
            if (p.exitValue() != 0) {
                throw new IOException("chromium exited with " + p.exitValue() + ": " + cmd + "\n" + tail(err));
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            deleteTree(work);
        }
    }

    private static String tail(Path err) throws IOException {
        if (!Files.exists(err)) {
            return "(no stderr)";
        }
        List<String> lines = Files.readAllLines(err, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A browser helper that still holds a file leaves the temp folder behind; the test's result stands.
        }
    }

    /**
     * What the browser showed of a flame graph.
     *
     * @param screenshot      the screenshot, {@code NAME.png} beside the SVG
     * @param width           the screenshot's width in pixels
     * @param height          the screenshot's height in pixels
     * @param distinctColours the number of distinct colours in the screenshot
     * @param paintedFraction the share of pixels that are neither white nor the background {@code #eeeeee}
     * @param hottestTitle    the {@code <title>} of the widest frame of the function, as the SVG has it
     * @param titleAtCentre   the {@code <title>} of the element the browser found at that frame's centre
     * @param centreColour    the most common colour the screenshot has inside that frame, as {@code rgb(r,g,b)}
     */
    public record FlameGraphCheck(Path screenshot, int width, int height, int distinctColours,
                                  double paintedFraction, String hottestTitle, String titleAtCentre,
                                  String centreColour) {
    }

    /**
     * Opens a flame graph SVG in chromium and checks, failing the test otherwise, that the screenshot is not blank
     * (at least 8 distinct colours, at least 1% painted) and that the browser laid out the widest frame of
     * {@code hottestFunction} where the SVG puts it, painted in its fill colour, with its {@code <title>}. Skips the
     * test without chromium (fails under {@code CI=true}), as {@link #require()}.
     *
     * @param svg             a flame graph written by {@code dev.gopherlens.pprof.FlameGraph}
     * @param hottestFunction the function whose frame to look for, such as {@code main.checksum}
     * @return what was seen, for further checks
     * @throws IOException if the file cannot be read or the browser fails
     */
    public static FlameGraphCheck checkFlameGraph(Path svg, String hottestFunction) throws IOException {
        HeadlessChromium chromium = require();
        String text = Files.readString(svg, StandardCharsets.UTF_8);
        Document doc = parseXml(text);
        Element root = doc.getDocumentElement();
        int width = (int) Math.ceil(Double.parseDouble(root.getAttribute("width")));
        int height = (int) Math.ceil(Double.parseDouble(root.getAttribute("height")));

        // The widest rectangle whose title names the function.
        Element hottest = null;
        String hottestTitle = null;
        NodeList rects = doc.getElementsByTagName("rect");
        for (int i = 0; i < rects.getLength(); i++) {
            Element r = (Element) rects.item(i);
            NodeList titles = ((Element) r.getParentNode()).getElementsByTagName("title");
            if (titles.getLength() == 0) {
                continue;
            }
            String t = titles.item(0).getTextContent();
            Matcher m = TITLE.matcher(t);
            if (m.matches() && m.group(1).equals(hottestFunction) && (hottest == null
                    || attr(r, "width") > attr(hottest, "width"))) {
                hottest = r;
                hottestTitle = t;
            }
        }
        assertThat(hottest).as("a frame of %s in %s", hottestFunction, svg).isNotNull();
        double x = attr(hottest, "x");
        double y = attr(hottest, "y");
        double w = attr(hottest, "width");
        double h = attr(hottest, "height");
        double cx = x + w / 2;
        double cy = y + h / 2;

        // 1. The picture: not blank, and the frame painted in its colour where the SVG puts it.
        String name = svg.getFileName().toString().replaceFirst("\\.svg$", "");
        Path png = svg.resolveSibling(name + ".png");
        BufferedImage image = chromium.screenshot(svg, width, height, png);
        assertThat(image.getWidth()).as("screenshot width").isEqualTo(width);
        assertThat(image.getHeight()).as("screenshot height").isEqualTo(height);
        Set<Integer> colours = new HashSet<>();
        long painted = 0;
        for (int py = 0; py < image.getHeight(); py++) {
            for (int px = 0; px < image.getWidth(); px++) {
                int rgb = image.getRGB(px, py) & 0xffffff;
                colours.add(rgb);
                if (rgb != 0xffffff && rgb != 0xeeeeee) {
                    painted++;
                }
            }
        }
        double paintedFraction = (double) painted / ((long) image.getWidth() * image.getHeight());
        assertThat(colours.size()).as("distinct colours in %s", png).isGreaterThanOrEqualTo(8);
        assertThat(paintedFraction).as("painted share of %s", png).isGreaterThanOrEqualTo(0.01);
        int centreColour = commonColour(image, (int) Math.ceil(x + 2), (int) Math.ceil(y + 2),
                (int) Math.floor(x + w - 2), (int) Math.floor(y + h - 2));
        Matcher fill = RGB.matcher(hottest.getAttribute("fill"));
        assertThat(fill.matches()).as("fill of the hottest frame: %s", hottest.getAttribute("fill")).isTrue();
        int[] expected = {Integer.parseInt(fill.group(1)), Integer.parseInt(fill.group(2)),
                Integer.parseInt(fill.group(3))};
        int[] seen = {(centreColour >> 16) & 0xff, (centreColour >> 8) & 0xff, centreColour & 0xff};
        for (int c = 0; c < 3; c++) {
            assertThat(seen[c]).as("colour inside %s: %s, fill %s", hottestTitle, rgb(centreColour),
                    hottest.getAttribute("fill")).isBetween(expected[c] - 3, expected[c] + 3);
        }

        // 2. The layout and the tooltip: which element the browser finds at the frame's centre.
        Path work = Files.createTempDirectory("gopherlens-probe");
        try {
            Path probe = work.resolve(name + ".probe.svg");
            Files.writeString(probe, withProbe(text, cx, cy), StandardCharsets.UTF_8);
            // The window's frame takes part of the window's height: make it tall enough for the point, and the
            // script scrolls to it anyway.
            String dom = chromium.dumpDom(probe, width, height + 400);
            Matcher m = PROBE.matcher(dom);
            assertThat(m.find()).as("the probe's answer in the DOM chromium dumped").isTrue();
            String found = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
            assertThat(found).as("the title at (%.1f, %.1f)", cx, cy).isEqualTo(hottestTitle);
            return new FlameGraphCheck(png, image.getWidth(), image.getHeight(), colours.size(), paintedFraction,
                    hottestTitle, found, rgb(centreColour));
        } finally {
            deleteTree(work);
        }
    }

    /** The SVG with a script before its end tag that writes the title of the element at (x, y) into the DOM. */
    private static String withProbe(String svg, double x, double y) {
        int end = svg.lastIndexOf("</svg>");
        assertThat(end).as("an </svg> end tag").isGreaterThanOrEqualTo(0);
        String script = String.format(Locale.ROOT, """
                <script><![CDATA[
                window.addEventListener("load", function () {
                  var x = %.2f, y = %.2f;
                  window.scrollTo(0, Math.max(0, y - window.innerHeight / 2));
                  var el = document.elementFromPoint(x, y - window.scrollY);
                  var g = el ? el.closest("g") : null;
                  var t = g ? g.querySelector("title") : null;
                  var answer = t ? t.textContent : el ? "(no title: <" + el.tagName + ">)" : "(nothing at the point)";
                  var d = document.createElementNS("http://www.w3.org/2000/svg", "desc");
                  d.textContent = "GOPHERLENS-" + "PROBE[" + encodeURIComponent(answer) + "]"; // not the marker itself
                  document.documentElement.appendChild(d);
                });
                ]]></script>
                """, x, y);
        return svg.substring(0, end) + script + svg.substring(end);
    }

    /** The most common colour in a box of the image, inclusive; labels and anti-aliasing are a minority. */
    private static int commonColour(BufferedImage image, int x1, int y1, int x2, int y2) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int py = Math.max(0, y1); py <= Math.min(image.getHeight() - 1, y2); py++) {
            for (int px = Math.max(0, x1); px <= Math.min(image.getWidth() - 1, x2); px++) {
                counts.merge(image.getRGB(px, py) & 0xffffff, 1, Integer::sum);
            }
        }
        assertThat(counts).as("pixels inside the frame").isNotEmpty();
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    private static String rgb(int c) {
        return "rgb(" + ((c >> 16) & 0xff) + "," + ((c >> 8) & 0xff) + "," + (c & 0xff) + ")";
    }

    private static double attr(Element e, String name) {
        return Double.parseDouble(e.getAttribute(name));
    }

    private static Document parseXml(String text) throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder().parse(new org.xml.sax.InputSource(new java.io.StringReader(text)));
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("not well-formed XML: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "HeadlessChromium[" + executable + "]";
    }

}
