package dev.gopherlens.pprof.goroutines;

import java.util.Objects;

/**
 * One {@code panic: …} line of a crash, with the lines of a multi-line panic value joined by newlines. Immutable.
 *
 * <p>A panic raised while another was running prints the older first and the newer indented below it
 * ({@code panic: a [recovered]} then a tab and {@code panic: b}); runtime/panic.go (Go 1.27) printpanics.
 *
 * @param message    the panic value as printed, without {@code panic: } and without the bracketed suffix
 * @param recovered  whether it was printed with {@code [recovered]} (or {@code [recovered, repanicked]})
 * @param repanicked whether it was printed with {@code [recovered, repanicked]} (in Go 1.25's runtime, not in
 *                   1.23's)
 * @param lineNumber the 1-based line number of its first line
 */
public record Panic(String message, boolean recovered, boolean repanicked, int lineNumber) {

    /**
     * Checks the components.
     *
     * @param message    the panic value as printed
     * @param recovered  whether it was recovered
     * @param repanicked whether it was recovered and panicked again
     * @param lineNumber the line number of its first line
     * @throws NullPointerException if message is null
     */
    public Panic {
        Objects.requireNonNull(message, "message");
    }

    /** {@return {@code panic: message [recovered]} as the runtime printed it} */
    @Override
    public String toString() {
        return "panic: " + message + (repanicked ? " [recovered, repanicked]" : recovered ? " [recovered]" : "");
    }
}
