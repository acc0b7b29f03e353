package dev.gopherlens.core;

import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/** Makes compressed fixtures in the test itself, so none need to be committed. */
final class Compressors {
    private Compressors() {
    }

    static byte[] compress(Compression c, byte[] data) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (OutputStream z = switch (c) {
                case NONE -> out;
                case GZIP -> new GZIPOutputStream(out);
                case ZSTD -> new ZstdCompressorOutputStream(out);
                case XZ -> new XZCompressorOutputStream(out);
                case BZIP2 -> new BZip2CompressorOutputStream(out);
            }) {
                z.write(data);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
