package dev.gopherlens.trace.internal.v1;

/**
 * The event types of the v1 trace format (headers {@code go 1.11}, {@code go 1.19}, {@code go 1.21}) and what Go
 * 1.27's {@code internal/tracev1} knows about each: its name, how many arguments follow the timestamp, and
 * whether the last one is a stack id.
 *
 * <p>The numbers are the runtime's ({@code runtime/trace.go}, Go 1.21); the names are those of
 * {@code EventDescriptions} in {@code internal/tracev1/parser.go} (Go 1.27), which still call types 9 and 10
 * {@code GCSTWStart} and {@code GCSTWDone}. Stateless.
 */
public final class V1EventType {
    /** Not an event; a type byte of 0 is an error. */
    public static final int NONE = 0;
    /** Start of a P's batch: {@code p ticks} (no delta). */
    public static final int BATCH = 1;
    /** Ticks per second: {@code freq}. */
    public static final int FREQUENCY = 2;
    /** A stack: {@code id n {pc func file line}×n}. */
    public static final int STACK = 3;
    /** GOMAXPROCS: {@code procs}, stack. */
    public static final int GOMAXPROCS = 4;
    /** A P starts on a thread: {@code thread}. */
    public static final int PROC_START = 5;
    /** A P stops. */
    public static final int PROC_STOP = 6;
    /** GC starts: {@code seq}, stack. */
    public static final int GC_START = 7;
    /** GC done. */
    public static final int GC_DONE = 8;
    /** Stop-the-world starts: {@code kind} (a reason enumeration from 1.21, else 0 mark / 1 sweep termination). */
    public static final int STW_START = 9;
    /** Stop-the-world done. */
    public static final int STW_DONE = 10;
    /** Sweep starts, stack. */
    public static final int GC_SWEEP_START = 11;
    /** Sweep done: {@code swept reclaimed}. */
    public static final int GC_SWEEP_DONE = 12;
    /** Goroutine created: {@code g newStack}, stack. */
    public static final int GO_CREATE = 13;
    /** Goroutine starts running: {@code g seq}. */
    public static final int GO_START = 14;
    /** Goroutine ends. */
    public static final int GO_END = 15;
    /** Goroutine stops forever, stack. */
    public static final int GO_STOP = 16;
    /** Goroutine calls Gosched, stack. */
    public static final int GO_SCHED = 17;
    /** Goroutine is preempted, stack. */
    public static final int GO_PREEMPT = 18;
    /** Goroutine sleeps, stack. */
    public static final int GO_SLEEP = 19;
    /** Goroutine blocks, stack. */
    public static final int GO_BLOCK = 20;
    /** Goroutine unblocked: {@code g seq}, stack. */
    public static final int GO_UNBLOCK = 21;
    /** Blocks on a channel send, stack. */
    public static final int GO_BLOCK_SEND = 22;
    /** Blocks on a channel receive, stack. */
    public static final int GO_BLOCK_RECV = 23;
    /** Blocks in select, stack. */
    public static final int GO_BLOCK_SELECT = 24;
    /** Blocks on a mutex, stack. */
    public static final int GO_BLOCK_SYNC = 25;
    /** Blocks on a condition variable, stack. */
    public static final int GO_BLOCK_COND = 26;
    /** Blocks on the network, stack. */
    public static final int GO_BLOCK_NET = 27;
    /** Enters a syscall, stack. */
    public static final int GO_SYS_CALL = 28;
    /** Leaves a syscall: {@code g seq realTicks} (0: none). */
    public static final int GO_SYS_EXIT = 29;
    /** The syscall blocks. */
    public static final int GO_SYS_BLOCK = 30;
    /** Goroutine was blocked when tracing started: {@code g}. */
    public static final int GO_WAITING = 31;
    /** Goroutine was in a syscall when tracing started: {@code g}. */
    public static final int GO_IN_SYSCALL = 32;
    /** Live heap: {@code mem}. */
    public static final int HEAP_ALLOC = 33;
    /** Heap goal: {@code mem}. */
    public static final int HEAP_GOAL = 34;
    /** Names the timer goroutine: {@code g} (no timestamp). */
    public static final int TIMER_GOROUTINE = 35;
    /** Futile wakeup; parsed, but Go 1.27's conversion rejects it. */
    public static final int FUTILE_WAKEUP = 36;
    /** A string table entry: {@code id len bytes}. */
    public static final int STRING = 37;
    /** {@link #GO_START} on the P of the unblock, without seq; renamed to it once ordered. */
    public static final int GO_START_LOCAL = 38;
    /** {@link #GO_UNBLOCK} on the same P, without seq; renamed to it once ordered. */
    public static final int GO_UNBLOCK_LOCAL = 39;
    /** {@link #GO_SYS_EXIT} on the same P, args {@code g realTicks}; renamed to it once ordered. */
    public static final int GO_SYS_EXIT_LOCAL = 40;
    /** Goroutine starts with a label: {@code g seq labelString}. */
    public static final int GO_START_LABEL = 41;
    /** Blocks on GC assist, stack. */
    public static final int GO_BLOCK_GC = 42;
    /** Mark assist starts, stack. */
    public static final int GC_MARK_ASSIST_START = 43;
    /** Mark assist done. */
    public static final int GC_MARK_ASSIST_DONE = 44;
    /** Task created: {@code task parent nameString}, stack. */
    public static final int USER_TASK_CREATE = 45;
    /** Task ends: {@code task}, stack. */
    public static final int USER_TASK_END = 46;
    /** Region starts or ends: {@code task mode nameString}, stack. */
    public static final int USER_REGION = 47;
    /** Log message: {@code task keyString}, stack, then the message bytes. */
    public static final int USER_LOG = 48;
    /** CPU profile sample (from {@code go 1.19}): {@code realTicks p g}, stack. */
    public static final int CPU_SAMPLE = 49;
    /** One more than the largest type. */
    public static final int COUNT = 50;

