package dev.gopherlens.trace.internal;

/**
 * The event types of the generational trace format (Go 1.22 on) and what each one's arguments are: the table both
 * decoders speak in. The v1 converter maps the old event stream onto these same types.
 *
 * <p>internal/trace/tracev2/events.go (Go 1.27) is the source; every v2 version is decoded with the newest table,
 * as Go's own parser does (a Go 1.22 file holding a Go 1.23 event still parses).
 */
public final class Wire {
    private Wire() {
    }

    public static final int EVENT_BATCH = 1;
    public static final int STACKS = 2;
    public static final int STACK = 3;
    public static final int STRINGS = 4;
    public static final int STRING = 5;
    public static final int CPU_SAMPLES = 6;
    public static final int CPU_SAMPLE = 7;
    public static final int FREQUENCY = 8;
    public static final int PROCS_CHANGE = 9;
    public static final int PROC_START = 10;
    public static final int PROC_STOP = 11;
    public static final int PROC_STEAL = 12;
    public static final int PROC_STATUS = 13;
    public static final int GO_CREATE = 14;
    public static final int GO_CREATE_SYSCALL = 15;
    public static final int GO_START = 16;
    public static final int GO_DESTROY = 17;
    public static final int GO_DESTROY_SYSCALL = 18;
    public static final int GO_STOP = 19;
    public static final int GO_BLOCK = 20;
    public static final int GO_UNBLOCK = 21;
    public static final int GO_SYSCALL_BEGIN = 22;
    public static final int GO_SYSCALL_END = 23;
    public static final int GO_SYSCALL_END_BLOCKED = 24;
    public static final int GO_STATUS = 25;
    public static final int STW_BEGIN = 26;
    public static final int STW_END = 27;
    public static final int GC_ACTIVE = 28;
    public static final int GC_BEGIN = 29;
    public static final int GC_END = 30;
    public static final int GC_SWEEP_ACTIVE = 31;
    public static final int GC_SWEEP_BEGIN = 32;
    public static final int GC_SWEEP_END = 33;
    public static final int GC_MARK_ASSIST_ACTIVE = 34;
    public static final int GC_MARK_ASSIST_BEGIN = 35;
    public static final int GC_MARK_ASSIST_END = 36;
    public static final int HEAP_ALLOC = 37;
    public static final int HEAP_GOAL = 38;
    public static final int GO_LABEL = 39;
    public static final int USER_TASK_BEGIN = 40;
    public static final int USER_TASK_END = 41;
    public static final int USER_REGION_BEGIN = 42;
    public static final int USER_REGION_END = 43;
    public static final int USER_LOG = 44;
    public static final int GO_SWITCH = 45;
    public static final int GO_SWITCH_DESTROY = 46;
    public static final int GO_CREATE_BLOCKED = 47;
    public static final int GO_STATUS_STACK = 48;
    public static final int EXPERIMENTAL_BATCH = 49;
    public static final int SYNC = 50;
    public static final int CLOCK_SNAPSHOT = 51;
    public static final int END_OF_GENERATION = 52;
    /** The first experimental event type (AllocFree's Span). */
    public static final int FIRST_EXPERIMENTAL = 128;
    /** One past the last event type any version defines. */
    public static final int TYPE_LIMIT = 137;
    /** The generation-start and end-of-trace Sync that the reader makes; not a wire type. */
    public static final int SYNTHETIC_SYNC = 255;

    /** internal/trace/tracev2: the largest batch the runtime writes. */
    public static final int MAX_BATCH_SIZE = 64 << 10;
    /** internal/trace/tracev2: the most frames in one stack. */
    public static final int MAX_FRAMES_PER_STACK = 128;
    /** internal/trace/tracev2: the longest string data. */
    public static final int MAX_STRING_SIZE = 1 << 10;

    /** Wire goroutine statuses. */
    public static final int GO_STATUS_RUNNABLE = 1, GO_STATUS_RUNNING = 2, GO_STATUS_SYSCALL = 3, GO_STATUS_WAITING = 4;
    /** Wire proc statuses. */
    public static final int PROC_STATUS_RUNNING = 1, PROC_STATUS_IDLE = 2, PROC_STATUS_SYSCALL = 3,
            PROC_STATUS_SYSCALL_ABANDONED = 4;

