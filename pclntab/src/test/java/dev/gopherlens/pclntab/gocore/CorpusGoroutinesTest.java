package dev.gopherlens.pclntab.gocore;

import dev.gopherlens.core.testing.Corpus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conformance: the goroutines found in each corpus core are those the runtime's own traceback printed when it
 * crashed (traceback.txt), with the same id, {@code gp=} address, {@code m=}/{@code mp=}, status string, locked to
 * thread, creator and parent; dead goroutines of allgs are skipped, and idle Ms' g0s (printed as goroutine 0) are
 * not goroutines of allgs.
 */
class CorpusGoroutinesTest {
    private static final Pattern HEADER = Pattern.compile(
            "^goroutine (\\d+)(?: gp=0x([0-9a-f]+))?(?: m=(nil|\\d+)(?: mp=0x([0-9a-f]+))?)? \\[([^\\]]*)\\]( \\{.*\\})?:$");
    private static final Pattern CREATED = Pattern.compile("^created by (\\S+)(?: in goroutine (\\d+))?$");

    record Printed(long id, String gp, String m, String mp, String status, boolean locked, long minutes,
                   String creator, long parent) {
    }

    static Stream<Arguments> cores() {
        return CorpusCoreTest.cores();
    }

    /** The header and created-by line of each goroutine the runtime printed, first printing of each id. */
    static Map<Long, Printed> traceback(Path file) throws IOException {
        Map<Long, Printed> out = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            Matcher h = HEADER.matcher(lines.get(i));
            if (!h.matches() || h.group(1).equals("0")) {
                continue;
            }
            long id = Long.parseLong(h.group(1));
            // Go 1.26 prints labels inside the brackets: [chan receive, 1 minutes labels:{"index": "0"}].
            String inside = h.group(5).replaceFirst(" labels:\\{.*\\}$", "");
            String[] parts = inside.split(", ");
            String status = parts[0];
            long minutes = 0;
            boolean locked = false;
            for (int k = 1; k < parts.length; k++) {
                if (parts[k].endsWith(" minutes")) {
                    minutes = Long.parseLong(parts[k].substring(0, parts[k].indexOf(' ')));
                } else if (parts[k].equals("locked to thread")) {
                    locked = true;
                }
            }
            String creator = "";
            long parent = 0;
            for (int j = i + 1; j < lines.size() && !lines.get(j).isEmpty(); j++) {
                Matcher c = CREATED.matcher(lines.get(j));
                if (c.matches()) {
                    creator = c.group(1);
                    parent = c.group(2) == null ? 0 : Long.parseLong(c.group(2));
                }
            }
            out.putIfAbsent(id, new Printed(id, h.group(2), h.group(3), h.group(4), status, locked, minutes, creator,
                    parent));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}{1}")
    @MethodSource("cores")
    void goroutinesAreThoseTheRuntimePrinted(String version, String variant) throws IOException {
        Map<Long, Printed> printed = traceback(Corpus.file("core/" + version + "/traceback" + variant + ".txt"));
        assertThat(printed).hasSizeGreaterThan(30);
        {
            GoCore core = CorpusCoreTest.open(version, variant);
            Map<Long, Goroutine> found = core.goroutines().stream()
                    .collect(Collectors.toMap(Goroutine::id, g -> g, (a, b) -> a, LinkedHashMap::new));
            assertThat(found.keySet()).containsExactlyInAnyOrderElementsOf(printed.keySet());
            for (Printed p : printed.values()) {
                Goroutine g = found.get(p.id());
                assertThat(g.status()).as("goroutine %d status", p.id()).isEqualTo(p.status());
                assertThat(g.lockedToThread()).as("goroutine %d locked", p.id()).isEqualTo(p.locked());
                if (p.gp() != null) {
                    assertThat(Long.toHexString(g.address())).as("goroutine %d gp", p.id()).isEqualTo(p.gp());
                    assertThat(g.mId().isPresent() ? Long.toString(g.mId().getAsLong()) : "nil")
                            .as("goroutine %d m", p.id()).isEqualTo(p.m());
                    if (p.mp() != null) {
                        assertThat(Long.toHexString(g.mAddress())).as("goroutine %d mp", p.id()).isEqualTo(p.mp());
                    }
                }
                // The runtime prints the outermost function at the go statement; inlined creators print so too.
                assertThat(g.creator()).as("goroutine %d creator", p.id()).isEqualTo(p.creator());
                assertThat(g.parentId()).as("goroutine %d parent", p.id()).isEqualTo(p.parent());
            }
        }
    }

