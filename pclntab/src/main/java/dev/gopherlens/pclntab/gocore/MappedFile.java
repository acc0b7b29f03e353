package dev.gopherlens.pclntab.gocore;

import java.util.Objects;

/**
 * One file-backed mapping of the process, from the core's {@code NT_FILE} note: which bytes of which file were
 * mapped at which addresses. Immutable.
 *
 * @param start      the first mapped address
 * @param end        the first address after the mapping
 * @param fileOffset the offset in the file of the byte mapped at {@code start}, in bytes
 * @param path       the file's path as the process saw it
 */
public record MappedFile(long start, long end, long fileOffset, String path) {

    /**
     * Checks the path.
     *
     * @param start      the first mapped address
     * @param end        the first address after the mapping
     * @param fileOffset the file offset of {@code start}
     * @param path       the file's path
     */
    public MappedFile {
        Objects.requireNonNull(path, "path");
    }

    /**
     * Tells whether the mapping holds an address.
     *
     * @param address the address
     * @return whether {@code start <= address < end}, compared unsigned
     */
    public boolean contains(long address) {
        return Long.compareUnsigned(address, start) >= 0 && Long.compareUnsigned(address, end) < 0;
    }

    /** {@return as gdb's {@code info proc mappings}: {@code 0x400000-0x52c000 0x0 /path/to/file}} */
    @Override
    public String toString() {
        return "0x" + Long.toHexString(start) + "-0x" + Long.toHexString(end) + " 0x" + Long.toHexString(fileOffset)
                + " " + path;
    }
}
