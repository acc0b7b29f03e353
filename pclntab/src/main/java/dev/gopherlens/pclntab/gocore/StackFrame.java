package dev.gopherlens.pclntab.gocore;

import java.util.Objects;

/**
 * One frame of a goroutine's backtrace, as the runtime's traceback prints it: a physical frame with its
 * {@code +0x} offset and {@code fp=}, {@code sp=}, {@code pc=}, or a call inlined into the physical frame that
 * follows it (which has only a function and a line).
 *
 * @param function the function, named as the runtime prints it ({@code [...]} for type arguments)
 * @param file     the source file
 * @param line     the line
 * @param inlined  whether this call was inlined into the next frame (then pc, sp, fp and offset are those of
 *                 that physical frame)
 * @param pc       the frame's pc: where it resumes (a return address), or where it stopped for the innermost frame
 * @param sp       the stack pointer of the frame
 * @param fp       the frame pointer as the runtime computes it: the caller's stack pointer
 * @param offset   {@code pc} minus the physical function's entry (the traceback's {@code +0x})
 */
public record StackFrame(String function, String file, int line, boolean inlined, long pc, long sp, long fp,
                         long offset) {
    /**
     * Checks the frame.
     *
     * @param function the function
     * @param file     the file
     * @param line     the line
     * @param inlined  inlined into the next frame
     * @param pc       the pc
     * @param sp       the stack pointer
     * @param fp       the frame pointer
     * @param offset   the offset from the function's entry
     * @throws NullPointerException if a string is null
     */
    public StackFrame {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(file, "file");
    }

    /**
     * Returns the frame's two traceback lines without arguments: {@code function(...)} for an inlined call, else
     * {@code function}, then the tab-indented location line. {@link GoCore#traceback(Goroutine)} prints a whole
     * goroutine with its arguments.
     *
     * @return the text, two lines, each ending with a newline
     */
    public String toTraceback() {
        if (inlined) {
            return function + "(...)\n\t" + file + ":" + line + "\n";
        }
        // runtime/traceback.go traceback2: no +0x at the entry itself (a goroutine that has not run yet).
        return function + "\n\t" + file + ":" + line + (offset > 0 ? " +0x" + Long.toHexString(offset) : "") + " fp=0x"
                + Long.toHexString(fp) + " sp=0x" + Long.toHexString(sp) + " pc=0x" + Long.toHexString(pc) + "\n";
    }

    @Override
    public String toString() {
        return function + " " + file + ":" + line + (inlined ? " (inlined)" : " pc=0x" + Long.toHexString(pc));
    }
}
