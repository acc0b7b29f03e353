package dev.gopherlens.core;

import java.util.Objects;

/**
 * One code location: a function, its source file and line, and the program counter when known. The same type
 * stands in a stack from a profile, a trace, a goroutine dump and a binary, so stacks from all of them compare
 * and join.
 *
 * <p>An inlined call is its own frame: a stack lists the inlined function first and the function it was inlined
 * into after it, as the Go runtime's {@code runtime.CallersFrames} does, all with the same pc.
 *
 * @param function the function's full Go name ({@code main.(*server).handle}), empty when unknown
 * @param file     the source file as recorded in the binary, empty when unknown
 * @param line     the 1-based source line, 0 when unknown
 * @param pc       the program counter, 0 when unknown
 */
public record Frame(String function, String file, int line, long pc) {

    /**
     * Checks the components.
     *
     * @param function the function's full Go name, empty when unknown
     * @param file     the source file, empty when unknown
     * @param line     the 1-based source line, 0 when unknown
     * @param pc       the program counter, 0 when unknown
     * @throws NullPointerException     if function or file is null
     * @throws IllegalArgumentException if line is negative
     */
    public Frame {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(file, "file");
        if (line < 0) {
            throw new IllegalArgumentException("line must not be negative: " + line);
        }
    }

    /**
     * Makes a frame without a program counter.
     *
     * @param function the function's full Go name
     * @param file     the source file
     * @param line     the 1-based source line, 0 when unknown
     * @return the frame
     */
    public static Frame of(String function, String file, int line) {
        return new Frame(function, file, line, 0);
    }

    /** {@return whether the program counter is known} */
    public boolean hasPc() {
        return pc != 0;
    }

    /** {@return {@code function file:line} with {@code pc=0x…} when known, as a Go traceback names a frame} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(function.length() + file.length() + 32);
        sb.append(function.isEmpty() ? "?" : function).append(' ').append(file.isEmpty() ? "?" : file);
        if (line > 0) {
            sb.append(':').append(line);
        }
        if (pc != 0) {
            sb.append(" pc=0x").append(Long.toHexString(pc));
        }
        return sb.toString();
    }
}
