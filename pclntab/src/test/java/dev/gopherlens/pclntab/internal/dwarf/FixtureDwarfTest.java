package dev.gopherlens.pclntab.internal.dwarf;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.pclntab.internal.Container;
import dev.gopherlens.pclntab.internal.elf.ElfFile;
import dev.gopherlens.pclntab.internal.macho.MachOFile;
import dev.gopherlens.pclntab.internal.pe.PeFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Other targets than the corpus's linux/amd64: the cross-compiled fixtures of {@code src/test/fixtures} (their
 * README), among them big-endian s390x and 32-bit 386 ({@code Elf32_Chdr}), Mach-O and PE.
 */
class FixtureDwarfTest {

    private static Container open(String name) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(DwarfFixtures.gunzip(java.nio.file.Path.of("src/test/fixtures", name)));
        if (b.get(0) == 0x7f) {
            return ElfFile.read(b);
        }
        return b.get(0) == 'M' ? PeFile.read(b) : MachOFile.read(b);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"hello-linux-386.gz", "hello-linux-arm64.gz", "hello-linux-s390x.gz",
        "hello-darwin-amd64.gz", "hello-darwin-arm64.gz", "hello-windows-amd64.gz", "hello-windows-386.gz"})
    void theProgramsFunctionsAndRuntimeTypesAreThere(String name) throws IOException {
        Container c = open(name);
        Dwarf d = Dwarf.of(c).orElseThrow(() -> new AssertionError("no DWARF in " + name));
        Function main = d.function("main.main").orElseThrow();
        assertThat(main.lowPc()).isPositive();
        assertThat(d.functionAt(main.lowPc()).orElseThrow().name()).isEqualTo("main.main");
        assertThat(d.function("main.sumSquares").orElseThrow().locals()).extracting(Local::name).contains("n");
        StructType g = d.struct("runtime.g").orElseThrow();
        assertThat(g.offsetOf("stack.hi")).isEqualTo(c.ptrSize());
        assertThat(d.global("runtime.allgs")).isPresent();
        Optional<LineRow> line = d.lineAt(main.lowPc());
        assertThat(line.orElseThrow().file()).endsWith("main.go");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"hello-darwin-arm64-stripped.gz", "hello-windows-amd64-stripped.gz"})
    void strippedFixturesHaveNone(String name) throws IOException, GoParseException {
        assertThat(Dwarf.of(open(name))).isEmpty();
    }
}
