package dev.gopherlens.pclntab;

import dev.gopherlens.core.Frame;
import dev.gopherlens.core.testing.Corpus;
import dev.gopherlens.pclntab.internal.PclnTable;
import dev.gopherlens.pprof.Line;
import dev.gopherlens.pprof.Location;
import dev.gopherlens.pprof.Pprof;
import dev.gopherlens.pprof.Profile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conformance: every location of every corpus profile was symbolized by the Go runtime, inlined calls included;
 * the binary alone must give the same frames for its address.
 */
class CorpusInlineTest {

    static Stream<Arguments> binaries() {
        return Corpus.versions().stream().flatMap(v -> Stream.of("corpusgen.gz", "corpusgen-stripped.gz")
                .filter(b -> Files.exists(v.file("bin/" + b))).map(b -> Arguments.of(v, b)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("binaries")
    void framesEqualTheRuntimesSymbolization(Corpus.GoVersion v, String bin) throws IOException {
        GoBinary b = GoBinary.open(v.file("bin/" + bin));
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> files = Files.list(v.file("data"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".pprof")).sorted().toList()) {
                Profile p = Pprof.read(f);
                for (Location l : p.locations()) {
                    if (l.lines().isEmpty() || l.mapping() == null || !l.mapping().file().contains("corpusgen")) {
                        continue;
                    }
                    List<String> want = new ArrayList<>();
                    for (Line ln : l.lines()) {
                        want.add(ln.function().name() + " " + ln.function().filename() + ":" + ln.line());
                    }
                    List<String> got = new ArrayList<>();
                    for (Frame fr : b.frames(l.address())) {
                        got.add(fr.function() + " " + fr.file() + ":" + fr.line());
                    }
                    checked++;
                    // Go 1.15's CPU profiler recorded the sampled (leaf) pc without its inlined callers.
                    boolean go115Leaf = v.minor() == 15 && f.getFileName().toString().equals("cpu.pprof")
                            && got.size() > want.size() && got.subList(0, want.size()).equals(want);
                    if (!got.equals(want) && !go115Leaf && mismatches.size() < 10) {
                        mismatches.add(f.getFileName() + " 0x" + Long.toHexString(l.address()) + ": want " + want
                                + " got " + got);
                    }
                }
            }
        }
        assertThat(mismatches).as("%d locations checked", checked).isEmpty();
        assertThat(checked).isGreaterThan(50);
    }

    /**
     * A function met again has its line, file and inline-index programs decoded together (PclnTable.Lines); at
     * every pc of every fourth function, the three answers must be those of the programs decoded one by one.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("binaries")
    void programsDecodedTogetherAnswerAsEachAlone(Corpus.GoVersion v, String bin) throws IOException {
        GoBinary b = GoBinary.open(v.file("bin/" + bin));
        PclnTable t = b.pclnTable();
        int inlineSlot = v.minor() <= 12 ? 1 : 2;
        List<String> mismatches = new ArrayList<>();
        long pcs = 0;
        long inlined = 0;
        for (int i = 0; i < t.funcCount(); i += 4) {
            PclnTable.Fn f = t.fn(i, inlineSlot);
            assertThat(t.lines(f)).as("the first time a function is met").isNull();
            PclnTable.Lines lines = t.lines(f);
            assertThat(lines).isNotNull();
            for (long pc = f.entry(); pc < t.end(i); pc++) {
                int run = lines.run(pc);
                String got = lines.line(run) + " " + t.file(f, lines, run) + " " + lines.inlineIndex(run);
                String want = t.line(f, pc) + " " + t.file(f, pc) + " " + t.inlineIndex(f, pc);
                pcs++;
                inlined += lines.inlineIndex(run) >= 0 ? 1 : 0;
                if (!got.equals(want) && mismatches.size() < 10) {
                    mismatches.add(t.name(i) + " 0x" + Long.toHexString(pc) + ": want " + want + " got " + got);
                }
            }
        }
        assertThat(mismatches).as("%d pcs checked", pcs).isEmpty();
        assertThat(pcs).isGreaterThan(100_000);
        assertThat(inlined).isGreaterThan(1_000);
    }
}
