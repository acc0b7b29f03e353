package dev.gopherlens.core.internal;

/**
 * Varint arithmetic shared by the readers and the writers: sizes, encoding, zigzag. Stateless.
 */
public final class Varint {
    /** The most bytes an unsigned 64-bit varint takes. */
    public static final int MAX_LENGTH = 10;

    private Varint() {
    }

    /**
     * Returns how many bytes the unsigned varint encoding of a value takes.
     *
     * @param value the value's 64 bits
     * @return 1 to 10
     */
    public static int size(long value) {
        // Each byte carries 7 bits; 64 - leading zeros is the bit length (at least 1 for zero).
        int bits = 64 - Long.numberOfLeadingZeros(value | 1);
        return (bits + 6) / 7;
    }

    /**
     * Writes the unsigned varint encoding of a value.
     *
     * @param dst    where to write; must have {@link #size(long)} bytes from {@code offset}
     * @param offset the first index to write
     * @param value  the value's 64 bits
     * @return the index after the last byte written
     */
    public static int write(byte[] dst, int offset, long value) {
        int p = offset;
        while ((value & ~0x7FL) != 0) {
            dst[p++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        dst[p++] = (byte) value;
        return p;
    }

    /**
     * Maps a signed value to an unsigned one so that small magnitudes stay small (protobuf's sint64, Go's
     * {@code binary.PutVarint}).
     *
     * @param value the signed value
     * @return the zigzag-encoded bits
     */
    public static long zigzag(long value) {
        return (value << 1) ^ (value >> 63);
    }

    /**
     * Undoes {@link #zigzag(long)}.
     *
     * @param bits the zigzag-encoded bits
     * @return the signed value
     */
    public static long unzigzag(long bits) {
        return (bits >>> 1) ^ -(bits & 1);
    }
}
