package dev.gopherlens.pclntab.internal.dwarf;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * Where a variable lives: a DWARF expression, or an offset into the location lists ({@code .debug_loc} before DWARF
 * 5, {@code .debug_loclists} from it). Immutable: the expression is copied in and out.
 *
 * @param expression the DWARF expression bytes; empty for a location list
 * @param listOffset the location list's offset in its section; -1 for an expression; below -1 for a
 *                   {@code DW_FORM_loclistx} index ({@code -2 - index})
 * @param unitOffset the offset in {@code .debug_info} of the unit that holds the variable (its address size and
 *                   base address read the list)
 */
public record Location(byte[] expression, long listOffset, long unitOffset) {

    /**
     * Makes a location.
     *
     * @param expression the expression bytes, copied
     * @param listOffset the list offset, or -1
     * @param unitOffset the unit's offset
     */
    public Location {
        expression = expression.clone();
    }

    /** {@return a copy of the expression bytes} */
    @Override
    public byte[] expression() {
        return expression.clone();
    }

    /** {@return whether this is a location list rather than one expression} */
    public boolean isList() {
        return listOffset != -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Location l && l.listOffset == listOffset && l.unitOffset == unitOffset
                && Arrays.equals(l.expression, expression);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(listOffset) * 31 + Arrays.hashCode(expression);
    }

    @Override
    public String toString() {
        return isList() ? "loclist@0x" + Long.toHexString(listOffset) : "expr " + HexFormat.of().formatHex(expression);
    }
}