    private static final String[] NAMES = new String[TYPE_LIMIT];
    /** Argument names after the type byte, timestamp delta first for timed events. */
    private static final String[][] ARGS = new String[TYPE_LIMIT][];
    private static final boolean[] TIMED = new boolean[TYPE_LIMIT];
    /** Per type byte, the arguments after the delta of a timed event, or -1 for any other byte. */
    private static final int[] TIMED_ARGS = new int[256];
    /** The argument index (in the args array, dt excluded) of the event's own stack, or -1. */
    private static final int[] STACK_ARG = new int[TYPE_LIMIT];
    /** Argument indexes (dt excluded) that are string ids. */
    private static final int[][] STRING_ARGS = new int[TYPE_LIMIT][];
    /** Argument indexes (dt excluded) that are stack ids, the event's own first. */
    private static final int[][] STACK_ARGS = new int[TYPE_LIMIT][];
    /** Per type, the first two stack-id and string-id arguments (-1 for none): the id checks, unrolled. */
    private static final int[] STACK_1 = new int[256];
    private static final int[] STACK_2 = new int[256];
    private static final int[] STRING_1 = new int[256];
    private static final int[] STRING_2 = new int[256];
    /**
     * Per type, {@link #STACK_1} to {@link #STRING_2} in one int, three bits each, {@link #NO_ARG} for none; 0 for a
     * type without any.
     */
    private static final int[] ID_ARGS = new int[256];
    /** The Begin type a range's Active or End event belongs to, or 0. */
    private static final int[] START = new int[TYPE_LIMIT];

