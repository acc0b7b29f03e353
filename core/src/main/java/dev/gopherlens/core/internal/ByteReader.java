package dev.gopherlens.core.internal;

import dev.gopherlens.core.GoParseException;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The fast {@link ByteInput}: a window of a {@code byte[]} with a position and a limit, for decoders' hot loops.
 *
 * <p>The limit can be narrowed for the span of one length-delimited record ({@link #pushLimit(long)} /
 * {@link #popLimit(int)}), as protobuf's {@code CodedInputStream} does, so nested records decode without copying
 * or allocating. Offsets in errors are absolute: the reader knows the offset of its window in the original input.
 * Not thread-safe; the array is shared, not copied.
 */
public final class ByteReader implements ByteInput {
    private static final VarHandle I16_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I16_BE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle I32_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle I64_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final String format;
    private final byte[] buf;
    /** The absolute offset of {@code buf[0]} in the original input; may be negative for a window. */
    private final long base;
    private final int end;
    private int pos;
    private int limit;

    private ByteReader(String format, byte[] buf, int from, int to, long base) {
        this.format = Objects.requireNonNull(format, "format");
        this.buf = buf;
        this.pos = from;
        this.limit = to;
        this.end = to;
        this.base = base;
    }

    /**
     * Reads a whole array, whose first byte is at offset 0.
     *
     * @param format the format name errors carry
     * @param bytes  the bytes, not copied
     * @return the reader
     */
    public static ByteReader of(String format, byte[] bytes) {
        return new ByteReader(format, bytes, 0, bytes.length, 0);
    }

    /**
     * Reads part of an array.
     *
     * @param format      the format name errors carry
     * @param bytes       the bytes, not copied
     * @param from        the first index to read
     * @param to          the index after the last one to read
     * @param startOffset the absolute offset of {@code bytes[from]} in the original input
     * @return the reader
     * @throws IndexOutOfBoundsException if from and to are not a range of the array
     */
    public static ByteReader of(String format, byte[] bytes, int from, int to, long startOffset) {
        Objects.checkFromToIndex(from, to, bytes.length);
        return new ByteReader(format, bytes, from, to, startOffset - from);
    }

    /**
     * Reads the remaining bytes of a buffer, without copying when it has an accessible array.
     *
     * @param format the format name errors carry
     * @param buffer the buffer; its position is the offset 0 of the input; not modified
     * @return the reader
     */
    public static ByteReader of(String format, ByteBuffer buffer) {
        if (buffer.hasArray()) {
            int from = buffer.arrayOffset() + buffer.position();
            return new ByteReader(format, buffer.array(), from, from + buffer.remaining(), -from);
        }
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return of(format, copy);
    }

    @Override
    public String format() {
        return format;
    }

    /** {@return the backing array, for decoders that index it directly} */
    public byte[] array() {
        return buf;
    }

    /** {@return the index in {@link #array()} of the next byte} */
    public int position() {
        return pos;
    }

    /** {@return the index in {@link #array()} after the last readable byte under the current limit} */
    public int limit() {
        return limit;
    }

    /**
     * Moves to an index of {@link #array()} within the window.
     *
     * @param index the new position, between the window's start and the current limit
     * @throws GoParseException if the index lies past the limit
     */
    public void position(int index) throws GoParseException {
        if (index < 0 || index > limit) {
            throw GoParseException.truncated(format, base + Math.max(0, Math.min(index, limit)), "seek",
                    (long) index - pos, limit - pos);
        }
        pos = index;
    }

    /**
     * Converts an index of {@link #array()} to an absolute offset.
     *
     * @param index an index of the array
     * @return the absolute offset in the original input
     */
    public long offsetOf(int index) {
        return base + index;
    }

    @Override
    public long offset() {
        return base + pos;
    }

    /** {@return how many bytes remain before the current limit} */
    public int remaining() {
        return limit - pos;
    }

    @Override
    public boolean hasRemaining() {
        return pos < limit;
    }

    /**
     * Moves the reader to another part of its array, as {@link #position(int)} and a new limit in one step, so
     * that a decoder can revisit records it indexed earlier without allocating a reader for each.
     *
     * @param from the new position
     * @param to   the new limit
     * @throws GoParseException if the range is not within the reader's array window
     */
    public void window(int from, int to) throws GoParseException {
        if (from < 0 || from > to || to > end) {
            throw GoParseException.truncated(format, base + Math.max(0, Math.min(from, end)), "record",
                    (long) to - from, Math.max(0, end - from));
        }
        pos = from;
        limit = to;
    }

    /**
     * Narrows the limit to the next {@code length} bytes, for one length-delimited record.
     *
     * @param length the record's declared length
     * @return the previous limit, to be given to {@link #popLimit(int)}
     * @throws GoParseException if fewer than length bytes remain
     */
    public int pushLimit(long length) throws GoParseException {
        if (length < 0 || length > limit - pos) {
            throw GoParseException.truncated(format, offset(), "record of " + length + " bytes", length, limit - pos);
        }
        int old = limit;
        limit = pos + (int) length;
        return old;
    }

    /**
     * Restores the limit that {@link #pushLimit(long)} returned.
     *
     * @param oldLimit the previous limit
     */
    public void popLimit(int oldLimit) {
        limit = oldLimit;
    }

    /**
     * Returns a reader of the next {@code length} bytes, sharing the array, and skips them here.
     *
     * @param length how many bytes
     * @return the sub-reader, whose offsets stay absolute
     * @throws GoParseException if fewer than length bytes remain
     */
    public ByteReader slice(long length) throws GoParseException {
        require(length, "slice");
        int from = pos;
        pos += (int) length;
        return new ByteReader(format, buf, from, pos, base);
    }

    private void require(long n, String what) throws GoParseException {
        if (n < 0 || n > limit - pos) {
            throw GoParseException.truncated(format, offset(), what, n, limit - pos);
        }
    }

    @Override
    public int u8() throws GoParseException {
        if (pos >= limit) {
            throw GoParseException.truncated(format, offset(), "u8", 1, 0);
        }
        return buf[pos++] & 0xff;
    }

    @Override
    public int u16le() throws GoParseException {
        require(2, "u16");
        int v = (short) I16_LE.get(buf, pos) & 0xffff;
        pos += 2;
        return v;
    }

    @Override
    public int u16be() throws GoParseException {
        require(2, "u16");
        int v = (short) I16_BE.get(buf, pos) & 0xffff;
        pos += 2;
        return v;
    }

    @Override
    public int i32le() throws GoParseException {
        require(4, "u32");
        int v = (int) I32_LE.get(buf, pos);
        pos += 4;
        return v;
    }

    @Override
    public int i32be() throws GoParseException {
        require(4, "u32");
        int v = (int) I32_BE.get(buf, pos);
        pos += 4;
        return v;
    }

    @Override
    public long u32le() throws GoParseException {
        return Integer.toUnsignedLong(i32le());
    }

    @Override
    public long u32be() throws GoParseException {
        return Integer.toUnsignedLong(i32be());
    }

    @Override
    public long i64le() throws GoParseException {
        require(8, "u64");
        long v = (long) I64_LE.get(buf, pos);
        pos += 8;
        return v;
    }

    @Override
    public long i64be() throws GoParseException {
        require(8, "u64");
        long v = (long) I64_BE.get(buf, pos);
        pos += 8;
        return v;
    }

    /**
     * Reads a little-endian 32-bit integer at an absolute index of {@link #array()} without moving.
     *
     * @param index the index in the array
     * @return its bits
     * @throws GoParseException if the four bytes are not all within the window
     */
    public int i32leAt(int index) throws GoParseException {
        if (index < 0 || index > end - 4) {
            throw GoParseException.truncated(format, base + Math.max(0, Math.min(index, end)), "u32", 4,
                    Math.max(0, end - index));
        }
        return (int) I32_LE.get(buf, index);
    }

    // Implementation note: the fast path reads without a per-byte bound check when ten bytes remain; the
    // one-byte case is first because most varints in profiles and traces are small. Measured by VarintBenchmark.
    @Override
    public long uvarint() throws GoParseException {
        int p = pos;
        final byte[] b = buf;
        // A one-byte varint needs only one byte left: test it before the ten-byte fast path, so that small
        // values at the end of a record do not fall to the slow path.
        if (p < limit && b[p] >= 0) {
            pos = p + 1;
            return b[p];
        }
        // So is a two-byte one: the ids and line numbers in small records, where fewer than ten bytes are left.
        if (limit - p >= 2 && b[p + 1] >= 0) {
            pos = p + 2;
            return b[p] & 0x7f | b[p + 1] << 7;
        }
        if (limit - p >= Varint.MAX_LENGTH) {
            byte first = b[p];
            long result = first & 0x7f;
            for (int i = 1, shift = 7; i < Varint.MAX_LENGTH; i++, shift += 7) {
                byte v = b[p + i];
                result |= (long) (v & 0x7f) << shift;
                if (v >= 0) {
                    if (i == Varint.MAX_LENGTH - 1 && v > 1) {
                        throw overflow(p);
                    }
                    pos = p + i + 1;
                    return result;
                }
            }
            throw overflow(p);
        }
        return uvarintSlow();
    }

    private long uvarintSlow() throws GoParseException {
        int p = pos;
        long result = 0;
        for (int i = 0, shift = 0; i < Varint.MAX_LENGTH; i++, shift += 7) {
            if (p + i >= limit) {
                throw GoParseException.truncated(format, base + p, "varint", i + 1L, limit - p);
            }
            byte v = buf[p + i];
            result |= (long) (v & 0x7f) << shift;
            if (v >= 0) {
                if (i == Varint.MAX_LENGTH - 1 && v > 1) {
                    throw overflow(p);
                }
                pos = p + i + 1;
                return result;
            }
        }
        throw overflow(p);
    }

    private GoParseException overflow(int p) {
        return GoParseException.malformed(format, base + p, "expected a varint of at most 64 bits (10 bytes)");
    }

    @Override
    public long sleb128() throws GoParseException {
        long result = 0;
        int shift = 0;
        int start = pos;
        while (true) {
            if (pos >= limit) {
                throw GoParseException.truncated(format, base + start, "sleb128", pos - start + 1L, limit - start);
            }
            byte v = buf[pos++];
            if (shift == 63 && v != 0 && v != 0x7f) {
                throw GoParseException.malformed(format, base + start, "expected an sleb128 of at most 64 bits");
            }
            result |= (long) (v & 0x7f) << shift;
            shift += 7;
            if (v >= 0) {
                if (shift < 64 && (v & 0x40) != 0) {
                    result |= -1L << shift;
                }
                return result;
            }
        }
    }

    @Override
    public byte[] bytes(int n) throws GoParseException {
        require(n, "bytes");
        byte[] out = new byte[n];
        System.arraycopy(buf, pos, out, 0, n);
        pos += n;
        return out;
    }

    @Override
    public String string(int n) throws GoParseException {
        require(n, "string");
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    @Override
    public String cstring(int maxLength) throws GoParseException {
        int stop = (int) Math.min(limit, (long) pos + maxLength + 1);
        for (int i = pos; i < stop; i++) {
            if (buf[i] == 0) {
                String s = new String(buf, pos, i - pos, StandardCharsets.UTF_8);
                pos = i + 1;
                return s;
            }
        }
        if (stop == limit) {
            throw GoParseException.truncated(format, offset(), "NUL-terminated string", stop - pos + 1L,
                    limit - pos);
        }
        throw GoParseException.limitExceeded(format, offset(), "maxStringLength", maxLength + 1L, maxLength);
    }

    @Override
    public void skip(long n) throws GoParseException {
        require(n, "skip");
        pos += (int) n;
    }

    /** {@return the format, the window's offsets and the position, for debugging} */
    @Override
    public String toString() {
        return "ByteReader[" + format + " at 0x" + Long.toHexString(offset()) + ", " + remaining() + " remain]";
    }
}
