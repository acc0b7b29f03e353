package dev.gopherlens.pclntab;

import dev.gopherlens.core.Frame;
import dev.gopherlens.core.testing.Corpus;
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
}
