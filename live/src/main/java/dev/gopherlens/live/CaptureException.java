package dev.gopherlens.live;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A capture from a Go service failed: the service could not be reached, answered with an HTTP error, took too long,
 * sent more than the limits allow, or sent a body that is not what the endpoint serves. The message names the
 * endpoint ({@code /debug/pprof/heap}), the HTTP status when there was one, and the start of the error body.
 *
 * <p>When the capture was being saved to a file, what had arrived is kept in {@link #partialFile()}; the file the
 * caller named is never written with an incomplete capture. Parse errors of a body that arrived whole keep the
 * parser's {@link dev.gopherlens.core.GoParseException} as the cause.
 */
public final class CaptureException extends IOException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, coarsely, for callers that react differently to each. */
    public enum Kind {
        /** The connection could not be made or broke before the response began. */
        CONNECTION,
        /** HTTP 404: the service does not serve net/http/pprof there, or has no profile of that name. */
        NOT_FOUND,
        /** HTTP 500 because a CPU profile or an execution trace is already being captured. */
        BUSY,
        /** Another HTTP status than 200. */
        HTTP_STATUS,
        /** The response did not arrive whole within the timeout. */
        TIMEOUT,
        /** The capture was cancelled by interrupting the capturing thread. */
        INTERRUPTED,
        /** The body was larger than the limits allow. */
        TOO_LARGE,
        /** The body broke off before its end. */
        TRUNCATED,
        /** The body is not what the endpoint serves: an HTML page, or data its parser refuses. */
        MALFORMED
    }

    /** What went wrong. */
    private final Kind kind;
    /** The endpoint's path and query. */
    private final String endpoint;
    /** The HTTP status, or -1. */
    private final int status;
    /** Where the bytes that arrived were kept, or null. */
    private final transient Path partial;

    CaptureException(Kind kind, String endpoint, int status, String message, Path partial, Throwable cause) {
        super(endpoint + ": " + message + (partial == null ? "" : " (what arrived is kept in " + partial + ")"),
                cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.status = status;
        this.partial = partial;
    }

    /** {@return what went wrong} */
    public Kind kind() {
        return kind;
    }

    /** {@return the endpoint's path and query, such as {@code /debug/pprof/profile?seconds=5}} */
    public String endpoint() {
        return endpoint;
    }

    /** {@return the HTTP status the service answered with, or -1 when there was no response} */
    public int status() {
        return status;
    }

    /** {@return the file that holds the bytes that arrived before the failure, when the capture was being saved} */
    public Optional<Path> partialFile() {
        return Optional.ofNullable(partial);
    }

    CaptureException withPartial(Path file) {
        if (partial != null || file == null) {
            return this;
        }
        String message = getMessage().substring(endpoint.length() + 2);
        CaptureException e = new CaptureException(kind, endpoint, status, message, file, getCause());
        e.setStackTrace(getStackTrace());
        return e;
    }
}
