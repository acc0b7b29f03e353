package dev.gopherlens.core.testing;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

/** A stream that returns at most one byte per read, as a slow socket or pipe may: readers must not assume more. */
public final class OneByteInputStream extends InputStream {
    private final ByteArrayInputStream in;

    /**
     * Serves an array.
     *
     * @param bytes the bytes to serve
     */
    public OneByteInputStream(byte[] bytes) {
        this.in = new ByteArrayInputStream(bytes);
    }

    @Override
    public int read() {
        return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) {
        return len == 0 ? 0 : in.read(b, off, 1);
    }

    @Override
    public int available() {
        return 0;
    }
}
