package dev.gopherlens.live;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Interrupts the capturing thread when a capture's time is up. The JDK's HTTP client has no timeout for reading a
 * body, and a blocked read of its body stream ends only on an interrupt; so the deadline is an interrupt that
 * {@link #finish()} takes back if it arrives after the capture ended. One per capture.
 */
final class Watchdog {
    private final Thread thread;
    private final CompletableFuture<Void> timer;
    /** 0 running, 1 fired, 2 finished; guarded by this. */
    private int state;

    Watchdog(Duration budget) {
        this.thread = Thread.currentThread();
        this.timer = CompletableFuture.runAsync(this::fire,
                CompletableFuture.delayedExecutor(budget.toNanos(), TimeUnit.NANOSECONDS));
    }

    private synchronized void fire() {
        if (state == 0) {
            state = 1;
            thread.interrupt();
        }
    }

    /** {@return whether the deadline passed and the thread was interrupted for it} */
    synchronized boolean fired() {
        return state == 1;
    }

    /** Stops the timer; clears the interrupt if the timer fired, so that it does not leak into the caller. */
    synchronized void finish() {
        timer.cancel(false);
        if (state == 1) {
            Thread.interrupted();
        }
        state = 2;
    }
}
