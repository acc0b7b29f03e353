package dev.gopherlens.pclntab.internal.gocore;

import dev.gopherlens.core.GoParseException;

import java.util.ArrayList;
import java.util.List;

/**
 * The ELF header and program headers of a 64-bit little-endian file (a core or the executable that wrote it), per
 * the System V gABI: all a core reader needs, since cores have no sections. Immutable.
 *
 * @param type     {@code e_type}: 2 executable, 3 shared object (PIE), 4 core
 * @param machine  {@code e_machine}: 62 x86-64, 183 AArch64
 * @param entry    {@code e_entry}
 * @param programs the program headers, in file order
 */
public record ElfHeader(int type, int machine, long entry, List<Program> programs) {
    /** {@code p_type} of a loadable segment. */
    public static final int PT_LOAD = 1;
    /** {@code p_type} of a note segment. */
    public static final int PT_NOTE = 4;
    /** {@code e_phnum} saying that the count is in section header 0's {@code sh_info}. */
    private static final int PN_XNUM = 0xffff;
    private static final int PHDR_SIZE = 56;

    /**
     * One program header.
     *
     * @param index  its position in the table
     * @param type   {@code p_type}
     * @param flags  {@code p_flags}
     * @param offset {@code p_offset}
     * @param vaddr  {@code p_vaddr}
     * @param filesz {@code p_filesz}
     * @param memsz  {@code p_memsz}
     */
    public record Program(int index, int type, int flags, long offset, long vaddr, long filesz, long memsz) {
    }

    /**
     * Copies the list.
     *
     * @param type     the file type
     * @param machine  the machine
     * @param entry    the entry point
     * @param programs the program headers
     */
    public ElfHeader {
        programs = List.copyOf(programs);
    }

    /**
     * Reads the header and the program headers, checking that every segment's file bytes lie in the file and that
     * no segment wraps around the address space.
     *
     * @param in the file
     * @return the header
     * @throws GoParseException if it is no 64-bit little-endian ELF file or a table is malformed
     */
    public static ElfHeader read(ByteSource in) throws GoParseException {
        String f = in.format();
        in.check(0, 64, "ELF header");
        if (in.i32(0) != 0x464c457f) {
            throw GoParseException.malformed(f, 0, "expected the ELF magic \\x7fELF");
        }
        if (in.u8(4) != 2 || in.u8(5) != 1) {
            throw GoParseException.malformed(f, 4, "expected a 64-bit little-endian ELF file (class 2, data 1), found"
                    + " class " + in.u8(4) + ", data " + in.u8(5));
        }
        int type = in.u16(16);
        int machine = in.u16(18);
        long entry = in.u64(24);
        long phoff = in.u64(32);
        int phentsize = in.u16(54);
        long phnum = in.u16(56);
        if (phnum == PN_XNUM) {
            long shoff = in.u64(40);
            in.check(shoff, 64, "section header 0 (program header count)");
            phnum = in.u32(shoff + 44);
        }
        if (phnum == 0) {
            return new ElfHeader(type, machine, entry, List.of());
        }
        if (phentsize != PHDR_SIZE) {
            throw GoParseException.malformed(f, 54, "expected program headers of " + PHDR_SIZE + " bytes, found "
                    + phentsize);
        }
        if (phoff < 0 || phnum > (in.size() - Math.min(in.size(), phoff)) / PHDR_SIZE) {
            throw GoParseException.truncated(f, Math.max(0, phoff), phnum + " program headers", phnum * PHDR_SIZE,
                    Math.max(0, in.size() - Math.max(0, phoff)));
        }
        List<Program> list = new ArrayList<>((int) phnum);
        for (int i = 0; i < phnum; i++) {
            long p = phoff + (long) i * PHDR_SIZE;
            Program ph = new Program(i, in.i32(p), in.i32(p + 4), in.u64(p + 8), in.u64(p + 16), in.u64(p + 32),
                    in.u64(p + 40));
            if (ph.type == PT_LOAD || ph.type == PT_NOTE) {
                if (ph.filesz != 0) {
                    in.check(ph.offset, ph.filesz, "segment " + i + " (p_offset 0x" + Long.toHexString(ph.offset)
                            + ", p_filesz 0x" + Long.toHexString(ph.filesz) + ")");
                }
                if (ph.type == PT_LOAD && (Long.compareUnsigned(ph.filesz, ph.memsz) > 0
                        || Long.compareUnsigned(ph.vaddr + ph.memsz, ph.vaddr) < 0)) {
                    throw GoParseException.malformed(f, p, "expected segment " + i + " to fit the address space with"
                            + " p_filesz ≤ p_memsz, found p_vaddr 0x" + Long.toHexString(ph.vaddr) + " p_memsz 0x"
                            + Long.toHexString(ph.memsz) + " p_filesz 0x" + Long.toHexString(ph.filesz));
                }
            }
            list.add(ph);
        }
        return new ElfHeader(type, machine, entry, list);
    }
}
