package dev.gopherlens.pclntab.gocore;

import dev.gopherlens.core.testing.Corpus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conformance of the traceback printer: for every goroutine that plays a role in the program's report
 * ({@code role NAME GOID STATUS} in report.txt), {@link GoCore#traceback(Goroutine)} equals, byte for byte, the block
 * the runtime printed for it in the first section of traceback.txt (the header with the version's layout and
 * labels, every frame with its argument words, {@code ...N frames elided...}, {@code created by}), or
 * "stack unavailable" where the runtime printed that.
 */
class CorpusTracebackTest {
    static Stream<Arguments> cores() {
        return CorpusCoreTest.cores();
    }

    /** The runtime's first block for each goroutine id: from its header to the line before the blank line. */
    static Map<Long, String> blocks(List<String> lines) {
        Map<Long, String> out = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.startsWith("goroutine ") || !line.endsWith(":")) {
                continue;
            }
            long id = Long.parseLong(line.substring("goroutine ".length(), line.indexOf(' ', "goroutine ".length())));
            StringBuilder sb = new StringBuilder();
            int j = i;
            while (j < lines.size() && !lines.get(j).isEmpty() && (j == i || !lines.get(j).startsWith("goroutine "))) {
                sb.append(lines.get(j)).append('\n');
                j++;
            }
            out.putIfAbsent(id, sb.toString());
        }
        return out;
    }

    /** The report's roles: name to goroutine id. */
    static Map<String, Long> roles(List<String> report) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : report) {
            String[] f = line.split("\t");
            if (f.length >= 4 && f[0].equals("role")) {
                out.put(f[1], Long.parseLong(f[2]));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}{1}")
    @MethodSource("cores")
    void everyRoleIsPrintedAsTheRuntimePrintedIt(String version, String variant) throws IOException {
        Map<Long, String> runtime = blocks(Files.readAllLines(
                Corpus.file("core/" + version + "/traceback" + variant + ".txt"), StandardCharsets.UTF_8));
        Map<String, Long> roles = roles(Files.readAllLines(
                Corpus.file("core/" + version + "/report" + variant + ".txt"), StandardCharsets.UTF_8));
        assertThat(roles).hasSizeGreaterThan(25);
        GoCore core = CorpusCoreTest.open(version, variant);
        Map<Long, Goroutine> byId = new LinkedHashMap<>();
        for (Goroutine g : core.goroutines()) {
            byId.put(g.id(), g);
        }
        // All roles at once, so that a failure shows every differing line.
        StringBuilder expected = new StringBuilder();
        StringBuilder ours = new StringBuilder();
        for (Map.Entry<String, Long> role : roles.entrySet()) {
            String block = runtime.get(role.getValue());
            assertThat(block).as("the runtime's block for %s", role).isNotNull();
            expected.append("## ").append(role.getKey()).append('\n').append(block);
            ours.append("## ").append(role.getKey()).append('\n').append(core.traceback(byId.get(role.getValue())));
        }
        assertThat(ours.toString()).isEqualTo(expected.toString());
    }

    /**
     * Beyond the roles, every goroutine of the core: the runtime's own (GC workers, finalizers, the scavenger), and
     * the crashing main goroutine, which the runtime printed from the signal's context (abort) or from the frame that
     * called fatalpanic (panic).
     */
    @ParameterizedTest(name = "{0}{1}")
    @MethodSource("cores")
    void everyGoroutineIsPrintedAsTheRuntimePrintedIt(String version, String variant) throws IOException {
        Map<Long, String> runtime = blocks(Files.readAllLines(
                Corpus.file("core/" + version + "/traceback" + variant + ".txt"), StandardCharsets.UTF_8));
        GoCore core = CorpusCoreTest.open(version, variant);
        StringBuilder expected = new StringBuilder();
        StringBuilder ours = new StringBuilder();
        for (Goroutine g : core.goroutines()) {
            expected.append(runtime.get(g.id()));
            ours.append(core.traceback(g));
        }
        assertThat(core.goroutines()).hasSizeGreaterThan(30);
        assertThat(ours.toString()).isEqualTo(expected.toString());
    }
}
