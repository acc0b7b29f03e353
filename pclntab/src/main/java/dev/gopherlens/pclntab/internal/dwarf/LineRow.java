package dev.gopherlens.pclntab.internal.dwarf;

/**
 * A row of a line-number program ({@code .debug_line}): the source position of the instructions from an address on.
 *
 * @param address the first address of the row
 * @param file    the file's path, its directory joined when the table gives one ({@code runtime/proc.go})
 * @param line    the line, 0 when the compiler gave none
 * @param isStmt  whether the address starts a statement
 */
public record LineRow(long address, String file, int line, boolean isStmt) {

    @Override
    public String toString() {
        return "0x" + Long.toHexString(address) + " " + file + ":" + line;
    }
}
