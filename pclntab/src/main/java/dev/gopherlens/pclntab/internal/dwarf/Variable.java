package dev.gopherlens.pclntab.internal.dwarf;

/**
 * A package-level variable ({@code DW_TAG_variable} child of a compile unit).
 *
 * @param name    the qualified name ({@code runtime.allgs}, {@code main.GlobalConfig})
 * @param address its static address ({@code DW_OP_addr}/{@code DW_OP_addrx} location), or -1 when it has none
 * @param type    its type
 */
public record Variable(String name, long address, TypeRef type) {

    @Override
    public String toString() {
        return "var " + name + " " + type + " @0x" + Long.toHexString(address);
    }
}
