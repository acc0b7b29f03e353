package dev.gopherlens.core.internal;

import dev.gopherlens.core.GoParseException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A {@link ByteInput} over a {@link ByteBuffer}: heap, direct or memory-mapped, for random access into inputs
 * that are not copied into an array (binaries and core dumps). Reads by absolute index, so the buffer's own
 * position is never moved. Not thread-safe.
 */
public final class BufferReader implements ByteInput {
    private final String format;
    private final ByteBuffer le;
    private final ByteBuffer be;
    private final long base;
    private int pos;
    private int limit;

    private BufferReader(String format, ByteBuffer buffer, long startOffset) {
        this.format = Objects.requireNonNull(format, "format");
        ByteBuffer window = buffer.slice();
        this.le = window.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        this.be = window.duplicate().order(ByteOrder.BIG_ENDIAN);
        this.base = startOffset;
        this.pos = 0;
        this.limit = window.remaining();
    }

    /**
     * Reads the remaining bytes of a buffer; its position is offset 0.
     *
     * @param format the format name errors carry
     * @param buffer the buffer; shared, not modified
     * @return the reader
     */
    public static BufferReader of(String format, ByteBuffer buffer) {
        return new BufferReader(format, buffer, 0);
    }

    /**
     * Reads the remaining bytes of a buffer whose position lies at an offset of a larger input.
     *
     * @param format      the format name errors carry
     * @param buffer      the buffer; shared, not modified
     * @param startOffset the absolute offset of the buffer's position
     * @return the reader
     */
    public static BufferReader of(String format, ByteBuffer buffer, long startOffset) {
        return new BufferReader(format, buffer, startOffset);
    }

    @Override
    public String format() {
        return format;
    }

    @Override
    public long offset() {
        return base + pos;
    }

    /** {@return the position relative to the start of the buffer} */
    public int position() {
        return pos;
    }

    /**
     * Moves to a position relative to the start of the buffer.
     *
     * @param index the new position, at most the limit
     * @throws GoParseException if the position lies outside the buffer
     */
    public void position(long index) throws GoParseException {
        if (index < 0 || index > limit) {
            throw GoParseException.truncated(format, base + Math.max(0, Math.min(index, limit)), "seek",
                    index - pos, limit - pos);
        }
        pos = (int) index;
    }

    /** {@return how many bytes remain} */
    public int remaining() {
        return limit - pos;
    }

    @Override
    public boolean hasRemaining() {
        return pos < limit;
    }

    private int take(int n, String what) throws GoParseException {
        if (n > limit - pos) {
            throw GoParseException.truncated(format, offset(), what, n, limit - pos);
        }
        int p = pos;
        pos = p + n;
        return p;
    }

    @Override
    public int u8() throws GoParseException {
        return le.get(take(1, "u8")) & 0xff;
    }

    @Override
    public int u16le() throws GoParseException {
        return le.getShort(take(2, "u16")) & 0xffff;
    }

    @Override
    public int u16be() throws GoParseException {
        return be.getShort(take(2, "u16")) & 0xffff;
    }

    @Override
    public int i32le() throws GoParseException {
        return le.getInt(take(4, "u32"));
    }

    @Override
    public int i32be() throws GoParseException {
        return be.getInt(take(4, "u32"));
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
        return le.getLong(take(8, "u64"));
    }

    @Override
    public long i64be() throws GoParseException {
        return be.getLong(take(8, "u64"));
    }

    @Override
    public long uvarint() throws GoParseException {
        int start = pos;
        long result = 0;
        for (int i = 0, shift = 0; i < Varint.MAX_LENGTH; i++, shift += 7) {
            if (start + i >= limit) {
                throw GoParseException.truncated(format, base + start, "varint", i + 1L, limit - start);
            }
            byte v = le.get(start + i);
            result |= (long) (v & 0x7f) << shift;
            if (v >= 0) {
                if (i == Varint.MAX_LENGTH - 1 && v > 1) {
                    break;
                }
                pos = start + i + 1;
                return result;
            }
        }
        throw GoParseException.malformed(format, base + start, "expected a varint of at most 64 bits (10 bytes)");
    }

    @Override
    public long sleb128() throws GoParseException {
        int start = pos;
        long result = 0;
        for (int i = 0, shift = 0; i < Varint.MAX_LENGTH; i++, shift += 7) {
            if (start + i >= limit) {
                throw GoParseException.truncated(format, base + start, "sleb128", i + 1L, limit - start);
            }
            byte v = le.get(start + i);
            if (shift == 63 && v != 0 && v != 0x7f) {
                break;
            }
            result |= (long) (v & 0x7f) << shift;
            if (v >= 0) {
                if (shift + 7 < 64 && (v & 0x40) != 0) {
                    result |= -1L << (shift + 7);
                }
                pos = start + i + 1;
                return result;
            }
        }
        throw GoParseException.malformed(format, base + start, "expected an sleb128 of at most 64 bits");
    }

    @Override
    public byte[] bytes(int n) throws GoParseException {
        if (n < 0) {
            throw GoParseException.truncated(format, offset(), "bytes", n, limit - pos);
        }
        int p = take(n, "bytes");
        byte[] out = new byte[n];
        le.get(p, out, 0, n);
        return out;
    }

    @Override
    public String string(int n) throws GoParseException {
        return new String(bytes(n), StandardCharsets.UTF_8);
    }

    @Override
    public String cstring(int maxLength) throws GoParseException {
        int stop = (int) Math.min(limit, (long) pos + maxLength + 1);
        for (int i = pos; i < stop; i++) {
            if (le.get(i) == 0) {
                String s = string(i - pos);
                pos++;
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
        if (n < 0 || n > limit - pos) {
            throw GoParseException.truncated(format, offset(), "skip", n, limit - pos);
        }
        pos += (int) n;
    }

    /** {@return the format and position, for debugging} */
    @Override
    public String toString() {
        return "BufferReader[" + format + " at 0x" + Long.toHexString(offset()) + ", " + remaining() + " remain]";
    }
}
