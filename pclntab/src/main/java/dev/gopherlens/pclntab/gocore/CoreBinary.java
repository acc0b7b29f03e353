package dev.gopherlens.pclntab.gocore;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.pclntab.GoBinary;
import dev.gopherlens.pclntab.internal.Section;
import dev.gopherlens.pclntab.internal.dwarf.Dwarf;
import dev.gopherlens.pclntab.internal.elf.ElfFile;
import dev.gopherlens.pclntab.internal.gocore.ByteSource;
import dev.gopherlens.pclntab.internal.gocore.ElfHeader;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary behind one or more cores, and what is read from it once for all of them: its ELF header and note
 * sections, its DWARF and its Go function tables. Reading the DWARF (inflating {@code .debug_info} and indexing its
 * names) is most of what opening a core and listing its goroutines costs, so the cores of one service opened through
 * {@link GoCore#withCore} share it. Thread-safe: the DWARF and the tables are built once, on first use.
 */
final class CoreBinary {
    private final ByteBuffer bytes;
    private final ByteSource source;
    private final ElfHeader header;
    private final List<long[]> noteSections;
    private volatile Dwarf dwarf;
    private volatile GoBinary binary;

    CoreBinary(ByteBuffer bytes) throws GoParseException {
        this.bytes = bytes;
        this.source = ByteSource.of("binary", bytes);
        this.header = ElfHeader.read(source);
        this.noteSections = noteSections(bytes);
    }

    ByteSource source() {
        return source;
    }

    ElfHeader header() {
        return header;
    }

    List<long[]> noteSections() {
        return noteSections;
    }

    /** The binary's note sections as {offset, size}; none when its section table is unreadable. */
    private static List<long[]> noteSections(ByteBuffer binary) {
        List<long[]> out = new ArrayList<>();
        try {
            for (Section s : ElfFile.read(binary.duplicate()).sections()) {
                if (s.name().startsWith(".note") && s.fileSize() > 0) {
                    out.add(new long[] {s.offset(), s.fileSize()});
                }
            }
        } catch (GoParseException e) {
            // The build ids only explain a refusal and fill goBuildId(); the program headers did the checking.
        }
        return List.copyOf(out);
    }

    Dwarf dwarf() throws GoParseException {
        Dwarf d = dwarf;
        if (d == null) {
            synchronized (this) {
                d = dwarf;
                if (d == null) {
                    d = Dwarf.of(ElfFile.read(bytes.duplicate())).orElseThrow(() -> GoParseException.malformed(
                            "ELF", -1, "DWARF in the binary (it was stripped); goroutines need the runtime's types"));
                    dwarf = d;
                }
            }
        }
        return d;
    }

    GoBinary binary() throws GoParseException {
        GoBinary b = binary;
        if (b == null) {
            synchronized (this) {
                b = binary;
                if (b == null) {
                    b = GoBinary.open(bytes.duplicate());
                    binary = b;
                }
            }
        }
        return b;
    }
}
