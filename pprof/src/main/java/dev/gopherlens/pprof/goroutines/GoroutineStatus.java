package dev.gopherlens.pprof.goroutines;

/**
 * The scheduler status behind a goroutine's printed state: the printed state is either the status's name or,
 * for a waiting goroutine, its wait reason ({@code chan receive}, {@code IO wait}). From runtime/traceback.go
 * (Go 1.15 to 1.27) gStatusStrings and goroutineheader.
 */
public enum GoroutineStatus {
    /** Running on a thread ({@code running}). */
    RUNNING,
    /** Ready to run, waiting for a thread ({@code runnable}). */
    RUNNABLE,
    /** In a system call ({@code syscall}). */
    SYSCALL,
    /** Blocked: printed as its wait reason ({@code chan receive}, {@code select}, …) or {@code waiting}. */
    WAITING,
    /**
     * Blocked forever, as the goroutine leak detector found: {@code chan receive (leaked)} (in Go 1.27's runtime,
     * not in 1.25's).
     */
    LEAKED,
    /** Just allocated, or a thread's scheduler stack ({@code idle}, as goroutine 0 is printed). */
    IDLE,
    /** Exited, or kept for a cgo callback ({@code dead}, {@code waiting for cgo callback}). */
    DEAD,
    /** Its stack is being moved ({@code copystack}). */
    COPYSTACK,
    /** Stopped by a preemption request ({@code preempted}). */
    PREEMPTED,
    /** A status the runtime did not know ({@code ???}) or an empty state. */
    UNKNOWN;

    /**
     * Tells the status from a printed state; a {@code (scan)} suffix (the garbage collector was scanning it) is
     * ignored.
     *
     * @param state the state as printed, such as {@code chan receive} or {@code running (scan)}
     * @return the status
     */
    public static GoroutineStatus of(String state) {
        String s = state.endsWith(" (scan)") ? state.substring(0, state.length() - 7) : state;
        return switch (s) {
            case "running" -> RUNNING;
            case "runnable" -> RUNNABLE;
            case "syscall" -> SYSCALL;
            case "idle" -> IDLE;
            case "dead", "waiting for cgo callback" -> DEAD;
            case "copystack" -> COPYSTACK;
            case "preempted" -> PREEMPTED;
            case "", "???" -> UNKNOWN;
            default -> s.endsWith(" (leaked)") || s.equals("leaked") ? LEAKED : WAITING;
        };
    }
}
