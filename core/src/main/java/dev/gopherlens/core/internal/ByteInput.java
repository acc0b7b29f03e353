package dev.gopherlens.core.internal;

import dev.gopherlens.core.GoParseException;

/**
 * A bounds-checked reader of bytes: fixed-width integers in either byte order, varints, strings. Every read past
 * the end throws a {@link dev.gopherlens.core.TruncatedInputException} naming the offset; malformed varints throw
 * {@link GoParseException}; nothing throws an index or buffer exception.
 *
 * <p>Three implementations share this contract: {@link ByteReader} over a {@code byte[]} (the hot one),
 * {@link BufferReader} over a {@link java.nio.ByteBuffer} (heap, direct or memory-mapped) and {@link StreamReader}
 * over an {@link java.io.InputStream}. Decoders that need speed use the concrete class; this interface serves
 * code and tests that work over all of them. Instances are not thread-safe.
 */
public sealed interface ByteInput permits ByteReader, BufferReader, StreamReader {

    /** {@return the format name that errors from this reader carry} */
    String format();

    /** {@return the absolute offset of the next byte in the original input} */
    long offset();

    /**
     * Tells whether at least one more byte can be read.
     *
     * @return true if a byte remains
     * @throws java.io.IOException if the underlying stream fails
     */
    boolean hasRemaining() throws java.io.IOException;

    /**
     * Reads an unsigned byte.
     *
     * @return 0 to 255
     * @throws java.io.IOException if the input ends or fails
     */
    int u8() throws java.io.IOException;

    /**
     * Reads an unsigned little-endian 16-bit integer.
     *
     * @return 0 to 65535
     * @throws java.io.IOException if the input ends or fails
     */
    int u16le() throws java.io.IOException;

    /**
     * Reads an unsigned big-endian 16-bit integer.
     *
     * @return 0 to 65535
     * @throws java.io.IOException if the input ends or fails
     */
    int u16be() throws java.io.IOException;

    /**
     * Reads a little-endian 32-bit integer.
     *
     * @return its bits as an int
     * @throws java.io.IOException if the input ends or fails
     */
    int i32le() throws java.io.IOException;

    /**
     * Reads a big-endian 32-bit integer.
     *
     * @return its bits as an int
     * @throws java.io.IOException if the input ends or fails
     */
    int i32be() throws java.io.IOException;

    /**
     * Reads a little-endian 64-bit integer.
     *
     * @return its bits as a long
     * @throws java.io.IOException if the input ends or fails
     */
    long i64le() throws java.io.IOException;

    /**
     * Reads a big-endian 64-bit integer.
     *
     * @return its bits as a long
     * @throws java.io.IOException if the input ends or fails
     */
    long i64be() throws java.io.IOException;

    /**
     * Reads an unsigned little-endian 32-bit integer.
     *
     * @return 0 to 2^32-1
     * @throws java.io.IOException if the input ends or fails
     */
    default long u32le() throws java.io.IOException {
        return Integer.toUnsignedLong(i32le());
    }

    /**
     * Reads an unsigned big-endian 32-bit integer.
     *
     * @return 0 to 2^32-1
     * @throws java.io.IOException if the input ends or fails
     */
    default long u32be() throws java.io.IOException {
        return Integer.toUnsignedLong(i32be());
    }

    /**
     * Reads an unsigned LEB128 varint of at most 64 bits (Go's {@code binary.Uvarint}, protobuf's varint): at most
     * ten bytes, the tenth no more than 1.
     *
     * @return the value's 64 bits
     * @throws java.io.IOException if the input ends, fails, or the varint overflows 64 bits
     */
    long uvarint() throws java.io.IOException;

    /**
     * Reads an unsigned varint that must fit in 32 bits.
     *
     * @return the value's 32 bits as an int
     * @throws java.io.IOException if the input ends, fails, or the value exceeds 2^32-1
     */
    default int uvarint32() throws java.io.IOException {
        long start = offset();
        long v = uvarint();
        if ((v >>> 32) != 0) {
            throw GoParseException.malformed(format(), start,
                    "expected a varint of at most 32 bits, found " + Long.toUnsignedString(v));
        }
        return (int) v;
    }

    /**
     * Reads a zigzag-encoded signed varint (Go's {@code binary.Varint}, protobuf's sint64).
     *
     * @return the signed value
     * @throws java.io.IOException if the input ends, fails, or the varint overflows 64 bits
     */
    default long varint() throws java.io.IOException {
        return Varint.unzigzag(uvarint());
    }

    /**
     * Reads a signed LEB128 value (DWARF's sleb128): two's complement, sign-extended from the last byte.
     *
     * @return the signed value
     * @throws java.io.IOException if the input ends, fails, or the value overflows 64 bits
     */
    long sleb128() throws java.io.IOException;

    /**
     * Reads {@code n} bytes into a new array, checking first that they exist.
     *
     * @param n how many bytes
     * @return the bytes
     * @throws java.io.IOException if fewer than n bytes remain, or the input fails
     */
    byte[] bytes(int n) throws java.io.IOException;

    /**
     * Reads {@code n} bytes as UTF-8 text; malformed sequences become U+FFFD.
     *
     * @param n how many bytes
     * @return the text
     * @throws java.io.IOException if fewer than n bytes remain, or the input fails
     */
    String string(int n) throws java.io.IOException;

    /**
     * Reads UTF-8 text up to a NUL byte, which is consumed and not returned.
     *
     * @param maxLength the most bytes before the NUL
     * @return the text
     * @throws java.io.IOException if no NUL comes within maxLength bytes or before the end
     */
    String cstring(int maxLength) throws java.io.IOException;

    /**
     * Skips {@code n} bytes, checking first that they exist.
     *
     * @param n how many bytes, not negative
     * @throws java.io.IOException if fewer than n bytes remain, or the input fails
     */
    void skip(long n) throws java.io.IOException;
}
