package dev.gopherlens.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Opens inputs with transparent decompression and tells what they are. The entry point of {@code core}.
 *
 * <pre>{@code
 * Identification id = Inputs.identify(Path.of("trace.out"));   // Go execution trace, version 1.22
 * try (Input in = Inputs.open(Path.of("cpu.pprof"))) {
 *     ByteBuffer bytes = in.buffer();                            // gunzipped
 * }
 * }</pre>
 *
 * <p>gzip, zstd, xz and bzip2 are recognized by their magic bytes. Every method is thread-safe; the inputs it
 * returns are not.
 */
public final class Inputs {
    private Inputs() {
    }

    /**
     * Opens a file.
     *
     * @param path the file
     * @return the input
     * @throws IOException if the file cannot be read
     */
    public static Input open(Path path) throws IOException {
        return Input.ofPath(path, Limits.DEFAULT);
    }

    /**
     * Opens a file with limits.
     *
     * @param path   the file
     * @param limits the limits for decoding it
     * @return the input
     * @throws IOException if the file cannot be read
     */
    public static Input open(Path path, Limits limits) throws IOException {
        return Input.ofPath(path, limits);
    }

    /**
     * Opens an array, which is not copied and must not change while the input is in use.
     *
     * @param bytes the bytes
     * @return the input
     */
    public static Input open(byte[] bytes) {
        return Input.ofBuffer("<bytes>", ByteBuffer.wrap(bytes), Limits.DEFAULT);
    }

    /**
     * Opens an array with limits; the array is not copied and must not change while the input is in use.
     *
     * @param bytes  the bytes
     * @param limits the limits for decoding it
     * @return the input
     */
    public static Input open(byte[] bytes, Limits limits) {
        return Input.ofBuffer("<bytes>", ByteBuffer.wrap(bytes), limits);
    }

    /**
     * Opens a buffer's remaining bytes; the buffer is not copied, its position is not moved, and its bytes must
     * not change while the input is in use.
     *
     * @param buffer the buffer
     * @return the input
     */
    public static Input open(ByteBuffer buffer) {
        return Input.ofBuffer("<buffer>", buffer, Limits.DEFAULT);
    }

    /**
     * Opens a buffer's remaining bytes with limits.
     *
     * @param buffer the buffer, not copied
     * @param limits the limits for decoding it
     * @return the input
     */
    public static Input open(ByteBuffer buffer, Limits limits) {
        return Input.ofBuffer("<buffer>", buffer, limits);
    }

    /**
     * Opens a stream, which the input owns from now on and reads once.
     *
     * @param in the stream
     * @return the input
     * @throws IOException if reading the first bytes fails
     */
    public static Input open(InputStream in) throws IOException {
        return Input.ofStream(in, Limits.DEFAULT);
    }

    /**
     * Opens a stream with limits; the input owns the stream from now on and reads it once.
     *
     * @param in     the stream
     * @param limits the limits for decoding it
     * @return the input
     * @throws IOException if reading the first bytes fails
     */
    public static Input open(InputStream in, Limits limits) throws IOException {
        return Input.ofStream(in, limits);
    }

    /**
     * Tells what a file is.
     *
     * @param path the file
     * @return the identification
     * @throws IOException if the file cannot be read or its compressed data is corrupt
     */
    public static Identification identify(Path path) throws IOException {
        return open(path).identify();
    }

    /**
     * Tells what an array holds.
     *
     * @param bytes the bytes
     * @return the identification
     * @throws IOException if its compressed data is corrupt
     */
    public static Identification identify(byte[] bytes) throws IOException {
        return open(bytes).identify();
    }

    /**
     * Tells what a buffer's remaining bytes are; the buffer is not moved.
     *
     * @param buffer the buffer
     * @return the identification
     * @throws IOException if its compressed data is corrupt
     */
    public static Identification identify(ByteBuffer buffer) throws IOException {
        return open(buffer).identify();
    }

    /**
     * Tells what a stream holds, consuming its first bytes (up to 8 KiB after decompression) and leaving it
     * open. To go on reading the same stream, use {@code Inputs.open(in)} and {@link Input#identify()} instead.
     *
     * @param in the stream
     * @return the identification
     * @throws IOException if reading fails or its compressed data is corrupt
     */
    public static Identification identify(InputStream in) throws IOException {
        return Input.ofStream(in, Limits.DEFAULT).identify();
    }
}
