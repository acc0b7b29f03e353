package dev.gopherlens.pclntab.internal.dwarf;

/**
 * A member of a struct.
 *
 * @param name     the field name ({@code sched}); an embedded field is named after its type
 * @param offset   the byte offset in the struct ({@code DW_AT_data_member_location})
 * @param type     the field's type
 * @param embedded whether Go marked it embedded ({@code DW_AT_go_embedded_field})
 */
public record Field(String name, long offset, TypeRef type, boolean embedded) {

    @Override
    public String toString() {
        return name + " " + type + " @" + offset + (embedded ? " (embedded)" : "");
    }
}