    static {
        java.util.Arrays.fill(STACK_ARG, -1);
        java.util.Arrays.fill(TIMED_ARGS, -1);
        for (int i = 0; i < TYPE_LIMIT; i++) {
            ARGS[i] = new String[0];
            STRING_ARGS[i] = new int[0];
            STACK_ARGS[i] = new int[0];
        }
        spec(EVENT_BATCH, "EventBatch", false, "gen", "m", "time", "size");
        spec(STACKS, "Stacks", false);
        spec(STACK, "Stack", false, "id", "nframes");
        spec(STRINGS, "Strings", false);
        spec(STRING, "String", false, "id");
        spec(CPU_SAMPLES, "CPUSamples", false);
        spec(CPU_SAMPLE, "CPUSample", false, "time", "m", "p", "g", "stack");
        spec(FREQUENCY, "Frequency", false, "freq");
        spec(EXPERIMENTAL_BATCH, "ExperimentalBatch", false, "exp", "gen", "m", "time");
        spec(SYNC, "Sync", false);
        spec(END_OF_GENERATION, "EndOfGeneration", false);
        spec(PROCS_CHANGE, "ProcsChange", true, "dt", "procs_value", "stack");
        spec(PROC_START, "ProcStart", true, "dt", "p", "p_seq");
        spec(PROC_STOP, "ProcStop", true, "dt");
        spec(PROC_STEAL, "ProcSteal", true, "dt", "p", "p_seq", "m");
        spec(PROC_STATUS, "ProcStatus", true, "dt", "p", "pstatus");
        spec(GO_CREATE, "GoCreate", true, "dt", "new_g", "new_stack", "stack");
        spec(GO_CREATE_SYSCALL, "GoCreateSyscall", true, "dt", "new_g");
        spec(GO_START, "GoStart", true, "dt", "g", "g_seq");
        spec(GO_DESTROY, "GoDestroy", true, "dt");
        spec(GO_DESTROY_SYSCALL, "GoDestroySyscall", true, "dt");
        spec(GO_STOP, "GoStop", true, "dt", "reason_string", "stack");
        spec(GO_BLOCK, "GoBlock", true, "dt", "reason_string", "stack");
        spec(GO_UNBLOCK, "GoUnblock", true, "dt", "g", "g_seq", "stack");
        spec(GO_SYSCALL_BEGIN, "GoSyscallBegin", true, "dt", "p_seq", "stack");
        spec(GO_SYSCALL_END, "GoSyscallEnd", true, "dt");
        spec(GO_SYSCALL_END_BLOCKED, "GoSyscallEndBlocked", true, "dt");
        spec(GO_STATUS, "GoStatus", true, "dt", "g", "m", "gstatus");
        spec(STW_BEGIN, "STWBegin", true, "dt", "kind_string", "stack");
        spec(STW_END, "STWEnd", true, "dt");
        spec(GC_ACTIVE, "GCActive", true, "dt", "gc_seq");
        spec(GC_BEGIN, "GCBegin", true, "dt", "gc_seq", "stack");
        spec(GC_END, "GCEnd", true, "dt", "gc_seq");
        spec(GC_SWEEP_ACTIVE, "GCSweepActive", true, "dt", "p");
        spec(GC_SWEEP_BEGIN, "GCSweepBegin", true, "dt", "stack");
        spec(GC_SWEEP_END, "GCSweepEnd", true, "dt", "swept_value", "reclaimed_value");
        spec(GC_MARK_ASSIST_ACTIVE, "GCMarkAssistActive", true, "dt", "g");
        spec(GC_MARK_ASSIST_BEGIN, "GCMarkAssistBegin", true, "dt", "stack");
        spec(GC_MARK_ASSIST_END, "GCMarkAssistEnd", true, "dt");
        spec(HEAP_ALLOC, "HeapAlloc", true, "dt", "heapalloc_value");
        spec(HEAP_GOAL, "HeapGoal", true, "dt", "heapgoal_value");
        spec(GO_LABEL, "GoLabel", true, "dt", "label_string");
        spec(USER_TASK_BEGIN, "UserTaskBegin", true, "dt", "task", "parent_task", "name_string", "stack");
        spec(USER_TASK_END, "UserTaskEnd", true, "dt", "task", "stack");
        spec(USER_REGION_BEGIN, "UserRegionBegin", true, "dt", "task", "name_string", "stack");
        spec(USER_REGION_END, "UserRegionEnd", true, "dt", "task", "name_string", "stack");
        spec(USER_LOG, "UserLog", true, "dt", "task", "key_string", "value_string", "stack");
        spec(GO_SWITCH, "GoSwitch", true, "dt", "g", "g_seq");
        spec(GO_SWITCH_DESTROY, "GoSwitchDestroy", true, "dt", "g", "g_seq");
        spec(GO_CREATE_BLOCKED, "GoCreateBlocked", true, "dt", "new_g", "new_stack", "stack");
        spec(GO_STATUS_STACK, "GoStatusStack", true, "dt", "g", "m", "gstatus", "stack");
        spec(CLOCK_SNAPSHOT, "ClockSnapshot", true, "dt", "mono", "sec", "nsec");
        spec(128, "Span", true, "dt", "id", "npages_value", "kindclass");
        spec(129, "SpanAlloc", true, "dt", "id", "npages_value", "kindclass");
        spec(130, "SpanFree", true, "dt", "id");
        spec(131, "HeapObject", true, "dt", "id", "type");
        spec(132, "HeapObjectAlloc", true, "dt", "id", "type");
        spec(133, "HeapObjectFree", true, "dt", "id");
        spec(134, "GoroutineStack", true, "dt", "id", "order");
        spec(135, "GoroutineStackAlloc", true, "dt", "id", "order");
        spec(136, "GoroutineStackFree", true, "dt", "id");
        // GoCreate's own stack is the creator's ("stack"), listed before the new goroutine's.
        STACK_ARGS[GO_CREATE] = new int[]{2, 1};
        STACK_ARGS[GO_CREATE_BLOCKED] = new int[]{2, 1};
        STACK_ARG[GO_CREATE] = 2;
        STACK_ARG[GO_CREATE_BLOCKED] = 2;
        // The reader places a CPU sample's stack in its first argument.
        STACK_ARG[CPU_SAMPLE] = 0;
        STACK_ARGS[CPU_SAMPLE] = new int[]{0};
        java.util.Arrays.fill(STACK_1, -1);
        java.util.Arrays.fill(STACK_2, -1);
        java.util.Arrays.fill(STRING_1, -1);
        java.util.Arrays.fill(STRING_2, -1);
        for (int t = 0; t < TYPE_LIMIT; t++) {
            int[] st = STACK_ARGS[t];
            int[] str = STRING_ARGS[t];
            if (st.length > 2 || str.length > 2) {
                throw new AssertionError("more than two stack or string ids: " + NAMES[t]);
            }
            STACK_1[t] = st.length > 0 ? st[0] : -1;
            STACK_2[t] = st.length > 1 ? st[1] : -1;
            STRING_1[t] = str.length > 0 ? str[0] : -1;
            STRING_2[t] = str.length > 1 ? str[1] : -1;
            if (st.length + str.length > 0) {
                ID_ARGS[t] = slot(STACK_1[t]) | slot(STACK_2[t]) << 3 | slot(STRING_1[t]) << 6
                        | slot(STRING_2[t]) << 9;
            }
        }
        START[GO_SYSCALL_END] = GO_SYSCALL_BEGIN;
        START[GO_SYSCALL_END_BLOCKED] = GO_SYSCALL_BEGIN;
        START[STW_END] = STW_BEGIN;
        START[GC_ACTIVE] = GC_BEGIN;
        START[GC_END] = GC_BEGIN;
        START[GC_SWEEP_ACTIVE] = GC_SWEEP_BEGIN;
        START[GC_SWEEP_END] = GC_SWEEP_BEGIN;
        START[GC_MARK_ASSIST_ACTIVE] = GC_MARK_ASSIST_BEGIN;
        START[GC_MARK_ASSIST_END] = GC_MARK_ASSIST_BEGIN;
        START[USER_REGION_END] = USER_REGION_BEGIN;
    }

