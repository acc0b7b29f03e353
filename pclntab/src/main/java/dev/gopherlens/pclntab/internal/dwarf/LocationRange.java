package dev.gopherlens.pclntab.internal.dwarf;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One entry of a location list: where a variable lives for pcs in [low, high). Immutable: the expression is copied
 * in and out.
 *
 * @param low        the first pc
 * @param high       the pc just past the range; -1 for an expression valid everywhere
 * @param expression the DWARF expression bytes
 */
public record LocationRange(long low, long high, byte[] expression) {

    /**
     * Makes a range.
     *
     * @param low        the first pc
     * @param high       the end pc, or -1
     * @param expression the expression, copied
     */
    public LocationRange {
        expression = expression.clone();
    }

    /** {@return a copy of the expression bytes} */
    @Override
    public byte[] expression() {
        return expression.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LocationRange r && r.low == low && r.high == high && Arrays.equals(r.expression, expression);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(low) * 31 + Long.hashCode(high) * 17 + Arrays.hashCode(expression);
    }

    @Override
    public String toString() {
        return "[0x" + Long.toHexString(low) + ", 0x" + Long.toHexString(high) + ") "
                + HexFormat.of().formatHex(expression);
    }
}
