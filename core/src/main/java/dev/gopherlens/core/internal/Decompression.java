package dev.gopherlens.core.internal;

import dev.gopherlens.core.Compression;
import dev.gopherlens.core.GoParseException;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/**
 * Opens decompressing streams that fail only with {@link GoParseException} on corrupt data and stop with a
 * {@link dev.gopherlens.core.LimitExceededException} when the output passes a cap, so that a decompression bomb
 * costs no more memory or time than the cap allows.
 */
public final class Decompression {
    private Decompression() {
    }

    /**
     * Opens a stream of the decompressed bytes.
     *
     * @param codec       the compression, not {@link Compression#NONE}
     * @param compressed  the compressed bytes, owned by the returned stream
     * @param maxOutput   the most bytes the stream may produce before it throws
     * @return the decompressed stream; closing it closes the compressed one
     * @throws IOException if the header is corrupt ({@link GoParseException}) or reading fails
     */
    public static InputStream open(Compression codec, InputStream compressed, long maxOutput) throws IOException {
        if (codec == Compression.NONE) {
            throw new IllegalArgumentException("nothing to decompress");
        }
        CountingStream source = new CountingStream(compressed);
        String format = codec.name().toLowerCase(java.util.Locale.ROOT);
        InputStream decoder;
        try {
            decoder = switch (codec) {
                case GZIP -> new GZIPInputStream(source, 64 * 1024);
                case ZSTD -> new ZstdCompressorInputStream(source);
                case XZ -> new XZCompressorInputStream(source, true);
                case BZIP2 -> new BZip2CompressorInputStream(source, true);
                case NONE -> source;
            };
        } catch (IOException | RuntimeException e) {
            throw source.translate(format, e);
        } catch (LinkageError e) {
            throw new IOException(format + " decompression is not available: " + e, e);
        }
        return new GuardedStream(decoder, source, format, maxOutput);
    }

    /** Counts the compressed bytes consumed and remembers a failure of the source itself. */
    private static final class CountingStream extends FilterInputStream {
        long consumed;
        IOException sourceFailure;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                int b = in.read();
                if (b >= 0) {
                    consumed++;
                }
                return b;
            } catch (IOException e) {
                sourceFailure = e;
                throw e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                int n = in.read(b, off, len);
                if (n > 0) {
                    consumed += n;
                }
                return n;
            } catch (IOException e) {
                sourceFailure = e;
                throw e;
            }
        }

        @Override
        public long skip(long n) throws IOException {
            long k = in.skip(n);
            consumed += Math.max(0, k);
            return k;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        /** Turns a decoder's failure into a parse error, unless the source itself failed. */
        IOException translate(String format, Throwable e) {
            if (sourceFailure != null) {
                return sourceFailure;
            }
            if (e instanceof GoParseException g) {
                return g;
            }
            if (e instanceof java.io.EOFException) {
                return GoParseException.truncated(format, consumed, "compressed data", 1, 0);
            }
            String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return GoParseException.malformed(format, consumed, "corrupt compressed data (" + what + ")", e);
        }
    }

    /** Counts and caps the output, and turns every decoder failure into a {@link GoParseException}. */
    private static final class GuardedStream extends InputStream {
        private final InputStream decoder;
        private final CountingStream source;
        private final String format;
        private final long maxOutput;
        private long produced;

        GuardedStream(InputStream decoder, CountingStream source, String format, long maxOutput) {
            this.decoder = decoder;
            this.source = source;
            this.format = format;
            this.maxOutput = maxOutput;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            int n;
            try {
                // Ask for at most one byte past the cap, so that the cap is detected without producing much more.
                n = decoder.read(b, off, (int) Math.min(len, maxOutput - produced + 1));
            } catch (IOException | RuntimeException e) {
                throw source.translate(format, e);
            }
            if (n > 0) {
                produced += n;
                if (produced > maxOutput) {
                    throw GoParseException.limitExceeded(format, source.consumed, "maxDecompressedSize", produced,
                            maxOutput);
                }
            }
            return n;
        }

        @Override
        public int available() throws IOException {
            try {
                return decoder.available();
            } catch (IOException | RuntimeException e) {
                throw source.translate(format, e);
            }
        }

        @Override
        public void close() throws IOException {
            decoder.close();
        }
    }
}
