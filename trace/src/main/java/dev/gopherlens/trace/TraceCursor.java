package dev.gopherlens.trace;

import dev.gopherlens.core.Stack;
import dev.gopherlens.trace.internal.EventSource;
import dev.gopherlens.trace.internal.RawEvent;
import dev.gopherlens.trace.internal.States;
import dev.gopherlens.trace.internal.Tables;
import dev.gopherlens.trace.internal.Wire;

import java.io.Closeable;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fastest way through a trace: a mutable view of the current event, valid until the next call to
 * {@link #next()}, that allocates nothing per event unless asked for strings, stacks or an {@link Event}.
 *
 * <pre>{@code
 * try (TraceCursor c = GoTrace.cursor(Path.of("trace.out"))) {
 *     while (c.next()) {
 *         if (c.kind() == EventKind.STATE_TRANSITION && c.goTo() == GoState.WAITING) {
 *             blocked.merge(c.reason(), 1, Integer::sum);
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>Events come in time order, as Go's parser orders them, with strictly increasing times. Asked for its
 * {@link Scheduler} before reading, the cursor keeps it up to date, so the state of every goroutine, proc and
 * thread can be asked for at any event.
 * Not thread-safe; close it to release the input.
 */
public final class TraceCursor implements Closeable {
    private static final GoState[] GO_STATES = GoState.values();
    private static final ProcState[] PROC_STATES = ProcState.values();
    private static final EventKind[] KINDS = new EventKind[256];
    private static final String[] METRICS = new String[Wire.TYPE_LIMIT];
    private static final int[] KIND_ORDINALS = new int[256];
    private static final int TRANSITION = EventKind.STATE_TRANSITION.ordinal();

    static {
        for (int t : new int[]{Wire.PROC_START, Wire.PROC_STOP, Wire.PROC_STEAL, Wire.PROC_STATUS, Wire.GO_CREATE,
                Wire.GO_CREATE_SYSCALL, Wire.GO_START, Wire.GO_DESTROY, Wire.GO_DESTROY_SYSCALL, Wire.GO_STOP,
                Wire.GO_BLOCK, Wire.GO_UNBLOCK, Wire.GO_SYSCALL_BEGIN, Wire.GO_SYSCALL_END,
                Wire.GO_SYSCALL_END_BLOCKED, Wire.GO_STATUS, Wire.GO_SWITCH, Wire.GO_SWITCH_DESTROY,
                Wire.GO_CREATE_BLOCKED, Wire.GO_STATUS_STACK}) {
            KINDS[t] = EventKind.STATE_TRANSITION;
        }
        KINDS[Wire.CPU_SAMPLE] = EventKind.STACK_SAMPLE;
        KINDS[Wire.PROCS_CHANGE] = EventKind.METRIC;
        KINDS[Wire.HEAP_ALLOC] = EventKind.METRIC;
        KINDS[Wire.HEAP_GOAL] = EventKind.METRIC;
        KINDS[Wire.STW_BEGIN] = EventKind.RANGE_BEGIN;
        KINDS[Wire.GC_BEGIN] = EventKind.RANGE_BEGIN;
        KINDS[Wire.GC_SWEEP_BEGIN] = EventKind.RANGE_BEGIN;
        KINDS[Wire.GC_MARK_ASSIST_BEGIN] = EventKind.RANGE_BEGIN;
        KINDS[Wire.GC_ACTIVE] = EventKind.RANGE_ACTIVE;
        KINDS[Wire.GC_SWEEP_ACTIVE] = EventKind.RANGE_ACTIVE;
        KINDS[Wire.GC_MARK_ASSIST_ACTIVE] = EventKind.RANGE_ACTIVE;
        KINDS[Wire.STW_END] = EventKind.RANGE_END;
        KINDS[Wire.GC_END] = EventKind.RANGE_END;
        KINDS[Wire.GC_SWEEP_END] = EventKind.RANGE_END;
        KINDS[Wire.GC_MARK_ASSIST_END] = EventKind.RANGE_END;
        KINDS[Wire.GO_LABEL] = EventKind.LABEL;
        KINDS[Wire.USER_TASK_BEGIN] = EventKind.TASK_BEGIN;
        KINDS[Wire.USER_TASK_END] = EventKind.TASK_END;
        KINDS[Wire.USER_REGION_BEGIN] = EventKind.REGION_BEGIN;
        KINDS[Wire.USER_REGION_END] = EventKind.REGION_END;
        KINDS[Wire.USER_LOG] = EventKind.LOG;
        for (int t = Wire.FIRST_EXPERIMENTAL; t < Wire.TYPE_LIMIT; t++) {
            KINDS[t] = EventKind.EXPERIMENTAL;
        }
        KINDS[Wire.SYNTHETIC_SYNC] = EventKind.SYNC;
        for (int t = 0; t < 256; t++) {
            KIND_ORDINALS[t] = KINDS[t] == null ? -1 : KINDS[t].ordinal();
        }
        METRICS[Wire.PROCS_CHANGE] = "/sched/gomaxprocs:threads";
        METRICS[Wire.HEAP_ALLOC] = "/memory/classes/heap/objects:bytes";
        METRICS[Wire.HEAP_GOAL] = "/gc/heap/goal:bytes";
    }

    private final EventSource source;
    private final TraceVersion version;
    /** The current event; null before the first and after the last. */
    private RawEvent ev;
    /** Kept only once asked for, before the first event: a cursor that does not need it does not pay for it. */
    private Scheduler scheduler;
    // Implementation note: the kind and the transition's resource are kept as primitives, not enum references:
    // a reference stored into a long-lived object costs a G1 write barrier per event (TraceBenchmark).
    private static final EventKind[] KIND_VALUES = EventKind.values();
    private int kindOrdinal;
    private long startTime;
    private ClockSnapshot clock;
    private long events;

    // The current event's state transition, decoded on demand: for the event counted decodedFor.
    private long decodedFor;
    private boolean trGoroutine;
    private long trId;
    private int trFrom;
    private int trTo;

    TraceCursor(EventSource source, TraceVersion version) {
        this.source = source;
        this.version = version;
    }

    /**
     * Moves to the next event.
     *
     * @return false at the end of the trace
     * @throws IOException if the trace is malformed ({@link dev.gopherlens.core.GoParseException}) or unreadable
     */
    public boolean next() throws IOException {
        RawEvent e = source.next();
        if (e == null) {
            ev = null;
            return false;
        }
        ev = e;
        long n = ++events;
        int type = e.type;
        int k = KIND_ORDINALS[type];
        kindOrdinal = k;
        // Implementation note: what the cursor keeps per event is a few fields, and the rare cases (the first event,
        // a Sync) share one test; the scheduler is tested before the kind, which changes too often from one event to
        // the next for its branch to be predicted (TraceBenchmark).
        if (type == Wire.SYNTHETIC_SYNC || n == 1) {
            syncOrFirst(e, n);
        }
        if (scheduler != null && k == TRANSITION) {
            follow(e);
        }
        return true;
    }

    /** Applies a transition to the scheduler, decoded into locals: the accessors decode it again if asked. */
    private void follow(RawEvent e) {
        int code = T_CODE[e.type];
        scheduler.apply(e.time, e.m, (code & T_GOROUTINE) != 0, transitionId(e, code), transitionFrom(e, code),
                transitionTo(e, code), e.subject);
    }

    private void syncOrFirst(RawEvent e, long n) {
        if (n == 1) {
            startTime = e.time;
        }
        if (e.type == Wire.SYNTHETIC_SYNC && e.tables != null) {
            clock = snapshot(e.tables);
        }
    }

    private void position() {
        if (ev == null) {
            throw new IllegalStateException("no current event: call next() first, and only while it returns true");
        }
    }

    /** {@return the trace's format version} */
    public TraceVersion version() {
        return version;
    }

    /**
     * Gives the states of goroutines, procs and threads after the current event. The scheduler follows the trace
     * from its first event, so it must be asked for before the first {@link #next()}; from then on it is kept up
     * to date at every event. A cursor that never asks does not keep it, and runs faster.
     *
     * @return the scheduler
     * @throws IllegalStateException if first asked for after events were read
     */
    public Scheduler scheduler() {
        if (scheduler == null) {
            if (events > 0) {
                throw new IllegalStateException("the scheduler follows a trace from its first event: ask for it"
                        + " before the first next()");
            }
            scheduler = new Scheduler();
            source.trackGoroutineSlots();
        }
        return scheduler;
    }

    /** {@return how many events were read so far, the current one included} */
    public long count() {
        return events;
    }

    /** {@return the current event's kind} */
    public EventKind kind() {
        position();
        return KIND_VALUES[kindOrdinal];
    }

    /** {@return the wire event type's name ({@code GoBlock}, {@code ProcSteal}); {@code Sync} for a Sync} */
    public String wireName() {
        position();
        return Wire.name(ev.type);
    }

    /** {@return nanoseconds on the trace clock} */
    public long time() {
        position();
        return ev.time;
    }

    /** {@return nanoseconds since the trace's first event} */
    public long sinceStart() {
        position();
        return ev.time - startTime;
    }

    /** {@return the wall-clock time of the event, or null when the trace has no clock snapshot (before Go 1.25)} */
    public Instant wallTime() {
        position();
        return clock == null ? null : clock.wallAt(ev.time);
    }

    ClockSnapshot currentClock() {
        return clock;
    }

    /** {@return the thread the event happened on, -1 for none} */
    public long thread() {
        position();
        return ev.m;
    }

    /** {@return the proc its thread held, -1 for none} */
    public long proc() {
        position();
        return ev.p;
    }

    /** {@return the goroutine its thread ran, -1 for none} */
    public long goroutine() {
        position();
        return ev.g;
    }

    /** {@return the byte offset of the event in the (decompressed) file, -1 for events the parser made} */
    public long offset() {
        position();
        return ev.offset;
    }

    /** {@return the event's stack, empty when it has none; resolved once per stack and generation} */
    public Stack stack() {
        position();
        if (ev.type == Wire.SYNTHETIC_SYNC) {
            return Stack.EMPTY;
        }
        return ev.tables.stack(ev.stackId());
    }

    private String string(long id) {
        return ev.tables.string(id);
    }

    private void require(boolean ok, String what) {
        position();
        if (!ok) {
            throw new IllegalStateException(what + " asked of a " + kind() + " event (" + Wire.name(ev.type) + ")");
        }
    }

    // Sync.

    /** {@return for a Sync, its number: 1 for the first} */
    public int syncNumber() {
        require(ev.type == Wire.SYNTHETIC_SYNC, "syncNumber");
        return (int) ev.args[0];
    }

    /** {@return for a Sync, the generation's clock snapshot, or null} */
    public ClockSnapshot clockSnapshot() {
        require(ev.type == Wire.SYNTHETIC_SYNC, "clockSnapshot");
        return ev.tables == null ? null : snapshot(ev.tables);
    }

    private static ClockSnapshot snapshot(Tables t) {
        if (!t.hasClockSnapshot) {
            return null;
        }
        return new ClockSnapshot(t.ns(t.snapshotTicks), t.snapshotMono,
                Instant.ofEpochSecond(t.snapshotSeconds, t.snapshotNanos));
    }

    /** {@return for a Sync, the generation's experimental batches in file order} */
    public List<ExperimentalBatch> experimentalBatches() {
        require(ev.type == Wire.SYNTHETIC_SYNC, "experimentalBatches");
        if (ev.tables == null) {
            return List.of();
        }
        List<ExperimentalBatch> out = new ArrayList<>();
        for (Tables.ExperimentalData d : ev.tables.experimental) {
            out.add(new ExperimentalBatch(experimentName(d.experiment()), d.thread(), d.data()));
        }
        return List.copyOf(out);
    }

    private static String experimentName(int id) {
        return id == 1 ? "AllocFree" : "experiment " + id;
    }

    // Metric, label.

    /** {@return for a Metric, its runtime/metrics name} */
    public String metricName() {
        require(kind() == EventKind.METRIC, "metricName");
        return METRICS[ev.type];
    }

    /** {@return for a Metric, its value} */
    public long metricValue() {
        require(kind() == EventKind.METRIC, "metricValue");
        return ev.args[0];
    }

    /** {@return for a Label, the label} */
    public String label() {
        require(kind() == EventKind.LABEL, "label");
        return string(ev.args[0]);
    }

    // Ranges.

    /** {@return for a range event, its name: {@code GC concurrent mark phase}, {@code stop-the-world (…)}, …} */
    public String rangeName() {
        EventKind k = kind();
        require(k == EventKind.RANGE_BEGIN || k == EventKind.RANGE_ACTIVE || k == EventKind.RANGE_END, "rangeName");
        switch (ev.type) {
            case Wire.STW_BEGIN:
            case Wire.STW_END:
                return "stop-the-world (" + string(ev.args[0]) + ")";
            case Wire.GC_BEGIN:
            case Wire.GC_ACTIVE:
            case Wire.GC_END:
                return "GC concurrent mark phase";
            case Wire.GC_SWEEP_BEGIN:
            case Wire.GC_SWEEP_ACTIVE:
            case Wire.GC_SWEEP_END:
                return "GC incremental sweep";
            default:
                return "GC mark assist";
        }
    }

    /** {@return for a range event, what it belongs to} */
    public ResourceKind rangeScope() {
        rangeName();
        switch (ev.type) {
            case Wire.GC_BEGIN:
            case Wire.GC_ACTIVE:
            case Wire.GC_END:
                return ResourceKind.NONE;
            case Wire.GC_SWEEP_BEGIN:
            case Wire.GC_SWEEP_ACTIVE:
            case Wire.GC_SWEEP_END:
                return ResourceKind.PROC;
            default:
                return ResourceKind.GOROUTINE;
        }
    }

    /** {@return for a range event, the goroutine or proc it belongs to, -1 for none} */
    public long rangeScopeId() {
        switch (rangeScope()) {
            case NONE:
                return -1;
            case PROC:
                return ev.type == Wire.GC_SWEEP_ACTIVE ? ev.args[0] : ev.p;
            default:
                return ev.type == Wire.GC_MARK_ASSIST_ACTIVE ? ev.args[0] : ev.g;
        }
    }

    /** {@return for a range end, what it measured ({@code bytes swept}, {@code bytes reclaimed}), in order} */
    public Map<String, Long> rangeAttributes() {
        require(kind() == EventKind.RANGE_END, "rangeAttributes");
        if (ev.type != Wire.GC_SWEEP_END) {
            return Map.of();
        }
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("bytes swept", ev.args[0]);
        m.put("bytes reclaimed", ev.args[1]);
        return java.util.Collections.unmodifiableMap(m);
    }

    // Tasks, regions, logs.

    /** {@return for a task, region or log event, the task id} */
    public long task() {
        EventKind k = kind();
        require(k == EventKind.TASK_BEGIN || k == EventKind.TASK_END || k == EventKind.REGION_BEGIN
                || k == EventKind.REGION_END || k == EventKind.LOG, "task");
        return ev.args[0];
    }

    /** {@return for a task event, the parent task, -1 for none or unknown} */
    public long parentTask() {
        EventKind k = kind();
        require(k == EventKind.TASK_BEGIN || k == EventKind.TASK_END, "parentTask");
        return ev.type == Wire.USER_TASK_BEGIN ? ev.args[1] : ev.taskParent;
    }

    /** {@return for a task or region event, its type; "" for a task end whose begin is not in the trace} */
    public String taskType() {
        EventKind k = kind();
        require(k == EventKind.TASK_BEGIN || k == EventKind.TASK_END || k == EventKind.REGION_BEGIN
                || k == EventKind.REGION_END, "taskType");
        switch (ev.type) {
            case Wire.USER_TASK_BEGIN:
                return string(ev.args[2]);
            case Wire.USER_TASK_END:
                return ev.taskName == null ? "" : ev.taskName;
            default:
                return string(ev.args[1]);
        }
    }

    /** {@return for a Log, its category} */
    public String logCategory() {
        require(kind() == EventKind.LOG, "logCategory");
        return string(ev.args[1]);
    }

    /** {@return for a Log, its message} */
    public String logMessage() {
        require(kind() == EventKind.LOG, "logMessage");
        return string(ev.args[2]);
    }

    // State transitions.

    // State transitions, by wire type: what changes (goroutine or proc), where its id is, the states before and
    // after, where the transition's stack and reason are. Implementation note: tables instead of a switch, whose
    // indirect jump mispredicts on nearly every event (TraceBenchmark).
    private static final int ID_ARG0 = 0;
    private static final int ID_G = 1;
    private static final int ID_P = 2;
    private static final int FROM_OLD = -1;
    private static final int TO_GO_STATUS = -2;
    private static final int TO_PROC_STATUS = -3;
    /**
     * What changes, where its id is, and the states before and after, in one int per type, so that following the
     * transitions takes one lookup per event: the state before in the low byte and the state after in the next
     * (signed), the id's place in bits 16–17, {@link #T_GOROUTINE} set for a goroutine.
     */
    private static final int[] T_CODE = new int[256];
    private static final int T_GOROUTINE = 1 << 18;
    private static final int[] T_STACK = new int[256];
    private static final boolean[] T_STACK_ALWAYS = new boolean[256];
    private static final int[] T_REASON = new int[256];

    private static void transition(int type, boolean go, int id, int from, int to, int stackArg, int reasonArg) {
        T_CODE[type] = (from & 0xFF) | (to & 0xFF) << 8 | id << 16 | (go ? T_GOROUTINE : 0);
        T_STACK[type] = stackArg;
        T_REASON[type] = reasonArg;
    }

    static {
        int none = -1;
        transition(Wire.PROC_START, false, ID_ARG0, States.PROC_IDLE, States.PROC_RUNNING, none, none);
        transition(Wire.PROC_STOP, false, ID_P, States.PROC_RUNNING, States.PROC_IDLE, none, none);
        // The ordering says whether a steal took a running proc or an abandoned, idle one.
        transition(Wire.PROC_STEAL, false, ID_ARG0, FROM_OLD, States.PROC_IDLE, none, none);
        transition(Wire.PROC_STATUS, false, ID_ARG0, FROM_OLD, TO_PROC_STATUS, none, none);
        transition(Wire.GO_CREATE, true, ID_ARG0, States.NOT_EXIST, States.GO_RUNNABLE, 1, none);
        transition(Wire.GO_CREATE_BLOCKED, true, ID_ARG0, States.NOT_EXIST, States.GO_WAITING, 1, none);
        // A creation names the new goroutine's stack even when it is 0, as Go's parser does.
        T_STACK_ALWAYS[Wire.GO_CREATE] = true;
        T_STACK_ALWAYS[Wire.GO_CREATE_BLOCKED] = true;
        transition(Wire.GO_CREATE_SYSCALL, true, ID_ARG0, States.NOT_EXIST, States.GO_SYSCALL, none, none);
        transition(Wire.GO_START, true, ID_ARG0, States.GO_RUNNABLE, States.GO_RUNNING, none, none);
        transition(Wire.GO_DESTROY, true, ID_G, States.GO_RUNNING, States.NOT_EXIST, none, none);
        transition(Wire.GO_DESTROY_SYSCALL, true, ID_G, States.GO_SYSCALL, States.NOT_EXIST, none, none);
        transition(Wire.GO_STOP, true, ID_G, States.GO_RUNNING, States.GO_RUNNABLE, 1, 0);
        transition(Wire.GO_BLOCK, true, ID_G, States.GO_RUNNING, States.GO_WAITING, 1, 0);
        transition(Wire.GO_UNBLOCK, true, ID_ARG0, States.GO_WAITING, States.GO_RUNNABLE, none, none);
        transition(Wire.GO_SWITCH, true, ID_ARG0, States.GO_WAITING, States.GO_RUNNABLE, none, none);
        transition(Wire.GO_SWITCH_DESTROY, true, ID_ARG0, States.GO_WAITING, States.GO_RUNNABLE, none, none);
        transition(Wire.GO_SYSCALL_BEGIN, true, ID_G, States.GO_RUNNING, States.GO_SYSCALL, 1, none);
        transition(Wire.GO_SYSCALL_END, true, ID_G, States.GO_SYSCALL, States.GO_RUNNING, none, none);
        transition(Wire.GO_SYSCALL_END_BLOCKED, true, ID_G, States.GO_SYSCALL, States.GO_RUNNABLE, none, none);
        transition(Wire.GO_STATUS, true, ID_ARG0, FROM_OLD, TO_GO_STATUS, none, none);
        transition(Wire.GO_STATUS_STACK, true, ID_ARG0, FROM_OLD, TO_GO_STATUS, 3, none);
    }

    // Implementation note: only what the scheduler needs is decoded per event; the stack and the reason, which only
    // a caller asks for, are read from the event when asked (TraceBenchmark).
    private void decodeTransition() {
        if (decodedFor == events) {
            return;
        }
        decodedFor = events;
        RawEvent e = ev;
        int code = T_CODE[e.type];
        trGoroutine = (code & T_GOROUTINE) != 0;
        trId = transitionId(e, code);
        trFrom = transitionFrom(e, code);
        trTo = transitionTo(e, code);
    }

    private static long transitionId(RawEvent e, int code) {
        int id = code >>> 16 & 3;
        return id == ID_ARG0 ? e.args[0] : id == ID_G ? e.g : e.p;
    }

    private static int transitionFrom(RawEvent e, int code) {
        int from = (byte) code;
        return from >= 0 ? from : e.oldState;
    }

    private static int transitionTo(RawEvent e, int code) {
        int to = (byte) (code >>> 8);
        return to >= 0 ? to : to == TO_GO_STATUS ? States.goState(e.args[2]) : States.procState(e.args[1]);
    }

    /** {@return the transition's stack id: -1 for none, 0 for an empty or missing one} */
    private long transitionStackId() {
        int t = ev.type;
        int stack = T_STACK[t];
        long stackId = stack < 0 ? -1 : ev.args[stack];
        // A transition takes its event's stack only when there is one; a creation always names the new stack.
        return stackId == 0 && !T_STACK_ALWAYS[t] ? -1 : stackId;
    }

    private void requireTransition(String what) {
        require(kind() == EventKind.STATE_TRANSITION, what);
        decodeTransition();
    }

    /** {@return for a state transition, whether a goroutine ({@link ResourceKind#GOROUTINE}) or a proc changes} */
    public ResourceKind transitionResource() {
        requireTransition("transitionResource");
        return trGoroutine ? ResourceKind.GOROUTINE : ResourceKind.PROC;
    }

    /** {@return for a state transition, the goroutine or proc that changes} */
    public long transitionId() {
        requireTransition("transitionId");
        return trId;
    }

    /** {@return for a goroutine's transition, its state before} */
    public GoState goFrom() {
        requireTransition("goFrom");
        require(trGoroutine, "goFrom");
        return GO_STATES[trFrom];
    }

    /** {@return for a goroutine's transition, its state after} */
    public GoState goTo() {
        requireTransition("goTo");
        require(trGoroutine, "goTo");
        return GO_STATES[trTo];
    }

    /** {@return for a proc's transition, its state before} */
    public ProcState procFrom() {
        requireTransition("procFrom");
        require(!trGoroutine, "procFrom");
        return PROC_STATES[trFrom];
    }

    /** {@return for a proc's transition, its state after} */
    public ProcState procTo() {
        requireTransition("procTo");
        require(!trGoroutine, "procTo");
        return PROC_STATES[trTo];
    }

    /** {@return for a state transition, why: a block's or stop's reason, else ""} */
    public String reason() {
        requireTransition("reason");
        int reason = T_REASON[ev.type];
        return string(reason < 0 ? 0 : ev.args[reason]);
    }

    /** {@return whether a state transition carries a stack of the goroutine that changes} */
    public boolean hasTransitionStack() {
        requireTransition("hasTransitionStack");
        return transitionStackId() >= 0;
    }

    /** {@return for a state transition, the changing goroutine's stack where the event gives one, else empty} */
    public Stack transitionStack() {
        requireTransition("transitionStack");
        long stackId = transitionStackId();
        return stackId <= 0 ? Stack.EMPTY : ev.tables.stack(stackId);
    }

    // Experimental events.

    /** {@return for an experimental event, its arguments by name, in order} */
    public Map<String, Long> experimentalArguments() {
        require(kind() == EventKind.EXPERIMENTAL, "experimentalArguments");
        String[] names = Wire.argNames(ev.type);
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 1; i < names.length; i++) {
            m.put(names[i], ev.args[i - 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * Copies the current event into an immutable {@link Event}.
     *
     * @return the event
     */
    public Event event() {
        position();
        long t = ev.time;
        long m = ev.m;
        long p = ev.p;
        long g = ev.g;
        EventKind k = kind();
        switch (k) {
            case SYNC:
                return new Event.Sync(t, m, p, g, syncNumber(), clockSnapshot(), experimentalBatches());
            case METRIC:
                return new Event.Metric(t, m, p, g, stack(), metricName(), metricValue());
            case LABEL:
                return new Event.Label(t, m, p, g, stack(), label(), g);
            case STACK_SAMPLE:
                return new Event.StackSample(t, m, p, g, stack());
            case RANGE_BEGIN:
            case RANGE_ACTIVE:
            case RANGE_END:
                return new Event.Range(k, t, m, p, g, stack(), rangeName(), rangeScope(), rangeScopeId(),
                        k == EventKind.RANGE_END ? rangeAttributes() : Map.of());
            case TASK_BEGIN:
            case TASK_END:
                return new Event.Task(k, t, m, p, g, stack(), task(), parentTask(), taskType());
            case REGION_BEGIN:
            case REGION_END:
                return new Event.Region(k, t, m, p, g, stack(), task(), taskType());
            case LOG:
                return new Event.Log(t, m, p, g, stack(), task(), logCategory(), logMessage());
            case STATE_TRANSITION:
                decodeTransition();
                if (!trGoroutine) {
                    return new Event.ProcTransition(t, m, p, g, stack(), trId, procFrom(), procTo());
                }
                return new Event.GoTransition(t, m, p, g, stack(), trId, goFrom(), goTo(), reason(),
                        transitionStack());
            default:
                return new Event.Experimental(t, m, p, g, stack(), Wire.name(ev.type), "AllocFree",
                        experimentalArguments());
        }
    }

    @Override
    public void close() throws IOException {
        source.close();
    }

    @Override
    public String toString() {
        if (ev == null) {
            return "TraceCursor[" + version + ", " + events + " events read, no current event]";
        }
        return "TraceCursor[" + version + ", event " + events + ": " + event() + "]";
    }
}
