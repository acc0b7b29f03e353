package dev.gopherlens.pclntab.internal.dwarf;

/**
 * A package constant ({@code DW_TAG_constant}): Go writes its integer constants, such as {@code runtime._Gdead} and
 * {@code runtime.waitReasonChanReceive}.
 *
 * @param name  the qualified name
 * @param value {@code DW_AT_const_value}
 * @param type  its type, or null when the entry has none
 */
public record Constant(String name, long value, TypeRef type) {

    @Override
    public String toString() {
        return "const " + name + " = " + value;
    }
}
