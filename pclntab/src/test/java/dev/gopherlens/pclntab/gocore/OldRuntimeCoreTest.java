package dev.gopherlens.pclntab.gocore;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One program built by Go 1.19 and by Go 1.15, and the kernel's core of each one's crash
 * ({@code src/test/fixtures/gocore/oldcrash-go1.N*}, made from {@code oldcrash-src}; the fixtures README says how).
 * The runtime before Go 1.21 printed a crash traceback by other rules than the corpus's versions: it stopped after
 * 100 physical frames and then said {@code ...additional frames elided...} (whether or not any were left); from Go
 * 1.18 it read an argument's liveness at the call site of the frame's outermost inlined call; up to Go 1.16 it printed
 * the words of the frame's argument area. Every goroutine must print byte for byte as that runtime printed it.
 */
class OldRuntimeCoreTest {
    private static final Path DIR = Path.of("src/test/fixtures/gocore");

    private static GoCore open(String version) throws IOException {
        return GoCore.open(DIR.resolve("oldcrash-" + version + ".core.xz"), DIR.resolve("oldcrash-" + version + ".xz"));
    }

    private static Map<Long, String> printed(String version) throws IOException {
        return DemoServerCoreTest.printed(DIR.resolve("oldcrash-" + version + ".stderr.txt.gz"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"go1.19", "go1.15"})
    void everyGoroutineTheRuntimePrintedIsInTheCoreAndPrintsTheSame(String version) throws IOException {
        GoCore core = open(version);
        Map<Long, String> printed = printed(version);
        assertThat(core.binary().buildInfo().orElseThrow().goVersion()).startsWith(version + ".");
        assertThat(core.goroutines()).extracting(Goroutine::id).containsExactlyInAnyOrderElementsOf(printed.keySet());
        for (Goroutine g : core.goroutines()) {
            assertThat(core.traceback(g).strip()).as("goroutine %d", g.id()).isEqualTo(printed.get(g.id()));
        }
    }

    @Test
    void theGo119FixtureHoldsEachCaseItsRulesDecide() throws IOException {
        Collection<String> blocks = printed("go1.19").values();
        // Deeper than 100 frames, exactly 100 (the note with nothing left out), and 99 (no note).
        assertThat(blocks).filteredOn(b -> b.contains("main.recurse(")).singleElement()
                .satisfies(b -> assertThat(b).contains("\n...additional frames elided...\n"));
        assertThat(blocks).filteredOn(b -> b.contains("main.shallow(")).hasSize(2)
                .anySatisfy(b -> assertThat(b).contains("runtime.goexit()").contains("...additional frames elided..."))
                .anySatisfy(b -> assertThat(b).contains("runtime.goexit()").doesNotContain("elided"));
        // The receiver of the frame that inlined RWMutex.RLock is marked as possibly dead.
        assertThat(blocks).anySatisfy(b -> assertThat(b).contains("sync.(*RWMutex).RLock(...)")
                .containsPattern("main\\.rwRLock\\(0x[0-9a-f]+\\?\\)"));
    }

    @Test
    void theGo115FixturePrintsArgumentWordsFromTheStack() throws IOException {
        Collection<String> blocks = printed("go1.15").values();
        // No liveness marks and no argument programs: each function's argument area, word by word.
        assertThat(String.join("\n", blocks)).doesNotContain("?)").doesNotContain("?,");
        assertThat(blocks).anySatisfy(b -> assertThat(b).containsPattern("main\\.rwRLock\\(0x[0-9a-f]+\\)"));
        assertThat(blocks).anySatisfy(b -> assertThat(b)
                .containsPattern("runtime\\.gopark\\(0x[0-9a-f]+, 0x[0-9a-f]+, 0x[0-9a-f]+, 0x[0-9a-f]+\\)"));
        assertThat(blocks).filteredOn(b -> b.contains("main.recurse(")).singleElement()
                .satisfies(b -> assertThat(b).contains("\n...additional frames elided...\n"));
    }
}