    private static final String[] NAMES = {
        "None", "Batch", "Frequency", "Stack", "Gomaxprocs", "ProcStart", "ProcStop", "GCStart", "GCDone",
        "GCSTWStart", "GCSTWDone", "GCSweepStart", "GCSweepDone", "GoCreate", "GoStart", "GoEnd", "GoStop",
        "GoSched", "GoPreempt", "GoSleep", "GoBlock", "GoUnblock", "GoBlockSend", "GoBlockRecv", "GoBlockSelect",
        "GoBlockSync", "GoBlockCond", "GoBlockNet", "GoSysCall", "GoSysExit", "GoSysBlock", "GoWaiting",
        "GoInSyscall", "HeapAlloc", "HeapGoal", "TimerGoroutine", "FutileWakeup", "String", "GoStartLocal",
        "GoUnblockLocal", "GoSysExitLocal", "GoStartLabel", "GoBlockGC", "GCMarkAssistStart", "GCMarkAssistDone",
        "UserTaskCreate", "UserTaskEnd", "UserRegion", "UserLog", "CPUSample",
    };

    /** Arguments after the timestamp, not counting the stack id, per type (internal/tracev1 EventDescriptions). */
    private static final byte[] ARGS = {
        0, 2, 1, 2, 1, 1, 0, 1, 0, 1, 0, 0, 2, 2, 2, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 3, 0, 1, 1, 1, 1,
        1, 0, 0, 1, 1, 2, 3, 0, 0, 0, 3, 1, 3, 2, 3,
    };

    /** Bit t is set when type t's last argument is a stack id. */
    private static final long STACK_TYPES = bits(GOMAXPROCS, GC_START, GC_SWEEP_START, GO_CREATE, GO_STOP,
            GO_SCHED, GO_PREEMPT, GO_SLEEP, GO_BLOCK, GO_UNBLOCK, GO_BLOCK_SEND, GO_BLOCK_RECV, GO_BLOCK_SELECT,
            GO_BLOCK_SYNC, GO_BLOCK_COND, GO_BLOCK_NET, GO_SYS_CALL, GO_UNBLOCK_LOCAL, GO_BLOCK_GC,
            GC_MARK_ASSIST_START, USER_TASK_CREATE, USER_TASK_END, USER_REGION, USER_LOG, CPU_SAMPLE);

    private V1EventType() {
    }

    private static long bits(int... types) {
        long b = 0;
        for (int t : types) {
            b |= 1L << t;
        }
        return b;
    }

    /**
     * Returns the name Go 1.27 gives a type, as in its error messages.
     *
     * @param type a type number
     * @return the name, or {@code "type N"} outside the table
     */
    public static String name(int type) {
        return type >= 0 && type < COUNT ? NAMES[type] : "type " + type;
    }

    /**
     * Returns how many arguments a type has besides its timestamp and stack id; for {@link #BATCH},
     * {@link #FREQUENCY}, {@link #TIMER_GOROUTINE} (which have no timestamp) all of them.
     *
     * @param type a type number below {@link #COUNT}
     * @return the count
     */
    public static int argCount(int type) {
        return ARGS[type];
    }

    /**
     * Tells whether a type's last argument is a stack id.
     *
     * @param type a type number below {@link #COUNT}
     * @return whether it has a stack
     */
    public static boolean hasStack(int type) {
        return type >= 0 && type < COUNT && (STACK_TYPES & (1L << type)) != 0;
    }

    /**
     * Tells whether a type is one of the goroutine-blocking events (which end the running goroutine's turn and
     * put it in the waiting state).
     *
     * @param type a type number
     * @return whether it blocks
     */
    static boolean isBlock(int type) {
        switch (type) {
            case GO_BLOCK: case GO_BLOCK_SEND: case GO_BLOCK_RECV: case GO_BLOCK_SELECT: case GO_BLOCK_SYNC:
            case GO_BLOCK_COND: case GO_BLOCK_NET: case GO_SLEEP: case GO_SYS_BLOCK: case GO_BLOCK_GC:
                return true;
            default:
                return false;
        }
    }
}
