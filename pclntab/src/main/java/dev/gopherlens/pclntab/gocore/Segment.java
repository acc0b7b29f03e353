package dev.gopherlens.pclntab.gocore;

/**
 * A {@code PT_LOAD} program header of a core: one memory mapping of the process, and how much of it the kernel
 * wrote into the core. In a core, {@code fileSize < memorySize} means "not written" (text and rodata of the binary,
 * {@code PROT_NONE} reservations), not "zero-filled" as in an executable. Immutable.
 *
 * @param address    the mapping's first virtual address ({@code p_vaddr})
 * @param memorySize its size in memory ({@code p_memsz})
 * @param fileSize   how many of its first bytes the core holds ({@code p_filesz})
 * @param fileOffset where those bytes start in the core ({@code p_offset})
 * @param flags      {@code p_flags}: 4 read, 2 write, 1 execute
 */
public record Segment(long address, long memorySize, long fileSize, long fileOffset, int flags) {

    /** {@return the first address after the mapping} */
    public long end() {
        return address + memorySize;
    }

    /**
     * Tells whether the mapping holds an address.
     *
     * @param addr the address
     * @return whether {@code address <= addr < end()}, compared unsigned
     */
    public boolean contains(long addr) {
        return Long.compareUnsigned(addr - address, memorySize) < 0;
    }

    /** {@return the protection as {@code ls -l} spells it: {@code r-x}, {@code rw-}, {@code ---}} */
    public String permissions() {
        return ((flags & 4) != 0 ? "r" : "-") + ((flags & 2) != 0 ? "w" : "-") + ((flags & 1) != 0 ? "x" : "-");
    }

    /** {@return for example {@code 0x400000-0x52c000 r-x dumped 0x1000}} */
    @Override
    public String toString() {
        return "0x" + Long.toHexString(address) + "-0x" + Long.toHexString(end()) + " " + permissions()
                + " dumped 0x" + Long.toHexString(fileSize);
    }
}
