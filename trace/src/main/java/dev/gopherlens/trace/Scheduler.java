package dev.gopherlens.trace;

import dev.gopherlens.trace.internal.GoroutineSlot;
import dev.gopherlens.trace.internal.LongMap;
import dev.gopherlens.trace.internal.States;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The state of every goroutine, proc and thread seen so far, kept by a {@link TraceCursor} as it reads: each
 * goroutine's current state, since when, and how long it spent in each state; each proc's state; which proc and
 * goroutine each thread holds. Ask it between calls to {@link TraceCursor#next()}; times "so far" run to the
 * current event.
 *
 * <p>It follows the state transitions the parser emits, which the parser has already checked against Go's rules,
 * so it never sees an illegal one. Goroutines that end are kept (in state {@link GoState#NOT_EXIST}) so their
 * totals stay available: its memory grows with the number of goroutines the trace creates (about 100 bytes each),
 * unlike the reader's, which is bounded by a generation. Owned by its cursor; not thread-safe.
 */
public final class Scheduler {
    private static final GoState[] GO_STATES = GoState.values();
    private static final ProcState[] PROC_STATES = ProcState.values();
    // Implementation note: goroutines that ended move out of the map every transition looks into, which stays the
    // size of the live set (TraceBenchmark: a trace of go test runs through hundreds of thousands of goroutines).
    private final LongMap<Goroutine> goroutines = new LongMap<>();
    private final LongMap<Goroutine> ended = new LongMap<>();
    private final List<Goroutine> goroutineOrder = new ArrayList<>();
    private final LongMap<long[]> procs = new LongMap<>();
    private final LongMap<Thread> threads = new LongMap<>();
    private long now;
    // Implementation note: a direct-mapped cache of threads by the low bits of their id; a trace has a few
    // dozen threads, so nearly every transition finds its thread here without hashing (TraceBenchmark).
    private final long[] cachedIds = new long[64];
    private final Thread[] cached = new Thread[64];
    private long lastM;
    private Thread lastThread;

    private static final class Goroutine {
        final long id;
        int state;
        long since;
        final long[] timeIn = new long[GoState.values().length];

        Goroutine(long id, int state, long since) {
            this.id = id;
            this.state = state;
            this.since = since;
        }
    }

    /** What a thread holds, with the running goroutine's record at hand: most transitions are of that one. */
    private static final class Thread {
        long p = -1;
        long g = -1;
        Goroutine running;
    }

    Scheduler() {
    }

    /**
     * Applies one state transition.
     *
     * @param time      when
     * @param m         the thread it happened on, -1 for none
     * @param goroutine true for a goroutine's transition, false for a proc's
     * @param id        the goroutine or proc
     * @param from      the state before (a GoState or ProcState ordinal)
     * @param to        the state after
     * @param subject   the source's slot for the goroutine, where the record is kept for the next change, or null
     */
    void apply(long time, long m, boolean goroutine, long id, int from, int to, GoroutineSlot subject) {
        now = time;
        Thread t = m == -1 ? null : thread(m);
        if (goroutine) {
            applyGoroutine(t, id, from, to, subject);
        } else {
            applyProc(t, id, from, to);
        }
    }

    // Implementation note: the common case, a goroutine whose record hangs on the ordering's slot, takes no lookup;
    // finding or making the record is a method of its own, so that this one stays small enough to inline into the
    // cursor (TraceBenchmark).
    private void applyGoroutine(Thread t, long id, int from, int to, GoroutineSlot subject) {
        Goroutine g = subject != null ? (Goroutine) subject.user : null;
        if (g == null || g.id != id) {
            g = record(t, id, from, subject);
        }
        long now = this.now;
        g.timeIn[g.state] += now - g.since;
        g.state = to;
        g.since = now;
        if (to == States.NOT_EXIST) {
            goroutines.remove(id);
            ended.put(id, g);
        }
        if (t != null) {
            if (to == States.GO_RUNNING || to == States.GO_SYSCALL) {
                t.g = id;
                t.running = g;
            } else if (t.g == id) {
                t.g = -1;
                t.running = null;
            }
        }
    }

    /** Finds a goroutine's record, or makes it on first sight, and hangs it on the slot. */
    private Goroutine record(Thread t, long id, int from, GoroutineSlot subject) {
        Goroutine g = t != null && t.running != null && t.running.id == id ? t.running : goroutines.get(id);
        if (g == null) {
            g = new Goroutine(id, from, now);
            goroutines.put(id, g);
            goroutineOrder.add(g);
        }
        if (subject != null) {
            subject.user = g;
        }
        return g;
    }

    private void applyProc(Thread t, long id, int from, int to) {
        long[] p = procs.get(id);
        if (p == null) {
            p = new long[]{from, now};
            procs.put(id, p);
        }
        p[0] = to;
        p[1] = now;
        if (t != null) {
            if (to == States.PROC_RUNNING) {
                t.p = id;
            } else if (t.p == id) {
                t.p = -1;
            }
        }
    }

    private Goroutine find(long id) {
        Goroutine g = goroutines.get(id);
        return g != null ? g : ended.get(id);
    }

    private Thread thread(long m) {
        // A thread's events come in runs: the last thread is nearly always the one asked for again.
        if (m == lastM && lastThread != null) {
            return lastThread;
        }
        Thread t = lookUpThread(m);
        lastM = m;
        lastThread = t;
        return t;
    }

    private Thread lookUpThread(long m) {
        int slot = (int) (m ^ (m >>> 6)) & 63;
        Thread t = cached[slot];
        if (t != null && cachedIds[slot] == m) {
            return t;
        }
        t = threads.get(m);
        if (t == null) {
            t = new Thread();
            threads.put(m, t);
        }
        cachedIds[slot] = m;
        cached[slot] = t;
        return t;
    }

    /**
     * Tells a goroutine's state.
     *
     * @param id the goroutine
     * @return its state; {@link GoState#UNDETERMINED} if it was not seen yet
     */
    public GoState state(long id) {
        Goroutine g = find(id);
        return g == null ? GoState.UNDETERMINED : GO_STATES[g.state];
    }

    /**
     * Tells since when a goroutine is in its state.
     *
     * @param id the goroutine
     * @return the trace time of its last transition, -1 if it was not seen
     */
    public long since(long id) {
        Goroutine g = find(id);
        return g == null ? -1 : g.since;
    }

    /**
     * Tells how long a goroutine spent in a state so far, the current stretch included.
     *
     * @param id    the goroutine
     * @param state the state
     * @return nanoseconds, 0 if it was not seen
     */
    public long timeIn(long id, GoState state) {
        Goroutine g = find(id);
        if (g == null) {
            return 0;
        }
        long t = g.timeIn[state.ordinal()];
        return g.state == state.ordinal() ? t + (now - g.since) : t;
    }

    /**
     * Takes a snapshot of one goroutine.
     *
     * @param id the goroutine
     * @return its state, or null if it was not seen
     */
    public GoroutineState goroutine(long id) {
        Goroutine g = find(id);
        return g == null ? null : snapshot(g);
    }

    private GoroutineState snapshot(Goroutine g) {
        Map<GoState, Long> m = new EnumMap<>(GoState.class);
        for (GoState s : GoState.values()) {
            long t = timeIn(g.id, s);
            if (t != 0) {
                m.put(s, t);
            }
        }
        return new GoroutineState(g.id, GO_STATES[g.state], g.since, m);
    }

    /** {@return snapshots of every goroutine seen, in the order they were first seen} */
    public List<GoroutineState> goroutines() {
        List<GoroutineState> out = new ArrayList<>(goroutineOrder.size());
        for (Goroutine g : goroutineOrder) {
            out.add(snapshot(g));
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * Tells a proc's state.
     *
     * @param id the proc
     * @return its state; {@link ProcState#UNDETERMINED} if it was not seen
     */
    public ProcState procState(long id) {
        long[] p = procs.get(id);
        return p == null ? ProcState.UNDETERMINED : PROC_STATES[(int) p[0]];
    }

    /**
     * Tells which proc a thread holds.
     *
     * @param thread the thread
     * @return the proc, -1 for none
     */
    public long threadProc(long thread) {
        Thread t = threads.get(thread);
        return t == null ? -1 : t.p;
    }

    /**
     * Tells which goroutine a thread runs.
     *
     * @param thread the thread
     * @return the goroutine, -1 for none
     */
    public long threadGoroutine(long thread) {
        Thread t = threads.get(thread);
        return t == null ? -1 : t.g;
    }

    @Override
    public String toString() {
        return "Scheduler[" + goroutines.size() + " live and " + ended.size() + " ended goroutines, " + procs.size() + " procs, " + threads.size()
                + " threads]";
    }
}
