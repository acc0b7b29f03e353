package dev.gopherlens.pclntab.internal;

/**
 * A section of a binary, whatever its container.
 *
 * @param name     the section's name ({@code .gopclntab}, {@code __gopclntab}, {@code .rdata})
 * @param address  its virtual address, 0 when not loaded
 * @param offset   its offset in the file
 * @param size     its size in memory
 * @param fileSize its size in the file: 0 for bss-like sections
 * @param kind     what it holds
 */
public record Section(String name, long address, long offset, long size, long fileSize, Kind kind) {

    /** What a section holds, as far as symbols and searches care. */
    public enum Kind {
        /** Executable code. */
        TEXT,
        /** Read-only data. */
        RODATA,
        /** Writable initialized data. */
        DATA,
        /** Writable zero-initialized data, no bytes in the file. */
        BSS,
        /** Not loaded, or unknown. */
        OTHER
    }

    /**
     * Tells whether a virtual address lies in this section.
     *
     * @param address the address
     * @return whether the section holds it
     */
    public boolean contains(long address) {
        return this.address != 0 && Long.compareUnsigned(address, this.address) >= 0
                && Long.compareUnsigned(address - this.address, size) < 0;
    }
}
