package dev.gopherlens.live;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/**
 * A response body as it arrives: counted against the cap, copied to the capture file when there is one, reported
 * to the progress listener. Closing it does not close the socket's stream: the exchange does that once it has read
 * the rest. Single-threaded.
 */
final class BodyStream extends InputStream {
    /** How often, at most, the listener hears of new bytes. */
    private static final long REPORT_EVERY_NANOS = 200_000_000L;

    private final InputStream in;
    private final OutputStream copy;
    private final long max;
    private final String endpoint;
    private final CaptureProgress progress;
    private final long start;
    private final Duration expected;
    private long count;
    private long lastReport;

    BodyStream(InputStream in, OutputStream copy, long max, String endpoint, CaptureProgress progress, long start,
               Duration expected) {
        this.in = in;
        this.copy = copy;
        this.max = max;
        this.endpoint = endpoint;
        this.progress = progress;
        this.start = start;
        this.expected = expected;
        this.lastReport = System.nanoTime();
    }

    /** {@return the bytes read so far} */
    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n <= 0) {
            return n;
        }
        if (count + n > max) {
            // Keep what fits, so that the partial file shows exactly where the cap was reached.
            int fits = (int) (max - count);
            if (copy != null && fits > 0) {
                copy.write(b, off, fits);
            }
            count = max;
            throw new CaptureException(CaptureException.Kind.TOO_LARGE, endpoint, 200,
                    "the body is larger than Limits.maxDecompressedSize (" + max
                            + " bytes); raise it with Limits.withMaxDecompressedSize(…) if the service is trusted",
                    null, null);
        }
        count += n;
        if (copy != null) {
            copy.write(b, off, n);
        }
        long now = System.nanoTime();
        if (now - lastReport >= REPORT_EVERY_NANOS) {
            lastReport = now;
            progress.update(endpoint, Duration.ofNanos(now - start), expected, count);
        }
        return n;
    }

    /** Reads and keeps the rest of the body, so that the capture file is whole even if the parser stopped early. */
    void drain() throws IOException {
        byte[] buf = new byte[16384];
        while (read(buf, 0, buf.length) >= 0) {
            // counted and copied by read
        }
        progress.update(endpoint, Duration.ofNanos(System.nanoTime() - start), expected, count);
    }

    @Override
    public void close() {
        // The exchange owns the socket's stream.
    }
}
