package dev.gopherlens.pclntab.gocore;

import java.util.Objects;

/**
 * A run of addresses of the {@link Memory} image and where its bytes come from. Immutable.
 *
 * @param start  the first address
 * @param end    the first address after the run
 * @param source where its bytes come from
 */
public record MemoryRegion(long start, long end, Source source) {

    /** Where the bytes of a region come from. */
    public enum Source {
        /** The core's own copy: what the process held when it died. */
        CORE,
        /** The binary's file bytes: text, rodata and the initial data that the core did not write. */
        BINARY,
        /** Zero: the binary's {@code .bss}, beyond its segment's file bytes, which the core did not write. */
        ZERO
    }

    /**
     * Checks the source.
     *
     * @param start  the first address
     * @param end    the first address after the run
     * @param source where its bytes come from
     */
    public MemoryRegion {
        Objects.requireNonNull(source, "source");
    }

    /** {@return the number of bytes} */
    public long size() {
        return end - start;
    }

    /** {@return for example {@code 0x401000-0x52c000 BINARY}} */
    @Override
    public String toString() {
        return "0x" + Long.toHexString(start) + "-0x" + Long.toHexString(end) + " " + source;
    }
}
