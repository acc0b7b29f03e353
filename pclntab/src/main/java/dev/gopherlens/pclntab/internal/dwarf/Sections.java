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

    private final Map<String, Entry> byName;
    private final boolean bigEndian;
    /** {@code .debug_info}, kept apart from the map: every inline string of every entry is read from it. */
    private final byte[] info;

    /**
     * One section: its bytes, inflated on first use. A binary's DWARF is mostly sections a given question does not
     * need (goroutines and backtraces read only {@code .debug_info} and {@code .debug_abbrev}; the line, frame and
     * location sections are more than half of the inflated bytes), so each is inflated when first asked for. The
     * compression header was checked when the section was found, so only the zlib stream itself can still fail.
     */
    private static final class Entry {
        private final ByteBuffer raw;
        private final int header;
        private final long size;
        private final Section section;
        private volatile byte[] bytes;

        Entry(byte[] bytes) {
            this.raw = null;
            this.header = 0;
            this.size = bytes.length;
            this.section = null;
            this.bytes = bytes;
        }

        Entry(ByteBuffer raw, int header, long size, Section section) {
            this.raw = raw;
            this.header = header;
            this.size = size;
            this.section = section;
        }

        byte[] bytes() throws GoParseException {
            byte[] b = bytes;
            if (b == null) {
                synchronized (this) {
                    b = bytes;
                    if (b == null) {
                        b = inflate(raw, header, size, section);
                        bytes = b;
                    }
                }
            }
            return b;
        }
    }

    Sections(Map<String, byte[]> byName, boolean bigEndian) {
        Map<String, Entry> m = new HashMap<>();
        byName.forEach((k, v) -> m.put(k, new Entry(v)));
        this.byName = Map.copyOf(m);
        this.bigEndian = bigEndian;
        this.info = byName.getOrDefault("info", new byte[0]);
    }

    private Sections(boolean bigEndian, Map<String, Entry> byName, byte[] info) {
        this.byName = Map.copyOf(byName);
        this.bigEndian = bigEndian;
        this.info = info;
    }

    /**
     * Reads the DWARF sections of a binary: ELF {@code .debug_*} (plain or {@code SHF_COMPRESSED}), GNU
     * {@code .zdebug_*}, and Mach-O {@code __debug_*}/{@code __zdebug_*}. Compression headers are checked here;
     * the sections are inflated when first used, except {@code .debug_info} and {@code .debug_abbrev}, which every
     * question needs and which are inflated now so that a corrupt one is reported by the open.
     *
     * @return the sections, or empty when the binary has no {@code .debug_info}
     */
    static Optional<Sections> of(Container c) throws GoParseException {
        Map<String, Entry> m = new HashMap<>();
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
            Entry entry;
            if ((flags & SHF_COMPRESSED) != 0) {
                entry = elfCompressed(raw, c.ptrSize() == 8, c.order(), s);
            } else if (gnuZlib) {
                entry = gnuCompressed(raw, s);
            } else {
                byte[] bytes = new byte[raw.remaining()];
                raw.get(0, bytes);
                entry = new Entry(bytes);
            }
            m.put(shortName, entry);
        }
        if (!m.containsKey("info")) {
            return Optional.empty();
        }
        byte[] info = m.get("info").bytes();
        if (m.containsKey("abbrev")) {
            m.get("abbrev").bytes();
        }
        return Optional.of(new Sections(c.order() == ByteOrder.BIG_ENDIAN, m, info));
    }

    private static Entry elfCompressed(ByteBuffer raw, boolean is64, ByteOrder order, Section s)
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
        return compressed(raw, header, size, s);
    }

    private static Entry gnuCompressed(ByteBuffer raw, Section s) throws GoParseException {
        if (raw.capacity() < 12) {
            throw GoParseException.truncated(DwarfInput.FORMAT, s.offset(), s.name() + " ZLIB header", 12,
                    raw.capacity());
        }
        if (raw.get(0) != 'Z' || raw.get(1) != 'L' || raw.get(2) != 'I' || raw.get(3) != 'B') {
            throw GoParseException.malformed(DwarfInput.FORMAT, s.offset(), s.name() + ": expected \"ZLIB\"");
        }
        long size = raw.duplicate().order(ByteOrder.BIG_ENDIAN).getLong(4);
        return compressed(raw, 12, size, s);
    }

    /** Checks a compressed section's claimed size now, so that a hostile one is refused before anything is read. */
    private static Entry compressed(ByteBuffer raw, int header, long size, Section s) throws GoParseException {
        long compressed = raw.capacity() - header;
        if (size < 0 || size > Integer.MAX_VALUE - 16 || size > compressed * MAX_RATIO + 1024) {
            throw GoParseException.limitExceeded(DwarfInput.FORMAT, s.offset(), "decompressed size of " + s.name(),
                    size, Math.min(Integer.MAX_VALUE - 16, compressed * MAX_RATIO + 1024));
        }
        return new Entry(raw, header, size, s);
    }

    /** Inflates a section whose claimed size {@link #compressed} has already checked. */
    private static byte[] inflate(ByteBuffer raw, int header, long size, Section s) throws GoParseException {
        long compressed = raw.capacity() - header;
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

    /**
     * Returns a section's bytes, inflating it on first use.
     *
     * @return the bytes, or null when the binary lacks the section
     * @throws GoParseException if its zlib stream is corrupt
     */
    byte[] get(String shortName) throws GoParseException {
        Entry e = byName.get(shortName);
        return e == null ? null : e.bytes();
    }

    /** {@return {@code .debug_info}, inflated when the sections were read} */
    byte[] info() {
        return info;
    }

    /**
     * Inflates every section: for tests.
     *
     * @return all sections by short name; the arrays are shared, not copied
     * @throws GoParseException if a zlib stream is corrupt
     */
    Map<String, byte[]> asMap() throws GoParseException {
        Map<String, byte[]> m = new HashMap<>();
        for (var e : byName.entrySet()) {
            m.put(e.getKey(), e.getValue().bytes());
        }
        return m;
    }

    boolean bigEndian() {
        return bigEndian;
    }

    /**
     * Returns a cursor over a whole section, inflating it on first use.
     *
     * @return the cursor, over nothing when the section is absent
     * @throws GoParseException if its zlib stream is corrupt
     */
    DwarfInput input(String shortName) throws GoParseException {
        byte[] b = get(shortName);
        if (b == null) {
            b = new byte[0];
        }
        return new DwarfInput(b, ".debug_" + shortName, bigEndian, 0, b.length);
    }

    /** {@return each section's name and decompressed size, as its header gives it (nothing is inflated)} */
    Map<String, Integer> sizes() {
        Map<String, Integer> m = new java.util.TreeMap<>();
        byName.forEach((k, v) -> m.put(k, (int) v.size));
        return m;
    }
}
