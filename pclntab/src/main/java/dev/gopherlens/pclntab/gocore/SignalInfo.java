package dev.gopherlens.pclntab.gocore;

/**
 * A signal as {@code siginfo_t} describes it: the core's {@code NT_SIGINFO} note (the signal that killed the
 * process), or the {@code pr_info} part of a thread's {@code NT_PRSTATUS}. Immutable.
 *
 * @param number    the signal number ({@code si_signo}), 6 for SIGABRT
 * @param code      {@code si_code}: ≤ 0 when a process sent it ({@code SI_USER} 0, {@code SI_TKILL} −6), > 0 when
 *                  the kernel raised it for a fault
 * @param errno     {@code si_errno}
 * @param address   the faulting address for SIGSEGV, SIGBUS, SIGILL, SIGFPE and SIGTRAP raised by the kernel, else 0
 * @param senderPid the sending process for a signal a process sent ({@code code ≤ 0}), else 0
 */
public record SignalInfo(int number, int code, int errno, long address, int senderPid) {

    /** {@return the signal's Linux name, such as {@code SIGABRT}, or {@code SIG<number>}} */
    public String name() {
        return switch (number) {
            case 1 -> "SIGHUP";
            case 2 -> "SIGINT";
            case 3 -> "SIGQUIT";
            case 4 -> "SIGILL";
            case 5 -> "SIGTRAP";
            case 6 -> "SIGABRT";
            case 7 -> "SIGBUS";
            case 8 -> "SIGFPE";
            case 9 -> "SIGKILL";
            case 10 -> "SIGUSR1";
            case 11 -> "SIGSEGV";
            case 12 -> "SIGUSR2";
            case 13 -> "SIGPIPE";
            case 14 -> "SIGALRM";
            case 15 -> "SIGTERM";
            case 16 -> "SIGSTKFLT";
            case 17 -> "SIGCHLD";
            case 18 -> "SIGCONT";
            case 19 -> "SIGSTOP";
            case 20 -> "SIGTSTP";
            case 21 -> "SIGTTIN";
            case 22 -> "SIGTTOU";
            case 23 -> "SIGURG";
            case 24 -> "SIGXCPU";
            case 25 -> "SIGXFSZ";
            case 26 -> "SIGVTALRM";
            case 27 -> "SIGPROF";
            case 28 -> "SIGWINCH";
            case 29 -> "SIGIO";
            case 30 -> "SIGPWR";
            case 31 -> "SIGSYS";
            default -> "SIG" + number;
        };
    }

    /** {@return whether the kernel raised it for a fault, so that {@link #address()} is meaningful} */
    public boolean isFault() {
        return code > 0 && (number == 4 || number == 5 || number == 7 || number == 8 || number == 11);
    }

    /** {@return for example {@code SIGABRT code -6 from pid 20819} or {@code SIGSEGV code 1 addr 0x0}} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name()).append(" code ").append(code);
        if (errno != 0) {
            sb.append(" errno ").append(errno);
        }
        if (isFault()) {
            sb.append(" addr 0x").append(Long.toHexString(address));
        } else if (code <= 0 && senderPid != 0) {
            sb.append(" from pid ").append(senderPid);
        }
        return sb.toString();
    }
}
