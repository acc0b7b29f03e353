package dev.gopherlens.pclntab.gocore;

import dev.gopherlens.core.testing.Corpus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A core of a program the corpus's core generator did not write: the corpus's live demo service (Go 1.27, net/http
 * under load, 150-odd goroutines, pprof labels, leaked goroutines), run with {@code GOTRACEBACK=crash
 * GODEBUG=tracebacklabels=1} and killed with SIGABRT after eight seconds; the kernel wrote the core
 * ({@code src/test/fixtures/gocore}, its README says how). Every goroutine the runtime printed in the crash's first
 * section must print the same from the core, byte for byte. The binary is the corpus's
 * {@code live/demo-server-linux-amd64.gz}.
 */
class DemoServerCoreTest {
    private static final Path DIR = Path.of("src/test/fixtures/gocore");
    private static final Pattern HEADER = Pattern.compile("^goroutine (\\d+) ");
    private static GoCore core;
    private static Map<Long, String> printed;

    @BeforeAll
    static void open() throws IOException {
        core = GoCore.open(DIR.resolve("demo-server-abort.core.xz"), Corpus.file("live/demo-server-linux-amd64.gz"));
        printed = printed(DIR.resolve("demo-server-abort.stderr.txt.gz"));
    }

    /**
     * Reads a gzipped crash log: each goroutine the runtime printed in its first section (before the threads
     * answering SIGQUIT print theirs), by id, without goroutine 0 (an idle M's g0, which allgs does not hold).
     */
    static Map<Long, String> printed(Path gzippedStderr) throws IOException {
        String stderr;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gzippedStderr))) {
            stderr = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<Long, String> out = new LinkedHashMap<>();
        for (String block : stderr.split("\n-----", 2)[0].split("\n\n+")) {
            String b = block.strip();
            Matcher m = HEADER.matcher(b);
            if (m.find() && !m.group(1).equals("0")) {
                out.putIfAbsent(Long.parseLong(m.group(1)), b);
            }
        }
        return out;
    }

    @Test
    void everyGoroutineTheRuntimePrintedIsInTheCore() throws IOException {
        assertThat(printed).hasSizeGreaterThan(100);
        assertThat(core.goroutines()).extracting(Goroutine::id).containsExactlyInAnyOrderElementsOf(printed.keySet());
    }

    @Test
    void everyGoroutinePrintsAsTheRuntimePrintedIt() throws IOException {
        int compared = 0;
        for (Goroutine g : core.goroutines()) {
            assertThat(core.traceback(g).strip()).as("goroutine %d", g.id()).isEqualTo(printed.get(g.id()));
            compared++;
        }
        assertThat(compared).isEqualTo(printed.size());
    }

    @Test
    void theLeakedGoroutinesCarryTheirLabel() throws IOException {
        long leaked = core.goroutines().stream()
                .filter(g -> g.status().equals("select") && g.labels().equals(Map.of("handler", "work")))
                .count();
        assertThat(leaked).isGreaterThan(50);
    }
}
