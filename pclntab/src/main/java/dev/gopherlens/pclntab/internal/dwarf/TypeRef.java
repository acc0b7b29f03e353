package dev.gopherlens.pclntab.internal.dwarf;

import dev.gopherlens.core.GoParseException;

import java.util.Objects;

/**
 * A reference to a type entry, resolved when asked: Go's types refer to each other in cycles
 * ({@code runtime.g → *runtime.m → *runtime.g}), so a type holds references, not types. Immutable and thread-safe;
 * equal when the entry offset is.
 */
public final class TypeRef {
    private final Dwarf dwarf;
    private final long offset;
    private final String name;

    TypeRef(Dwarf dwarf, long offset, String name) {
        this.dwarf = dwarf;
        this.offset = offset;
        this.name = name;
    }

    /** {@return the offset of the type's entry in {@code .debug_info}} */
    public long offset() {
        return offset;
    }

    /** {@return the referenced type's name, empty when it has none} */
    public String name() {
        return name;
    }

    /**
     * Reads the referenced type (cached by the {@link Dwarf}).
     *
     * @return the type
     * @throws GoParseException if the entry is malformed or not a type
     */
    public Type resolve() throws GoParseException {
        return dwarf.typeAt(offset);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TypeRef r && r.offset == offset && r.dwarf == dwarf;
    }

    @Override
    public int hashCode() {
        return Objects.hash(offset, System.identityHashCode(dwarf));
    }

    @Override
    public String toString() {
        return name.isEmpty() ? "<type@0x" + Long.toHexString(offset) + ">" : name;
    }
}