    @ParameterizedTest(name = "{0}{1}")
    @MethodSource("cores")
    void minutesAreTheRuntimes(String version, String variant) throws IOException {
        Map<Long, Printed> printed = traceback(Corpus.file("core/" + version + "/traceback" + variant + ".txt"));
        GoCore core = CorpusCoreTest.open(version, variant);
        // The clock is the latest stamp the core holds (sysmon's, within milliseconds of the crash), so a minute
        // boundary crossed in those milliseconds could in principle round down; on every corpus core none is.
        long now = core.nanotime();
        assertThat(core.goroutines()).allSatisfy(g -> assertThat(g.waitMinutes(now)).as("goroutine %d minutes", g.id())
                .isEqualTo(printed.get(g.id()).minutes()));
        assertThat(core.goroutines()).anySatisfy(g -> assertThat(g.waitMinutes(now)).isPositive());
    }

    @ParameterizedTest(name = "{0}{1}")
    @MethodSource("cores")
    void headersAreTheRuntimes(String version, String variant) throws IOException {
        // From Go 1.22 the crash traceback prints gp= and m= for every goroutine; labels (1.26+) are not ours yet.
        Path file = Corpus.file("core/" + version + "/traceback" + variant + ".txt");
        GoCore core = CorpusCoreTest.open(version, variant);
        long now = core.nanotime();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        int compared = 0;
        for (Goroutine g : core.goroutines()) {
            String prefix = "goroutine " + g.id() + " ";
            String line = lines.stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
            if (!line.contains(" gp=")) {
                continue;
            }
            String withoutLabels = line.replaceFirst(" labels:\\{.*\\}\\]:$", "]:").replaceFirst("\\] \\{.*\\}:$", "]:");
            assertThat(g.header(now)).isEqualTo(withoutLabels);
            compared++;
        }
        assertThat(compared).isEqualTo(version.compareTo("go1.22") >= 0 ? core.goroutines().size() : 0);
    }

    /**
     * The labelled goroutines of the goroutine profile the program printed (report.txt, {@code debug=1}, taken
     * while they were already parked where they are in the core): each {@code N @ pcs} entry with a
     * {@code # labels:} line, as the multiset of (stack pcs, labels), equals ours: each goroutine with labels,
     * its physical frames' pcs and its labels as {@code runtime/pprof} prints them.
     */
    @ParameterizedTest(name = "{0}{1}")
    @MethodSource("cores")
    void labelsAreThoseOfTheProgramsGoroutineProfile(String version, String variant) throws IOException {
        List<String> report = Files.readAllLines(Corpus.file("core/" + version + "/report" + variant + ".txt"),
                StandardCharsets.UTF_8);
        List<String> expected = new java.util.ArrayList<>();
        for (int i = 0; i + 1 < report.size(); i++) {
            Matcher m = Pattern.compile("^(\\d+) @ (.*)$").matcher(report.get(i));
            if (m.matches() && report.get(i + 1).startsWith("# labels: ")) {
                for (int n = 0; n < Integer.parseInt(m.group(1)); n++) {
                    expected.add(m.group(2) + " " + report.get(i + 1).substring("# labels: ".length()));
                }
            }
        }
        assertThat(expected).hasSize(5);
        GoCore core = CorpusCoreTest.open(version, variant);
        List<String> ours = new java.util.ArrayList<>();
        for (Goroutine g : core.goroutines()) {
            if (g.labels().isEmpty()) {
                continue;
            }
            String pcs = core.stack(g).stream().filter(f -> !f.inlined()).map(f -> "0x" + Long.toHexString(f.pc()))
                    .collect(Collectors.joining(" "));
            String labels = g.labels().entrySet().stream().map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
                    .collect(Collectors.joining(", ", "{", "}"));
            ours.add(pcs + " " + labels);
        }
        assertThat(ours).containsExactlyInAnyOrderElementsOf(expected);
    }
}
