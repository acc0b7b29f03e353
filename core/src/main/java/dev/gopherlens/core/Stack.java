package dev.gopherlens.core;

import java.util.List;

/**
 * A call stack, innermost frame first: the frame that was running, then its callers out to the goroutine's
 * entry. Immutable and thread-safe.
 *
 * @param frames the frames, innermost first; copied
 */
public record Stack(List<Frame> frames) {

    /** The stack with no frames. */
    public static final Stack EMPTY = new Stack(List.of());

    /**
     * Copies the frames.
     *
     * @param frames the frames, innermost first
     * @throws NullPointerException if frames or one of them is null
     */
    public Stack {
        frames = List.copyOf(frames);
    }

    /**
     * Makes a stack from frames, innermost first.
     *
     * @param frames the frames
     * @return the stack
     */
    public static Stack of(Frame... frames) {
        return new Stack(List.of(frames));
    }

    /** {@return how many frames there are} */
    public int depth() {
        return frames.size();
    }

    /** {@return whether there are no frames} */
    public boolean isEmpty() {
        return frames.isEmpty();
    }

    /**
     * Returns the innermost frame, the one that was running.
     *
     * @return the innermost frame
     * @throws IllegalStateException if the stack is empty
     */
    public Frame top() {
        if (frames.isEmpty()) {
            throw new IllegalStateException("empty stack");
        }
        return frames.get(0);
    }

    /** {@return one frame a line, innermost first, each as {@code function} then a tab and {@code file:line}} */
    @Override
    public String toString() {
        if (frames.isEmpty()) {
            return "(empty stack)";
        }
        StringBuilder sb = new StringBuilder();
        for (Frame f : frames) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(f.function().isEmpty() ? "?" : f.function()).append("\n\t")
                    .append(f.file().isEmpty() ? "?" : f.file());
            if (f.line() > 0) {
                sb.append(':').append(f.line());
            }
            if (f.pc() != 0) {
                sb.append(" pc=0x").append(Long.toHexString(f.pc()));
            }
        }
        return sb.toString();
    }
}
