package dev.gopherlens.pclntab.internal.elf;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.core.internal.BufferReader;
import dev.gopherlens.pclntab.Symbol;
import dev.gopherlens.pclntab.internal.BinaryFile;
import dev.gopherlens.pclntab.internal.Section;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * An ELF file (32 or 64 bits, either byte order): its header, section table and symbol table, read per the System
 * V ABI and Go's {@code debug/elf}. Sections and symbols are read when first asked for. Not thread-safe.
 */
public final class ElfFile extends BinaryFile {
    static final String FORMAT = "elf";

    private static final int SHT_SYMTAB = 2;
    private static final int SHT_RELA = 4;
    private static final int SHT_NOBITS = 8;
    private static final long SHF_WRITE = 1;
    private static final long SHF_ALLOC = 2;
    private static final long SHF_EXECINSTR = 4;
    private static final int SHN_UNDEF = 0;
    private static final int SHN_LORESERVE = 0xff00;
    private static final int SHN_COMMON = 0xfff2;
    private static final int SHN_XINDEX = 0xffff;

    private final int type;
    private final int machine;
    /** Per section: type, flags, link, entry size; parallel to {@link #sections}. */
    private final int[] sectionTypes;
    private final long[] sectionFlags;
    private final int[] sectionLinks;
    private java.util.Map<Long, Long> relocations;

    private ElfFile(ByteBuffer data) throws GoParseException {
        this.data = data;
        if (data.capacity() < 52) {
            throw GoParseException.truncated(FORMAT, 0, "ELF header", 52, data.capacity());
        }
        int cls = data.get(4);
        int enc = data.get(5);
        if (cls != 1 && cls != 2) {
            throw GoParseException.malformed(FORMAT, 4, "expected ELF class 1 or 2, found " + cls);
        }
        if (enc != 1 && enc != 2) {
            throw GoParseException.malformed(FORMAT, 5, "expected ELF data encoding 1 or 2, found " + enc);
        }
        is64 = cls == 2;
        order = enc == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        Reader r = new Reader(16);
        type = r.u16();
        machine = r.u16();
        r.skip(4); // version
        r.word(); // entry
        r.word(); // phoff
        long shoff = r.word();
        r.skip(4); // flags
        r.skip(2); // ehsize
        r.skip(4); // phentsize, phnum
        int shentsize = r.u16();
        long shnum = r.u16();
        int shstrndx = r.u16();
        int wantEntSize = is64 ? 64 : 40;
        List<Section> list = new ArrayList<>();
        if (shoff == 0) {
            sections = List.of();
            sectionTypes = new int[0];
            sectionFlags = new long[0];
            sectionLinks = new int[0];
            return;
        }
        if (shentsize != wantEntSize) {
            throw GoParseException.malformed(FORMAT, is64 ? 58 : 46, "expected section header size "
                    + wantEntSize + ", found " + shentsize);
        }
        if (shnum == 0 || shstrndx == SHN_XINDEX) {
            // Extended numbering: the real count and string-table index live in section header 0.
            Reader s0 = new Reader(checkedOffset(shoff, wantEntSize, "section header 0"));
            s0.skip(is64 ? 32 : 20);
            long size0 = s0.word();
            int link0 = s0.u32AsInt();
            if (shnum == 0) {
                shnum = size0;
            }
            if (shstrndx == SHN_XINDEX) {
                shstrndx = link0;
            }
        }
        if (shnum < 0 || shnum > 1 << 20 || shoff < 0 || shnum * wantEntSize > data.capacity() - shoff) {
            throw GoParseException.truncated(FORMAT, shoff, "section headers", shnum * wantEntSize,
                    Math.max(0, data.capacity() - shoff));
        }
        int n = (int) shnum;
        sectionTypes = new int[n];
        sectionFlags = new long[n];
        sectionLinks = new int[n];
        long[] nameOffsets = new long[n];
        long[][] raw = new long[n][];
        for (int i = 0; i < n; i++) {
            Reader h = new Reader(shoff + (long) i * wantEntSize);
            nameOffsets[i] = h.u32();
            sectionTypes[i] = h.u32AsInt();
            sectionFlags[i] = h.word();
            long addr = h.word();
            long offset = h.word();
            long size = h.word();
            sectionLinks[i] = h.u32AsInt();
            raw[i] = new long[] {addr, offset, size};
        }
        if (shstrndx >= n) {
            throw GoParseException.malformed(FORMAT, is64 ? 62 : 50, "expected a section-name table index below "
                    + n + ", found " + shstrndx);
        }
        long strOff = raw[shstrndx][1];
        long strSize = raw[shstrndx][2];
        for (int i = 0; i < n; i++) {
            String name = string(strOff, strSize, nameOffsets[i]);
            long fileSize = sectionTypes[i] == SHT_NOBITS ? 0 : raw[i][2];
            list.add(new Section(name, (sectionFlags[i] & SHF_ALLOC) != 0 ? raw[i][0] : 0, raw[i][1], raw[i][2],
                    fileSize, kind(sectionTypes[i], sectionFlags[i])));
        }
        sections = List.copyOf(list);
    }

