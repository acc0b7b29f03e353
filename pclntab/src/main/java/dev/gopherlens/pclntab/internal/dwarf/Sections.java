package dev.gopherlens.pclntab.internal.dwarf;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.pclntab.internal.Container;
import dev.gopherlens.pclntab.internal.Section;
import dev.gopherlens.pclntab.internal.elf.ElfFile;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The DWARF sections of a binary, decompressed, by their short name ({@code info}, {@code abbrev}, {@code line},
 * ...). Immutable after construction; the arrays are not copied and must not be changed.
 */
final class Sections {
    /** ELF gABI: the section starts with an {@code Elf32_Chdr}/{@code Elf64_Chdr}. */
    private static final long SHF_COMPRESSED = 0x800;
    private static final int ELFCOMPRESS_ZLIB = 1;
    private static final int ELFCOMPRESS_ZSTD = 2;
    /** zlib cannot expand more than about 1032:1; a header claiming more is corrupt, and is refused before allocating. */
    private static final long MAX_RATIO = 1100;

    private final Map<String, byte[]> byName;
    private final boolean bigEndian;

    Sections(Map<String, byte[]> byName, boolean bigEndian) {
        this.byName = Map.copyOf(byName);
        this.bigEndian = bigEndian;
    }

    /**
     * Reads the DWARF sections of a binary: ELF {@code .debug_*} (plain or {@code SHF_COMPRESSED}), GNU
     * {@code .zdebug_*}, and Mach-O {@code __debug_*}/{@code __zdebug_*}.
     *
     * @return the sections, or empty when the binary has no {@code .debug_info}
     */
    static Optional<Sections> of(Container c) throws GoParseException {
        Map<String, byte[]> m = new HashMap<>();
        for (int i = 0; i < c.sections().size(); i++) {
            Section s = c.sections().get(i);
            String n = s.name();
            boolean gnuZlib = false;
            String shortName;
            if (n.startsWith(".debug_") || n.startsWith("__debug_")) {
                shortName = n.substring(n.indexOf("debug_") + 6);
            } else if (n.startsWith(".zdebug_") || n.startsWith("__zdebug_")) {
                shortName = n.substring(n.indexOf("zdebug_") + 7);
                gnuZlib = true;
            } else {
                continue;
            }
            if (m.containsKey(shortName)) {
                continue;
            }
            ByteBuffer raw = c.bytes(s);
            long flags = c instanceof ElfFile e ? e.sectionFlags(i) : 0;
            byte[] bytes;
            if ((flags & SHF_COMPRESSED) != 0) {
                bytes = elfCompressed(raw, c.ptrSize() == 8, c.order(), s);
            } else if (gnuZlib) {
                bytes = gnuCompressed(raw, s);
            } else {
                bytes = new byte[raw.remaining()];
                raw.get(0, bytes);
            }
            m.put(shortName, bytes);
        }
        if (!m.containsKey("info")) {
            return Optional.empty();
        }
        return Optional.of(new Sections(m, c.order() == ByteOrder.BIG_ENDIAN));
    }

    /** gABI: {@code Elf64_Chdr{u32 type, u32 reserved, u64 size, u64 addralign}}, 32-bit without the reserved word. */
    private static byte[] elfCompressed(ByteBuffer raw, boolean is64, ByteOrder order, Section s)
            throws GoParseException {
        int header = is64 ? 24 : 12;
        if (raw.capacity() < header) {
            throw GoParseException.truncated(DwarfInput.FORMAT, s.offset(), s.name() + " compression header",
                    header, raw.capacity());
        }
        ByteBuffer b = raw.duplicate().order(order);
        int type = b.getInt(0);
        long size = is64 ? b.getLong(8) : Integer.toUnsignedLong(b.getInt(4));
        if (type == ELFCOMPRESS_ZSTD) {
            throw GoParseException.malformed(DwarfInput.FORMAT, s.offset(), s.name()
                    + ": expected zlib compression (type 1); zstd (type 2) is not supported");
        }
        if (type != ELFCOMPRESS_ZLIB) {
            throw GoParseException.malformed(DwarfInput.FORMAT, s.offset(), s.name()
                    + ": expected compression type 1 (zlib), found " + Integer.toUnsignedString(type));
        }
        return inflate(raw, header, size, s);
    }

    /** GNU {@code .zdebug_*}: "ZLIB", a big-endian u64 size, then a zlib stream. */
    private static byte[] gnuCompressed(ByteBuffer raw, Section s) throws GoParseException {
        if (raw.capacity() < 12) {
            throw GoParseException.truncated(DwarfInput.FORMAT, s.offset(), s.name() + " ZLIB header", 12,
                    raw.capacity());
        }
        if (raw.get(0) != 'Z' || raw.get(1) != 'L' || raw.get(2) != 'I' || raw.get(3) != 'B') {
            throw GoParseException.malformed(DwarfInput.FORMAT, s.offset(), s.name() + ": expected \"ZLIB\"");
        }
        long size = raw.duplicate().order(ByteOrder.BIG_ENDIAN).getLong(4);
        return inflate(raw, 12, size, s);
    }

    private static byte[] inflate(ByteBuffer raw, int header, long size, Section s) throws GoParseException {
        long compressed = raw.capacity() - header;
        if (size < 0 || size > Integer.MAX_VALUE - 16 || size > compressed * MAX_RATIO + 1024) {
            throw GoParseException.limitExceeded(DwarfInput.FORMAT, s.offset(), "decompressed size of " + s.name(),
                    size, Math.min(Integer.MAX_VALUE - 16, compressed * MAX_RATIO + 1024));
        }
        byte[] out = new byte[(int) size];
        Inflater inf = new Inflater();
        try {
            inf.setInput(raw.slice(header, (int) compressed));
            int n = 0;
            while (n < out.length && !inf.finished()) {
                int k = inf.inflate(out, n, out.length - n);
                if (k == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    break;
                }
                n += k;
            }
            if (n != out.length) {
                throw GoParseException.truncated(DwarfInput.FORMAT, s.offset(), s.name() + " zlib stream", size, n);
            }
            return out;
        } catch (DataFormatException e) {
            throw GoParseException.malformed(DwarfInput.FORMAT, s.offset(), s.name() + ": expected a zlib stream", e);
        } finally {
            inf.end();
        }
    }

    /** {@return a section's bytes, or null when the binary lacks it} */
    byte[] get(String shortName) {
        return byName.get(shortName);
    }

    /** {@return all sections by short name; the arrays are shared, not copied} */
    Map<String, byte[]> asMap() {
        return byName;
    }

    boolean bigEndian() {
        return bigEndian;
    }

    /** {@return a cursor over a whole section, or over nothing when it is absent} */
    DwarfInput input(String shortName) {
        byte[] b = byName.getOrDefault(shortName, new byte[0]);
        return new DwarfInput(b, ".debug_" + shortName, bigEndian, 0, b.length);
    }

    /** {@return each section's name and decompressed size} */
    Map<String, Integer> sizes() {
        Map<String, Integer> m = new java.util.TreeMap<>();
        byName.forEach((k, v) -> m.put(k, v.length));
        return m;
    }
}
