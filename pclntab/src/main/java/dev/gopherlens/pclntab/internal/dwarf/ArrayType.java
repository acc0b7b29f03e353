package dev.gopherlens.pclntab.internal.dwarf;

/**
 * A {@code DW_TAG_array_type} with one subrange: Go's {@code [N]T}.
 *
 * @param name   the Go name ({@code [8]uint8})
 * @param size   the size in bytes, or -1 when the entry does not say
 * @param elem   the element type
 * @param count  the element count ({@code DW_AT_count}, or upper bound + 1), or -1 when unknown
 * @param kind   Go's kind
 * @param offset the entry's offset in {@code .debug_info}
 */
public record ArrayType(String name, long size, TypeRef elem, long count, GoKind kind, long offset) implements Type {

    @Override
    public String toString() {
        return name + " (" + count + " × " + elem + ", " + size + " bytes)";
    }
}
