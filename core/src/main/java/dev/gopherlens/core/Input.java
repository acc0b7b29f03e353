package dev.gopherlens.core;

import dev.gopherlens.core.internal.Decompression;
import dev.gopherlens.core.internal.Sniffer;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;

/**
 * An opened input: a file, an array, a buffer or a stream, with its compression recognized and removed on
 * reading. Made by {@link Inputs#open}.
 *
 * <p>A file, array or buffer can be read any number of times; a stream only once, by one call of
 * {@link #stream()} or {@link #buffer()} ({@link #identify()} may come first and does not consume it). Reading
 * all of a compressed input into memory stops with a {@link LimitExceededException} at
 * {@link Limits#maxDecompressedSize()}. Uncompressed files of a megabyte or more are memory-mapped.
 *
 * <p>Not thread-safe. Closing it closes a stream it was given; buffers it returned stay valid.
 */
public final class Input implements Closeable {
    /** Files at least this large are memory-mapped rather than read. */
    private static final long MAP_THRESHOLD = 1 << 20;
    /** The largest array the JVM reliably allocates. */
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final String name;
    private final Limits limits;
    private final Compression compression;
    private final Path path;
    private final ByteBuffer bytes;
    /** A stream source, positioned at its first byte, or null. */
    private final InputStream source;
    /** A stream source's decompressed bytes, buffered so that {@link #identify()} can look ahead. */
    private BufferedInputStream sourceView;
    private boolean consumed;
    private Identification identification;

    private Input(String name, Limits limits, Path path, ByteBuffer bytes, InputStream source, Compression c) {
        this.name = name;
        this.limits = limits;
        this.path = path;
        this.bytes = bytes;
        this.source = source;
        this.compression = c;
    }

