package dev.gopherlens.pclntab.internal.dwarf;

/**
 * A {@code DW_TAG_typedef}: a named Go type over another entry. Go writes maps as typedefs of a pointer to the
 * runtime's map header, with {@code DW_AT_go_key}/{@code DW_AT_go_elem}, and channels as typedefs with
 * {@code DW_AT_go_elem}.
 *
 * @param name   the Go name ({@code runtime.waitReason}, {@code map[string]int})
 * @param target the named type, or null when the entry has none
 * @param key    a map's key type, or null
 * @param elem   a map's value or a channel's element type, or null
 * @param kind   Go's kind
 * @param offset the entry's offset in {@code .debug_info}
 */
public record TypedefType(String name, TypeRef target, TypeRef key, TypeRef elem, GoKind kind, long offset)
        implements Type {

    /** {@return -1: a typedef's size is its target's} */
    @Override
    public long size() {
        return -1;
    }

    @Override
    public String toString() {
        return "type " + name + " " + target;
    }
}
