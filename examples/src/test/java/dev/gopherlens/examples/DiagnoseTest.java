package dev.gopherlens.examples;

import dev.gopherlens.live.GoService;
import dev.gopherlens.live.RemoteSymbol;
import dev.gopherlens.live.testing.DemoServer;
import dev.gopherlens.pprof.Pprof;
import dev.gopherlens.pprof.Profile;
import dev.gopherlens.pprof.goroutines.GoroutineDump;
import dev.gopherlens.trace.Annotations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Diagnose run once against the corpus's demo service (Go 1.27, net/http/pprof, load it makes itself): the report
 * names, without being told, what the service's README says a diagnosis should find, and the raw captures it keeps
 * are what Go's tools and our parsers read.
 */
class DiagnoseTest {
    private static final int SECONDS = 2;

    @TempDir
    static Path out;
    private static DemoServer server;
    private static String report;
    private static String log;

    @BeforeAll
    static void diagnose() {
        server = DemoServer.start();
        // A second of load first, so that leaked goroutines exist before the trace begins (about 16 a second).
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int status = Diagnose.run(new String[] {server.base().toString(), "--binary", server.binary().toString(),
            "--seconds", Integer.toString(SECONDS), "--out", out.toString()},
                new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
        report = stdout.toString(StandardCharsets.UTF_8);
        log = stderr.toString(StandardCharsets.UTF_8);
        assertThat(status).as(log).isZero();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String section(String start, String end) {
        int from = report.indexOf(start);
        assertThat(from).as("the report has '%s'", start).isNotNegative();
        int to = end == null ? report.length() : report.indexOf(end, from);
        return report.substring(from, to < 0 ? report.length() : to);
    }

    @Test
    void findingsNameTheHotspotTheContentionAndTheLeak() {
        String findings = section("Findings", "== 1.");
        // README: main.checksum is the top flat function with 73-80% of samples in a quiet 5 s profile.
        assertThat(findings).containsPattern("CPU hotspot: +main\\.checksum, [0-9.]+% of CPU samples");
        assertThat(findings).containsPattern("Lock contention: +main\\.record, [0-9.]+% of the delay .*in "
                + "sync\\.\\(\\*Mutex\\)\\.Unlock\\)");
        Matcher m = Pattern.compile("Goroutine growth: \\+(\\d+) goroutines \\[select\\] in main\\.waitForReply\\.func1 "
                + "\\(created by main\\.waitForReply\\), (\\d+) → (\\d+) in").matcher(findings);
        assertThat(m.find()).as(findings).isTrue();
        int growth = Integer.parseInt(m.group(1));
        // About 16 leaked goroutines a second (fewer on a loaded machine); the dumps are at least 2 s apart.
        assertThat(growth).isGreaterThanOrEqualTo(5);
        assertThat(Integer.parseInt(m.group(3)) - Integer.parseInt(m.group(2))).isEqualTo(growth);
        double percent = Double.parseDouble(findings.replaceAll("(?s).*CPU hotspot: +main\\.checksum, ([0-9.]+)%.*",
                "$1"));
        assertThat(percent).isGreaterThan(50);
    }

    @Test
    void profilesSectionBreaksOutTheHandlersLabel() {
        String cpu = section("-- CPU:", "-- Mutex");
        assertThat(cpu).containsPattern("by labels: handler=work [0-9.]+%");
        assertThat(cpu).containsPattern("\\n +[0-9.]+m?s +[0-9.]+% +main\\.checksum\\n");
        String mutex = section("-- Mutex contention", "-- Blocking");
        // main.record leads the program's own frames (README: 99% and more of the delay once the service has run a
        // while). How much of the delay it has varies with the machine: on a loaded one the runtime's and net/http's
        // own locks can lead the whole profile, so only the order among the program's frames is asserted.
        Matcher frames = Pattern.compile("standard library:\\n((?: +[0-9.]+(?:ns|µs|ms|s) +[0-9.]+% +.+\\n)+)")
                .matcher(mutex);
        assertThat(frames.find()).as(mutex).isTrue();
        List<String> program = frames.group(1).lines().map(l -> l.replaceFirst("^ +\\S+ +\\S+ +", ""))
                .filter(name -> !name.startsWith("(")).toList();
        assertThat(program).as(mutex).first().isEqualTo("main.record");
        assertThat(section("-- Blocking", "-- Heap")).contains("sync.(*Mutex).Lock").contains("main.record");
        // The heap profile is sampled (one in 512 kB) and as of the last GC, so which functions it shows varies.
        assertThat(section("-- Heap in use", "== 2.")).containsPattern("-- Heap in use: [0-9.]+k?M?B\\n +flat ");
    }

    @Test
    void traceSectionShowsTheWorkTasksWithTheirRegions() {
        String trace = section("== 2. Execution trace", "== 3.");
        assertThat(trace).containsPattern("task +work +\\d+ .* regions: checksum, record\\n");
        assertThat(trace).containsPattern("region +checksum +\\d+ ");
        assertThat(trace).containsPattern("region +record +\\d+ ");
        assertThat(trace).containsPattern("Scheduling latency \\(runnable to running\\): \\d+ delays, p50 ");
        assertThat(trace).contains("-- Goroutine blocking by reason").contains("-- Goroutine blocking by start function");
        assertThat(trace).containsPattern("LIKELY_LEAK +\\d+ × main\\.waitForReply\\.func1 \\[select\\], "
                + "blocked for the whole capture");
    }

    @Test
    void stacksSectionShowsTheGrowingBucketResolvedThroughTheBinary() throws IOException {
        String stacks = section("== 3. Goroutine stacks", null);
        Matcher first = Pattern.compile("\\n   \\+\\d+ goroutines \\[([^]]+)\\]").matcher(stacks);
        assertThat(first.find()).isTrue();
        assertThat(first.group(1)).isEqualTo("select");
        assertThat(stacks).contains("     main.waitForReply.func1()\n       demo-server/main.go:265 +0x");
        assertThat(stacks).contains("     created by main.waitForReply in goroutine ");
        // The pc the binary's pclntab gave, named the same by the running service's own runtime.
        Matcher pc = Pattern.compile("pc=0x([0-9a-f]+) main\\.waitForReply\\.func1 demo-server/main\\.go:265\\n")
                .matcher(stacks);
        assertThat(pc.find()).as(stacks).isTrue();
        long address = Long.parseUnsignedLong(pc.group(1), 16);
        List<RemoteSymbol> named = GoService.connect(server.base()).symbols(address);
        assertThat(named).extracting(RemoteSymbol::function).containsExactly("main.waitForReply.func1");
    }

    @Test
    void outKeepsRawCapturesOurParsersRead() throws IOException {
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).contains("cpu.pprof", "heap.pprof",
                    "mutex.pprof", "block.pprof", "goroutine.pprof", "trace.out", "goroutines-1.txt",
                    "goroutines-2.txt", "cpu.folded", "cpu-flame.svg", "report.txt")
                    .noneMatch(n -> n.endsWith(".partial"));
        }
        Profile cpu = Pprof.read(out.resolve("cpu.pprof"));
        assertThat(cpu.top().rows().get(0).name()).isEqualTo("main.checksum");
        for (String p : List.of("heap.pprof", "mutex.pprof", "block.pprof", "goroutine.pprof")) {
            assertThat(Pprof.read(out.resolve(p)).samples()).as(p).isNotEmpty();
        }
        assertThat(Annotations.of(out.resolve("trace.out")).taskDurations()).containsKey("work");
        GoroutineDump before = GoroutineDump.read(out.resolve("goroutines-1.txt"));
        GoroutineDump after = GoroutineDump.read(out.resolve("goroutines-2.txt"));
        assertThat(after.goroutines().size()).isGreaterThan(before.goroutines().size());
        assertThat(Files.readString(out.resolve("report.txt"))).isEqualTo(report);

        // The folded stacks hold every CPU sample the service sent: the same total.
        long folded = 0;
        for (String line : Files.readAllLines(out.resolve("cpu.folded"))) {
            folded += Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
        }
        int index = cpu.sampleIndex("cpu");
        assertThat(folded).isEqualTo(cpu.samples().stream().mapToLong(s -> s.values()[index]).sum());
    }

