package dev.gopherlens.core.internal;

import dev.gopherlens.core.GoParseException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A {@link ByteInput} over an {@link InputStream}, buffered, for inputs read once from front to back (traces
 * larger than memory). A length read from the input never makes it allocate more than the bytes that actually
 * arrive: long byte fields grow as they are filled. Not thread-safe; closing it closes the stream.
 */
public final class StreamReader implements ByteInput, AutoCloseable {
    private static final int BUFFER_SIZE = 64 * 1024;
    /** The first chunk a long byte field is read into; it grows as bytes arrive, never ahead of them. */
    private static final int FIRST_CHUNK = 64 * 1024;

    private final String format;
    private final InputStream in;
    private final byte[] buf = new byte[BUFFER_SIZE];
    private int pos;
    private int count;
    /** The absolute offset of {@code buf[0]}. */
    private long bufStart;
    private boolean eof;

    private StreamReader(String format, InputStream in, long startOffset) {
        this.format = Objects.requireNonNull(format, "format");
        this.in = Objects.requireNonNull(in, "in");
        this.bufStart = startOffset;
    }

    /**
     * Reads a stream whose first byte is at offset 0.
     *
     * @param format the format name errors carry
     * @param in     the stream, owned by the reader from now on
     * @return the reader
     */
    public static StreamReader of(String format, InputStream in) {
        return new StreamReader(format, in, 0);
    }

    /**
     * Reads a stream whose first byte lies at an offset of a larger input.
     *
     * @param format      the format name errors carry
     * @param in          the stream, owned by the reader from now on
     * @param startOffset the absolute offset of the stream's first byte
     * @return the reader
     */
    public static StreamReader of(String format, InputStream in, long startOffset) {
        return new StreamReader(format, in, startOffset);
    }

    @Override
    public String format() {
        return format;
    }

    @Override
    public long offset() {
        return bufStart + pos;
    }

    @Override
    public boolean hasRemaining() throws IOException {
        return pos < count || fill() > 0;
    }

    /**
     * Reads more bytes after those buffered, keeping the unread ones.
     *
     * @return how many bytes are now buffered after the position; 0 at the end
     */
    private int fill() throws IOException {
        if (eof) {
            return count - pos;
        }
        if (pos > 0) {
            int keep = count - pos;
            System.arraycopy(buf, pos, buf, 0, keep);
            bufStart += pos;
            pos = 0;
            count = keep;
        }
        while (count < buf.length) {
            int n = in.read(buf, count, buf.length - count);
            if (n < 0) {
                eof = true;
                break;
            }
            if (n == 0) {
                // A stream that returns 0 without blocking would loop forever; read a single byte instead.
                int b = in.read();
                if (b < 0) {
                    eof = true;
                    break;
                }
                buf[count++] = (byte) b;
            } else {
                count += n;
            }
            if (count - pos >= Varint.MAX_LENGTH) {
                break;
            }
        }
        return count - pos;
    }

    /** Makes at least n (at most the buffer size) bytes available, or throws a truncation error. */
    private int ensure(int n, String what) throws IOException {
        if (count - pos < n && fill() < n) {
            throw GoParseException.truncated(format, offset(), what, n, count - pos);
        }
        int p = pos;
        pos = p + n;
        return p;
    }

    @Override
    public int u8() throws IOException {
        if (pos >= count && fill() == 0) {
            throw GoParseException.truncated(format, offset(), "u8", 1, 0);
        }
        return buf[pos++] & 0xff;
    }

    @Override
    public int u16le() throws IOException {
        int p = ensure(2, "u16");
        return (buf[p] & 0xff) | (buf[p + 1] & 0xff) << 8;
    }

    @Override
    public int u16be() throws IOException {
        int p = ensure(2, "u16");
        return (buf[p] & 0xff) << 8 | (buf[p + 1] & 0xff);
    }

    @Override
    public int i32le() throws IOException {
        int p = ensure(4, "u32");
        return (buf[p] & 0xff) | (buf[p + 1] & 0xff) << 8 | (buf[p + 2] & 0xff) << 16 | buf[p + 3] << 24;
    }

    @Override
    public int i32be() throws IOException {
        int p = ensure(4, "u32");
        return buf[p] << 24 | (buf[p + 1] & 0xff) << 16 | (buf[p + 2] & 0xff) << 8 | (buf[p + 3] & 0xff);
    }

    @Override
    public long i64le() throws IOException {
        long lo = Integer.toUnsignedLong(i32le());
        return lo | (long) i32le() << 32;
    }

