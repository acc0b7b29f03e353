package dev.gopherlens.pclntab.internal.macho;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.pclntab.Symbol;
import dev.gopherlens.pclntab.internal.Addresses;
import dev.gopherlens.pclntab.internal.BinaryFile;
import dev.gopherlens.pclntab.internal.Section;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A thin Mach-O file (32 or 64 bits, either byte order): its segments' sections and its symbol table, read per
 * {@code <mach-o/loader.h>} and Go's {@code debug/macho}. A universal (fat) file is a list of thin ones:
 * {@link #slices(ByteBuffer)}. Not thread-safe.
 */
public final class MachOFile extends BinaryFile {
    static final String FORMAT = "macho";

    private static final int LC_SEGMENT = 0x1;
    private static final int LC_SYMTAB = 0x2;
    private static final int LC_SEGMENT_64 = 0x19;
    private static final int N_STAB = 0xe0;

    private final int cputype;
    private final List<String> segments;
    private long symoff;
    private long nsyms;
    private long stroff;
    private long strsize;

    private MachOFile(ByteBuffer file) throws GoParseException {
        this.data = file;
        if (file.capacity() < 28) {
            throw GoParseException.truncated(FORMAT, 0, "Mach-O header", 28, file.capacity());
        }
        int le = file.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        int be = file.duplicate().order(ByteOrder.BIG_ENDIAN).getInt(0);
        if (le == 0xfeedface || le == 0xfeedfacf) {
            order = ByteOrder.LITTLE_ENDIAN;
            is64 = le == 0xfeedfacf;
        } else if (be == 0xfeedface || be == 0xfeedfacf) {
            order = ByteOrder.BIG_ENDIAN;
            is64 = be == 0xfeedfacf;
        } else {
            throw GoParseException.malformed(FORMAT, 0, String.format("expected a Mach-O magic, found 0x%08x", be));
        }
        ByteBuffer b = file.duplicate().order(order);
        cputype = b.getInt(4);
        long ncmds = Integer.toUnsignedLong(b.getInt(16));
        long sizeofcmds = Integer.toUnsignedLong(b.getInt(20));
        int at = is64 ? 32 : 28;
        if (sizeofcmds > file.capacity() - at || ncmds > sizeofcmds / 8) {
            throw GoParseException.truncated(FORMAT, 20, "load commands", sizeofcmds, file.capacity() - at);
        }
        List<Section> list = new ArrayList<>();
        List<String> segs = new ArrayList<>();
        long end = at + sizeofcmds;
        for (long i = 0; i < ncmds; i++) {
            if (at + 8 > end) {
                throw GoParseException.truncated(FORMAT, at, "load command", 8, end - at);
            }
            int cmd = b.getInt(at);
            long size = Integer.toUnsignedLong(b.getInt(at + 4));
            if (size < 8 || size > end - at) {
                throw GoParseException.malformed(FORMAT, at + 4, "expected a load command size within the commands, found "
                        + size);
            }
            if (cmd == LC_SEGMENT_64 || cmd == LC_SEGMENT) {
                boolean wide = cmd == LC_SEGMENT_64;
                int hdr = wide ? 72 : 56;
                int sect = wide ? 80 : 68;
                if (size < hdr) {
                    throw GoParseException.malformed(FORMAT, at, "expected a segment command of " + hdr + " bytes");
                }
                String segname = name(b, at + 8);
                long nsects = Integer.toUnsignedLong(b.getInt(at + (wide ? 64 : 48)));
                int initprot = b.getInt(at + (wide ? 60 : 44));
                if (nsects > (size - hdr) / sect) {
                    throw GoParseException.malformed(FORMAT, at, "expected " + nsects + " sections to fit the command");
                }
                for (int k = 0; k < nsects; k++) {
                    int s = (int) (at + hdr + (long) k * sect);
                    String sectname = name(b, s);
                    String seg = name(b, s + 16);
                    long addr = wide ? b.getLong(s + 32) : Integer.toUnsignedLong(b.getInt(s + 32));
                    long sz = wide ? b.getLong(s + 40) : Integer.toUnsignedLong(b.getInt(s + 36));
                    long offset = Integer.toUnsignedLong(b.getInt(s + (wide ? 48 : 40)));
                    int flags = b.getInt(s + (wide ? 64 : 56));
                    int type = flags & 0xff;
                    boolean zerofill = type == 0x1 || type == 0xc || type == 0x12;
                    list.add(new Section(sectname, addr, offset, sz, zerofill ? 0 : sz, kind(seg, sectname, flags,
                            initprot, zerofill)));
                    segs.add(seg);
                }
            } else if (cmd == LC_SYMTAB) {
                if (size < 24) {
                    throw GoParseException.malformed(FORMAT, at, "expected a symtab command of 24 bytes");
                }
                symoff = Integer.toUnsignedLong(b.getInt(at + 8));
                nsyms = Integer.toUnsignedLong(b.getInt(at + 12));
                stroff = Integer.toUnsignedLong(b.getInt(at + 16));
                strsize = Integer.toUnsignedLong(b.getInt(at + 20));
            }
            at += (int) size;
        }
        sections = List.copyOf(list);
        segments = List.copyOf(segs);
    }

    private static Section.Kind kind(String seg, String sect, int flags, int initprot, boolean zerofill) {
        if ((flags & 0x80000000) != 0 || (seg.equals("__TEXT") && sect.equals("__text"))) {
            return Section.Kind.TEXT;
        }
        if (zerofill) {
            return Section.Kind.BSS;
        }
        if ((initprot & 2) != 0 && !seg.equals("__DATA_CONST")) {
            return Section.Kind.DATA;
        }
        return seg.equals("__PAGEZERO") || seg.equals("__LINKEDIT") || seg.equals("__DWARF") ? Section.Kind.OTHER
                : Section.Kind.RODATA;
    }

    private static String name(ByteBuffer b, int at) {
        byte[] raw = new byte[16];
        b.get(at, raw);
        int n = 0;
        while (n < 16 && raw[n] != 0) {
            n++;
        }
        return new String(raw, 0, n, StandardCharsets.ISO_8859_1);
    }

    /**
     * Reads a thin Mach-O file.
     *
     * @param data the file, position 0 at its first byte
     * @return the file
     * @throws GoParseException if its header or load commands are malformed
     */
    public static MachOFile read(ByteBuffer data) throws GoParseException {
        return new MachOFile(data.slice());
    }

    /**
     * Splits a universal (fat) file into its thin files.
     *
     * @param data the file, starting with {@code 0xcafebabe}
     * @return each architecture's file, in header order
     * @throws GoParseException if the fat header is malformed
     */
    public static List<MachOFile> slices(ByteBuffer data) throws GoParseException {
        ByteBuffer b = data.slice().order(ByteOrder.BIG_ENDIAN);
        if (b.capacity() < 8) {
            throw GoParseException.truncated(FORMAT, 0, "fat header", 8, b.capacity());
        }
        boolean wide = b.getInt(0) == 0xcafebabf;
        long n = Integer.toUnsignedLong(b.getInt(4));
        int entry = wide ? 32 : 20;
        if (n == 0 || n > (b.capacity() - 8) / entry) {
            throw GoParseException.malformed(FORMAT, 4, "expected a count of architectures, found " + n);
        }
        List<MachOFile> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int at = 8 + i * entry;
            long offset = wide ? b.getLong(at + 8) : Integer.toUnsignedLong(b.getInt(at + 8));
            long size = wide ? b.getLong(at + 16) : Integer.toUnsignedLong(b.getInt(at + 12));
            if (offset < 0 || size < 0 || offset > b.capacity() || size > b.capacity() - offset) {
                throw GoParseException.truncated(FORMAT, at + 8, "architecture " + i, size,
                        Math.max(0, b.capacity() - offset));
            }
            out.add(new MachOFile(data.slice().slice((int) offset, (int) size)));
        }
        return out;
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public String goarch() {
        return switch (cputype) {
            case 7 -> "386";
            case 0x01000007 -> "amd64";
            case 12 -> "arm";
            case 0x0100000c -> "arm64";
            case 0x01000012 -> "ppc64";
            default -> "";
        };
    }

    /** cmd/internal/objfile/macho.go: symbols without stabs, sized by the next symbol's address. */
    @Override
    protected List<Symbol> readSymbols() throws GoParseException {
        if (nsyms == 0) {
            return List.of();
        }
        int ent = is64 ? 16 : 12;
        if (symoff > data.capacity() || nsyms > (data.capacity() - symoff) / ent) {
            throw GoParseException.truncated(FORMAT, symoff, "symbol table", nsyms * ent,
                    Math.max(0, data.capacity() - symoff));
        }
        if (stroff > data.capacity() || strsize > data.capacity() - stroff) {
            throw GoParseException.truncated(FORMAT, stroff, "string table", strsize,
                    Math.max(0, data.capacity() - stroff));
        }
        ByteBuffer b = data.duplicate().order(order);
        int n = (int) nsyms;
        long[] values = new long[n];
        for (int i = 0; i < n; i++) {
            int at = (int) (symoff + (long) i * ent);
            values[i] = is64 ? b.getLong(at + 8) : Integer.toUnsignedLong(b.getInt(at + 8));
        }
        long[] sorted = Addresses.sortedUnsigned(values);
        List<Symbol> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int at = (int) (symoff + (long) i * ent);
            long strx = Integer.toUnsignedLong(b.getInt(at));
            int type = b.get(at + 4) & 0xff;
            int sect = b.get(at + 5) & 0xff;
            if ((type & N_STAB) != 0) {
                continue;
            }
            long value = values[i];
            int next = Addresses.upperBound(sorted, value);
            long size = next < sorted.length ? sorted[next] - value : 0;
            char code = '?';
            if (sect == 0) {
                code = 'U';
            } else if (sect <= sections.size()) {
                String seg = segments.get(sect - 1);
                String name = sections.get(sect - 1).name();
                if (seg.equals("__TEXT") || seg.equals("__DATA_CONST")) {
                    code = 'R';
                } else if (seg.equals("__DATA")) {
                    code = 'D';
                }
                String both = seg + " " + name;
                if (both.equals("__TEXT __text")) {
                    code = 'T';
                } else if (both.equals("__DATA __bss") || both.equals("__DATA __noptrbss")) {
                    code = 'B';
                }
            }
            // The linker writes symbols with Mach-O's leading underscore; go tool nm drops it from Go's own
            // symbols (those with a dot: runtime.text), and keeps it on C and assembly names (_memeqbody).
            String name = string(strx);
            if (name.startsWith("_") && name.indexOf('.') > 0) {
                name = name.substring(1);
            }
            out.add(new Symbol(name, value, size, code));
        }
        return List.copyOf(out);
    }

    private String string(long strx) throws GoParseException {
        if (strx >= strsize) {
            throw GoParseException.malformed(FORMAT, stroff, "expected a name offset below " + strsize + ", found " + strx);
        }
        int start = (int) (stroff + strx);
        int end = (int) (stroff + strsize);
        int p = start;
        while (p < end && data.get(p) != 0) {
            p++;
        }
        byte[] bytes = new byte[p - start];
        data.get(start, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
