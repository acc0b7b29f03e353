package dev.gopherlens.pclntab.gocore;

import dev.gopherlens.core.Input;
import dev.gopherlens.core.Inputs;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The corpus's core generator program built for linux/arm64 by Go 1.27 and crashed under qemu-aarch64, both ways
 * ({@code src/test/fixtures/gocore/coregen-arm64*}; the fixtures README says how): goroutines in every state the
 * program reaches, labels, a thread-locked goroutine, one in a system call, a 301-frame stack, and an assembly loop
 * running on its own thread, unwound from that thread's registers through the arm64 signal frame. Every goroutine
 * prints byte for byte as the arm64 runtime printed it, and every global as the program printed it.
 */
class Arm64CoregenCoreTest {
    private static final Path DIR = Path.of("src/test/fixtures/gocore");

    private static GoCore open(String variant) throws IOException {
        return GoCore.open(DIR.resolve("coregen-arm64-" + variant + ".core.xz"), DIR.resolve("coregen-arm64.xz"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abort", "panic"})
    void everyGoroutinePrintsAsTheArm64RuntimePrintedIt(String variant) throws IOException {
        GoCore core = open(variant);
        assertThat(core.arch()).isEqualTo("arm64");
        Map<Long, String> printed = DemoServerCoreTest.printed(DIR.resolve("coregen-arm64-" + variant
                + ".stderr.txt.gz"));
        assertThat(printed).hasSizeGreaterThan(30);
        assertThat(core.goroutines()).extracting(Goroutine::id).containsExactlyInAnyOrderElementsOf(printed.keySet());
        for (Goroutine g : core.goroutines()) {
            assertThat(core.traceback(g).strip()).as("goroutine %d", g.id()).isEqualTo(printed.get(g.id()));
        }
        // The deep goroutine unwinds whole, past what the runtime printed.
        assertThat(core.goroutines().stream().mapToInt(g -> {
            try {
                return (int) core.stack(g).stream().filter(f -> f.function().equals("main.recurse")).count();
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }).max().orElseThrow()).isEqualTo(301);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abort", "panic"})
    void everyGlobalPrintsAsTheProgramPrintedIt(String variant) throws IOException {
        List<String> report;
        try (Input in = Inputs.open(DIR.resolve("coregen-arm64-" + variant + ".report.txt.gz"));
             InputStream s = in.stream()) {
            report = new String(s.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        assertThat(CorpusValuesTest.checkReport(open(variant), report)).isEqualTo(10);
    }
}
