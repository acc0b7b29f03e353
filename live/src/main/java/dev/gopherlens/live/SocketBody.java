package dev.gopherlens.live;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body read from the HTTP client's publisher as it arrives, with a deadline and cancellation: a read
 * waits for the next buffers only until the capture's deadline, and an interrupt of the reading thread ends it.
 * Either cancels the subscription, which closes the connection.
 *
 * <p>Why not {@code BodyHandlers.ofInputStream()}: on JDK 17 its stream swallows interrupts and has no read
 * timeout, so a service that stops sending mid-body would hang the capture for good. One buffer list is requested
 * at a time, so at most one is held beyond what the reader has taken. The reading side is single-threaded; the
 * client's threads only call the subscriber methods.
 */
final class SocketBody extends InputStream implements Flow.Subscriber<List<ByteBuffer>> {
    /** Marks the end of the body in the queue. */
    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final long deadline;
    private volatile Flow.Subscription subscription;
    private Iterator<ByteBuffer> buffers;
    private ByteBuffer current;
    private boolean done;

    /**
     * Makes a body that waits until a deadline.
     *
     * @param deadline the deadline, on the {@link System#nanoTime()} clock
     */
    SocketBody(long deadline) {
        this.deadline = deadline;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        queue.add(item);
    }

    @Override
    public void onError(Throwable t) {
        queue.add(t);
    }

    @Override
    public void onComplete() {
        queue.add(END);
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return current.get() & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, current.remaining());
        current.get(b, off, n);
        return n;
    }

    /** Makes {@code current} have bytes, waiting for them; false at the end of the body. */
    @SuppressWarnings("unchecked")
    private boolean fill() throws IOException {
        while (current == null || !current.hasRemaining()) {
            if (buffers != null && buffers.hasNext()) {
                current = buffers.next();
                continue;
            }
            if (done) {
                return false;
            }
            long wait = deadline - System.nanoTime();
            if (wait <= 0) {
                cancel();
                throw new HttpTimeoutException("the body did not arrive whole before the deadline");
            }
            Object item;
            try {
                item = queue.poll(wait, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                cancel();
                Thread.currentThread().interrupt();
                InterruptedIOException io = new InterruptedIOException("interrupted while reading the body");
                io.initCause(e);
                throw io;
            }
            if (item == null) {
                continue;
            }
            if (item == END) {
                done = true;
                return false;
            }
            if (item instanceof Throwable t) {
                done = true;
                throw new IOException(t.getMessage() == null ? t.toString() : t.getMessage(), t);
            }
            buffers = ((List<ByteBuffer>) item).iterator();
            Flow.Subscription s = subscription;
            if (s != null) {
                s.request(1);
            }
        }
        return true;
    }

    private void cancel() {
        done = true;
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }

    /** Stops the body; the connection is closed if the body had not ended. */
    @Override
    public void close() {
        if (!done) {
            cancel();
        }
    }
}
