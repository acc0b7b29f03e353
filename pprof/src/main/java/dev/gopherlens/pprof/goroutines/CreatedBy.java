package dev.gopherlens.pprof.goroutines;

import dev.gopherlens.core.Frame;

import java.util.Objects;

/**
 * The {@code created by} line of a goroutine: the go statement that started it. Immutable.
 *
 * @param frame    the function that ran the go statement, and its file and line
 * @param pcOffset the offset of the go statement's pc from the function's entry, -1 when not printed
 * @param parentId the id of the goroutine that ran it, printed as {@code in goroutine N} since Go 1.21; 0 when
 *                 not printed (older Go, or a goroutine of an ancestor traceback)
 */
public record CreatedBy(Frame frame, long pcOffset, long parentId) {

    /**
     * Checks the components.
     *
     * @param frame    the creating function, file and line
     * @param pcOffset the pc offset, -1 when not printed
     * @param parentId the parent goroutine's id, 0 when not printed
     * @throws NullPointerException if frame is null
     */
    public CreatedBy {
        Objects.requireNonNull(frame, "frame");
    }

    /** {@return the creating function's full Go name} */
    public String function() {
        return frame.function();
    }

    /** {@return {@code created by F in goroutine N at file:line}} */
    @Override
    public String toString() {
        return "created by " + frame.function() + (parentId != 0 ? " in goroutine " + parentId : "") + " at "
                + frame.file() + ":" + frame.line();
    }
}
