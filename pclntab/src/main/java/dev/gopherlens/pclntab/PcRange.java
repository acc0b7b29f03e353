package dev.gopherlens.pclntab;

import java.util.Objects;

/**
 * A run of a function's instructions that share a source position.
 *
 * @param start the first pc of the run
 * @param end   the pc after its last byte
 * @param file  the source file
 * @param line  the line
 */
public record PcRange(long start, long end, String file, int line) {

    /**
     * Checks the file.
     *
     * @param start the first pc
     * @param end   the pc after the last
     * @param file  the file
     * @param line  the line
     * @throws NullPointerException if file is null
     */
    public PcRange {
        Objects.requireNonNull(file, "file");
    }

    /** {@return the range and position} */
    @Override
    public String toString() {
        return "[0x" + Long.toHexString(start) + ", 0x" + Long.toHexString(end) + ") " + file + ":" + line;
    }
}
