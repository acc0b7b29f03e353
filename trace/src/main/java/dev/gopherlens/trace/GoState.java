package dev.gopherlens.trace;

/** The state of a goroutine, as Go's trace parser names it ({@code trace.GoState}). */
public enum GoState {
    /** Not known yet: the trace started with the goroutine in some state. */
    UNDETERMINED,
    /** Not created yet, or destroyed. */
    NOT_EXIST,
    /** Ready to run, waiting for a proc. */
    RUNNABLE,
    /** Running on a thread and proc. */
    RUNNING,
    /** Blocked: channel, lock, sleep, network, … */
    WAITING,
    /** In a system call, holding its thread. */
    SYSCALL;

    /** {@return Go's name for the state: {@code NotExist}, {@code Runnable}, …} */
    public String goName() {
        String[] names = {"Undetermined", "NotExist", "Runnable", "Running", "Waiting", "Syscall"};
        return names[ordinal()];
    }

    /** {@return whether a goroutine in this state is executing: running or in a syscall} */
    public boolean isExecuting() {
        return this == RUNNING || this == SYSCALL;
    }
}