    static Input ofPath(Path path, Limits limits) throws IOException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(limits, "limits");
        byte[] magic = new byte[Compression.MAGIC_LENGTH];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(magic, 0, magic.length);
        }
        return new Input(path.toString(), limits, path, null, null, Compression.detect(magic, n));
    }

    static Input ofBuffer(String name, ByteBuffer buffer, Limits limits) {
        Objects.requireNonNull(buffer, "buffer");
        Objects.requireNonNull(limits, "limits");
        ByteBuffer view = buffer.slice();
        byte[] magic = new byte[Math.min(Compression.MAGIC_LENGTH, view.remaining())];
        view.get(0, magic, 0, magic.length);
        return new Input(name, limits, null, view, null, Compression.detect(magic, magic.length));
    }

    static Input ofStream(InputStream in, Limits limits) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(limits, "limits");
        BufferedInputStream buffered = new BufferedInputStream(in, 64 * 1024);
        buffered.mark(Compression.MAGIC_LENGTH);
        byte[] magic = buffered.readNBytes(Compression.MAGIC_LENGTH);
        buffered.reset();
        return new Input("<stream>", limits, null, null, buffered, Compression.detect(magic, magic.length));
    }

    /** {@return the file's path, or {@code <bytes>}, {@code <buffer>} or {@code <stream>}} */
    public String name() {
        return name;
    }

    /** {@return the compression recognized around the input} */
    public Compression compression() {
        return compression;
    }

    /**
     * Tells whether the input is an array or buffer already in memory, rather than a file or a stream: one whose
     * {@link #buffer()}, when it is uncompressed, is the caller's own memory.
     *
     * @return true for an array or buffer input
     */
    public boolean inMemory() {
        return bytes != null;
    }

    /** {@return the limits this input was opened with} */
    public Limits limits() {
        return limits;
    }

    /**
     * Tells what the input is from its first decompressed bytes, without consuming a stream input.
     *
     * @return the identification
     * @throws IOException if reading fails or the compressed data is corrupt
     */
    public Identification identify() throws IOException {
        if (identification == null) {
            byte[] prefix = new byte[Sniffer.PREFIX_LENGTH];
            int n;
            if (source != null) {
                if (consumed) {
                    throw new IllegalStateException("the stream of " + name + " was already read");
                }
                BufferedInputStream view = sourceView();
                view.mark(Sniffer.PREFIX_LENGTH);
                n = view.readNBytes(prefix, 0, prefix.length);
                view.reset();
            } else {
                try (InputStream in = stream()) {
                    n = in.readNBytes(prefix, 0, prefix.length);
                }
            }
            identification = Sniffer.identify(prefix, n, compression);
        }
        return identification;
    }

    private BufferedInputStream sourceView() throws IOException {
        if (sourceView == null) {
            InputStream decompressed = compression == Compression.NONE
                    ? source : Decompression.open(compression, source, limits.maxDecompressedSize());
            sourceView = decompressed == source ? (BufferedInputStream) source
                    : new BufferedInputStream(decompressed, 64 * 1024);
        }
        return sourceView;
    }

    /**
     * Opens a stream of the decompressed bytes. For a file, array or buffer each call opens a new stream; a stream
     * input can be read once. The stream stops with a {@link LimitExceededException} past
     * {@link Limits#maxDecompressedSize()}.
     *
     * @return the stream, to be closed by the caller
     * @throws IOException if the file cannot be opened or the compressed header is corrupt
     * @throws IllegalStateException if this is a stream input that was already read
     */
    public InputStream stream() throws IOException {
        if (source != null) {
            if (consumed) {
                throw new IllegalStateException("the stream of " + name + " was already read");
            }
            BufferedInputStream view = sourceView();
            consumed = true;
            return view;
        }
        InputStream raw = path != null
                ? new BufferedInputStream(Files.newInputStream(path), 64 * 1024)
                : new ByteBufferStream(bytes.duplicate());
        if (compression == Compression.NONE) {
            return raw;
        }
        try {
            return Decompression.open(compression, raw, limits.maxDecompressedSize());
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /**
     * Returns all the decompressed bytes in one buffer positioned at 0: the caller's own buffer or array for an
     * uncompressed array or buffer input (not copied), a read-only mapping for an uncompressed file of 1 MiB or more,
     * and a new heap buffer otherwise.
     *
     * @return the bytes
     * @throws LimitExceededException if the decompressed bytes pass {@link Limits#maxDecompressedSize()}
     * @throws IOException if reading fails, the compressed data is corrupt, or the input is larger than one buffer
     *                     can hold (2 GiB); read such inputs with {@link #stream()}
     */
    public ByteBuffer buffer() throws IOException {
        if (compression == Compression.NONE && bytes != null) {
            return bytes.duplicate();
        }
        if (compression == Compression.NONE && path != null) {
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
                long size = ch.size();
                if (size > MAX_ARRAY) {
                    throw new IOException(name + " has " + size
                            + " bytes, more than one buffer holds; read it with stream()");
                }
                if (size >= MAP_THRESHOLD) {
                    return ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
                }
            }
            return ByteBuffer.wrap(Files.readAllBytes(path));
        }
        try (InputStream in = stream()) {
            // An uncompressed stream is bounded only by what one array holds; decompression also by the limit.
            long max = compression == Compression.NONE ? MAX_ARRAY : Math.min(limits.maxDecompressedSize(), MAX_ARRAY);
            return ByteBuffer.wrap(readAll(in, compression, max));
        }
    }

    /** Reads a stream to its end into an array that grows with the data, never past {@code max} bytes. */
    private static byte[] readAll(InputStream in, Compression c, long max) throws IOException {
        byte[] buf = new byte[64 * 1024];
        int n = 0;
        while (true) {
            if (n == buf.length) {
                if (n >= max) {
                    if (in.read() < 0) {
                        break;
                    }
                    if (c == Compression.NONE || max == MAX_ARRAY) {
                        throw new IOException("the input has more than " + max
                                + " bytes, more than one buffer holds; read it with stream()");
                    }
                    throw GoParseException.limitExceeded(c.name().toLowerCase(java.util.Locale.ROOT), -1,
                            "maxDecompressedSize", (long) n + 1, max);
                }
                buf = Arrays.copyOf(buf, (int) Math.min(max, 2L * buf.length));
            }
            int k = in.read(buf, n, buf.length - n);
            if (k < 0) {
                break;
            }
            n += k;
        }
        return n == buf.length ? buf : Arrays.copyOf(buf, n);
    }

    /**
     * Closes a stream input's stream; other inputs hold nothing open.
     *
     * @throws IOException if closing the stream fails
     */
    @Override
    public void close() throws IOException {
        if (source != null) {
            (sourceView != null ? sourceView : source).close();
        }
    }

    /** {@return the name and compression, for example {@code Input[cpu.pprof, gzip]}} */
    @Override
    public String toString() {
        return "Input[" + name + ", " + compression.name().toLowerCase(java.util.Locale.ROOT) + "]";
    }

    /** An input stream over a buffer's remaining bytes. */
    private static final class ByteBufferStream extends InputStream {
        private final ByteBuffer buf;

        ByteBufferStream(ByteBuffer buf) {
            this.buf = buf;
        }

        @Override
        public int read() {
            return buf.hasRemaining() ? buf.get() & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            if (!buf.hasRemaining()) {
                return -1;
            }
            int n = Math.min(len, buf.remaining());
            buf.get(b, off, n);
            return n;
        }

        @Override
        public int available() {
            return buf.remaining();
        }

        @Override
        public long skip(long n) {
            int k = (int) Math.max(0, Math.min(n, buf.remaining()));
            buf.position(buf.position() + k);
            return k;
        }
    }
}
