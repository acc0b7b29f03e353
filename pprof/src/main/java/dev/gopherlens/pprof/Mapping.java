package dev.gopherlens.pprof;

import java.util.Objects;

/**
 * A mapped binary or library of a profiled process: its address range, file and build id, and which symbolic
 * information its locations carry.
 *
 * @param id              the profile's nonzero id for it
 * @param start           the first mapped address
 * @param limit           the address after the last mapped one
 * @param offset          the file offset that {@code start} maps
 * @param file            the file it was loaded from, or a pseudo-name such as {@code [vdso]}; may be empty
 * @param buildId         the build id, may be empty
 * @param hasFunctions    whether its locations have function names
 * @param hasFilenames    whether they have source file names
 * @param hasLineNumbers  whether they have line numbers
 * @param hasInlineFrames whether they have inlined frames expanded
 */
public record Mapping(long id, long start, long limit, long offset, String file, String buildId,
                      boolean hasFunctions, boolean hasFilenames, boolean hasLineNumbers,
                      boolean hasInlineFrames) {

    /**
     * Checks the components.
     *
     * @param id              the nonzero id
     * @param start           the first mapped address
     * @param limit           the address after the last
     * @param offset          the file offset of start
     * @param file            the file
     * @param buildId         the build id
     * @param hasFunctions    whether locations have function names
     * @param hasFilenames    whether they have file names
     * @param hasLineNumbers  whether they have line numbers
     * @param hasInlineFrames whether they have inlined frames
     * @throws NullPointerException     if a string is null
     * @throws IllegalArgumentException if the id is zero
     */
    public Mapping {
        if (id == 0) {
            throw new IllegalArgumentException("mapping id must be nonzero");
        }
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(buildId, "buildId");
    }

    /**
     * Tells whether an address lies in {@code [start, limit)}, comparing unsigned.
     *
     * @param address the address
     * @return whether this mapping holds it
     */
    public boolean contains(long address) {
        return Long.compareUnsigned(address, start) >= 0 && Long.compareUnsigned(address, limit) < 0;
    }

    /** {@return the id, range, offset, file and build id} */
    @Override
    public String toString() {
        return id + ": 0x" + Long.toHexString(start) + "/0x" + Long.toHexString(limit) + "/0x"
                + Long.toHexString(offset) + " " + file + " " + buildId;
    }
}
