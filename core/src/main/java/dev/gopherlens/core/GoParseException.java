package dev.gopherlens.core;

import java.io.IOException;
import java.util.Objects;

/**
 * Input that a Gopherlens decoder could not accept: malformed, truncated, of an unsupported version, or larger
 * than the {@link Limits} allow.
 *
 * <p>Every instance carries the format that was being decoded ({@code "pprof"}, {@code "trace"}, {@code "gzip"},
 * …), the absolute byte offset in the input where the problem was found (or {@code -1} where no offset applies),
 * and a context path naming the element being decoded ({@code sample[1042].location_id}, or empty). The offset of
 * a compressed input is an offset in its decompressed bytes, except for errors of the decompression itself, which
 * name an offset in the compressed bytes. {@link #getMessage()} ends with {@code at offset 0x1A2B (6699)}.
 *
 * <p>Instances are made by the static factories ({@link #malformed}, {@link #truncated},
 * {@link #unsupportedVersion}, {@link #limitExceeded}) and are immutable; {@link #withContext(String)} returns a
 * copy placed inside an enclosing element.
 */
public class GoParseException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The format being decoded. */
    private final String format;
    /** The absolute byte offset, or -1. */
    private final long offset;
    /** The context path, or empty. */
    private final String context;
    /** What was wrong, without the location. */
    private final String reason;

    /**
     * Creates an exception; subclasses pass their own reason text.
     *
     * @param format  the format being decoded, not null
     * @param offset  the absolute byte offset, or -1 when unknown
     * @param context the context path, empty when none
     * @param reason  what was wrong or what was expected, without the location
     * @param cause   the underlying failure, or null
     */
    protected GoParseException(String format, long offset, String context, String reason, Throwable cause) {
        super(reason, cause);
        this.format = Objects.requireNonNull(format, "format");
        this.offset = offset < 0 ? -1 : offset;
        this.context = Objects.requireNonNull(context, "context");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * Reports malformed input: what the decoder expected at an offset and did not find.
     *
     * @param format   the format being decoded
     * @param offset   the absolute byte offset, or -1 when unknown
     * @param expected what was expected, phrased to follow "expected" or as a whole clause
     * @return the exception, to be thrown by the caller
     */
    public static GoParseException malformed(String format, long offset, String expected) {
        return new GoParseException(format, offset, "", expected, null);
    }

    /**
     * Reports malformed input discovered through another exception (a decompressor's, say).
     *
     * @param format the format being decoded
     * @param offset the absolute byte offset, or -1 when unknown
     * @param reason what was wrong
     * @param cause  the underlying failure
     * @return the exception, to be thrown by the caller
     */
    public static GoParseException malformed(String format, long offset, String reason, Throwable cause) {
        return new GoParseException(format, offset, "", reason, cause);
    }

    /**
     * Reports that the input ended before an element was complete.
     *
     * @param format    the format being decoded
     * @param offset    the absolute offset where the element starts or continues
     * @param what      the element being read ({@code "u32"}, {@code "string of 12 bytes"}, …)
     * @param needed    how many bytes the element needs
     * @param available how many bytes remain, or -1 when unknown
     * @return the exception, to be thrown by the caller
     */
    public static TruncatedInputException truncated(String format, long offset, String what, long needed,
                                                    long available) {
        return new TruncatedInputException(format, offset, "", what, needed, available);
    }

    /**
     * Reports a version of a format that this library does not read.
     *
     * @param format    the format being decoded
     * @param offset    the offset of the version field
     * @param found     the version the input declares
     * @param supported the versions that are read, in words ({@code "go 1.11 to go 1.27"})
     * @return the exception, to be thrown by the caller
     */
    public static UnsupportedVersionException unsupportedVersion(String format, long offset, String found,
                                                                 String supported) {
        return new UnsupportedVersionException(format, offset, "", found, supported);
    }

    /**
     * Reports a size or count in the input that exceeds one of the {@link Limits}.
     *
     * @param format    the format being decoded
     * @param offset    the offset of the size or count
     * @param limit     the name of the limit's component in {@link Limits} ({@code "maxStringLength"})
     * @param requested what the input asked for
     * @param maximum   what the limit allows
     * @return the exception, to be thrown by the caller
     */
    public static LimitExceededException limitExceeded(String format, long offset, String limit, long requested,
                                                       long maximum) {
        return new LimitExceededException(format, offset, "", limit, requested, maximum);
    }

    /** {@return the format that was being decoded, such as {@code "pprof"} or {@code "gzip"}} */
    public String format() {
        return format;
    }

    /** {@return the absolute byte offset of the problem, or -1 when unknown} */
    public long offset() {
        return offset;
    }

    /** {@return the path of the element being decoded, such as {@code sample[3].value}, or empty} */
    public String context() {
        return context;
    }

    /** {@return what was wrong, without the format, context and offset} */
    public String reason() {
        return reason;
    }

    /**
     * Returns a copy of this exception placed inside an enclosing element: {@code withContext("sample[3]")} on an
     * exception whose context is {@code value} gives {@code sample[3].value}.
     *
     * @param outer the enclosing element's name
     * @return a new exception of the same class, with this one's stack trace and cause
     */
    public GoParseException withContext(String outer) {
        GoParseException copy = copy(join(outer, context));
        copy.setStackTrace(getStackTrace());
        return copy;
    }

    /**
     * Makes a copy of this exception with another context; subclasses return their own class.
     *
     * @param newContext the context path of the copy
     * @return the copy
     */
    protected GoParseException copy(String newContext) {
        return new GoParseException(format, offset, newContext, reason, getCause());
    }

    private static String join(String outer, String inner) {
        if (outer.isEmpty()) {
            return inner;
        }
        if (inner.isEmpty()) {
            return outer;
        }
        return inner.startsWith("[") ? outer + inner : outer + "." + inner;
    }

    /** {@return {@code format: reason in context at offset 0x… (…)}} */
    @Override
    public String getMessage() {
        StringBuilder sb = new StringBuilder(format.length() + reason.length() + context.length() + 40);
        sb.append(format).append(": ").append(reason);
        if (!context.isEmpty()) {
            sb.append(" in ").append(context);
        }
        if (offset >= 0) {
            sb.append(" at offset 0x").append(Long.toHexString(offset).toUpperCase(java.util.Locale.ROOT))
                    .append(" (").append(offset).append(')');
        } else {
            sb.append(" at offset unknown");
        }
        return sb.toString();
    }
}
