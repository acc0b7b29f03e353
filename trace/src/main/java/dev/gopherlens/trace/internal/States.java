package dev.gopherlens.trace.internal;

/**
 * The states of goroutines and procs as Go's parser numbers them ({@code GoState}, {@code ProcState} in
 * internal/trace/resources.go, Go 1.27); the public enums share these ordinals.
 */
public final class States {
    private States() {
    }

    public static final int UNDETERMINED = 0;
    public static final int NOT_EXIST = 1;
    public static final int GO_RUNNABLE = 2;
    public static final int GO_RUNNING = 3;
    public static final int GO_WAITING = 4;
    public static final int GO_SYSCALL = 5;
    public static final int PROC_RUNNING = 2;
    public static final int PROC_IDLE = 3;

    /**
     * Maps a wire goroutine status to a state.
     *
     * @param status 0 to 4
     * @return the state; Undetermined for the Bad status 0
     */
    public static int goState(long status) {
        switch ((int) status) {
            case Wire.GO_STATUS_RUNNABLE:
                return GO_RUNNABLE;
            case Wire.GO_STATUS_RUNNING:
                return GO_RUNNING;
            case Wire.GO_STATUS_SYSCALL:
                return GO_SYSCALL;
            case Wire.GO_STATUS_WAITING:
                return GO_WAITING;
            default:
                return UNDETERMINED;
        }
    }

    /**
     * Maps a wire proc status to a state: a proc in a syscall is still Running, an abandoned one Idle.
     *
     * @param status 0 to 4
     * @return the state
     */
    public static int procState(long status) {
        switch ((int) status) {
            case Wire.PROC_STATUS_RUNNING:
            case Wire.PROC_STATUS_SYSCALL:
                return PROC_RUNNING;
            case Wire.PROC_STATUS_IDLE:
            case Wire.PROC_STATUS_SYSCALL_ABANDONED:
                return PROC_IDLE;
            default:
                return UNDETERMINED;
        }
    }

    /**
     * Names a wire goroutine status as Go prints it.
     *
     * @param status the status
     * @return the name
     */
    public static String goStatusName(long status) {
        String[] n = {"Bad", "Runnable", "Running", "Syscall", "Waiting"};
        return status >= 0 && status < n.length ? n[(int) status] : "GoStatus(" + status + ")";
    }

    /**
     * Names a wire proc status as Go prints it.
     *
     * @param status the status
     * @return the name
     */
    public static String procStatusName(long status) {
        String[] n = {"Bad", "Running", "Idle", "Syscall", "SyscallAbandoned"};
        return status >= 0 && status < n.length ? n[(int) status] : "ProcStatus(" + status + ")";
    }
}
