package dev.gopherlens.pclntab.internal.dwarf;

import dev.gopherlens.core.GoParseException;

import java.util.List;
import java.util.Optional;

/**
 * A {@code DW_TAG_structure_type}: a Go struct, and also how Go writes strings ({@code {str, len}}), slices
 * ({@code {array, len, cap}} with {@code DW_AT_go_elem}), interfaces ({@code runtime.iface}/{@code eface}) and the
 * runtime's synthesized map and channel headers.
 *
 * @param name   the Go name ({@code runtime.g}, {@code []*runtime.g}, {@code string})
 * @param size   the size in bytes
 * @param fields the members in entry order
 * @param elem   a slice's element type ({@code DW_AT_go_elem}), or null
 * @param kind   Go's kind: {@link GoKind#STRUCT}, {@link GoKind#SLICE}, {@link GoKind#STRING}, ...
 * @param offset the entry's offset in {@code .debug_info}
 */
public record StructType(String name, long size, List<Field> fields, TypeRef elem, GoKind kind, long offset)
        implements Type {

    /**
     * Makes a struct type.
     *
     * @param name   the Go name
     * @param size   the size in bytes
     * @param fields the members, copied
     * @param elem   a slice's element type, or null
     * @param kind   Go's kind
     * @param offset the entry's offset
     */
    public StructType {
        fields = List.copyOf(fields);
    }

    /**
     * Finds a member by name.
     *
     * @param fieldName the name
     * @return the member, or empty
     */
    public Optional<Field> field(String fieldName) {
        for (Field f : fields) {
            if (f.name().equals(fieldName)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /**
     * Returns the offset of a possibly nested member, through struct-typed members and their typedefs (not through
     * pointers): {@code offsetOf("sched.sp")}.
     *
     * @param path member names joined by dots
     * @return the byte offset from the start of this struct
     * @throws GoParseException if a type on the way is malformed
     * @throws java.util.NoSuchElementException if a name on the path is not a member
     */
    public long offsetOf(String path) throws GoParseException {
        return fieldAt(path).offset();
    }

    /**
     * Returns a possibly nested member, with its offset from the start of this struct.
     *
     * @param path member names joined by dots
     * @return the member, its offset made relative to this struct
     * @throws GoParseException if a type on the way is malformed
     * @throws java.util.NoSuchElementException if a name on the path is not a member
     */
    public Field fieldAt(String path) throws GoParseException {
        StructType s = this;
        long base = 0;
        String[] parts = path.split("\\.", -1);
        for (int i = 0; ; i++) {
            String part = parts[i];
            StructType current = s;
            Field f = s.field(part).orElseThrow(() -> new java.util.NoSuchElementException(
                    "no member " + part + " in " + current.name() + " (path " + path + ")"));
            base += f.offset();
            if (i == parts.length - 1) {
                return new Field(f.name(), base, f.type(), f.embedded());
            }
            Type next = f.type().resolve().underlying();
            if (!(next instanceof StructType st)) {
                throw new java.util.NoSuchElementException(part + " of " + current.name() + " is a " + next.name()
                        + ", not a struct (path " + path + ")");
            }
            s = st;
        }
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("struct ").append(name).append(" (").append(size).append(" bytes) {");
        for (int i = 0; i < fields.size(); i++) {
            b.append(i == 0 ? "" : "; ").append(fields.get(i));
        }
        return b.append('}').toString();
    }
}
