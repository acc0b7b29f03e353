package dev.gopherlens.pclntab;

import dev.gopherlens.core.Frame;
import dev.gopherlens.core.testing.Corpus;
import dev.gopherlens.pprof.Line;
import dev.gopherlens.pprof.Location;
import dev.gopherlens.pprof.Mapping;
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

/** Lines stripped from the corpus profiles come back from the corpus binaries, as the runtime wrote them. */
class SymbolizerTest {

    static Stream<Arguments> binaries() {
        return CorpusInlineTest.binaries();
    }

    private static List<String> lines(Location l) {
        List<String> out = new ArrayList<>();
        for (Line ln : l.lines()) {
            out.add(ln.function().name() + "|" + ln.function().systemName() + "|" + ln.function().filename() + "|"
                    + ln.function().startLine() + "|" + ln.line());
        }
        return out;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("binaries")
    void strippedProfilesComeBack(Corpus.GoVersion v, String bin) throws IOException {
        Symbolizer sym = Symbolizer.of(GoBinary.open(v.file("bin/" + bin)));
        int checked = 0;
        try (Stream<Path> files = Files.list(v.file("data"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".pprof")).sorted().toList()) {
                Profile original = Pprof.read(f);
                Mapping main = original.mappings().get(0);
                Mapping bare = new Mapping(main.id(), main.start(), main.limit(), main.offset(), main.file(),
                        main.buildId(), false, false, false, false);
                Profile stripped = original.mapLocations(l -> l.mapping() != null && l.mapping().id() == main.id()
                        ? new Location(l.id(), bare, l.address(), List.of(), l.isFolded()) : l);
                assertThat(stripped.locations().stream().filter(l -> l.mapping() == bare)
                        .allMatch(l -> l.lines().isEmpty())).isTrue();
                Profile back = sym.symbolize(stripped);
                assertThat(back.mappings().get(0).hasFunctions()).isTrue();
                assertThat(back.mappings().get(0).hasInlineFrames()).isTrue();
                for (int i = 0; i < original.locations().size(); i++) {
                    Location want = original.locations().get(i);
                    Location got = back.locations().get(i);
                    assertThat(got.id()).isEqualTo(want.id());
                    if (want.mapping() == null || want.mapping().id() != main.id()) {
                        assertThat(got).isEqualTo(want);
                        continue;
                    }
                    List<String> w = lines(want);
                    List<String> g = lines(got);
                    boolean go115Leaf = v.minor() == 15 && f.getFileName().toString().equals("cpu.pprof")
                            && g.size() > w.size() && g.subList(0, w.size()).equals(w);
                    if (!go115Leaf) {
                        assertThat(g).as("%s 0x%x", f.getFileName(), want.address()).isEqualTo(w);
                    }
                    checked++;
                }
                // Samples still point at the same locations, and the profile survives writing.
                assertThat(back.samples().size()).isEqualTo(original.samples().size());
                assertThat(Pprof.read(Pprof.encode(back))).isEqualTo(back);
            }
        }
        assertThat(checked).isGreaterThan(50);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("binaries")
    void barePcsAndRelocatedMappings(Corpus.GoVersion v, String bin) throws IOException {
        GoBinary b = GoBinary.open(v.file("bin/" + bin));
        Func f = b.func("main.sumSquares").orElseThrow();
        List<List<Frame>> frames = Symbolizer.of(b).symbolize(f.entry(), 1L);
        assertThat(frames.get(0)).isEqualTo(b.frames(f.entry()));
        assertThat(frames.get(1)).isEmpty();
        // A binary the loader moved: the same file offset at another address maps back to the linked address.
        long moved = 0x7f0000000000L;
        assertThat(b.linkAddress(moved + 0x2345, moved, 0)).isEqualTo(b.linkAddress(0x400000 + 0x2345, 0x400000, 0));
    }
}
