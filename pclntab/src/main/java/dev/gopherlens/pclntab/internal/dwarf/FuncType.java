package dev.gopherlens.pclntab.internal.dwarf;

/**
 * A {@code DW_TAG_subroutine_type}: a Go func value, one word pointing at a funcval.
 *
 * @param name   the Go name ({@code func(int) error})
 * @param size   the size in bytes
 * @param kind   Go's kind
 * @param offset the entry's offset in {@code .debug_info}
 */
public record FuncType(String name, long size, GoKind kind, long offset) implements Type {

    @Override
    public String toString() {
        return name;
    }
}
