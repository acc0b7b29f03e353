package dev.gopherlens.pclntab.internal.dwarf;

import dev.gopherlens.core.testing.Corpus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conformance: our reader dumps the same names, addresses, constants, layouts and function locals as Go's own
 * {@code debug/dwarf} (the oracle in {@code src/test/fixtures/dwarf/oracle}) on every corpus binary with DWARF.
 */
class DwarfGoldenTest {
    static final int[] CORE_VERSIONS = {21, 23, 25, 26, 27};

    static Stream<Arguments> binaries() {
        List<Arguments> out = new ArrayList<>();
        for (int v : CORE_VERSIONS) {
            out.add(Arguments.of("core/go1." + v + "/coregen.gz", "coregen-go1." + v + ".txt"));
        }
        for (Corpus.GoVersion v : Corpus.versions()) {
            out.add(Arguments.of(v.name() + "/bin/corpusgen.gz", "corpusgen-" + v.name() + ".txt"));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("binaries")
    void dumpEqualsGoDebugDwarf(String binary, String golden) throws IOException {
        Dwarf d = DwarfFixtures.open(Corpus.file(binary)).orElseThrow();
        List<String> got = DwarfFixtures.dump(d);
        List<String> want = Files.readAllLines(DwarfFixtures.DIR.resolve(golden), StandardCharsets.UTF_8);
        Set<String> gotSet = new HashSet<>(got);
        Set<String> wantSet = new HashSet<>(want);
        List<String> missing = want.stream().filter(l -> !gotSet.contains(l)).limit(20).toList();
        List<String> extra = got.stream().filter(l -> !wantSet.contains(l)).limit(20).toList();
        assertThat(missing).as("lines of %s we did not print", golden).isEmpty();
        assertThat(extra).as("lines we printed that %s lacks", golden).isEmpty();
        assertThat(got).hasSize(want.size());
        assertThat(got).hasSizeGreaterThan(500);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strippedBinaries")
    void strippedBinaryHasNoDwarf(Path stripped) throws IOException {
        assertThat(DwarfFixtures.open(stripped)).isEmpty();
    }

    static Stream<Path> strippedBinaries() {
        // Not every version's folder has a stripped build; those that do must all say "no DWARF".
        List<Path> all = Corpus.versions().stream().map(v -> v.dir().resolve("bin/corpusgen-stripped.gz"))
                .filter(Files::exists).toList();
        assertThat(all).isNotEmpty();
        return all.stream();
    }
}
