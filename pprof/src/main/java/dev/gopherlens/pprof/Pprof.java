package dev.gopherlens.pprof;

import dev.gopherlens.core.Format;
import dev.gopherlens.core.GoParseException;
import dev.gopherlens.core.Identification;
import dev.gopherlens.core.Input;
import dev.gopherlens.core.Inputs;
import dev.gopherlens.core.Limits;
import dev.gopherlens.core.internal.ByteReader;
import dev.gopherlens.pprof.internal.legacy.LegacyProfiles;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;

/**
 * Reads and writes pprof profiles: google/pprof's {@code profile.proto}, gzipped (as Go writes them) or not. The
 * entry point of the {@code pprof} module, with one method per tier:
 *
 * <ul>
 *   <li>{@link #read} gives the whole immutable {@link Profile};</li>
 *   <li>{@link #open} gives a {@link ProfileReader} whose samples are a {@link java.util.stream.Stream};</li>
 *   <li>{@link #cursor} gives a {@link SampleCursor} that walks samples without allocating.</li>
 * </ul>
 *
 * <pre>{@code
 * Profile p = Pprof.read(Path.of("cpu.pprof"));
 * System.out.println(p.toRawText());      // as go tool pprof -raw prints it
 * }</pre>
 *
 * <p>{@link #read} also accepts, as google/pprof's {@code profile.Parse} does when its input is no profile.proto,
 * the legacy formats: gperftools' binary CPU profiles (32- or 64-bit words, either byte order) with their memory
 * map, the text heap, growth, contention and thread profiles, Java's legacy CPU, heap and contention profiles, and
 * Go's {@code debug=1} text ({@code /debug/pprof/heap}, {@code goroutine}, {@code threadcreate}). Their profiles
 * are what google/pprof makes of them: values scaled by the sampling rate, return addresses moved onto their calls,
 * bare addresses (the {@code #} symbol lines of Go's text are comments to it). {@link #open} and {@link #cursor}
 * read profile.proto only.
 *
 * <p>Every method is thread-safe. Bad input gives a {@link GoParseException} naming the element and offset (for a
 * legacy text profile, the line).
 */
public final class Pprof {
    private Pprof() {
    }

    // ---- model tier ----

    /**
     * Reads a whole profile from a file.
     *
     * @param path the file, gzipped or not
     * @return the profile
     * @throws IOException if the file cannot be read, or {@link GoParseException} if it is not a valid profile
     */
    public static Profile read(Path path) throws IOException {
        return read(path, Limits.DEFAULT);
    }

    /**
     * Reads a whole profile from a file, with limits.
     *
     * @param path   the file, gzipped or not
     * @param limits the limits
     * @return the profile
     * @throws IOException if the file cannot be read, or {@link GoParseException} if it is not a valid profile
     */
    public static Profile read(Path path, Limits limits) throws IOException {
        try (Input in = Inputs.open(path, limits)) {
            return modelOrLegacy(in, limits);
        }
    }

    /**
     * Reads a whole profile from an array.
     *
     * @param bytes the profile, gzipped or not; not modified
     * @return the profile
     * @throws GoParseException if it is not a valid profile
     */
    public static Profile read(byte[] bytes) throws IOException {
        return read(bytes, Limits.DEFAULT);
    }

    /**
     * Reads a whole profile from an array, with limits.
     *
     * @param bytes  the profile, gzipped or not; not modified
     * @param limits the limits
     * @return the profile
     * @throws GoParseException if it is not a valid profile
     */
    public static Profile read(byte[] bytes, Limits limits) throws IOException {
        try (Input in = Inputs.open(bytes, limits)) {
            return modelOrLegacy(in, limits);
        }
    }

    /**
     * Reads a whole profile from a buffer's remaining bytes; the buffer is not moved.
     *
     * @param buffer the profile, gzipped or not
     * @return the profile
     * @throws GoParseException if it is not a valid profile
     */
    public static Profile read(ByteBuffer buffer) throws IOException {
        return read(buffer, Limits.DEFAULT);
    }

    /**
     * Reads a whole profile from a buffer's remaining bytes, with limits; the buffer is not moved.
     *
     * @param buffer the profile, gzipped or not
     * @param limits the limits
     * @return the profile
     * @throws GoParseException if it is not a valid profile
     */
    public static Profile read(ByteBuffer buffer, Limits limits) throws IOException {
        try (Input in = Inputs.open(buffer, limits)) {
            return modelOrLegacy(in, limits);
        }
    }

