package dev.gopherlens.trace.internal.v2;

import dev.gopherlens.core.GoParseException;

import java.io.IOException;
import java.io.InputStream;

/**
 * The trace file as a byte stream with its absolute offset: what reading batches needs, and no more. Reads ahead
 * in 64 KiB blocks, so a multi-gigabyte trace streams through a fixed buffer; a trace already in an array is read
 * in place, and its batches can be taken without a copy ({@link #take}).
 */
final class WireInput {
    static final String FORMAT = "trace";
    /** The stream, or null when the whole trace is {@link #buf}. */
    private final InputStream in;
    private final byte[] buf;
    private int pos;
    private int end;
    private long base;

    WireInput(InputStream in, long startOffset) {
        this.in = in;
        this.buf = new byte[64 << 10];
        this.base = startOffset;
    }

    /**
     * Reads a trace in an array, in place.
     *
     * @param array       the bytes; not copied, not to be changed while read
     * @param from        the index of the first byte to read
     * @param to          the index past the last
     * @param startOffset the file offset of {@code array[from]}
     */
    WireInput(byte[] array, int from, int to, long startOffset) {
        this.in = null;
        this.buf = array;
        this.pos = from;
        this.end = to;
        this.base = startOffset - from;
    }

    /** {@return the array the whole trace is in, or null when it is read from a stream} */
    byte[] array() {
        return in == null ? buf : null;
    }

    /**
     * Skips over bytes of a trace in an array, for the caller to read there.
     *
     * @param len how many
     * @return the index in {@link #array()} of the first, or -1 (nothing skipped) if fewer remain
     */
    int take(int len) {
        if (in != null || end - pos < len) {
            return -1;
        }
        int at = pos;
        pos += len;
        return at;
    }

    /** {@return the absolute offset of the next byte} */
    long offset() {
        return base + pos;
    }

    private boolean fill() throws IOException {
        if (pos < end) {
            return true;
        }
        if (in == null) {
            return false;
        }
        base += end;
        pos = 0;
        end = 0;
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        end = n;
        return true;
    }

    /** {@return the next byte, or -1 at the end} */
    int read() throws IOException {
        if (pos == end && !fill()) {
            return -1;
        }
        return buf[pos++] & 0xFF;
    }

    /**
     * Reads an unsigned LEB128 varint as Go's {@code binary.ReadUvarint} does: overlong forms accepted, an eleventh
     * byte or a tenth above 1 rejected.
     *
     * @param what what the varint is, for errors
     * @return the value's 64 bits
     */
    long uvarint(String what) throws IOException {
        long start = offset();
        long x = 0;
        int shift = 0;
        for (int i = 0; ; i++) {
            int b = read();
            if (b < 0) {
                throw GoParseException.truncated(FORMAT, offset(), "error reading " + what + ": "
                        + (i == 0 ? "EOF" : "unexpected EOF"), 1, 0);
            }
            if (i == 9 && b > 1) {
                throw GoParseException.malformed(FORMAT, start, "error reading " + what
                        + ": varint overflows a 64-bit integer");
            }
            if (b < 0x80) {
                return x | ((long) b << shift);
            }
            x |= (long) (b & 0x7F) << shift;
            shift += 7;
        }
    }

    /**
     * Copies bytes into an array.
     *
     * @param dst where to
     * @param off from which index
     * @param len how many
     * @return how many were copied, short only at the end of input
     */
    int readFully(byte[] dst, int off, int len) throws IOException {
        int done = 0;
        while (done < len) {
            if (pos == end && !fill()) {
                break;
            }
            int n = Math.min(len - done, end - pos);
            System.arraycopy(buf, pos, dst, off + done, n);
            pos += n;
            done += n;
        }
        return done;
    }
}
