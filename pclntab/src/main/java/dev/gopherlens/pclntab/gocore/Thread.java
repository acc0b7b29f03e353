package dev.gopherlens.pclntab.gocore;

import java.util.List;
import java.util.Objects;

/**
 * One thread of the process as the core holds it, from its {@code NT_PRSTATUS} note: gdb's {@code info threads}
 * row and {@code info registers}. Immutable.
 *
 * @param index     its position among the core's threads, from 1 as gdb numbers them; thread 1 dumped core
 * @param lwp       the kernel's thread id ({@code pr_pid})
 * @param signal    the signal being delivered when it dumped ({@code pr_cursig}); the same in every thread
 * @param info      the {@code pr_info} part of the note (number, code, errno)
 * @param registers its general registers
 * @param notes     its notes: {@code NT_PRSTATUS} first, then its {@code NT_FPREGSET}, {@code NT_X86_XSTATE} and
 *                  any other note between it and the next thread's {@code NT_PRSTATUS}, except the process notes
 */
public record Thread(int index, int lwp, int signal, SignalInfo info, Registers registers, List<Note> notes) {

    /**
     * Copies the list of notes.
     *
     * @param index     the position from 1
     * @param lwp       the thread id
     * @param signal    the current signal
     * @param info      the signal info of the note
     * @param registers the registers
     * @param notes     the thread's notes
     */
    public Thread {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(registers, "registers");
        notes = List.copyOf(notes);
    }

    /** {@return the program counter} */
    public long pc() {
        return registers.pc();
    }

    /** {@return the stack pointer} */
    public long sp() {
        return registers.sp();
    }

    /** {@return the frame pointer} */
    public long fp() {
        return registers.fp();
    }

    /** {@return for example {@code Thread 1 (LWP 20864) pc=0x48e8a1 sp=0x303a8d44d2f8 fp=0x303a8d44d308}} */
    @Override
    public String toString() {
        return "Thread " + index + " (LWP " + lwp + ") pc=0x" + Long.toHexString(pc()) + " sp=0x"
                + Long.toHexString(sp()) + " fp=0x" + Long.toHexString(fp());
    }
}