    /**
     * Reads an ELF file.
     *
     * @param data the whole file, position 0 at its first byte
     * @return the file
     * @throws GoParseException if the header or section table is malformed
     */
    public static ElfFile read(ByteBuffer data) throws GoParseException {
        return new ElfFile(data.slice());
    }

    private static Section.Kind kind(int type, long flags) {
        if ((flags & SHF_ALLOC) == 0) {
            return Section.Kind.OTHER;
        }
        if ((flags & SHF_EXECINSTR) != 0) {
            return Section.Kind.TEXT;
        }
        if ((flags & SHF_WRITE) != 0) {
            return type == SHT_NOBITS ? Section.Kind.BSS : Section.Kind.DATA;
        }
        return Section.Kind.RODATA;
    }

    private long checkedOffset(long offset, long length, String what) throws GoParseException {
        if (offset < 0 || length < 0 || offset > data.capacity() - length) {
            throw GoParseException.truncated(FORMAT, Math.max(0, offset), what, length,
                    Math.max(0, data.capacity() - Math.max(0, offset)));
        }
        return offset;
    }

    /** A NUL-terminated name in a string table section. */
    private String string(long tableOffset, long tableSize, long nameOffset) throws GoParseException {
        if (nameOffset >= tableSize) {
            throw GoParseException.malformed(FORMAT, tableOffset, "expected a name offset below " + tableSize
                    + ", found " + nameOffset);
        }
        long start = checkedOffset(tableOffset + nameOffset, 0, "name");
        long end = Math.min(data.capacity(), tableOffset + tableSize);
        long p = start;
        while (p < end && data.get((int) p) != 0) {
            p++;
        }
        byte[] b = new byte[(int) (p - start)];
        data.get((int) start, b);
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Returns a section's {@code sh_flags}; the DWARF reader needs {@code SHF_COMPRESSED} (0x800), which
     * {@link Section} does not carry.
     *
     * @param index the section's index in {@link #sections()}
     * @return its flags
     * @throws IndexOutOfBoundsException if there is no such section
     */
    public long sectionFlags(int index) {
        return sectionFlags[index];
    }

    @Override
    public String format() {
        return FORMAT;
    }

    /** {@return the ELF file type: 2 executable, 3 shared object (PIE), 4 core} */
    public int type() {
        return type;
    }

    @Override
    public String goarch() {
        return switch (machine) {
            case 3 -> "386";
            case 62 -> "amd64";
            case 40 -> "arm";
            case 183 -> "arm64";
            case 21 -> order == ByteOrder.BIG_ENDIAN ? "ppc64" : "ppc64le";
            case 22 -> "s390x";
            case 243 -> "riscv64";
            case 258 -> "loong64";
            case 8 -> is64 ? (order == ByteOrder.BIG_ENDIAN ? "mips64" : "mips64le")
                    : (order == ByteOrder.BIG_ENDIAN ? "mips" : "mipsle");
            default -> "";
        };
    }

    @Override
    public long pointer(long address) throws GoParseException {
        Long relocated = relocations().get(address);
        return relocated != null ? relocated : super.pointer(address);
    }

    /**
     * The load-time rewrites of a position-independent executable: address to value, from the RELA sections'
     * relative relocations. Empty for other files.
     *
     * @return the map
     * @throws GoParseException if a relocation section is malformed
     */
    public java.util.Map<Long, Long> relocations() throws GoParseException {
        if (relocations == null) {
            java.util.Map<Long, Long> m = new java.util.HashMap<>();
            int relative = relativeType();
            for (int i = 0; i < sections.size() && relative >= 0; i++) {
                if (sectionTypes[i] != SHT_RELA) {
                    continue;
                }
                Section s = sections.get(i);
                int ent = is64 ? 24 : 12;
                checkedOffset(s.offset(), s.fileSize(), "relocations");
                for (long k = 0; k + ent <= s.fileSize(); k += ent) {
                    Reader r = new Reader(s.offset() + k);
                    long offset = r.word();
                    long info = r.word();
                    long addend = is64 ? r.word() : r.u32();
                    long rtype = is64 ? info & 0xffff_ffffL : info & 0xff;
                    if (rtype == relative) {
                        m.put(offset, addend);
                    }
                }
            }
            relocations = m;
        }
        return relocations;
    }

    /** The machine's relative relocation type in RELA sections, or -1. */
    private int relativeType() {
        return switch (machine) {
            case 62 -> 8;     // R_X86_64_RELATIVE
            case 183 -> 1027; // R_AARCH64_RELATIVE
            case 21 -> 22;    // R_PPC64_RELATIVE
            case 22 -> 12;    // R_390_RELATIVE
            case 243 -> 3;    // R_RISCV_RELATIVE
            case 258 -> 3;    // R_LARCH_RELATIVE
            default -> -1;
        };
    }

    /**
     * {@inheritDoc}
     *
     * <p>Compares the names in place: decoding every name of a Go binary's table (tens of thousands) to find one
     * took a millisecond.
     */
    @Override
    public List<Long> symbolAddresses(String name) throws GoParseException {
        SymbolEntries e = symbolEntries();
        if (e == null) {
            return List.of();
        }
        byte[] want = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        long strEnd = Math.min(data.capacity(), e.strtab.offset() + e.strtab.fileSize());
        List<Long> out = new ArrayList<>(1);
        while (e.next()) {
            long at = e.strtab.offset() + e.name;
            if (at + want.length < strEnd && data.get((int) (at + want.length)) == 0 && matches(at, want)) {
                out.add(e.value);
            }
        }
        return out;
    }

    private boolean matches(long at, byte[] want) {
        for (int k = 0; k < want.length; k++) {
            if (data.get((int) at + k) != want[k]) {
                return false;
            }
        }
        return true;
    }

    @Override
    protected List<Symbol> readSymbols() throws GoParseException {
        SymbolEntries e = symbolEntries();
        if (e == null) {
            return List.of();
        }
        List<Symbol> out = new ArrayList<>((int) Math.min(e.count, 1 << 20));
        while (e.next()) {
            out.add(new Symbol(string(e.strtab.offset(), e.strtab.fileSize(), e.name), e.value, e.size,
                    code(e.info, e.shndx)));
        }
        return List.copyOf(out);
    }

    /**
     * {@return the entries of .symtab, or null when there is none} As debug/elf's Symbols, which {@code go tool nm}
     * reads: a binary stripped of .symtab has no symbols, even when a cgo build left it the imports in .dynsym.
     */
    private SymbolEntries symbolEntries() throws GoParseException {
        int symtab = -1;
        for (int i = 0; i < sectionTypes.length; i++) {
            if (sectionTypes[i] == SHT_SYMTAB) {
                symtab = i;
                break;
            }
        }
        if (symtab < 0) {
            return null;
        }
        int link = sectionLinks[symtab];
        if (link <= 0 || link >= sections.size()) {
            throw GoParseException.malformed(FORMAT, sections.get(symtab).offset(),
                    "expected the symbol table to link a string table");
        }
        return new SymbolEntries(sections.get(symtab), sections.get(link));
    }

    /**
     * A symbol table's entries, read one after the other in place. debug/elf skips the null symbol at index 0. One
     * reader walks the entries, which lie back to back: a reader per entry was most of what opening an unstripped
     * binary cost.
     */
    private final class SymbolEntries {
        final Section strtab;
        final long count;
        private final Reader r;
        private long i = 1;
        /** The current entry's name offset in {@link #strtab}, checked to lie inside it. */
        long name;
        long value;
        long size;
        int info;
        int shndx;

        SymbolEntries(Section symtab, Section strtab) throws GoParseException {
            int entSize = is64 ? 24 : 16;
            checkedOffset(symtab.offset(), symtab.fileSize(), "symbol table");
            this.strtab = strtab;
            this.count = symtab.fileSize() / entSize;
            this.r = count > 1 ? new Reader(symtab.offset() + entSize) : null;
        }

        boolean next() throws GoParseException {
            if (i >= count) {
                return false;
            }
            i++;
            name = r.u32();
            if (is64) {
                info = r.u8();
                r.u8(); // other
                shndx = r.u16();
                value = r.word();
                size = r.word();
            } else {
                value = r.word();
                size = r.word();
                info = r.u8();
                r.u8();
                shndx = r.u16();
            }
            if (name >= strtab.fileSize()) {
                throw GoParseException.malformed(FORMAT, strtab.offset(), "expected a name offset below "
                        + strtab.fileSize() + ", found " + name);
            }
            return true;
        }
    }

    /** cmd/internal/objfile/elf.go: the letter {@code go tool nm} prints. */
    private char code(int info, int shndx) {
        char c = '?';
        if (shndx == SHN_UNDEF) {
            c = 'U';
        } else if (shndx == SHN_COMMON) {
            c = 'B';
        } else if (shndx < SHN_LORESERVE && shndx < sections.size()) {
            long f = sectionFlags[shndx] & (SHF_WRITE | SHF_ALLOC | SHF_EXECINSTR);
            if (f == (SHF_ALLOC | SHF_EXECINSTR)) {
                c = 'T';
            } else if (f == SHF_ALLOC) {
                c = 'R';
            } else if (f == (SHF_ALLOC | SHF_WRITE)) {
                c = sectionTypes[shndx] == SHT_NOBITS ? 'B' : 'D';
            }
        }
        boolean local = (info >> 4) == 0;
        return local ? (char) (c + ('a' - 'A')) : c;
    }

    /** Reads header fields at an offset, in the file's byte order and word size. */
    private final class Reader {
        private final BufferReader in;

        Reader(long offset) throws GoParseException {
            checkedOffset(offset, 0, "header");
            in = BufferReader.of(FORMAT, data.slice((int) offset, data.capacity() - (int) offset), offset);
        }

        int u8() throws GoParseException {
            return in.u8();
        }

        int u16() throws GoParseException {
            return order == ByteOrder.LITTLE_ENDIAN ? in.u16le() : in.u16be();
        }

        long u32() throws GoParseException {
            return order == ByteOrder.LITTLE_ENDIAN ? in.u32le() : in.u32be();
        }

        int u32AsInt() throws GoParseException {
            long v = u32();
            return v > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) v;
        }

        long word() throws GoParseException {
            if (is64) {
                return order == ByteOrder.LITTLE_ENDIAN ? in.i64le() : in.i64be();
            }
            return u32();
        }

        void skip(int n) throws GoParseException {
            in.skip(n);
        }
    }
}