    @Override
    public long i64be() throws IOException {
        long hi = i32be();
        return hi << 32 | Integer.toUnsignedLong(i32be());
    }

    @Override
    public long uvarint() throws IOException {
        if (count - pos < Varint.MAX_LENGTH) {
            fill();
        }
        int start = pos;
        int avail = count - pos;
        long result = 0;
        for (int i = 0, shift = 0; i < Varint.MAX_LENGTH; i++, shift += 7) {
            if (i >= avail) {
                throw GoParseException.truncated(format, bufStart + start, "varint", i + 1L, avail);
            }
            byte v = buf[start + i];
            result |= (long) (v & 0x7f) << shift;
            if (v >= 0) {
                if (i == Varint.MAX_LENGTH - 1 && v > 1) {
                    break;
                }
                pos = start + i + 1;
                return result;
            }
        }
        throw GoParseException.malformed(format, bufStart + start, "expected a varint of at most 64 bits (10 bytes)");
    }

    @Override
    public long sleb128() throws IOException {
        if (count - pos < Varint.MAX_LENGTH) {
            fill();
        }
        int start = pos;
        int avail = count - pos;
        long result = 0;
        for (int i = 0, shift = 0; i < Varint.MAX_LENGTH; i++, shift += 7) {
            if (i >= avail) {
                throw GoParseException.truncated(format, bufStart + start, "sleb128", i + 1L, avail);
            }
            byte v = buf[start + i];
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
        throw GoParseException.malformed(format, bufStart + start, "expected an sleb128 of at most 64 bits");
    }

    /**
     * Reads exactly {@code len} bytes into an array.
     *
     * @param dst where to put them
     * @param off the first index to fill
     * @param len how many bytes
     * @throws IOException if the stream ends first or fails
     */
    public void readFully(byte[] dst, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, dst.length);
        long start = offset();
        int done = 0;
        while (done < len) {
            if (pos >= count && fill() == 0) {
                throw GoParseException.truncated(format, start, "bytes", len, done);
            }
            int n = Math.min(len - done, count - pos);
            System.arraycopy(buf, pos, dst, off + done, n);
            pos += n;
            done += n;
        }
    }

    @Override
    public byte[] bytes(int n) throws IOException {
        if (n < 0) {
            throw GoParseException.truncated(format, offset(), "bytes", n, -1);
        }
        if (n <= FIRST_CHUNK) {
            byte[] out = new byte[n];
            readFully(out, 0, n);
            return out;
        }
        // A hostile length must not allocate ahead of the data: grow the array as bytes arrive.
        long start = offset();
        byte[] out = new byte[FIRST_CHUNK];
        int done = 0;
        while (done < n) {
            if (done == out.length) {
                out = Arrays.copyOf(out, (int) Math.min(n, 2L * out.length));
            }
            if (pos >= count && fill() == 0) {
                throw GoParseException.truncated(format, start, "bytes", n, done);
            }
            int k = Math.min(out.length - done, count - pos);
            System.arraycopy(buf, pos, out, done, k);
            pos += k;
            done += k;
        }
        return out;
    }

    @Override
    public String string(int n) throws IOException {
        return new String(bytes(n), StandardCharsets.UTF_8);
    }

    @Override
    public String cstring(int maxLength) throws IOException {
        long start = offset();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        while (true) {
            if (pos >= count && fill() == 0) {
                throw GoParseException.truncated(format, start, "NUL-terminated string", out.size() + 1L, out.size());
            }
            byte b = buf[pos++];
            if (b == 0) {
                return out.toString(StandardCharsets.UTF_8);
            }
            if (out.size() == maxLength) {
                throw GoParseException.limitExceeded(format, start, "maxStringLength", maxLength + 1L, maxLength);
            }
            out.write(b);
        }
    }

    @Override
    public void skip(long n) throws IOException {
        if (n < 0) {
            throw GoParseException.truncated(format, offset(), "skip", n, -1);
        }
        long start = offset();
        long left = n;
        while (left > 0) {
            if (pos >= count && fill() == 0) {
                throw GoParseException.truncated(format, start, "skip", n, n - left);
            }
            int k = (int) Math.min(left, count - pos);
            pos += k;
            left -= k;
        }
    }

    /**
     * Closes the stream.
     *
     * @throws IOException if closing fails
     */
    @Override
    public void close() throws IOException {
        in.close();
    }

    /** {@return the format and position, for debugging} */
    @Override
    public String toString() {
        return "StreamReader[" + format + " at 0x" + Long.toHexString(offset()) + "]";
    }
}
