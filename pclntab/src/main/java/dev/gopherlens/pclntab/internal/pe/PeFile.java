package dev.gopherlens.pclntab.internal.pe;

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
 * A PE (Windows) file, 32 or 64 bits: its sections, at the image base, and its COFF symbol table, read per the PE
 * format specification and Go's {@code debug/pe}. Not thread-safe.
 */
public final class PeFile extends BinaryFile {
    static final String FORMAT = "pe";

    private static final int SCN_CNT_CODE = 0x20;
    private static final int SCN_CNT_INITIALIZED_DATA = 0x40;
    private static final int SCN_CNT_UNINITIALIZED_DATA = 0x80;
    private static final int SCN_MEM_WRITE = 0x80000000;

    private final int machine;
    private final long imageBase;
    private final int[] characteristics;
    private final long symtab;
    private final long nsyms;

    private PeFile(ByteBuffer file) throws GoParseException {
        this.data = file;
        this.order = ByteOrder.LITTLE_ENDIAN;
        ByteBuffer b = file.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (b.capacity() < 0x40) {
            throw GoParseException.truncated(FORMAT, 0, "DOS header", 0x40, b.capacity());
        }
        long pe = Integer.toUnsignedLong(b.getInt(0x3c));
        if (pe > b.capacity() - 24) {
            throw GoParseException.truncated(FORMAT, 0x3c, "PE header", 24, Math.max(0, b.capacity() - pe));
        }
        int at = (int) pe;
        if (b.getInt(at) != 0x00004550) {
            throw GoParseException.malformed(FORMAT, at, "expected the PE signature \"PE\\0\\0\"");
        }
        machine = b.getShort(at + 4) & 0xffff;
        int nsections = b.getShort(at + 6) & 0xffff;
        symtab = Integer.toUnsignedLong(b.getInt(at + 12));
        nsyms = Integer.toUnsignedLong(b.getInt(at + 16));
        int optSize = b.getShort(at + 20) & 0xffff;
        int opt = at + 24;
        if (optSize < 32 || optSize > b.capacity() - opt) {
            throw GoParseException.truncated(FORMAT, opt, "optional header", optSize, b.capacity() - opt);
        }
        int magic = b.getShort(opt) & 0xffff;
        if (magic != 0x10b && magic != 0x20b) {
            throw GoParseException.malformed(FORMAT, opt, "expected optional header magic 0x10b or 0x20b, found 0x"
                    + Integer.toHexString(magic));
        }
        is64 = magic == 0x20b;
        imageBase = is64 ? b.getLong(opt + 24) : Integer.toUnsignedLong(b.getInt(opt + 28));
        int sh = opt + optSize;
        if ((long) nsections * 40 > b.capacity() - sh) {
            throw GoParseException.truncated(FORMAT, sh, "section table", nsections * 40L, b.capacity() - sh);
        }
        List<Section> list = new ArrayList<>(nsections);
        characteristics = new int[nsections];
        for (int i = 0; i < nsections; i++) {
            int s = sh + 40 * i;
            String name = sectionName(b, s);
            long vsize = Integer.toUnsignedLong(b.getInt(s + 8));
            long va = Integer.toUnsignedLong(b.getInt(s + 12));
            long rawSize = Integer.toUnsignedLong(b.getInt(s + 16));
            long rawPtr = Integer.toUnsignedLong(b.getInt(s + 20));
            int ch = b.getInt(s + 36);
            characteristics[i] = ch;
            Section.Kind kind = (ch & SCN_CNT_CODE) != 0 ? Section.Kind.TEXT
                    : (ch & SCN_CNT_INITIALIZED_DATA) != 0 ? ((ch & SCN_MEM_WRITE) != 0 ? Section.Kind.DATA
                    : Section.Kind.RODATA)
                    : (ch & SCN_CNT_UNINITIALIZED_DATA) != 0 ? Section.Kind.BSS : Section.Kind.OTHER;
            long fileSize = kind == Section.Kind.BSS ? 0 : Math.min(rawSize, Math.max(vsize, rawSize));
            list.add(new Section(name, imageBase + va, rawPtr, Math.max(vsize, fileSize), fileSize, kind));
        }
        sections = List.copyOf(list);
    }

    /** An 8-byte name, or "/N": the N-th byte of the COFF string table. */
    private String sectionName(ByteBuffer b, int at) throws GoParseException {
        byte[] raw = new byte[8];
        b.get(at, raw);
        int n = 0;
        while (n < 8 && raw[n] != 0) {
            n++;
        }
        String name = new String(raw, 0, n, StandardCharsets.UTF_8);
        if (name.startsWith("/") && symtab != 0) {
            try {
                return stringAt(Long.parseLong(name.substring(1)));
            } catch (NumberFormatException notANumber) {
                return name;
            }
        }
        return name;
    }