    @Test
    void flameGraphHasOneRectanglePerFrameOfTheFoldedStacksAsWideAsItsValue() throws Exception {
        // The frames of the folded stacks, merged by path, as flamegraph.pl merges them.
        Map<String, Long> frames = new HashMap<>();
        long total = 0;
        for (String line : Files.readAllLines(out.resolve("cpu.folded"))) {
            int space = line.lastIndexOf(' ');
            long v = Long.parseLong(line.substring(space + 1));
            total += v;
            String path = "";
            for (String f : line.substring(0, space).split(";")) {
                path = path + ";" + f;
                frames.merge(path, v, Long::sum);
            }
        }
        frames.put("", total); // the root, "all"
        double perValue = 1180.0 / total;
        List<Double> expected = new ArrayList<>();
        for (long v : frames.values()) {
            if (v * perValue >= 0.1) {
                expected.add(v * perValue);
            }
        }
        expected.sort(null);

        Document svg = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(out.resolve("cpu-flame.svg")
                .toFile());
        assertThat(svg.getDocumentElement().getTagName()).isEqualTo("svg");
        NodeList rects = svg.getElementsByTagName("rect");
        List<Double> widths = new ArrayList<>();
        String widest = null;
        double widestNonRoot = -1;
        for (int i = 0; i < rects.getLength(); i++) {
            Element r = (Element) rects.item(i);
            double w = Double.parseDouble(r.getAttribute("width"));
            widths.add(w);
            String title = ((Element) r.getParentNode()).getElementsByTagName("title").item(0).getTextContent();
            if (!title.startsWith("all ") && title.startsWith("main.checksum") && w > widestNonRoot) {
                widestNonRoot = w;
                widest = title;
            }
        }
        widths.sort(null);
        assertThat(widths).hasSameSizeAs(expected);
        for (int i = 0; i < widths.size(); i++) {
            assertThat(widths.get(i)).isCloseTo(expected.get(i), within(0.011));
        }
        assertThat(widest).matches("main\\.checksum \\([0-9.]+m?s, [0-9.]+%\\)");
    }

    @Test
    void flameGraphOpensInABrowserWithTheHottestFrameAndItsTitle() throws IOException {
        HeadlessChromium.FlameGraphCheck seen = HeadlessChromium.checkFlameGraph(out.resolve("cpu-flame.svg"),
                "main.checksum");
        assertThat(seen.titleAtCentre()).isEqualTo(seen.hottestTitle()).startsWith("main.checksum (");
        assertThat(seen.screenshot()).exists();
    }
}
