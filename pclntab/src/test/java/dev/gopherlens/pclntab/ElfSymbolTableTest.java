package dev.gopherlens.pclntab;

import dev.gopherlens.core.Input;
import dev.gopherlens.core.Inputs;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which table {@link GoBinary#symbols()} reads in an ELF: .symtab only, as debug/elf's Symbols and so
 * {@code go tool nm} do. A cgo build keeps its imports in .dynsym, and a binary stripped of .symtab has no symbols
 * even so. The binary is the cgo fixture {@code src/test/fixtures/gocore/piecrash.xz}.
 */
class ElfSymbolTableTest {
    private static final int SHT_SYMTAB = 2;
    private static final int SHT_DYNSYM = 11;

    private static byte[] piecrash() throws IOException {
        try (Input in = Inputs.open(Path.of("src/test/fixtures/gocore/piecrash.xz"))) {
            return in.stream().readAllBytes();
        }
    }

    /** The offsets in the file of each section header's sh_type (ELF64, little-endian). */
    private static int[] typeOffsets(byte[] elf) {
        ByteBuffer b = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
        long shoff = b.getLong(0x28);
        int shentsize = Short.toUnsignedInt(b.getShort(0x3a));
        int shnum = Short.toUnsignedInt(b.getShort(0x3c));
        int[] out = new int[shnum];
        for (int i = 0; i < shnum; i++) {
            out[i] = (int) shoff + i * shentsize + 4;
        }
        return out;
    }

    private static int count(byte[] elf, int type) {
        ByteBuffer b = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
        int n = 0;
        for (int at : typeOffsets(elf)) {
            n += b.getInt(at) == type ? 1 : 0;
        }
        return n;
    }

    @Test
    void theSymbolTableIsSymtabNotTheDynamicOne() throws IOException {
        byte[] elf = piecrash();
        assertThat(new String(elf, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("ELF");
        assertThat(count(elf, SHT_SYMTAB)).isEqualTo(1);
        assertThat(count(elf, SHT_DYNSYM)).isEqualTo(1);
        GoBinary b = GoBinary.open(elf);
        assertThat(b.symbols()).extracting(Symbol::name).contains("main.main", "runtime.firstmoduledata");
    }

    @Test
    void withoutSymtabThereAreNoSymbolsThoughDynsymRemains() throws IOException {
        byte[] elf = piecrash();
        ByteBuffer b = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
        for (int at : typeOffsets(elf)) {
            if (b.getInt(at) == SHT_SYMTAB) {
                b.putInt(at, 1); // SHT_PROGBITS: as if stripped, the dynamic imports still there
            }
        }
        assertThat(count(elf, SHT_SYMTAB)).isZero();
        assertThat(count(elf, SHT_DYNSYM)).isEqualTo(1);
        GoBinary stripped = GoBinary.open(elf);
        assertThat(stripped.symbols()).isEmpty();
        // The functions are still in the pclntab.
        assertThat(stripped.func("main.main")).isPresent();
    }
}
