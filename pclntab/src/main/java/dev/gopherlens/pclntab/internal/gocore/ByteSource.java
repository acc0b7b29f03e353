package dev.gopherlens.pclntab.internal.gocore;

import dev.gopherlens.core.GoParseException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * The bytes of a file read by absolute offset: one buffer, or a plain file mapped in windows so that a core larger
 * than one buffer (2 GiB) can be read without holding it on the heap. Little-endian fixed-width reads are
 * bounds-checked and throw {@link GoParseException} naming the offset. Thread-safe: only absolute reads, which do
 * not move any buffer's position.
 */
public final class ByteSource {
    /** The window size of a mapped file; a power of two so that an offset splits by shift and mask. */
    private static final int WINDOW_SHIFT = 30;
    private static final long WINDOW = 1L << WINDOW_SHIFT;

    private final String format;
    private final ByteBuffer[] windows;
    private final long size;

    private ByteSource(String format, ByteBuffer[] windows, long size) {
        this.format = format;
        this.windows = windows;
        this.size = size;
    }

    /**
     * Reads a buffer's remaining bytes; offset 0 is its position. Not copied.
     *
     * @param format the format name errors carry
     * @param buffer the bytes
     * @return the source
     */
    public static ByteSource of(String format, ByteBuffer buffer) {
        Objects.requireNonNull(format, "format");
        ByteBuffer b = buffer.slice().order(ByteOrder.LITTLE_ENDIAN);
        if (b.capacity() <= WINDOW) {
            return new ByteSource(format, new ByteBuffer[] {b}, b.capacity());
        }
        int n = (int) ((b.capacity() + WINDOW - 1) >>> WINDOW_SHIFT);
        ByteBuffer[] w = new ByteBuffer[n];
        for (int i = 0; i < n; i++) {
            int start = (int) (i * WINDOW);
            w[i] = b.slice(start, (int) Math.min(WINDOW, b.capacity() - start)).order(ByteOrder.LITTLE_ENDIAN);
        }
        return new ByteSource(format, w, b.capacity());
    }

    /**
     * Maps a plain (uncompressed) file read-only, in 1 GiB windows.
     *
     * @param format the format name errors carry
     * @param path   the file
     * @return the source
     * @throws IOException if the file cannot be mapped
     */
    public static ByteSource map(String format, Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            int n = (int) ((size + WINDOW - 1) >>> WINDOW_SHIFT);
            ByteBuffer[] w = new ByteBuffer[Math.max(1, n)];
            if (n == 0) {
                w[0] = ByteBuffer.allocate(0);
            }
            for (int i = 0; i < n; i++) {
                long start = i * WINDOW;
                MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_ONLY, start, Math.min(WINDOW, size - start));
                w[i] = m.order(ByteOrder.LITTLE_ENDIAN);
            }
            return new ByteSource(format, w, size);
        }
    }

    /** {@return the number of bytes} */
    public long size() {
        return size;
    }

    /** {@return the format name errors carry} */
    public String format() {
        return format;
    }

    /**
     * Tells whether a range lies inside the source.
     *
     * @param offset the first byte
     * @param length the number of bytes
     * @return whether all of them exist
     */
    public boolean contains(long offset, long length) {
        return offset >= 0 && length >= 0 && offset <= size && length <= size - offset;
    }

    /**
     * Checks that a range lies inside the source.
     *
     * @param offset the first byte
     * @param length the number of bytes
     * @param what   the element, for the error
     * @throws GoParseException if it does not
     */
    public void check(long offset, long length, String what) throws GoParseException {
        if (!contains(offset, length)) {
            throw GoParseException.truncated(format, Math.max(0, offset), what, length,
                    Math.max(0, size - Math.max(0, offset)));
        }
    }

    /**
     * Copies bytes out.
     *
     * @param offset the first byte
     * @param dst    the destination
     * @param off    where in it
     * @param length how many
     * @param what   the element, for the error
     * @throws GoParseException if the range is not inside the source
     */
    public void read(long offset, byte[] dst, int off, int length, String what) throws GoParseException {
        check(offset, length, what);
        long p = offset;
        int done = 0;
        while (done < length) {
            ByteBuffer w = windows[(int) (p >>> WINDOW_SHIFT)];
            int in = (int) (p & (WINDOW - 1));
            int n = Math.min(length - done, w.capacity() - in);
            w.get(in, dst, off + done, n);
            done += n;
            p += n;
        }
    }

    /**
     * Reads bytes into a new array.
     *
     * @param offset the first byte
     * @param length how many, at most {@code Integer.MAX_VALUE - 8}
     * @param what   the element, for the error
     * @return the bytes
     * @throws GoParseException if the range is not inside the source
     */
    public byte[] bytes(long offset, long length, String what) throws GoParseException {
        check(offset, length, what);
        if (length > Integer.MAX_VALUE - 8) {
            throw GoParseException.limitExceeded(format, offset, "maxRecordSize", length, Integer.MAX_VALUE - 8);
        }
        byte[] b = new byte[(int) length];
        read(offset, b, 0, b.length, what);
        return b;
    }

    /**
     * Reads an unsigned byte.
     *
     * @param offset where
     * @return the value
     * @throws GoParseException if it is outside the source
     */
    public int u8(long offset) throws GoParseException {
        check(offset, 1, "u8");
        return windows[(int) (offset >>> WINDOW_SHIFT)].get((int) (offset & (WINDOW - 1))) & 0xff;
    }

    /**
     * Reads a little-endian unsigned 16-bit value.
     *
     * @param offset where
     * @return the value
     * @throws GoParseException if it is outside the source
     */
    public int u16(long offset) throws GoParseException {
        return u8(offset) | u8(offset + 1) << 8;
    }

    /**
     * Reads a little-endian 32-bit value.
     *
     * @param offset where
     * @return the value, signed
     * @throws GoParseException if it is outside the source
     */
    public int i32(long offset) throws GoParseException {
        check(offset, 4, "u32");
        ByteBuffer w = windows[(int) (offset >>> WINDOW_SHIFT)];
        int in = (int) (offset & (WINDOW - 1));
        if (in <= w.capacity() - 4) {
            return w.getInt(in);
        }
        return u16(offset) | u16(offset + 2) << 16;
    }

    /**
     * Reads a little-endian unsigned 32-bit value.
     *
     * @param offset where
     * @return the value
     * @throws GoParseException if it is outside the source
     */
    public long u32(long offset) throws GoParseException {
        return Integer.toUnsignedLong(i32(offset));
    }

    /**
     * Reads a little-endian 64-bit value.
     *
     * @param offset where
     * @return the value
     * @throws GoParseException if it is outside the source
     */
    public long u64(long offset) throws GoParseException {
        check(offset, 8, "u64");
        ByteBuffer w = windows[(int) (offset >>> WINDOW_SHIFT)];
        int in = (int) (offset & (WINDOW - 1));
        if (in <= w.capacity() - 8) {
            return w.getLong(in);
        }
        return u32(offset) | u32(offset + 4) << 32;
    }

    /**
     * Reads a NUL-terminated string from a fixed-size field.
     *
     * @param offset where the field starts
     * @param max    the field's size
     * @return the bytes before the first NUL, as UTF-8
     * @throws GoParseException if the field is outside the source
     */
    public String cString(long offset, int max) throws GoParseException {
        byte[] b = bytes(offset, max, "string");
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** {@return the format and size} */
    @Override
    public String toString() {
        return "ByteSource[" + format + ", " + size + " bytes, " + windows.length + " window(s)]";
    }
}