    private static void spec(int type, String name, boolean timed, String... args) {
        NAMES[type] = name;
        ARGS[type] = args;
        TIMED[type] = timed;
        if (timed) {
            TIMED_ARGS[type] = args.length - 1;
        }
        int skip = timed ? 1 : 0;
        int strings = 0;
        for (String a : args) {
            strings += a.endsWith("_string") ? 1 : 0;
        }
        int[] s = new int[strings];
        int k = 0;
        for (int i = skip; i < args.length; i++) {
            if (args[i].endsWith("_string")) {
                s[k++] = i - skip;
            }
            if (args[i].equals("stack") && timed) {
                STACK_ARG[type] = i - skip;
                STACK_ARGS[type] = new int[]{i - skip};
            }
        }
        STRING_ARGS[type] = s;
    }

    /**
     * Names an event type as Go's spec does.
     *
     * @param type the type byte
     * @return the name, or {@code type=N} for an undefined type
     */
    public static String name(int type) {
        if (type == SYNTHETIC_SYNC) {
            return "Sync";
        }
        return type >= 0 && type < TYPE_LIMIT && NAMES[type] != null ? NAMES[type] : "type=" + type;
    }

    /**
     * Tells whether an event type carries a timestamp and so may appear in an event batch.
     *
     * @param type the type byte
     * @return true for the timed types
     */
    public static boolean isTimed(int type) {
        return type >= 0 && type < TYPE_LIMIT && TIMED[type];
    }

    /**
     * Counts the arguments after the timestamp delta of a timed event, in one lookup for the decoder's loop.
     *
     * @param typeByte the type byte, 0 to 255
     * @return 0 to 4, or -1 if the byte is no timed event type
     */
    public static int timedArgs(int typeByte) {
        return TIMED_ARGS[typeByte];
    }

    /**
     * Gives the argument names of an event type, timestamp delta first for timed events.
     *
     * @param type the type
     * @return a copy of the names
     */
    public static String[] argNames(int type) {
        return ARGS[type].clone();
    }

    /**
     * Finds the argument holding the event's own stack.
     *
     * @param type the type
     * @return the index into the arguments after the delta, or -1
     */
    public static int stackArg(int type) {
        return type >= 0 && type < TYPE_LIMIT ? STACK_ARG[type] : -1;
    }

    /**
     * Gives the index of a type's first or second stack-id argument.
     *
     * @param type  the type, 0 to 255
     * @param which 0 or 1
     * @return the argument index, -1 if none
     */
    public static int stackIdArg(int type, int which) {
        return which == 0 ? STACK_1[type] : STACK_2[type];
    }

    /** The argument index that is never written and stays 0 (see {@link RawEvent#args}). */
    public static final int NO_ARG = 5;

    private static int slot(int arg) {
        return arg < 0 ? NO_ARG : arg;
    }

    /**
     * Gives a type's id arguments in one lookup: the first and second stack ids in bits 0–2 and 3–5, the first and
     * second string ids in bits 6–8 and 9–11, each an argument index, {@link #NO_ARG} where the type has none.
     *
     * @param type the type, 0 to 255
     * @return the packed indexes; 0 if the type has no id argument at all
     */
    public static int idArgs(int type) {
        return ID_ARGS[type];
    }

    /**
     * Gives the index of a type's first or second string-id argument.
     *
     * @param type  the type, 0 to 255
     * @param which 0 or 1
     * @return the argument index, -1 if none
     */
    public static int stringIdArg(int type, int which) {
        return which == 0 ? STRING_1[type] : STRING_2[type];
    }

    /**
     * Finds the Begin event of a range's Active or End event.
     *
     * @param type the type
     * @return the Begin type, or 0
     */
    public static int start(int type) {
        return START[type];
    }

    /**
     * Tells whether a type belongs to an experiment (AllocFree's 128 to 136).
     *
     * @param type the type
     * @return true if experimental
     */
    public static boolean isExperimental(int type) {
        return type >= FIRST_EXPERIMENTAL && type < TYPE_LIMIT;
    }
}
