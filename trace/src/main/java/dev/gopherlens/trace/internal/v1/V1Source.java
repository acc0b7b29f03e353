package dev.gopherlens.trace.internal.v1;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.core.Limits;
import dev.gopherlens.trace.internal.EventSource;
import dev.gopherlens.trace.internal.LongMap;
import dev.gopherlens.trace.internal.RawEvent;
import dev.gopherlens.trace.internal.Tables;
import dev.gopherlens.trace.internal.Wire;

import java.io.IOException;
import java.io.InputStream;
import java.util.TreeSet;

/**
 * A Go 1.11 to 1.21 trace as events of the generational model, converted the way Go 1.27 converts them
 * (internal/trace/tracev1.go): the whole trace is one generation with one table, the old event types map onto
 * the new ones with reasons as strings, goroutines created before the first GOMAXPROCS event get a Runnable
 * status, and a syscall that did not block becomes a begin and an end one nanosecond apart.
 *
 * <p>Go emits the status burst in map order; we emit it by ascending goroutine id, so the output is deterministic.
 */
public final class V1Source implements EventSource {
    private static final String FORMAT = "trace";
    private static final int MAX_BYTES_IN_MEMORY = Integer.MAX_VALUE - 8;

    // Reasons and STW kinds added to the string table, in Go's order.
    private static final String[] BUILTIN = {"forever", "preempted", "runtime.Gosched", "sleep", "chan send",
            "chan receive", "network", "sync", "sync.(*Cond).Wait", "select", "", "GC mark assist wait for work",
            "", "GC mark termination", "GC sweep termination", "write heap dump", "goroutine profile",
            "goroutine profile cleanup", "all goroutine stack trace", "read mem stats", "AllThreadsSyscall",
            "GOMAXPROCS", "start trace", "stop trace", "CountPagesInUse (test)", "ReadMetricsSlow (test)",
            "ReadMemStatsSlow (test)", "PageCachePagesLeaked (test)", "ResetDebugLog (test)"};
    private static final int S_FOREVER = 0;
    private static final int S_PREEMPTED = 1;
    private static final int S_GOSCHED = 2;
    private static final int S_SLEEP = 3;
    private static final int S_CHAN_SEND = 4;
    private static final int S_CHAN_RECV = 5;
    private static final int S_NETWORK = 6;
    private static final int S_SYNC = 7;
    private static final int S_SYNC_COND = 8;
    private static final int S_SELECT = 9;
    private static final int S_EMPTY = 10;
    private static final int S_MARK_ASSIST_WAIT = 11;
    private static final int S_STW_UNKNOWN = 12;
    private static final int STW_REASONS = 17;

    /** Old event types whose last argument is a stack (internal/tracev1 EventDescriptions). */
    private static final boolean[] HAS_STACK = new boolean[V1EventType.COUNT];

    static {
        for (int t : new int[]{V1EventType.GOMAXPROCS, V1EventType.GC_START, V1EventType.GC_SWEEP_START,
                V1EventType.GO_CREATE, V1EventType.GO_STOP, V1EventType.GO_SCHED, V1EventType.GO_PREEMPT,
                V1EventType.GO_SLEEP, V1EventType.GO_BLOCK, V1EventType.GO_UNBLOCK, V1EventType.GO_BLOCK_SEND,
                V1EventType.GO_BLOCK_RECV, V1EventType.GO_BLOCK_SELECT, V1EventType.GO_BLOCK_SYNC,
                V1EventType.GO_BLOCK_COND, V1EventType.GO_BLOCK_NET, V1EventType.GO_SYS_CALL,
                V1EventType.GO_UNBLOCK_LOCAL, V1EventType.GO_BLOCK_GC, V1EventType.GC_MARK_ASSIST_START,
                V1EventType.USER_TASK_CREATE, V1EventType.USER_TASK_END, V1EventType.USER_REGION,
                V1EventType.USER_LOG, V1EventType.CPU_SAMPLE}) {
            HAS_STACK[t] = true;
        }
    }