    /** A NUL-terminated name at an offset of the string table that follows the symbols. */
    private String stringAt(long offset) throws GoParseException {
        long table = symtab + nsyms * 18;
        long at = table + offset;
        if (offset < 4 || table > data.capacity() || at >= data.capacity()) {
            throw GoParseException.malformed(FORMAT, table, "expected a name offset within the string table, found "
                    + offset);
        }
        int p = (int) at;
        while (p < data.capacity() && data.get(p) != 0) {
            p++;
        }
        byte[] bytes = new byte[p - (int) at];
        data.get((int) at, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * Reads a PE file.
     *
     * @param data the file, position 0 at its first byte
     * @return the file
     * @throws GoParseException if its headers are malformed
     */
    public static PeFile read(ByteBuffer data) throws GoParseException {
        return new PeFile(data.slice());
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public String goarch() {
        return switch (machine) {
            case 0x14c -> "386";
            case 0x8664 -> "amd64";
            case 0x1c4 -> "arm";
            case 0xaa64 -> "arm64";
            default -> "";
        };
    }

    /** cmd/internal/objfile/pe.go: COFF symbols without their auxiliary records, sized by the next address. */
    @Override
    protected List<Symbol> readSymbols() throws GoParseException {
        if (symtab == 0 || nsyms == 0) {
            return List.of();
        }
        if (symtab > data.capacity() || nsyms > (data.capacity() - symtab) / 18) {
            throw GoParseException.truncated(FORMAT, symtab, "symbol table", nsyms * 18,
                    Math.max(0, data.capacity() - symtab));
        }
        ByteBuffer b = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        List<String> names = new ArrayList<>();
        List<long[]> raw = new ArrayList<>();
        for (long i = 0; i < nsyms; i++) {
            int at = (int) (symtab + i * 18);
            String name;
            if (b.getInt(at) == 0) {
                name = stringAt(Integer.toUnsignedLong(b.getInt(at + 4)));
            } else {
                byte[] n8 = new byte[8];
                b.get(at, n8);
                int n = 0;
                while (n < 8 && n8[n] != 0) {
                    n++;
                }
                name = new String(n8, 0, n, StandardCharsets.UTF_8);
            }
            long value = Integer.toUnsignedLong(b.getInt(at + 8));
            int section = b.getShort(at + 12);
            int aux = b.get(at + 17) & 0xff;
            char code = '?';
            if (section == 0) {
                code = 'U';
            } else if (section == -1) {
                code = 'C';
            } else if (section > 0) {
                if (section > sections.size()) {
                    throw GoParseException.malformed(FORMAT, at + 12, "expected a section number up to "
                            + sections.size() + ", found " + section);
                }
                int ch = characteristics[section - 1];
                if ((ch & SCN_CNT_CODE) != 0) {
                    code = 'T';
                } else if ((ch & SCN_CNT_INITIALIZED_DATA) != 0) {
                    code = (ch & SCN_MEM_WRITE) == 0 ? 'R' : 'D';
                } else if ((ch & SCN_CNT_UNINITIALIZED_DATA) != 0) {
                    code = 'B';
                }
                value += sections.get(section - 1).address();
            }
            names.add(name);
            raw.add(new long[] {value, code});
            i += aux;
        }
        // Go's linker puts bss and noptrbss at the end of .data; go tool nm (Go 1.27) calls what lies between
        // runtime.bss and runtime.end bss.
        long bss = -1;
        long end = -1;
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equals("runtime.bss")) {
                bss = raw.get(i)[0];
            } else if (names.get(i).equals("runtime.end")) {
                end = raw.get(i)[0];
            }
        }
        if (bss >= 0 && end >= bss) {
            for (long[] r : raw) {
                if (r[1] == 'D' && Long.compareUnsigned(r[0], bss) >= 0 && Long.compareUnsigned(r[0], end) <= 0) {
                    r[1] = 'B';
                }
            }
        }
        long[] addrs = new long[raw.size()];
        for (int i = 0; i < addrs.length; i++) {
            addrs[i] = raw.get(i)[0];
        }
        long[] sorted = Addresses.sortedUnsigned(addrs);
        List<Symbol> out = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            long v = raw.get(i)[0];
            int next = Addresses.upperBound(sorted, v);
            out.add(new Symbol(names.get(i), v, next < sorted.length ? sorted[next] - v : 0, (char) raw.get(i)[1]));
        }
        return List.copyOf(out);
    }
}
