package dev.gopherlens.pclntab.internal.dwarf;

/**
 * A {@code DW_TAG_pointer_type}. Go never writes its byte size; it is the unit's address size.
 *
 * @param name   the Go name ({@code *runtime.m}, {@code unsafe.Pointer})
 * @param size   the pointer size in bytes
 * @param elem   the pointed-to type, or null for {@code unsafe.Pointer}
 * @param kind   Go's kind
 * @param offset the entry's offset in {@code .debug_info}
 */
public record PointerType(String name, long size, TypeRef elem, GoKind kind, long offset) implements Type {

    @Override
    public String toString() {
        return name;
    }
}
