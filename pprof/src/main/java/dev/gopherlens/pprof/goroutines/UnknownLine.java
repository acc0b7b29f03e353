package dev.gopherlens.pprof.goroutines;

import java.util.Objects;

/**
 * A line of a dump that the parser did not recognize and kept as it was: a program's own output interleaved with
 * the traceback, a register dump, a line of a runtime message this library does not model. Immutable.
 *
 * @param lineNumber the 1-based line number in the input
 * @param text       the line, without its line terminator
 */
public record UnknownLine(int lineNumber, String text) {

    /**
     * Checks the components.
     *
     * @param lineNumber the 1-based line number
     * @param text       the line
     * @throws NullPointerException if text is null
     */
    public UnknownLine {
        Objects.requireNonNull(text, "text");
    }

    /** {@return {@code line N: text}} */
    @Override
    public String toString() {
        return "line " + lineNumber + ": " + text;
    }
}
