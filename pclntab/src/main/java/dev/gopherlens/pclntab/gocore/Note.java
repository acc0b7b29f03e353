package dev.gopherlens.pclntab.gocore;

import java.util.Objects;

/**
 * Where one ELF note of a core lies: its owner, type and the position of its descriptor in the core file. The
 * descriptor's bytes are read with {@link GoCore#noteBytes(Note)}. Immutable.
 *
 * @param owner  the owner name without its NUL: {@code CORE} for the process and thread notes, {@code LINUX} for
 *               the XSAVE state
 * @param type   the note type: 1 {@code NT_PRSTATUS}, 2 {@code NT_FPREGSET}, 3 {@code NT_PRPSINFO}, 6
 *               {@code NT_AUXV}, 0x202 {@code NT_X86_XSTATE}, 0x53494749 {@code NT_SIGINFO}, 0x46494c45
 *               {@code NT_FILE}, …
 * @param offset the descriptor's offset in the core file
 * @param size   the descriptor's size in bytes
 */
public record Note(String owner, int type, long offset, long size) {

    /** {@code NT_PRSTATUS}: a thread's LWP id, signal and general registers. */
    public static final int NT_PRSTATUS = 1;
    /** {@code NT_FPREGSET}: a thread's x87/SSE state (FXSAVE image on amd64). */
    public static final int NT_FPREGSET = 2;
    /** {@code NT_PRPSINFO}: the process: state, pid, uid, command name and arguments. */
    public static final int NT_PRPSINFO = 3;
    /** {@code NT_AUXV}: the auxiliary vector. */
    public static final int NT_AUXV = 6;
    /** {@code NT_X86_XSTATE}: a thread's XSAVE image (owner {@code LINUX}). */
    public static final int NT_X86_XSTATE = 0x202;
    /** {@code NT_SIGINFO}: the fatal signal's {@code siginfo_t}. */
    public static final int NT_SIGINFO = 0x53494749;
    /** {@code NT_FILE}: the file-backed mappings. */
    public static final int NT_FILE = 0x46494c45;

    /**
     * Checks the owner.
     *
     * @param owner  the owner name
     * @param type   the note type
     * @param offset the descriptor's offset
     * @param size   the descriptor's size
     */
    public Note {
        Objects.requireNonNull(owner, "owner");
    }

    /** {@return the type's name, such as {@code NT_PRSTATUS}, or its number in hex} */
    public String typeName() {
        return switch (type) {
            case NT_PRSTATUS -> "NT_PRSTATUS";
            case NT_FPREGSET -> "NT_FPREGSET";
            case NT_PRPSINFO -> "NT_PRPSINFO";
            case NT_AUXV -> "NT_AUXV";
            case NT_X86_XSTATE -> "NT_X86_XSTATE";
            case NT_SIGINFO -> "NT_SIGINFO";
            case NT_FILE -> "NT_FILE";
            case 0x205 -> "NT_X86_XSAVE_LAYOUT";
            default -> "0x" + Integer.toHexString(type);
        };
    }

    /** {@return for example {@code CORE NT_PRSTATUS 336 bytes at 0x7a8}} */
    @Override
    public String toString() {
        return owner + " " + typeName() + " " + size + " bytes at 0x" + Long.toHexString(offset);
    }
}
