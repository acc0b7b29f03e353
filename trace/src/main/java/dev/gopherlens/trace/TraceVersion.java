package dev.gopherlens.trace;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.core.Input;
import dev.gopherlens.core.Inputs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A version of the Go execution trace wire format, as the 16-byte header at the start of a trace names it.
 *
 * <p>The header names the format, not the toolchain: Go 1.11 to 1.18 write {@code go 1.11 trace}, Go 1.24 writes
 * {@code go 1.23 trace}, Go 1.27 writes {@code go 1.26 trace}. Versions 1.11, 1.19 and 1.21 are the first,
 * event-stream format; 1.22 and later the generational one. Headers of Go 1.5 to 1.10, and any other minor
 * version, are rejected as Go 1.27's own parser rejects them.
 */
public enum TraceVersion {
    /** {@code go 1.11 trace}: written by Go 1.11 to 1.18. */
    GO_1_11(11),
    /** {@code go 1.19 trace}: Go 1.19 and 1.20; adds CPU samples. */
    GO_1_19(19),
    /** {@code go 1.21 trace}: Go 1.21; stop-the-world reasons as an enumeration. */
    GO_1_21(21),
    /** {@code go 1.22 trace}: Go 1.22; the generational format. */
    GO_1_22(22),
    /** {@code go 1.23 trace}: Go 1.23 and 1.24. */
    GO_1_23(23),
    /** {@code go 1.25 trace}: Go 1.25. */
    GO_1_25(25),
    /** {@code go 1.26 trace}: Go 1.26 and 1.27. */
    GO_1_26(26);

    /** The header's length in bytes: {@code go 1.N trace} padded with NULs. */
    public static final int HEADER_LENGTH = 16;

    private static final String FORMAT = "trace";
    private static final String SUPPORTED = Arrays.stream(values()).map(v -> "go 1." + v.minor)
            .collect(Collectors.joining(", "));

    private final int minor;

    TraceVersion(int minor) {
        this.minor = minor;
    }

    /** {@return the minor version in the header, 11 for {@code go 1.11 trace}} */
    public int minor() {
        return minor;
    }

    /** {@return whether this is the generational format of Go 1.22 and later} */
    public boolean isGenerational() {
        return minor >= 22;
    }

    /** {@return the header's text, {@code go 1.22 trace}} */
    public String header() {
        return "go 1." + minor + " trace";
    }

    /**
     * Reads the version from a trace's first 16 bytes.
     *
     * @param header the trace's first bytes; only the first 16 are read
     * @return the version
     * @throws GoParseException if the bytes are no trace header ({@code not a Go execution trace}), or an
     *                          {@link dev.gopherlens.core.UnsupportedVersionException} for another version
     */
    public static TraceVersion fromHeader(byte[] header) throws GoParseException {
        if (header.length < HEADER_LENGTH) {
            throw GoParseException.truncated(FORMAT, 0, "header", HEADER_LENGTH, header.length);
        }
        // internal/trace/version (Go 1.27): the header is "go 1.%d trace" and NULs to 16 bytes.
        String text = new String(header, 0, HEADER_LENGTH, StandardCharsets.ISO_8859_1);
        int end = text.indexOf(" trace");
        boolean shaped = text.startsWith("go 1.") && end > 5 && end <= 8;
        for (int i = end + 6; shaped && i < HEADER_LENGTH; i++) {
            shaped = text.charAt(i) == 0;
        }
        int minor = -1;
        if (shaped) {
            String digits = text.substring(5, end);
            shaped = digits.chars().allMatch(c -> c >= '0' && c <= '9');
            minor = shaped ? Integer.parseInt(digits) : -1;
        }
        if (!shaped) {
            throw GoParseException.malformed(FORMAT, 0,
                    "expected the header \"go 1.N trace\": not a Go execution trace");
        }
        for (TraceVersion v : values()) {
            if (v.minor == minor) {
                return v;
            }
        }
        throw GoParseException.unsupportedVersion(FORMAT, 0, "go 1." + minor, SUPPORTED);
    }

    /**
     * Reads the version of a trace file, gzipped or zstd-compressed or plain.
     *
     * @param path the trace
     * @return the version
     * @throws IOException if the file cannot be read, or {@link GoParseException} as {@link #fromHeader}
     */
    public static TraceVersion of(Path path) throws IOException {
        try (Input in = Inputs.open(path); InputStream s = in.stream()) {
            return fromHeader(s.readNBytes(HEADER_LENGTH));
        }
    }

    /**
     * Reads the version of a trace from a stream, consuming its first 16 (decompressed) bytes.
     *
     * @param in the stream; not closed
     * @return the version
     * @throws IOException if reading fails, or {@link GoParseException} as {@link #fromHeader}
     */
    public static TraceVersion of(InputStream in) throws IOException {
        return fromHeader(in.readNBytes(HEADER_LENGTH));
    }
}
