package dev.gopherlens.core;

/**
 * Bounds on what a decoder allocates for one input, so that a hostile or corrupt file gives a
 * {@link LimitExceededException} instead of an {@link OutOfMemoryError}.
 *
 * <p>Every count read from an input is checked twice before anything is allocated for it: against the bytes that
 * remain (a count that cannot fit gives a {@link TruncatedInputException}) and against these limits. The defaults
 * are generous enough for any file the Go toolchain writes; lower them for untrusted input on a small heap, raise
 * them for unusual trusted inputs. Immutable and thread-safe; change one bound with its {@code withX} method.
 *
 * @param maxStringLength     the longest string or byte field, in bytes
 * @param maxStackDepth       the most frames in one stack
 * @param maxTableEntries     the most entries in one table (strings, locations, functions, goroutines, …)
 * @param maxRecordSize       the largest length-delimited record (a trace batch, a protobuf message), in bytes
 * @param maxDecompressedSize the most bytes that decompressing one input may produce
 */
public record Limits(int maxStringLength, int maxStackDepth, int maxTableEntries, int maxRecordSize,
                     long maxDecompressedSize) {

    /** The defaults: 16 MiB strings, 65,536 frames, 2^27 table entries, 1 GiB records, 16 GiB decompressed. */
    public static final Limits DEFAULT = new Limits(16 << 20, 1 << 16, 1 << 27, 1 << 30, 16L << 30);

    /**
     * Checks that every bound is positive.
     *
     * @param maxStringLength     the longest string or byte field, in bytes
     * @param maxStackDepth       the most frames in one stack
     * @param maxTableEntries     the most entries in one table
     * @param maxRecordSize       the largest length-delimited record, in bytes
     * @param maxDecompressedSize the most bytes that decompressing one input may produce
     * @throws IllegalArgumentException if a bound is zero or negative
     */
    public Limits {
        positive("maxStringLength", maxStringLength);
        positive("maxStackDepth", maxStackDepth);
        positive("maxTableEntries", maxTableEntries);
        positive("maxRecordSize", maxRecordSize);
        positive("maxDecompressedSize", maxDecompressedSize);
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }

    /** {@return the default limits, {@link #DEFAULT}} */
    public static Limits defaults() {
        return DEFAULT;
    }

    /**
     * Returns these limits with another longest string.
     *
     * @param bytes the longest string or byte field, in bytes
     * @return the new limits
     */
    public Limits withMaxStringLength(int bytes) {
        return new Limits(bytes, maxStackDepth, maxTableEntries, maxRecordSize, maxDecompressedSize);
    }

    /**
     * Returns these limits with another deepest stack.
     *
     * @param frames the most frames in one stack
     * @return the new limits
     */
    public Limits withMaxStackDepth(int frames) {
        return new Limits(maxStringLength, frames, maxTableEntries, maxRecordSize, maxDecompressedSize);
    }

    /**
     * Returns these limits with another largest table.
     *
     * @param entries the most entries in one table
     * @return the new limits
     */
    public Limits withMaxTableEntries(int entries) {
        return new Limits(maxStringLength, maxStackDepth, entries, maxRecordSize, maxDecompressedSize);
    }

    /**
     * Returns these limits with another largest record.
     *
     * @param bytes the largest length-delimited record, in bytes
     * @return the new limits
     */
    public Limits withMaxRecordSize(int bytes) {
        return new Limits(maxStringLength, maxStackDepth, maxTableEntries, bytes, maxDecompressedSize);
    }

    /**
     * Returns these limits with another cap on decompression.
     *
     * @param bytes the most bytes that decompressing one input may produce
     * @return the new limits
     */
    public Limits withMaxDecompressedSize(long bytes) {
        return new Limits(maxStringLength, maxStackDepth, maxTableEntries, maxRecordSize, bytes);
    }
}
