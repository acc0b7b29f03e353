package dev.gopherlens.pclntab.internal.dwarf;

import dev.gopherlens.core.GoParseException;

import java.nio.charset.StandardCharsets;

/**
 * A bounds-checked cursor over one DWARF section: every read past {@code limit} is a {@link GoParseException} that
 * names the section and the offset in it. Not thread-safe; cheap to make, one per walk.
 */
final class DwarfInput {
    private static final java.lang.invoke.VarHandle LONG_LE = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    static final String FORMAT = "dwarf";

    private final byte[] b;
    private final String section;
    private final boolean bigEndian;
    int pos;
    int limit;

    DwarfInput(byte[] b, String section, boolean bigEndian, int pos, int limit) {
        this.b = b;
        this.section = section;
        this.bigEndian = bigEndian;
        this.pos = pos;
        this.limit = limit;
    }

    byte[] bytes() {
        return b;
    }

    String section() {
        return section;
    }

    boolean bigEndian() {
        return bigEndian;
    }

    GoParseException error(long offset, String expected) {
        return GoParseException.malformed(FORMAT, offset, section + ": expected " + expected);
    }

    private void need(int n, String what) throws GoParseException {
        if (n < 0 || pos < 0 || n > limit - pos) {
            throw GoParseException.truncated(FORMAT, Math.max(0, pos), section + " " + what, n,
                    Math.max(0, limit - pos));
        }
    }

    int u8() throws GoParseException {
        need(1, "byte");
        return b[pos++] & 0xff;
    }

    int u16() throws GoParseException {
        need(2, "u16");
        int v = bigEndian ? (b[pos] & 0xff) << 8 | (b[pos + 1] & 0xff) : (b[pos] & 0xff) | (b[pos + 1] & 0xff) << 8;
        pos += 2;
        return v;
    }

    long u32() throws GoParseException {
        return unsigned(4);
    }

    long u64() throws GoParseException {
        return unsigned(8);
    }

    /** An unsigned little- or big-endian value of 1 to 8 bytes (8 bytes wrap into the sign bit). */
    long unsigned(int size) throws GoParseException {
        if (size < 0 || pos < 0 || size > limit - pos) {
            need(size, size + "-byte value"); // the message is built only when it is needed
        }
        long v = 0;
        if (bigEndian) {
            for (int i = 0; i < size; i++) {
                v = v << 8 | (b[pos + i] & 0xff);
            }
        } else {
            for (int i = size - 1; i >= 0; i--) {
                v = v << 8 | (b[pos + i] & 0xff);
            }
        }
        pos += size;
        return v;
    }

    long uleb() throws GoParseException {
        long v = 0;
        int start = pos;
        for (int shift = 0; shift < 70; shift += 7) {
            int c = u8();
            if (shift < 64) {
                v |= (long) (c & 0x7f) << shift;
            }
            if ((c & 0x80) == 0) {
                return v;
            }
        }
        throw error(start, "an unsigned LEB128 of at most 10 bytes");
    }

    long sleb() throws GoParseException {
        long v = 0;
        int shift = 0;
        int start = pos;
        while (shift < 70) {
            int c = u8();
            if (shift < 64) {
                v |= (long) (c & 0x7f) << shift;
            }
            shift += 7;
            if ((c & 0x80) == 0) {
                if (shift < 64 && (c & 0x40) != 0) {
                    v |= -1L << shift;
                }
                return v;
            }
        }
        throw error(start, "a signed LEB128 of at most 10 bytes");
    }

    /** A ULEB128 that must fit an int of at most {@code max}: a count or a length. */
    int ulebInt(long max, String what) throws GoParseException {
        int start = pos;
        long v = uleb();
        if (v < 0 || v > max) {
            throw error(start, what + " of at most " + max + ", found " + Long.toUnsignedString(v));
        }
        return (int) v;
    }

    void skip(long n) throws GoParseException {
        if (n < 0 || n > limit - pos) {
            throw GoParseException.truncated(FORMAT, Math.max(0, pos), section + " bytes", n, Math.max(0, limit - pos));
        }
        pos += (int) n;
    }

    /** Skips a NUL-terminated string and returns its length without the NUL. */
    int skipCString() throws GoParseException {
        int start = pos;
        int p = pos;
        // Eight bytes at a time while a whole word fits: entry names are most of what a walk over .debug_info
        // passes over. A word has a zero byte where (w - 0x01..01) & ~w & 0x80..80 is not zero (lowest one exact).
        while (p <= limit - 8) {
            long w = (long) LONG_LE.get(b, p);
            long z = (w - 0x0101_0101_0101_0101L) & ~w & 0x8080_8080_8080_8080L;
            if (z != 0) {
                p += Long.numberOfTrailingZeros(z) >>> 3;
                pos = p + 1;
                return p - start;
            }
            p += 8;
        }
        while (p < limit && b[p] != 0) {
            p++;
        }
        if (p >= limit) {
            throw GoParseException.truncated(FORMAT, start, section + " NUL-terminated string", p - start + 1L,
                    p - start);
        }
        pos = p + 1;
        return p - start;
    }

    String cstring() throws GoParseException {
        int start = pos;
        int n = skipCString();
        return new String(b, start, n, StandardCharsets.UTF_8);
    }
}
