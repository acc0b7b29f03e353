package dev.gopherlens.core.testing;

import dev.gopherlens.core.Input;
import dev.gopherlens.core.Inputs;
import dev.gopherlens.core.Limits;
import dev.gopherlens.core.internal.BufferReader;
import dev.gopherlens.core.internal.ByteInput;
import dev.gopherlens.core.internal.ByteReader;
import dev.gopherlens.core.internal.StreamReader;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The kinds of input every decoder test runs over: the same bytes as an array, a heap and a direct buffer, a
 * stream, and a stream that yields one byte at a time. Decoder tests in every module use it through core's
 * test-jar, e.g. {@code @EnumSource(InputKind.class)}.
 */
public enum InputKind {
    /** A {@code byte[]}. */
    BYTES,
    /** A heap {@link ByteBuffer}, wrapped at an offset so that array offsets are exercised. */
    HEAP_BUFFER,
    /** A direct {@link ByteBuffer}. */
    DIRECT_BUFFER,
    /** An {@link java.io.InputStream} that returns as much as asked. */
    STREAM,
    /** An {@link java.io.InputStream} that returns one byte per read. */
    ONE_BYTE_STREAM;

    /**
     * Makes a byte reader of this kind over the bytes.
     *
     * @param format the format name errors carry
     * @param bytes  the bytes
     * @return the reader
     */
    public ByteInput reader(String format, byte[] bytes) {
        return switch (this) {
            case BYTES -> ByteReader.of(format, bytes);
            case HEAP_BUFFER -> BufferReader.of(format, heap(bytes));
            case DIRECT_BUFFER -> BufferReader.of(format, direct(bytes));
            case STREAM -> StreamReader.of(format, new ByteArrayInputStream(bytes));
            case ONE_BYTE_STREAM -> StreamReader.of(format, new OneByteInputStream(bytes));
        };
    }

    /**
     * Opens the bytes as an {@link Input} of this kind.
     *
     * @param bytes  the bytes
     * @param limits the limits
     * @return the input
     * @throws IOException if opening fails
     */
    public Input open(byte[] bytes, Limits limits) throws IOException {
        return switch (this) {
            case BYTES -> Inputs.open(bytes, limits);
            case HEAP_BUFFER -> Inputs.open(heap(bytes), limits);
            case DIRECT_BUFFER -> Inputs.open(direct(bytes), limits);
            case STREAM -> Inputs.open(new ByteArrayInputStream(bytes), limits);
            case ONE_BYTE_STREAM -> Inputs.open(new OneByteInputStream(bytes), limits);
        };
    }

    /** {@return whether this kind can be read only once} */
    public boolean isStream() {
        return this == STREAM || this == ONE_BYTE_STREAM;
    }

    /** A heap buffer whose array has a byte before and after the data, positioned at the data. */
    private static ByteBuffer heap(byte[] bytes) {
        byte[] padded = new byte[bytes.length + 2];
        padded[0] = (byte) 0xEE;
        padded[padded.length - 1] = (byte) 0xEE;
        System.arraycopy(bytes, 0, padded, 1, bytes.length);
        return ByteBuffer.wrap(padded, 1, bytes.length).slice();
    }

    private static ByteBuffer direct(byte[] bytes) {
        ByteBuffer b = ByteBuffer.allocateDirect(bytes.length);
        b.put(bytes).flip();
        return b;
    }
}