    private final V1Trace trace;
    private final Tables tables = new Tables(0);
    private final long[] inlineIds;
    private final long[] builtinIds = new long[BUILTIN.length];
    /** For each event, the index of the next event of the same goroutine, or -1. */
    private final int[] nextOfG;
    private final LongMap<long[]> procThread = new LongMap<>();
    private final LongMap<Boolean> seenProcs = new LongMap<>();
    private final LongMap<Object[]> tasks = new LongMap<>();
    private TreeSet<Long> createdPreInit = new TreeSet<>();
    private boolean preInit = true;
    private long lastStwReason;
    private long lastTs = -1;
    private int index;
    private int syncs;
    private boolean done;
    /** Events one old event adds after itself, queued; the objects are reused. */
    private RawEvent[] extra = new RawEvent[4];
    private int extraCount;
    private int extraHead;
    private final RawEvent out = new RawEvent();
    private final long[] scratch = new long[5];

    private V1Source(V1Trace trace) throws GoParseException {
        this.trace = trace;
        long max = 0;
        for (int i = 0; i < trace.stringCount(); i++) {
            long id = trace.stringIdAt(i);
            tables.strings.insert(id, trace.stringAt(i));
            max = Long.compareUnsigned(id, max) > 0 ? id : max;
        }
        int inline = trace.inlineStringCount();
        if (Long.compareUnsigned(max + inline + BUILTIN.length, max) < 0) {
            throw GoParseException.malformed(FORMAT, -1, "trace contains too many strings");
        }
        inlineIds = new long[inline];
        for (int i = 0; i < inline; i++) {
            inlineIds[i] = max + 1 + i;
            tables.strings.insert(inlineIds[i], trace.inlineString(i));
        }
        max += inline;
        for (int i = 0; i < BUILTIN.length; i++) {
            builtinIds[i] = max + 1 + i;
            tables.strings.insert(builtinIds[i], BUILTIN[i]);
        }
        for (int s = 0; s < trace.stackCount(); s++) {
            int depth = trace.stackDepth(s);
            long[] pcs = new long[depth];
            for (int k = 0; k < depth; k++) {
                pcs[k] = trace.framePc(s, k);
                tables.addFrame(pcs[k], trace.frameFunc(s, k), trace.frameFile(s, k),
                        trace.frameLine(s, k));
            }
            tables.stacks.insert(trace.stackIdAt(s), pcs);
        }
        tables.strings.compact();
        tables.stacks.compact();
        // Times are nanoseconds already.
        tables.setFrequency(1e9);
        // A syscall's fate is its goroutine's next event: index them once instead of scanning ahead each time.
        int n = trace.size();
        nextOfG = new int[n];
        LongMap<int[]> later = new LongMap<>();
        for (int i = n - 1; i >= 0; i--) {
            long g = trace.g(i);
            int[] slot = later.get(g);
            if (slot == null) {
                slot = new int[]{-1};
                later.put(g, slot);
            }
            nextOfG[i] = slot[0];
            slot[0] = i;
        }
    }

    /**
     * Reads a whole v1 trace and orders it.
     *
     * @param in     the bytes after the 16-byte header; closed
     * @param minor  11, 19 or 21
     * @param limits the limits
     * @return the converted events
     * @throws IOException if the trace is malformed or unreadable
     */
    public static EventSource open(InputStream in, int minor, Limits limits) throws IOException {
        byte[] body;
        try (in) {
            long max = Math.min(limits.maxDecompressedSize(), MAX_BYTES_IN_MEMORY);
            body = in.readNBytes((int) Math.min(max, MAX_BYTES_IN_MEMORY));
            if (in.read() >= 0) {
                throw GoParseException.limitExceeded(FORMAT, max, "maxDecompressedSize", max + 1, max);
            }
        }
        byte[] file = new byte[16 + body.length];
        byte[] header = ("go 1." + minor + " trace").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        System.arraycopy(header, 0, file, 0, header.length);
        System.arraycopy(body, 0, file, 16, body.length);
        return new V1Source(V1Parser.parse(file, minor, limits));
    }

    @Override
    public RawEvent next() throws IOException {
        if (done) {
            return null;
        }
        if (syncs == 0) {
            syncs++;
            if (index < trace.size()) {
                return sync(trace.time(index) - 1, tables);
            }
            // No events: the first Sync comes at the end, as Go's reader gives it.
            done = true;
            return sync(lastTs + 1, tables);
        }
        RawEvent e = nextConverted();
        if (e == null) {
            done = true;
            syncs++;
            return sync(lastTs + 1, null);
        }
        if (e.time <= lastTs) {
            e.time = lastTs + 1;
        }
        lastTs = e.time;
        return e;
    }

