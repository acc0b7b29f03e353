package dev.gopherlens.pclntab;

import java.util.Objects;

/**
 * The source position of a pc: the function that contains it and the file and line of the instruction, which lie in
 * an inlined function when one was inlined there (what {@code go tool addr2line} prints).
 *
 * @param function the function of the function table that contains the pc (the outermost one)
 * @param file     the source file of the instruction, {@code ?} when the tables do not cover it
 * @param line     the line of the instruction, 0 when not covered
 */
public record SourceLine(String function, String file, int line) {

    /**
     * Checks the components.
     *
     * @param function the containing function
     * @param file     the source file
     * @param line     the line
     * @throws NullPointerException if a string is null
     */
    public SourceLine {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(file, "file");
    }

    /** {@return {@code function file:line}} */
    @Override
    public String toString() {
        return function + " " + file + ":" + line;
    }
}
