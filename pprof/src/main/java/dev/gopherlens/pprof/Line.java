package dev.gopherlens.pprof;

/**
 * One source line of a {@link Location}: a function and a line in it. A location with inlined calls has several,
 * the innermost (inlined) function first.
 *
 * @param function the function, or null when the profile names none
 * @param line     the line number, 0 when unknown
 * @param column   the column number, 0 when unknown (Go's runtime never records one)
 */
public record Line(Function function, long line, long column) {

    /** {@return {@code function file:line}, or {@code ??} without a function} */
    @Override
    public String toString() {
        if (function == null) {
            return "??";
        }
        return function.name() + " " + function.filename() + ":" + line + (column != 0 ? ":" + column : "");
    }
}
