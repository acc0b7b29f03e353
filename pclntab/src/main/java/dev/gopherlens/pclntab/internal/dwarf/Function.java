package dev.gopherlens.pclntab.internal.dwarf;

import java.util.List;

/**
 * A function ({@code DW_TAG_subprogram} child of a compile unit) with its pc range and its parameters and locals.
 *
 * @param name   the qualified name ({@code main.main})
 * @param lowPc  its first pc, or -1
 * @param highPc the pc just past it, or -1
 * @param locals its parameters and local variables in entry order
 */
public record Function(String name, long lowPc, long highPc, List<Local> locals) {

    /**
     * Makes a function.
     *
     * @param name   the name
     * @param lowPc  the first pc
     * @param highPc the end pc
     * @param locals the parameters and locals, copied
     */
    public Function {
        locals = List.copyOf(locals);
    }

    @Override
    public String toString() {
        return "func " + name + " [0x" + Long.toHexString(lowPc) + ", 0x" + Long.toHexString(highPc) + ") "
                + locals;
    }
}
