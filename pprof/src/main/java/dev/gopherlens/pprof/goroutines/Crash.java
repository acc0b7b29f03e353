package dev.gopherlens.pprof.goroutines;

import java.util.List;
import java.util.Objects;

/**
 * Why a Go program printed its goroutines, when it was a crash: its panics, its {@code fatal error:} and the
 * signal that caused it. Immutable. A dump written by {@code /debug/pprof/goroutine?debug=2} or
 * {@code runtime.Stack} has none of these.
 *
 * @param panics     the {@code panic:} lines, oldest first (the order the runtime prints them)
 * @param fatalError the text after {@code fatal error: } ({@code all goroutines are asleep - deadlock!}), empty
 *                   when there was none
 * @param signal     the text inside {@code [signal …]} ({@code SIGSEGV: segmentation violation code=0x1 addr=0x0
 *                   pc=0x47f0b3}) after a panic, or the line a signal the program did not handle printed
 *                   ({@code SIGQUIT: quit}); empty when there was none
 */
public record Crash(List<Panic> panics, String fatalError, String signal) {

    /** No crash: no panic, no fatal error, no signal. */
    public static final Crash NONE = new Crash(List.of(), "", "");

    /**
     * Copies the panics.
     *
     * @param panics     the panics, oldest first
     * @param fatalError the fatal error's text, or empty
     * @param signal     the signal line's text, or empty
     * @throws NullPointerException if an argument or a panic is null
     */
    public Crash {
        panics = List.copyOf(panics);
        Objects.requireNonNull(fatalError, "fatalError");
        Objects.requireNonNull(signal, "signal");
    }

    /** {@return whether there was a panic, a fatal error or a signal} */
    public boolean isCrash() {
        return !panics.isEmpty() || !fatalError.isEmpty() || !signal.isEmpty();
    }

    /** {@return the panic and fatal error lines as the runtime printed them, then {@code signal …}, one a line} */
    @Override
    public String toString() {
        if (!isCrash()) {
            return "no crash";
        }
        StringBuilder sb = new StringBuilder();
        for (Panic p : panics) {
            sb.append(sb.length() > 0 ? "\n\t" : "").append(p);
        }
        if (!fatalError.isEmpty()) {
            sb.append(sb.length() > 0 ? "\n" : "").append("fatal error: ").append(fatalError);
        }
        if (!signal.isEmpty()) {
            sb.append(sb.length() > 0 ? "\n" : "").append("signal ").append(signal);
        }
        return sb.toString();
    }
}
