package dev.gopherlens.pclntab.internal.dwarf;

import dev.gopherlens.core.testing.Corpus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Location lists of DWARF 4 ({@code .debug_loc}) and 5 ({@code .debug_loclists}) read as GNU readelf reads them. */
class DwarfLocationTest {

    @ParameterizedTest(name = "go1.{0}")
    @ValueSource(ints = {21, 27})
    void parameterLocationsEqualReadelf(int v) throws IOException {
        Dwarf d = DwarfFixtures.open(Corpus.file("core/go1." + v + "/coregen.gz")).orElseThrow();
        Function f = d.function("main.recurse").orElseThrow();
        List<String> got = new ArrayList<>();
        for (Local l : f.locals()) {
            if (!l.name().equals("n") && !l.name().equals("c")) {
                continue;
            }
            assertThat(l.location().isList()).isTrue();
            for (LocationRange r : d.ranges(l.location())) {
                got.add(v + " main.recurse " + l.name() + " 0x" + Long.toHexString(r.low()) + " 0x"
                        + Long.toHexString(r.high()) + " " + HexFormat.of().formatHex(r.expression()));
            }
        }
        List<String> want = Files.readAllLines(DwarfFixtures.DIR.resolve("loclists.txt"), StandardCharsets.UTF_8)
                .stream().filter(s -> s.startsWith(v + " ")).toList();
        assertThat(got).containsExactlyElementsOf(want);
        Local n = f.locals().get(0);
        assertThat(d.expressionAt(n.location(), f.lowPc()).orElseThrow()).containsExactly(0x50);
        assertThat(d.expressionAt(n.location(), f.highPc() + 0x100)).isEmpty();
    }
}
