package dev.gopherlens.pclntab.internal.gocore;

import java.util.List;

/**
 * Where one machine keeps its general registers in a Linux {@code NT_PRSTATUS} note, and which of them are the pc,
 * stack pointer and frame pointer: the one place that knows the architecture, so that another machine is one more
 * implementation. Implementations are immutable.
 */
public interface RegisterLayout {

    /** {@return Go's name for the architecture, such as {@code amd64}} */
    String arch();

    /** {@return the ELF {@code e_machine} of cores it reads} */
    int machine();

    /** {@return the register names in the order the note stores them, as 64-bit words} */
    List<String> names();

    /** {@return the smallest {@code NT_PRSTATUS} descriptor that holds every register} */
    int prstatusSize();

    /** {@return the offset of {@code pr_reg} in the descriptor} */
    int registersOffset();

    /** {@return the index of the program counter in {@link #names()}} */
    int pcIndex();

    /** {@return the index of the stack pointer} */
    int spIndex();

    /** {@return the index of the frame pointer} */
    int fpIndex();

    /**
     * Finds the layout of a machine.
     *
     * @param machine the ELF {@code e_machine}
     * @return the layout, or null when the machine is not supported
     */
    static RegisterLayout forMachine(int machine) {
        if (machine == Amd64Layout.INSTANCE.machine()) {
            return Amd64Layout.INSTANCE;
        }
        return machine == Arm64Layout.INSTANCE.machine() ? Arm64Layout.INSTANCE : null;
    }
}
