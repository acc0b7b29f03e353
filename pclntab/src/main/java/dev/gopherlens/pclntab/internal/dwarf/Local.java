package dev.gopherlens.pclntab.internal.dwarf;

/**
 * A parameter or local variable of a function (a {@code DW_TAG_formal_parameter} or {@code DW_TAG_variable} child
 * of its subprogram; those inside lexical blocks are included).
 *
 * @param name      the name
 * @param parameter whether it is a parameter (result parameters included)
 * @param type      its type, or null
 * @param location  where it lives, or null when the entry has no location (optimized away)
 */
public record Local(String name, boolean parameter, TypeRef type, Location location) {

    @Override
    public String toString() {
        return (parameter ? "param " : "var ") + name + " " + type + (location == null ? "" : " " + location);
    }
}
