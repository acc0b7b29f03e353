package dev.gopherlens.pclntab;

import java.util.Objects;

/**
 * A function of a Go binary's function table, as the runtime knows it.
 *
 * @param name      the linker's name for it ({@code main.(*server).handle}, {@code type:.eq.main.T})
 * @param entry     the address of its first instruction
 * @param end       the address after its last byte (the next function's entry)
 * @param args      the size of its arguments in bytes
 * @param funcId    the runtime's {@code abi.FuncID} for it (0 for ordinary functions; values differ by version)
 * @param flags     the runtime's {@code abi.FuncFlag} bits: 1 top frame, 2 SP write, 4 assembly (Go 1.17+)
 * @param startLine the line of its {@code func} keyword (Go 1.20+), 0 when unknown
 * @param index     its position in the function table
 */
public record Func(String name, long entry, long end, int args, int funcId, int flags, int startLine, int index) {

    /**
     * Checks the name.
     *
     * @param name      the name
     * @param entry     the entry address
     * @param end       the end address
     * @param args      the argument size
     * @param funcId    the funcID
     * @param flags     the flags
     * @param startLine the start line
     * @param index     the table position
     * @throws NullPointerException if name is null
     */
    public Func {
        Objects.requireNonNull(name, "name");
    }

    /**
     * Tells whether a pc lies in {@code [entry, end)}.
     *
     * @param pc the address
     * @return whether the function's range holds it
     */
    public boolean contains(long pc) {
        return Long.compareUnsigned(pc, entry) >= 0 && Long.compareUnsigned(pc, end) < 0;
    }

    /** {@return the name and address range} */
    @Override
    public String toString() {
        return name + " [0x" + Long.toHexString(entry) + ", 0x" + Long.toHexString(end) + ")";
    }
}
