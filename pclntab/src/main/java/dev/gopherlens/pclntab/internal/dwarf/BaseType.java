package dev.gopherlens.pclntab.internal.dwarf;

/**
 * A {@code DW_TAG_base_type}: a Go boolean, integer, float or complex.
 *
 * @param name     the Go name ({@code uint64})
 * @param size     the size in bytes
 * @param encoding {@code DW_AT_encoding} ({@code DW_ATE_signed} 5, {@code unsigned} 7, {@code float} 4, ...)
 * @param kind     Go's kind
 * @param offset   the entry's offset in {@code .debug_info}
 */
public record BaseType(String name, long size, int encoding, GoKind kind, long offset) implements Type {

    @Override
    public String toString() {
        return name + " (" + size + " bytes)";
    }
}