    /**
     * Reads a whole profile from a stream, to its end; the stream is closed.
     *
     * @param stream the profile, gzipped or not
     * @return the profile
     * @throws IOException if reading fails, or {@link GoParseException} if it is not a valid profile
     */
    public static Profile read(InputStream stream) throws IOException {
        return read(stream, Limits.DEFAULT);
    }

    /**
     * Reads a whole profile from a stream with limits; the stream is closed.
     *
     * @param stream the profile, gzipped or not
     * @param limits the limits
     * @return the profile
     * @throws IOException if reading fails, or {@link GoParseException} if it is not a valid profile
     */
    public static Profile read(InputStream stream, Limits limits) throws IOException {
        try (Input in = Inputs.open(stream, limits)) {
            return modelOrLegacy(in, limits);
        }
    }

    // ---- stream tier ----

    /**
     * Opens a profile file for streaming its samples.
     *
     * @param path the file, gzipped or not
     * @return the reader, to be closed
     * @throws IOException if the file cannot be read, or {@link GoParseException} if its tables are invalid
     */
    public static ProfileReader open(Path path) throws IOException {
        return new ProfileReader(cursor(path));
    }

    /**
     * Opens a profile in an array for streaming its samples.
     *
     * @param bytes the profile, gzipped or not; not modified
     * @return the reader
     * @throws GoParseException if its tables are invalid
     */
    public static ProfileReader open(byte[] bytes) throws IOException {
        return new ProfileReader(cursor(bytes));
    }

    /**
     * Opens a profile in a buffer's remaining bytes for streaming its samples; the buffer is not moved.
     *
     * @param buffer the profile, gzipped or not
     * @return the reader
     * @throws GoParseException if its tables are invalid
     */
    public static ProfileReader open(ByteBuffer buffer) throws IOException {
        return new ProfileReader(cursor(buffer));
    }

    /**
     * Opens a profile from a stream for streaming its samples; the stream is read to its end and closed.
     *
     * @param stream the profile, gzipped or not
     * @return the reader
     * @throws IOException if reading fails, or {@link GoParseException} if its tables are invalid
     */
    public static ProfileReader open(InputStream stream) throws IOException {
        return new ProfileReader(cursor(stream));
    }

    // ---- cursor tier ----

    /**
     * Opens a cursor over a profile file's samples.
     *
     * @param path the file, gzipped or not
     * @return the cursor
     * @throws IOException if the file cannot be read, or {@link GoParseException} if its tables are invalid
     */
    public static SampleCursor cursor(Path path) throws IOException {
        return cursor(path, Limits.DEFAULT);
    }

    /**
     * Opens a cursor over a profile file's samples, with limits.
     *
     * @param path   the file, gzipped or not
     * @param limits the limits
     * @return the cursor
     * @throws IOException if the file cannot be read, or {@link GoParseException} if its tables are invalid
     */
    public static SampleCursor cursor(Path path, Limits limits) throws IOException {
        try (Input in = Inputs.open(path, limits)) {
            return new SampleCursor(decoder(in, limits));
        }
    }

    /**
     * Opens a cursor over the samples of a profile in an array.
     *
     * @param bytes the profile, gzipped or not; not modified
     * @return the cursor
     * @throws GoParseException if its tables are invalid
     */
    public static SampleCursor cursor(byte[] bytes) throws IOException {
        return cursor(bytes, Limits.DEFAULT);
    }

    /**
     * Opens a cursor over the samples of a profile in an array, with limits.
     *
     * @param bytes  the profile, gzipped or not; not modified
     * @param limits the limits
     * @return the cursor
     * @throws GoParseException if its tables are invalid
     */
    public static SampleCursor cursor(byte[] bytes, Limits limits) throws IOException {
        try (Input in = Inputs.open(bytes, limits)) {
            return new SampleCursor(decoder(in, limits));
        }
    }

    /**
     * Opens a cursor over the samples of a profile in a buffer's remaining bytes.
     *
     * @param buffer the profile, gzipped or not; not moved
     * @return the cursor
     * @throws GoParseException if its tables are invalid
     */
    public static SampleCursor cursor(ByteBuffer buffer) throws IOException {
        return cursor(buffer, Limits.DEFAULT);
    }