    private RawEvent sync(long time, Tables t) {
        out.set(Wire.SYNTHETIC_SYNC, time, -1, -1, -1, t);
        out.args[0] = syncs;
        return out;
    }

    private RawEvent nextConverted() throws GoParseException {
        while (true) {
            if (extraHead < extraCount) {
                RawEvent e = extra[extraHead++];
                if (extraHead == extraCount) {
                    extraHead = 0;
                    extraCount = 0;
                }
                out.copyFrom(e);
                return out;
            }
            if (index >= trace.size()) {
                return null;
            }
            int i = index++;
            if (convert(i)) {
                return out;
            }
        }
    }

    private RawEvent addExtra() {
        if (extraCount == extra.length) {
            extra = java.util.Arrays.copyOf(extra, extraCount * 2);
        }
        RawEvent e = extra[extraCount];
        if (e == null) {
            e = new RawEvent();
            extra[extraCount] = e;
        }
        extraCount++;
        return e;
    }

    private long thread(long p) {
        long[] t = procThread.get(p);
        return t == null ? -1 : t[0];
    }

    /** Converts event i into {@link #out}; false if it maps to nothing. */
    private boolean convert(int i) throws GoParseException {
        int type = trace.type(i);
        long p = trace.p(i);
        long g0 = trace.g(i);
        long ts = trace.time(i);
        long stack = trace.stackId(i);
        long[] a = out.args;
        int mapped;
        long[] args = scratch;
        for (int k = 0; k < 4; k++) {
            args[k] = trace.arg(i, k);
        }
        args[4] = 0;
        long oldState = 0;
        long taskParent = 0;
        String taskName = null;
        switch (type) {
            case V1EventType.GOMAXPROCS:
                mapped = Wire.PROCS_CHANGE;
                if (preInit) {
                    preInit = false;
                    for (long g : createdPreInit) {
                        RawEvent s = addExtra();
                        s.set(Wire.GO_STATUS, ts, -1, -1, -1, tables);
                        s.args[0] = g;
                        s.args[1] = -1;
                        s.args[2] = Wire.GO_STATUS_RUNNABLE;
                    }
                    createdPreInit = null;
                    return false;
                }
                break;
            case V1EventType.PROC_START:
                long[] thread = procThread.get(p);
                if (thread == null) {
                    procThread.put(p, new long[]{args[0]});
                } else {
                    thread[0] = args[0];
                }
                if (seenProcs.get(p) != null) {
                    mapped = Wire.PROC_START;
                    put(args, p, 0, 0, 0, 0);
                } else {
                    seenProcs.put(p, Boolean.TRUE);
                    mapped = Wire.PROC_STATUS;
                    put(args, p, Wire.PROC_STATUS_RUNNING, 0, 0, 0);
                }
                break;
            case V1EventType.PROC_STOP:
                if (seenProcs.get(p) != null) {
                    mapped = Wire.PROC_STOP;
                    put(args, p, 0, 0, 0, 0);
                } else {
                    seenProcs.put(p, Boolean.TRUE);
                    mapped = Wire.PROC_STATUS;
                    put(args, p, Wire.PROC_STATUS_IDLE, 0, 0, 0);
                }
                break;
            case V1EventType.GC_START:
                mapped = Wire.GC_BEGIN;
                break;
            case V1EventType.GC_DONE:
                mapped = Wire.GC_END;
                break;
            case V1EventType.STW_START:
                lastStwReason = builtinIds[S_STW_UNKNOWN + stwReason(args[0])];
                mapped = Wire.STW_BEGIN;
                put(args, lastStwReason, 0, 0, 0, 0);
                break;
            case V1EventType.STW_DONE:
                mapped = Wire.STW_END;
                put(args, lastStwReason, 0, 0, 0, 0);
                break;
            case V1EventType.GC_SWEEP_START:
                mapped = Wire.GC_SWEEP_BEGIN;
                break;
            case V1EventType.GC_SWEEP_DONE:
                mapped = Wire.GC_SWEEP_END;
                break;
            case V1EventType.GO_CREATE:
                if (preInit) {
                    createdPreInit.add(args[0]);
                    return false;
                }
                mapped = Wire.GO_CREATE;
                break;
            case V1EventType.GO_START:
            case V1EventType.GO_START_LOCAL:
                if (preInit) {
                    mapped = Wire.GO_STATUS;
                    put(args, args[0], -1, Wire.GO_STATUS_RUNNING, 0, 0);
                    createdPreInit.remove(args[0]);
                } else {
                    mapped = Wire.GO_START;
                }
                break;
            case V1EventType.GO_START_LABEL: {
                RawEvent label = addExtra();
                label.set(Wire.GO_LABEL, ts, thread(p), p, g0, tables);
                label.args[0] = args[2];
                out.set(Wire.GO_START, ts, thread(p), p, g0, tables);
                System.arraycopy(args, 0, a, 0, 4);
                out.offset = trace.offset(i);
                return true;
            }
            case V1EventType.GO_END:
                mapped = Wire.GO_DESTROY;
                break;
            case V1EventType.GO_STOP:
                mapped = block(Wire.GO_BLOCK, S_FOREVER, stack, args);
                break;
            case V1EventType.GO_SCHED:
                mapped = block(Wire.GO_STOP, S_GOSCHED, stack, args);
                break;
            case V1EventType.GO_PREEMPT:
                mapped = block(Wire.GO_STOP, S_PREEMPTED, stack, args);
                break;
            case V1EventType.GO_SLEEP:
                mapped = block(Wire.GO_BLOCK, S_SLEEP, stack, args);
                break;
            case V1EventType.GO_BLOCK:
                mapped = block(Wire.GO_BLOCK, S_EMPTY, stack, args);
                break;
            case V1EventType.GO_UNBLOCK:
            case V1EventType.GO_UNBLOCK_LOCAL:
                mapped = Wire.GO_UNBLOCK;
                break;
            case V1EventType.GO_BLOCK_SEND:
                mapped = block(Wire.GO_BLOCK, S_CHAN_SEND, stack, args);
                break;
            case V1EventType.GO_BLOCK_RECV:
                mapped = block(Wire.GO_BLOCK, S_CHAN_RECV, stack, args);
                break;
            case V1EventType.GO_BLOCK_SELECT:
                mapped = block(Wire.GO_BLOCK, S_SELECT, stack, args);
                break;
            case V1EventType.GO_BLOCK_SYNC:
                mapped = block(Wire.GO_BLOCK, S_SYNC, stack, args);
                break;
            case V1EventType.GO_BLOCK_COND:
                mapped = block(Wire.GO_BLOCK, S_SYNC_COND, stack, args);
                break;
            case V1EventType.GO_BLOCK_NET:
                mapped = block(Wire.GO_BLOCK, S_NETWORK, stack, args);
                break;
            case V1EventType.GO_BLOCK_GC:
                mapped = block(Wire.GO_BLOCK, S_MARK_ASSIST_WAIT, stack, args);
                break;
            case V1EventType.GO_SYS_CALL: {
                int next = nextOfG[i];
                boolean blocked = next >= 0 && trace.type(next) == V1EventType.GO_SYS_BLOCK;
                if (blocked) {
                    mapped = Wire.GO_SYSCALL_BEGIN;
                    put(args, 0, stack, 0, 0, 0);
                } else {
                    long m = thread(p);
                    RawEvent end = addExtra();
                    end.set(Wire.GO_SYSCALL_END, ts + 1, m, p, g0 == 0 ? -1 : g0, tables);
                    end.offset = trace.offset(i);
                    // Go gives the pair the raw goroutine (0 stays 0); its context is the trace's own.
                    end.g = g0;
                    out.set(Wire.GO_SYSCALL_BEGIN, ts, m, p, g0, tables);
                    a[1] = stack;
                    out.offset = trace.offset(i);
                    return true;
                }
                break;
            }
            case V1EventType.GO_SYS_EXIT:
            case V1EventType.GO_SYS_EXIT_LOCAL:
                mapped = Wire.GO_SYSCALL_END_BLOCKED;
                break;
            case V1EventType.GO_SYS_BLOCK:
                return false;
            case V1EventType.GO_WAITING:
                mapped = Wire.GO_STATUS;
                put(args, args[0], -1, Wire.GO_STATUS_WAITING, 0, 0);
                if (createdPreInit != null) {
                    createdPreInit.remove(args[0]);
                }
                break;
            case V1EventType.GO_IN_SYSCALL:
                mapped = Wire.GO_STATUS;
                put(args, args[0], -1, Wire.GO_STATUS_SYSCALL, 0, 0);
                if (createdPreInit != null) {
                    createdPreInit.remove(args[0]);
                }
                break;
            case V1EventType.HEAP_ALLOC:
                mapped = Wire.HEAP_ALLOC;
                break;
            case V1EventType.HEAP_GOAL:
                mapped = Wire.HEAP_GOAL;
                break;
            case V1EventType.GC_MARK_ASSIST_START:
                mapped = Wire.GC_MARK_ASSIST_BEGIN;
                break;
            case V1EventType.GC_MARK_ASSIST_DONE:
                mapped = Wire.GC_MARK_ASSIST_END;
                break;
            case V1EventType.USER_TASK_CREATE: {
                mapped = Wire.USER_TASK_BEGIN;
                long parent = args[1] == 0 ? -1 : args[1];
                tasks.put(args[0], new Object[]{tables.string(args[2]), args[1]});
                put(args, args[0], parent, args[2], stack, 0);
                break;
            }
            case V1EventType.USER_TASK_END: {
                mapped = Wire.USER_TASK_END;
                Object[] t = tasks.get(args[0]);
                if (t != null) {
                    tasks.remove(args[0]);
                    // The parent as the old trace wrote it: 0 for none, unlike the begin's NoTask.
                    taskParent = (long) t[1];
                    taskName = (String) t[0];
                } else {
                    taskParent = -1;
                    taskName = "";
                }
                break;
            }
            case V1EventType.USER_REGION:
                if (args[1] == 0) {
                    mapped = Wire.USER_REGION_BEGIN;
                } else if (args[1] == 1) {
                    mapped = Wire.USER_REGION_END;
                } else {
                    throw GoParseException.malformed(FORMAT, trace.offset(i), "invalid user region mode "
                            + Long.toUnsignedString(args[1]));
                }
                put(args, args[0], args[2], stack, 0, 0);
                break;
            case V1EventType.USER_LOG: {
                mapped = Wire.USER_LOG;
                long message = args[3];
                if (message < 0 || message >= inlineIds.length) {
                    throw GoParseException.malformed(FORMAT, trace.offset(i), "invalid log message string "
                            + message);
                }
                put(args, args[0], args[1], inlineIds[(int) message], stack, 0);
                break;
            }
            case V1EventType.CPU_SAMPLE:
                mapped = Wire.CPU_SAMPLE;
                put(args, stack, -1, p, g0, 0);
                break;
            default:
                throw GoParseException.malformed(FORMAT, trace.offset(i), "unexpected event type " + type);
        }
        if (HAS_STACK[type]) {
            int s = Wire.stackArg(mapped);
            if (s >= 0) {
                args[s] = stack;
            }
        }
        long m = -1;
        if (p != -1 && type != V1EventType.CPU_SAMPLE) {
            m = thread(p);
        }
        if (type == V1EventType.PROC_STOP) {
            procThread.remove(p);
        }
        out.set(mapped, ts, m, p, g0 == 0 ? -1 : g0, tables);
        System.arraycopy(args, 0, a, 0, args.length);
        out.oldState = (int) oldState;
        out.taskParent = taskParent;
        out.taskName = taskName;
        out.offset = trace.offset(i);
        return true;
    }

    /** Sets the five arguments without allocating: each event reuses one array. */
    private static void put(long[] a, long x0, long x1, long x2, long x3, long x4) {
        a[0] = x0;
        a[1] = x1;
        a[2] = x2;
        a[3] = x3;
        a[4] = x4;
    }

    private int block(int mapped, int reason, long stack, long[] args) {
        args[0] = builtinIds[reason];
        args[1] = stack;
        return mapped;
    }

    /** internal/tracev1 (Go 1.27) Trace.STWReason: what an STW kind means in each version. */
    private int stwReason(long kind) {
        if (trace.minor() < 21) {
            return kind == 0 || kind == 1 ? (int) kind + 1 : 0;
        }
        return kind >= 0 && kind < STW_REASONS ? (int) kind : 0;
    }

    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "V1Source[go 1." + trace.minor() + ", " + trace.size() + " events]";
    }
}
