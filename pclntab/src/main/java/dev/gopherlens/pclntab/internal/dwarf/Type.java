package dev.gopherlens.pclntab.internal.dwarf;

import dev.gopherlens.core.GoParseException;

/**
 * A type entry of Go's DWARF: what a reader needs to lay out and print values. Go writes strings, slices and
 * interfaces as structs and maps and channels as typedefs of pointers; {@link #kind()} (from {@code DW_AT_go_kind})
 * tells them apart. Implementations are immutable records.
 */
public sealed interface Type permits BaseType, PointerType, StructType, ArrayType, TypedefType, FuncType, OtherType {

    /** {@return the type's name as the linker wrote it, with the import path ({@code runtime.g}); may be empty} */
    String name();

    /** {@return the size of a value in bytes, or -1 when the entry does not say} */
    long size();

    /** {@return Go's kind, {@link GoKind#INVALID} when the entry has none} */
    GoKind kind();

    /** {@return the offset of the type's entry in {@code .debug_info}} */
    long offset();

    /**
     * Returns Go's kind of this type or, for a typedef without one (Go's typedef of a named struct), of the first
     * type along its chain that has one.
     *
     * @return the kind, {@link GoKind#INVALID} when no entry on the chain has one
     * @throws GoParseException if an entry is malformed, or the chain is a cycle
     */
    default GoKind effectiveKind() throws GoParseException {
        Type t = this;
        for (int i = 0; i < 64; i++) {
            if (t.kind() != GoKind.INVALID || !(t instanceof TypedefType d) || d.target() == null) {
                return t.kind();
            }
            t = d.target().resolve();
        }
        throw GoParseException.malformed(DwarfInput.FORMAT, offset(), ".debug_info: expected a typedef chain of at"
                + " most 64 links from " + name());
    }

    /**
     * Follows typedefs to the type they name ({@code runtime.waitReason → uint8}).
     *
     * @return the first type that is not a typedef
     * @throws GoParseException if an entry is malformed, or the chain is a cycle
     */
    default Type underlying() throws GoParseException {
        Type t = this;
        for (int i = 0; i < 64; i++) {
            if (!(t instanceof TypedefType d)) {
                return t;
            }
            if (d.target() == null) {
                return t;
            }
            t = d.target().resolve();
        }
        throw GoParseException.malformed(DwarfInput.FORMAT, offset(), ".debug_info: expected a typedef chain of at"
                + " most 64 links from " + name());
    }
}
