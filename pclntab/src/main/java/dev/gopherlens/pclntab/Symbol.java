package dev.gopherlens.pclntab;

import java.util.Objects;

/**
 * A symbol of a binary's own symbol table (ELF {@code .symtab}, Mach-O {@code LC_SYMTAB}, PE COFF symbols), as
 * {@code go tool nm} lists it.
 *
 * @param name    the symbol's name
 * @param address its address (virtual address, image base included)
 * @param size    its size in bytes, 0 when the table gives none
 * @param code    {@code go tool nm}'s letter: {@code T} text, {@code R} read-only data, {@code D} data,
 *                {@code B} bss (as Go 1.27's nm prints it; earlier versions print {@code D}), {@code U} undefined,
 *                {@code ?} other; lower case for local symbols
 */
public record Symbol(String name, long address, long size, char code) {

    /**
     * Checks the name.
     *
     * @param name    the symbol's name
     * @param address its address
     * @param size    its size
     * @param code    its letter
     * @throws NullPointerException if name is null
     */
    public Symbol {
        Objects.requireNonNull(name, "name");
    }

    /** {@return the line {@code go tool nm -n -size} prints for it: no address for an undefined symbol} */
    @Override
    public String toString() {
        String addr = code == 'U' ? "        " : String.format("%8x", address);
        return String.format("%s %10d %c %s", addr, size, code, name);
    }
}
