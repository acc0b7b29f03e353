package dev.gopherlens.pprof.goroutines;

import dev.gopherlens.core.Frame;

import java.util.Objects;

/**
 * One frame of a goroutine's traceback as the Go runtime printed it: the function and its argument words on one
 * line, the file, line and pc offset on the next. Immutable.
 *
 * <p>The {@link Frame} holds the function, file and line; its pc is known only when the runtime printed
 * {@code pc=0x…} (under {@code GOTRACEBACK=system} and in a fatal runtime error), else 0. A call that Go inlined
 * into its caller is printed with {@code (...)} for arguments and no pc offset; it shares its physical frame with
 * the call after it.
 *
 * @param frame    the function, file and line; function and file empty for a {@code non-Go function} frame
 * @param args     the text between the parentheses, kept as printed ({@code 0x1, {0xc000012345, 0x3}},
 *                 {@code ...}); empty when there were none
 * @param pcOffset the offset of the pc from the function's entry ({@code +0x1b}), -1 when not printed
 * @param inlined  whether the runtime printed the frame as an inlined call: {@code (...)} and no pc offset
 * @param fp       the frame pointer printed by {@code GOTRACEBACK=system} ({@code fp=0x…}), 0 when not printed
 * @param sp       the stack pointer printed by {@code GOTRACEBACK=system} ({@code sp=0x…}), 0 when not printed
 */
public record Call(Frame frame, String args, long pcOffset, boolean inlined, long fp, long sp) {

    /**
     * Checks the components.
     *
     * @param frame    the function, file and line
     * @param args     the argument text as printed
     * @param pcOffset the pc offset, -1 when not printed
     * @param inlined  whether the call was printed as inlined
     * @param fp       the frame pointer, 0 when not printed
     * @param sp       the stack pointer, 0 when not printed
     * @throws NullPointerException if frame or args is null
     */
    public Call {
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(args, "args");
    }

    /** {@return the function's full Go name, empty for a non-Go function} */
    public String function() {
        return frame.function();
    }

    /** {@return the source file as printed} */
    public String file() {
        return frame.file();
    }

    /** {@return the source line, 0 when not printed} */
    public int line() {
        return frame.line();
    }

    /** {@return {@code function(args) file:line +0x…}, close to how the runtime prints it} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(frame.function().isEmpty() ? "?" : frame.function()).append('(').append(args).append(") ")
                .append(frame.file().isEmpty() ? "?" : frame.file());
        if (frame.line() > 0) {
            sb.append(':').append(frame.line());
        }
        if (pcOffset >= 0) {
            sb.append(" +0x").append(Long.toHexString(pcOffset));
        }
        if (frame.pc() != 0) {
            sb.append(" pc=0x").append(Long.toHexString(frame.pc()));
        }
        return sb.toString();
    }
}