    /**
     * Opens a cursor over the samples of a profile in a buffer's remaining bytes, with limits.
     *
     * @param buffer the profile, gzipped or not; not moved
     * @param limits the limits
     * @return the cursor
     * @throws GoParseException if its tables are invalid
     */
    public static SampleCursor cursor(ByteBuffer buffer, Limits limits) throws IOException {
        try (Input in = Inputs.open(buffer, limits)) {
            return new SampleCursor(decoder(in, limits));
        }
    }

    /**
     * Opens a cursor over the samples of a profile read from a stream to its end; the stream is closed.
     *
     * @param stream the profile, gzipped or not
     * @return the cursor
     * @throws IOException if reading fails, or {@link GoParseException} if its tables are invalid
     */
    public static SampleCursor cursor(InputStream stream) throws IOException {
        try (Input in = Inputs.open(stream)) {
            return new SampleCursor(decoder(in, Limits.DEFAULT));
        }
    }

    // ---- writing ----

    /**
     * Writes a profile gzipped, as Go's {@code runtime/pprof} and google/pprof write profiles.
     *
     * @param profile the profile
     * @param out     where to write; not closed
     * @throws IOException if writing fails
     */
    public static void write(Profile profile, OutputStream out) throws IOException {
        GZIPOutputStream gz = new GZIPOutputStream(new NonClosing(out), 64 * 1024);
        gz.write(ProfileEncoder.encode(profile));
        gz.finish();
        gz.flush();
    }

    /**
     * Writes a profile gzipped to a file, replacing it.
     *
     * @param profile the profile
     * @param path    the file
     * @throws IOException if writing fails
     */
    public static void write(Profile profile, Path path) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path))) {
            write(profile, out);
        }
    }

    /**
     * Encodes a profile as uncompressed profile.proto bytes.
     *
     * @param profile the profile
     * @return the bytes
     */
    public static byte[] encode(Profile profile) {
        return ProfileEncoder.encode(profile);
    }

    // ---- shared ----

    private static ProfileDecoder decoder(Input in, Limits limits) throws IOException {
        Objects.requireNonNull(limits, "limits");
        ByteReader reader = ByteReader.of(ProfileDecoder.FORMAT, in.buffer());
        int start = reader.position();
        try {
            return new ProfileDecoder(reader, limits);
        } catch (GoParseException e) {
            throw explain(reader.array(), start, reader.limit(), e);
        }
    }

    /**
     * The model of a profile.proto or, as google/pprof's {@code ParseData} falls back to its legacy parsers when
     * the input is no profile.proto (and not empty), of a legacy profile.
     */
    private static Profile modelOrLegacy(Input in, Limits limits) throws IOException {
        Objects.requireNonNull(limits, "limits");
        ByteReader reader = ByteReader.of(ProfileDecoder.FORMAT, in.buffer());
        int start = reader.position();
        int end = reader.limit();
        ProfileDecoder d;
        try {
            d = new ProfileDecoder(reader, limits);
        } catch (GoParseException e) {
            Profile legacy = end > start ? LegacyProfiles.read(reader.array(), start, end) : null;
            if (legacy != null) {
                return legacy;
            }
            throw explain(reader.array(), start, reader.limit(), e);
        }
        return model(d);
    }

    /** Names what the input is when it is no profile.proto at all, rather than reporting a wire error. */
    private static GoParseException explain(byte[] array, int from, int to, GoParseException e) throws IOException {
        byte[] prefix = java.util.Arrays.copyOfRange(array, from, Math.min(to, from + 8192));
        Identification id = Inputs.identify(prefix);
        if (id.format() != Format.PPROF && id.format() != Format.UNKNOWN) {
            return GoParseException.malformed(ProfileDecoder.FORMAT, 0,
                    "expected a pprof profile (profile.proto), found " + id, e);
        }
        return e;
    }

    private static Profile model(ProfileDecoder d) throws GoParseException {
        SampleCursor c = new SampleCursor(d);
        List<Sample> samples = new ArrayList<>(d.sampleCount());
        while (c.next()) {
            samples.add(c.sample());
        }
        // The cursor decoded the header already; the model is that header with the samples.
        Profile.Parts parts = Compaction.parts(c.header());
        parts.samples = samples;
        return new Profile(parts);
    }

    /** Lets a gzip stream finish without closing the caller's stream. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
