package dev.gopherlens.pclntab.internal.dwarf;

/**
 * A type entry of another tag ({@code DW_TAG_unspecified_type}, an enumeration from a C object), kept with its size.
 *
 * @param name   its name, possibly empty
 * @param tag    its DWARF tag
 * @param size   its size in bytes, or -1
 * @param kind   Go's kind
 * @param offset the entry's offset in {@code .debug_info}
 */
public record OtherType(String name, int tag, long size, GoKind kind, long offset) implements Type {

    @Override
    public String toString() {
        return name + " (tag 0x" + Integer.toHexString(tag) + ")";
    }
}
