package dev.gopherlens.pclntab.gocore;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A position-independent, externally linked (cgo) Go 1.27 binary and the kernel's core of its crash
 * ({@code src/test/fixtures/gocore/piecrash*}, made from {@code piecrash-src}; the fixtures README says how): the
 * process ran at a load bias, so every address the DWARF gives (globals) and every pc the core holds must be moved by
 * it, and the loader split the binary's data mapping at GNU_RELRO. Its goroutines, one of them inside a C call, must
 * print byte for byte as the runtime's crash printed them.
 */
class PieCoreTest {
    private static final Path DIR = Path.of("src/test/fixtures/gocore");
    private static GoCore core;
    private static Map<Long, String> printed;

    @BeforeAll
    static void open() throws IOException {
        core = GoCore.open(DIR.resolve("piecrash.core.xz"), DIR.resolve("piecrash.xz"));
        printed = DemoServerCoreTest.printed(DIR.resolve("piecrash.stderr.txt.gz"));
    }

    @Test
    void theProcessRanAtALoadBias() {
        assertThat(core.loadBias()).isNotZero();
        assertThat(core.loadBias() & 0xfff).isZero();
    }

    @Test
    void everyGoroutineTheRuntimePrintedPrintsTheSame() throws IOException {
        assertThat(printed).hasSizeGreaterThanOrEqualTo(10);
        for (Map.Entry<Long, String> e : printed.entrySet()) {
            Goroutine g = core.goroutines().stream().filter(x -> x.id() == e.getKey()).findFirst().orElseThrow();
            assertThat(core.traceback(g).strip()).as("goroutine %d", g.id()).isEqualTo(e.getValue());
        }
    }

    @Test
    void globalsAreReadAtTheirBiasedAddresses() throws IOException {
        // The runtime's version string, a pointer into rodata relocated at load time, against the build info.
        String version = core.binary().buildInfo().orElseThrow().goVersion();
        assertThat(core.global("runtime.buildVersion").orElseThrow().toGoSyntax()).isEqualTo("\"" + version + "\"");
        assertThat(version).startsWith("go1.27");
    }
}
