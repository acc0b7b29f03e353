package dev.gopherlens.pclntab.gocore;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Go 1.19 program and the kernel's core of its crash ({@code src/test/fixtures/gocore/oldcrash*}, made from
 * {@code oldcrash-src}; the fixtures README says how). The runtime before Go 1.21 printed a crash traceback by other
 * rules than the corpus's versions: it stopped after 100 physical frames and then said
 * {@code ...additional frames elided...} (whether or not any were left), and read an argument's liveness at the
 * call site of the frame's outermost inlined call. Every goroutine must print byte for byte as that runtime printed
 * it.
 */
class OldRuntimeCoreTest {
    private static final Path DIR = Path.of("src/test/fixtures/gocore");
    private static GoCore core;
    private static Map<Long, String> printed;

    @BeforeAll
    static void open() throws IOException {
        core = GoCore.open(DIR.resolve("oldcrash.core.xz"), DIR.resolve("oldcrash.xz"));
        printed = DemoServerCoreTest.printed(DIR.resolve("oldcrash.stderr.txt.gz"));
    }

    @Test
    void theBinaryIsGo119() throws IOException {
        assertThat(core.binary().buildInfo().orElseThrow().goVersion()).startsWith("go1.19");
    }

    @Test
    void everyGoroutineTheRuntimePrintedIsInTheCoreAndPrintsTheSame() throws IOException {
        assertThat(core.goroutines()).extracting(Goroutine::id).containsExactlyInAnyOrderElementsOf(printed.keySet());
        for (Goroutine g : core.goroutines()) {
            assertThat(core.traceback(g).strip()).as("goroutine %d", g.id()).isEqualTo(printed.get(g.id()));
        }
    }

    @Test
    void theFixtureHoldsEachCaseTheOldRulesDecide() {
        // Deeper than 100 frames, exactly 100 (the note with nothing left out), and 99 (no note).
        assertThat(printed.values()).filteredOn(b -> b.contains("main.recurse("))
                .singleElement().satisfies(b -> assertThat(b).contains("\n...additional frames elided...\n"));
        assertThat(printed.values()).filteredOn(b -> b.contains("main.shallow(")).hasSize(2)
                .anySatisfy(b -> assertThat(b).contains("runtime.goexit()").contains("...additional frames elided..."))
                .anySatisfy(b -> assertThat(b).contains("runtime.goexit()").doesNotContain("elided"));
        // The receiver of the frame that inlined RWMutex.RLock is marked as possibly dead.
        assertThat(printed.values()).anySatisfy(b -> assertThat(b).contains("sync.(*RWMutex).RLock(...)")
                .containsPattern("main\\.rwRLock\\(0x[0-9a-f]+\\?\\)"));
    }
}
