package dev.gopherlens.trace.internal.v2;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.trace.internal.GoroutineSlot;
import dev.gopherlens.trace.internal.LongMap;
import dev.gopherlens.trace.internal.RawEvent;
import dev.gopherlens.trace.internal.States;
import dev.gopherlens.trace.internal.Tables;
import dev.gopherlens.trace.internal.Wire;

import java.util.ArrayList;
import java.util.List;

/**
 * The state machines that order a generation's per-thread event streams: each event is accepted only when the
 * goroutine, proc and GC state it implies holds (its sequence number follows, its resource is in the state it
 * leaves), is deferred while another thread must go first, or is an error. Accepted events are queued with the
 * thread, proc and goroutine they happened on.
 *
 * <p>The rules are those of internal/trace/order.go (Go 1.27): the same preconditions, the same events synthesized
 * (a coroutine switch is three events, a goroutine destroyed in a syscall implies a steal), the same error texts.
 */
final class Ordering {
    private static final String FORMAT = WireInput.FORMAT;
    private static final int MUST_NOT = 0;
    private static final int MAY = 1;
    private static final int MUST = 2;
    private static final int GC_UNDETERMINED = 0;
    private static final int GC_NOT_RUNNING = 1;
    private static final int GC_RUNNING = 2;

    private final LongMap<GState> goroutines = new LongMap<>();
    private final LongMap<PState> procs = new LongMap<>();
    private final LongMap<MState> threads = new LongMap<>();
    private final LongMap<TaskState> tasks = new LongMap<>();
    private long gcSeq;
    private int gcState;
    private long initialGen;

    private RawEvent[] queue = new RawEvent[8];
    /** Objects for the events the ordering makes itself (synthetic), reused in turn. */
    private final RawEvent[] pool = newQueue(32);
    private int poolNext;
    private int head;
    private int count;

    // The context of the event being advanced.
    private long curM;
    private long curP;
    private long curG;
    private long newP;
    private long newG;

    private static RawEvent[] newQueue(int n) {
        RawEvent[] q = new RawEvent[n];
        for (int i = 0; i < n; i++) {
            q[i] = new RawEvent();
        }
        return q;
    }

    private static final class GState extends GoroutineSlot {
        final long id;
        int status;
        long seqGen;
        long seq;
        List<Object[]> regions;
        List<long[]> ranges;

        GState(long id, int status, long gen) {
            this.id = id;
            this.status = status;
            this.seqGen = gen;
        }
    }

    private static final class PState {
        int status;
        long seqGen;
        long seq;
        List<long[]> ranges;

        PState(int status, long gen) {
            this.status = status;
            this.seqGen = gen;
        }
    }

    /** What a thread holds; the reader keeps each thread's, so that advancing does not look it up. */
    static final class MState {
        long g = -1;
        long p = -1;
    }

    private record TaskState(String name, long parent) {
    }

    /** Whether events carry their goroutine's slot; only a consumer that keeps per-goroutine state asks. */
    private boolean subjects;

    /** Makes goroutine state changes carry the ordering's slot for their goroutine from now on. */
    void trackSubjects() {
        subjects = true;
    }

    // Implementation note: the slot reference is stored only when asked for: a reference store into a queued
    // event costs a G1 write barrier on every state change (TraceBenchmark).
    private void subject(RawEvent e, GState s) {
        if (subjects) {
            e.subject = s;
        }
    }

    /**
     * Takes the oldest queued event.
     *
     * @return the event, valid until the next {@link #advance}; null if the queue is empty
     */
    RawEvent poll() {
        if (count == 0) {
            return null;
        }
        RawEvent e = queue[head];
        head = (head + 1) & (queue.length - 1);
        count--;
        return e;
    }

    /**
     * Whether the event last advanced came out alone, first, and so was not queued: the reader hands it out itself
     * (see {@link #tookOwn}).
     */
    private boolean ownOut;

    /**
     * Tells whether the event just accepted by {@link #advance} is the only one it gave, and was therefore not
     * queued; the caller hands it out itself. Otherwise what it gave is in the queue, in order. Asking clears it.
     *
     * @return true if the advanced event was not queued
     */
    boolean tookOwn() {
        boolean own = ownOut;
        ownOut = false;
        return own;
    }

    // Implementation note: nearly every accepted event is the only one its advance gives, and the queue is empty
    // then (the reader drains it before advancing), so it is not queued at all: a queue slot written and read back,
    // and its indexes moved, per event cost more than the test (TraceBenchmark).
    private RawEvent push(RawEvent ev, long m, long p, long g) {
        if (ownOut) {
            // Something follows the advanced event: it goes into the queue first, to keep the order.
            throw new IllegalStateException("an event pushed after the advanced one without queueing that first");
        }
        if (ev != null && count == 0) {
            ownOut = true;
            ev.m = m;
            ev.p = p;
            ev.g = g;
            return ev;
        }
        return enqueue(ev, m, p, g);
    }

    /** Puts the advanced event into the queue after all, when events the ordering makes must follow it. */
    private void queueOwn(RawEvent ev) {
        if (ownOut) {
            ownOut = false;
            enqueue(ev, ev.m, ev.p, ev.g);
        }
    }

    private RawEvent enqueue(RawEvent ev, long m, long p, long g) {
        if (count == queue.length) {
            RawEvent[] q = new RawEvent[queue.length * 2];
            for (int i = 0; i < count; i++) {
                q[i] = queue[(head + i) & (queue.length - 1)];
            }
            queue = q;
            head = 0;
        }
        // Implementation note: a thread's decoded event is queued as it is, not copied: its cursor decodes the
        // next one into its other event object (see V2Reader.Cursor). Events the ordering makes come from a pool
        // larger than the queue ever holds (TraceBenchmark).
        RawEvent slot = ev;
        if (slot == null) {
            slot = pool[poolNext];
            poolNext = (poolNext + 1) & (pool.length - 1);
        }
        queue[(head + count) & (queue.length - 1)] = slot;
        count++;
        slot.m = m;
        slot.p = p;
        slot.g = g;
        return slot;
    }

    private RawEvent pushCurrent(RawEvent ev) {
        return push(ev, curM, curP, curG);
    }

    private GoParseException error(RawEvent ev, String message) {
        return GoParseException.malformed(FORMAT, ev.offset, message);
    }

    private void check(RawEvent ev, int m, int p, int g) throws GoParseException {
        if (m == MUST && curM == -1) {
            throw error(ev, "expected a thread but didn't have one");
        }
        if (p == MUST && curP == -1) {
            throw error(ev, "expected a proc but didn't have one");
        } else if (p == MUST_NOT && curP != -1) {
            throw error(ev, "expected no proc but had one");
        }
        if (g == MUST && curG == -1) {
            throw error(ev, "expected a goroutine but didn't have one");
        } else if (g == MUST_NOT && curG != -1) {
            throw error(ev, "expected no goroutine but had one");
        }
    }

    private void checkUser(RawEvent ev) throws GoParseException {
        check(ev, MUST, MUST, MUST);
    }

    private static boolean succeeds(long gen, long seq, long prevGen, long prevSeq) {
        return gen == prevGen && seq == prevSeq + 1;
    }

    /**
     * Tries to accept the next event of a thread.
     *
     * @param ev  the event, as its batch gives it (wire type, time, arguments, offset, tables)
     * @param m   the thread whose batch holds it, -1 for none
     * @param gen the generation
     * @return true if accepted (and queued), false if another thread's events must come first
     * @throws GoParseException if the event can never be accepted
     */
    boolean advance(RawEvent ev, long m, MState ms, long gen) throws GoParseException {
        if (initialGen == 0) {
            initialGen = gen;
        }
        ownOut = false;
        curM = m;
        if (m == -1) {
            curP = -1;
            curG = -1;
        } else {
            curP = ms.p;
            curG = ms.g;
        }
        newP = curP;
        newG = curG;
        boolean ok = dispatch(ev, m, gen);
        if (ok && m != -1) {
            ms.p = newP;
            ms.g = newG;
        }
        return ok;
    }

    /**
     * Finds a thread's state, making it on first sight.
     *
     * @param m the thread, -1 for none
     * @return its state; null for -1
     */
    MState thread(long m) {
        if (m == -1) {
            return null;
        }
        MState ms = threads.get(m);
        if (ms == null) {
            ms = new MState();
            threads.put(m, ms);
        }
        return ms;
    }

    private boolean dispatch(RawEvent ev, long m, long gen) throws GoParseException {
        switch (ev.type) {
            case Wire.PROCS_CHANGE:
            case Wire.GO_LABEL:
            case Wire.USER_LOG:
                checkUser(ev);
                pushCurrent(ev);
                return true;
            case Wire.PROC_START:
                return procStart(ev, gen);
            case Wire.PROC_STOP:
                return procStop(ev);
            case Wire.PROC_STEAL:
                return procSteal(ev, gen);
            case Wire.PROC_STATUS:
                return procStatus(ev, gen);
            case Wire.GO_CREATE:
            case Wire.GO_CREATE_BLOCKED:
                return goCreate(ev, gen);
            case Wire.GO_CREATE_SYSCALL:
                return goCreateSyscall(ev, gen);
            case Wire.GO_START:
                return goStart(ev, gen);
            case Wire.GO_DESTROY:
            case Wire.GO_STOP:
            case Wire.GO_BLOCK:
                return goStopExec(ev);
            case Wire.GO_DESTROY_SYSCALL:
                return goDestroySyscall(ev);
            case Wire.GO_UNBLOCK:
                return goUnblock(ev, gen);
            case Wire.GO_SYSCALL_BEGIN:
                return goSyscallBegin(ev, gen);
            case Wire.GO_SYSCALL_END:
                return goSyscallEnd(ev);
            case Wire.GO_SYSCALL_END_BLOCKED:
                return goSyscallEndBlocked(ev);
            case Wire.GO_STATUS:
            case Wire.GO_STATUS_STACK:
                return goStatus(ev, gen);
            case Wire.STW_BEGIN:
            case Wire.GC_MARK_ASSIST_BEGIN:
                return goRangeBegin(ev);
            case Wire.STW_END:
            case Wire.GC_MARK_ASSIST_END:
                return goRangeEnd(ev);
            case Wire.GC_MARK_ASSIST_ACTIVE:
                return goRangeActive(ev, gen);
            case Wire.GC_ACTIVE:
                return gcActive(ev, gen);
            case Wire.GC_BEGIN:
                return gcBegin(ev);
            case Wire.GC_END:
                return gcEnd(ev);
            case Wire.GC_SWEEP_ACTIVE:
                return sweepActive(ev, gen);
            case Wire.GC_SWEEP_BEGIN:
                return sweepBegin(ev);
            case Wire.GC_SWEEP_END:
                return sweepEnd(ev);
            case Wire.HEAP_ALLOC:
            case Wire.HEAP_GOAL:
                check(ev, MUST, MUST, MAY);
                pushCurrent(ev);
                return true;
            case Wire.USER_TASK_BEGIN:
                return taskBegin(ev);
            case Wire.USER_TASK_END:
                return taskEnd(ev);
            case Wire.USER_REGION_BEGIN:
            case Wire.USER_REGION_END:
                return region(ev);
            case Wire.GO_SWITCH:
            case Wire.GO_SWITCH_DESTROY:
                return goSwitch(ev, gen);
            default:
                if (Wire.isExperimental(ev.type)) {
                    check(ev, MUST, MAY, MAY);
                    pushCurrent(ev);
                    return true;
                }
                throw error(ev, "bad event type found while ordering: " + ev.type);
        }
    }

    private boolean procStatus(RawEvent ev, long gen) throws GoParseException {
        long pid = ev.args[0];
        final long written = ev.args[1];
        long status = written;
        if (status < 0 || status > Wire.PROC_STATUS_SYSCALL_ABANDONED) {
            throw error(ev, "invalid status for proc " + pid + ": " + Long.toUnsignedString(status));
        }
        int old = States.procState(status);
        PState s = procs.get(pid);
        if (s != null) {
            if (status == Wire.PROC_STATUS_SYSCALL_ABANDONED && s.status == Wire.PROC_STATUS_SYSCALL) {
                // The proc was in a syscall when the generation ended and has been taken since: Running before.
                old = States.PROC_RUNNING;
                status = Wire.PROC_STATUS_SYSCALL;
            } else if (status == Wire.PROC_STATUS_SYSCALL_ABANDONED
                    && s.status == Wire.PROC_STATUS_SYSCALL_ABANDONED) {
                old = States.PROC_IDLE;
            } else if (s.status != status) {
                throw error(ev, "inconsistent status for proc " + pid + ": old " + States.procStatusName(s.status)
                        + " vs. new " + States.procStatusName(status));
            }
            s.seqGen = gen;
            s.seq = 0;
        } else {
            procs.put(pid, new PState((int) written, gen));
            old = gen == initialGen ? States.UNDETERMINED : States.NOT_EXIST;
        }
        if (written == Wire.PROC_STATUS_RUNNING || written == Wire.PROC_STATUS_SYSCALL) {
            newP = pid;
        }
        long m = curM;
        long p = curP;
        long g = curG;
        if (written == Wire.PROC_STATUS_SYSCALL_ABANDONED && old == States.PROC_RUNNING) {
            // Reported on the thread that still holds the proc, which is about to have it stolen.
            long[] found = {0, 0, 0, 0};
            threads.forEach((mid, st) -> {
                if (st.p == pid) {
                    found[0] = 1;
                    found[1] = mid;
                    found[2] = st.g;
                }
            });
            if (found[0] == 0) {
                throw error(ev, "failed to find sched context for proc " + pid + " that's about to be stolen");
            }
            m = found[1];
            p = pid;
            g = found[2];
        }
        RawEvent out = push(ev, m, p, g);
        out.args[1] = status;
        out.oldState = old;
        return true;
    }

    private boolean procStart(RawEvent ev, long gen) throws GoParseException {
        long pid = ev.args[0];
        PState s = procs.get(pid);
        if (s == null || s.status != Wire.PROC_STATUS_IDLE || !succeeds(gen, ev.args[1], s.seqGen, s.seq)
                || curP != -1) {
            return false;
        }
        check(ev, MUST, MUST_NOT, MAY);
        s.status = Wire.PROC_STATUS_RUNNING;
        s.seqGen = gen;
        s.seq = ev.args[1];
        newP = pid;
        pushCurrent(ev);
        return true;
    }

    private boolean procStop(RawEvent ev) throws GoParseException {
        PState s = procs.get(curP);
        if (s == null) {
            throw error(ev, "event ProcStop for proc (" + curP + ") that doesn't exist");
        }
        if (s.status != Wire.PROC_STATUS_RUNNING && s.status != Wire.PROC_STATUS_SYSCALL) {
            throw error(ev, "ProcStop event for proc that's not Running or Syscall");
        }
        check(ev, MUST, MUST, MAY);
        s.status = Wire.PROC_STATUS_IDLE;
        newP = -1;
        pushCurrent(ev);
        return true;
    }

    private boolean procSteal(RawEvent ev, long gen) throws GoParseException {
        long pid = ev.args[0];
        PState s = procs.get(pid);
        if (s == null || (s.status != Wire.PROC_STATUS_SYSCALL && s.status != Wire.PROC_STATUS_SYSCALL_ABANDONED)
                || !succeeds(gen, ev.args[1], s.seqGen, s.seq)) {
            return false;
        }
        check(ev, MUST, MAY, MAY);
        int oldStatus = s.status;
        s.status = Wire.PROC_STATUS_IDLE;
        s.seqGen = gen;
        s.seq = ev.args[1];
        if (oldStatus == Wire.PROC_STATUS_SYSCALL_ABANDONED) {
            pushCurrent(ev).oldState = States.PROC_IDLE;
            return true;
        }
        long victim = ev.args[2];
        if (victim == curM) {
            if (curP != pid) {
                throw error(ev, "tried to self-steal proc " + pid + " (thread " + victim + "), but got proc "
                        + curP + " instead");
            }
            newP = -1;
            pushCurrent(ev).oldState = States.PROC_RUNNING;
            return true;
        }
        MState vs = threads.get(victim);
        if (vs == null) {
            throw error(ev, "stole proc from non-existent thread " + victim);
        }
        if (vs.p != pid) {
            throw error(ev, "tried to steal proc " + pid + " from thread " + victim + ", but got proc " + vs.p
                    + " instead");
        }
        vs.p = -1;
        pushCurrent(ev).oldState = States.PROC_RUNNING;
        return true;
    }

    private boolean goStatus(RawEvent ev, long gen) throws GoParseException {
        long gid = ev.args[0];
        long mid = ev.args[1];
        long status = ev.args[2];
        if (status < 0 || status > Wire.GO_STATUS_WAITING) {
            throw error(ev, "invalid status for goroutine " + gid + ": " + Long.toUnsignedString(status));
        }
        int old = States.goState(status);
        GState s = goroutines.get(gid);
        if (s != null) {
            if (s.status != status) {
                throw error(ev, "inconsistent status for goroutine " + gid + ": old "
                        + States.goStatusName(s.status) + " vs. new " + States.goStatusName(status));
            }
            s.seqGen = gen;
            s.seq = 0;
        } else if (gen == initialGen) {
            goroutines.put(gid, new GState(gid, (int) status, gen));
            old = States.UNDETERMINED;
        } else {
            throw error(ev, "found goroutine status for new goroutine after the first generation: id=" + gid
                    + " status=" + States.goStatusName(status));
        }
        long m = curM;
        long g = curG;
        if (status == Wire.GO_STATUS_RUNNING) {
            newG = gid;
        } else if (status == Wire.GO_STATUS_SYSCALL) {
            if (mid == -1) {
                throw error(ev, "found goroutine " + gid + " in syscall without a thread");
            }
            if (mid == curM) {
                if (gen != initialGen && curG != gid) {
                    throw error(ev, "inconsistent thread for syscalling goroutine " + gid + ": thread has goroutine "
                            + curG);
                }
                newG = gid;
            } else {
                MState other = threads.get(mid);
                if (other != null) {
                    if (other.g != gid) {
                        throw error(ev, "inconsistent thread for syscalling goroutine " + gid
                                + ": thread has goroutine " + other.g);
                    }
                    g = other.g;
                } else {
                    MState fresh = new MState();
                    fresh.g = gid;
                    threads.put(mid, fresh);
                }
                // Reported on the thread that is in the syscall, not the one that wrote the status.
                m = mid;
            }
        }
        RawEvent out = push(ev, m, curP, g);
        out.oldState = old;
        if (subjects) {
            out.subject = goroutines.get(gid);
        }
        return true;
    }

    private boolean goCreate(RawEvent ev, long gen) throws GoParseException {
        check(ev, MUST, MUST, MAY);
        GState cur = goroutines.get(curG);
        if (cur != null && cur.status != Wire.GO_STATUS_RUNNING) {
            throw error(ev, Wire.name(ev.type) + " event for goroutine that's not Running");
        }
        long id = ev.args[0];
        if (goroutines.get(id) != null) {
            throw error(ev, "tried to create goroutine (" + id + ") that already exists");
        }
        int status = ev.type == Wire.GO_CREATE_BLOCKED ? Wire.GO_STATUS_WAITING : Wire.GO_STATUS_RUNNABLE;
        GState created = new GState(id, status, gen);
        goroutines.put(id, created);
        subject(pushCurrent(ev), created);
        return true;
    }

    private boolean goStopExec(RawEvent ev) throws GoParseException {
        checkUser(ev);
        GState s = goroutines.get(curG);
        if (s == null) {
            throw error(ev, "event " + Wire.name(ev.type) + " for goroutine (" + curG + ") that doesn't exist");
        }
        if (s.status != Wire.GO_STATUS_RUNNING) {
            throw error(ev, Wire.name(ev.type) + " event for goroutine that's not Running");
        }
        if (ev.type == Wire.GO_DESTROY) {
            goroutines.remove(curG);
        } else {
            s.status = ev.type == Wire.GO_STOP ? Wire.GO_STATUS_RUNNABLE : Wire.GO_STATUS_WAITING;
        }
        newG = -1;
        subject(pushCurrent(ev), s);
        return true;
    }

    private boolean goStart(RawEvent ev, long gen) throws GoParseException {
        long gid = ev.args[0];
        GState s = goroutines.get(gid);
        if (s == null || s.status != Wire.GO_STATUS_RUNNABLE || !succeeds(gen, ev.args[1], s.seqGen, s.seq)) {
            return false;
        }
        check(ev, MUST, MUST, MUST_NOT);
        s.status = Wire.GO_STATUS_RUNNING;
        s.seqGen = gen;
        s.seq = ev.args[1];
        newG = gid;
        subject(pushCurrent(ev), s);
        return true;
    }

    private boolean goUnblock(RawEvent ev, long gen) {
        GState s = goroutines.get(ev.args[0]);
        if (s == null || s.status != Wire.GO_STATUS_WAITING || !succeeds(gen, ev.args[1], s.seqGen, s.seq)) {
            return false;
        }
        s.status = Wire.GO_STATUS_RUNNABLE;
        s.seqGen = gen;
        s.seq = ev.args[1];
        subject(pushCurrent(ev), s);
        return true;
    }

    private boolean goSwitch(RawEvent ev, long gen) throws GoParseException {
        checkUser(ev);
        GState cur = goroutines.get(curG);
        if (cur == null) {
            throw error(ev, "event " + Wire.name(ev.type) + " for goroutine (" + curG + ") that doesn't exist");
        }
        if (cur.status != Wire.GO_STATUS_RUNNING) {
            throw error(ev, Wire.name(ev.type) + " event for goroutine that's not Running");
        }
        long next = ev.args[0];
        GState ns = goroutines.get(next);
        if (ns == null || ns.status != Wire.GO_STATUS_WAITING || !succeeds(gen, ev.args[1], ns.seqGen, ns.seq)) {
            return false;
        }
        subject(pushCurrent(ev), ns);
        queueOwn(ev);
        if (ev.type == Wire.GO_SWITCH) {
            cur.status = Wire.GO_STATUS_WAITING;
            RawEvent block = push(null, curM, curP, curG);
            block.set(Wire.GO_BLOCK, ev.time, curM, curP, curG, ev.tables);
            subject(block, cur);
        } else {
            goroutines.remove(curG);
            RawEvent destroy = push(null, curM, curP, curG);
            destroy.set(Wire.GO_DESTROY, ev.time, curM, curP, curG, ev.tables);
            subject(destroy, cur);
        }
        ns.status = Wire.GO_STATUS_RUNNING;
        ns.seqGen = gen;
        ns.seq = ev.args[1];
        newG = next;
        RawEvent start = push(null, curM, curP, -1);
        start.set(Wire.GO_START, ev.time, curM, curP, -1, ev.tables);
        start.args[0] = next;
        start.args[1] = ev.args[1];
        subject(start, ns);
        return true;
    }

    private boolean goSyscallBegin(RawEvent ev, long gen) throws GoParseException {
        checkUser(ev);
        GState s = goroutines.get(curG);
        if (s == null) {
            throw error(ev, "event GoSyscallBegin for goroutine (" + curG + ") that doesn't exist");
        }
        if (s.status != Wire.GO_STATUS_RUNNING) {
            throw error(ev, "GoSyscallBegin event for goroutine that's not Running");
        }
        s.status = Wire.GO_STATUS_SYSCALL;
        PState p = procs.get(curP);
        if (p == null) {
            throw error(ev, "uninitialized proc " + curP + " found during GoSyscallBegin");
        }
        p.status = Wire.PROC_STATUS_SYSCALL;
        if (!succeeds(gen, ev.args[0], p.seqGen, p.seq)) {
            throw error(ev, "failed to advance GoSyscallBegin: can't make sequence: " + p.seq + " (gen=" + p.seqGen
                    + ") -> " + ev.args[0] + " (gen=" + gen + ")");
        }
        p.seqGen = gen;
        p.seq = ev.args[0];
        subject(pushCurrent(ev), s);
        return true;
    }

    private boolean goSyscallEnd(RawEvent ev) throws GoParseException {
        checkUser(ev);
        GState s = goroutines.get(curG);
        if (s == null) {
            throw error(ev, "event GoSyscallEnd for goroutine (" + curG + ") that doesn't exist");
        }
        if (s.status != Wire.GO_STATUS_SYSCALL) {
            throw error(ev, "GoSyscallEnd event for goroutine that's not Running");
        }
        s.status = Wire.GO_STATUS_RUNNING;
        PState p = procs.get(curP);
        if (p == null) {
            throw error(ev, "uninitialized proc " + curP + " found during GoSyscallEnd");
        }
        if (p.status != Wire.PROC_STATUS_SYSCALL) {
            throw error(ev, "expected proc " + curP + " in state Syscall, but got "
                    + States.procStatusName(p.status) + " instead");
        }
        p.status = Wire.PROC_STATUS_RUNNING;
        subject(pushCurrent(ev), s);
        return true;
    }

    private boolean goSyscallEndBlocked(RawEvent ev) throws GoParseException {
        if (curP != -1) {
            PState p = procs.get(curP);
            if (p == null) {
                throw error(ev, "uninitialized proc " + curP + " found during GoSyscallEndBlocked");
            }
            if (p.status == Wire.PROC_STATUS_SYSCALL) {
                // The proc must be stolen first, by another thread's ProcSteal.
                return false;
            }
        }
        check(ev, MUST, MAY, MUST);
        GState s = goroutines.get(curG);
        if (s == null) {
            throw error(ev, "event GoSyscallEndBlocked for goroutine (" + curG + ") that doesn't exist");
        }
        if (s.status != Wire.GO_STATUS_SYSCALL) {
            throw error(ev, "GoSyscallEndBlocked event for goroutine that's not Running");
        }
        newG = -1;
        s.status = Wire.GO_STATUS_RUNNABLE;
        subject(pushCurrent(ev), s);
        return true;
    }

    private boolean goCreateSyscall(RawEvent ev, long gen) throws GoParseException {
        check(ev, MUST, MAY, MUST_NOT);
        long id = ev.args[0];
        if (goroutines.get(id) != null) {
            throw error(ev, "tried to create goroutine (" + id + ") in syscall that already exists");
        }
        GState created = new GState(id, Wire.GO_STATUS_SYSCALL, gen);
        goroutines.put(id, created);
        newG = id;
        subject(pushCurrent(ev), created);
        return true;
    }

    private boolean goDestroySyscall(RawEvent ev) throws GoParseException {
        check(ev, MUST, MAY, MUST);
        GState s = goroutines.get(curG);
        if (s == null) {
            throw error(ev, "event GoDestroySyscall for goroutine (" + curG + ") that doesn't exist");
        }
        if (s.status != Wire.GO_STATUS_SYSCALL) {
            throw error(ev, "GoDestroySyscall event for goroutine that's not Syscall");
        }
        goroutines.remove(curG);
        newG = -1;
        if (curP != -1) {
            PState p = procs.get(curP);
            if (p == null) {
                throw error(ev, "found invalid proc " + curP + " during GoDestroySyscall");
            }
            if (p.status != Wire.PROC_STATUS_SYSCALL) {
                throw error(ev, "proc " + curP + " in unexpected state " + States.procStatusName(p.status)
                        + " during GoDestroySyscall");
            }
            p.status = Wire.PROC_STATUS_SYSCALL_ABANDONED;
            newP = -1;
            // The thread gives its proc up, as if it stole it from itself.
            RawEvent steal = pushCurrent(null);
            steal.set(Wire.PROC_STEAL, ev.time, curM, curP, curG, ev.tables);
            steal.args[0] = curP;
            steal.oldState = States.PROC_RUNNING;
        }
        subject(pushCurrent(ev), s);
        return true;
    }

    private boolean taskBegin(RawEvent ev) throws GoParseException {
        long id = ev.args[0];
        if (tasks.get(id) != null) {
            throw error(ev, "task ID conflict: " + Long.toUnsignedString(id));
        }
        long parent = ev.args[1];
        if (parent == 0) {
            parent = -1;
        }
        Tables t = ev.tables;
        String name = t.strings.get(ev.args[2]);
        if (name == null) {
            throw error(ev, "invalid string ID " + Long.toUnsignedString(ev.args[2]) + " for UserTaskBegin event");
        }
        tasks.put(id, new TaskState(name, parent));
        checkUser(ev);
        pushCurrent(ev).args[1] = parent;
        return true;
    }

    private boolean taskEnd(RawEvent ev) throws GoParseException {
        long id = ev.args[0];
        TaskState ts = tasks.get(id);
        long parent = -1;
        String name = "";
        if (ts != null) {
            parent = ts.parent;
            name = ts.name;
            tasks.remove(id);
        }
        checkUser(ev);
        RawEvent out = pushCurrent(ev);
        out.taskParent = parent;
        out.taskName = name;
        return true;
    }

    private boolean region(RawEvent ev) throws GoParseException {
        checkUser(ev);
        long task = ev.args[0];
        String name = ev.tables.strings.get(ev.args[1]);
        String which = ev.type == Wire.USER_REGION_BEGIN ? "EvUserRegionBegin" : "EvUserRegionEnd";
        if (name == null) {
            throw error(ev, "invalid string ID " + Long.toUnsignedString(ev.args[1]) + " for " + Wire.name(ev.type)
                    + " event");
        }
        GState s = goroutines.get(curG);
        if (s == null) {
            throw error(ev, "encountered " + which + " without known state for current goroutine " + curG);
        }
        if (s.regions == null) {
            s.regions = new ArrayList<>(2);
        }
        if (ev.type == Wire.USER_REGION_BEGIN) {
            s.regions.add(new Object[]{task, name});
        } else if (!s.regions.isEmpty()) {
            Object[] top = s.regions.get(s.regions.size() - 1);
            if ((long) top[0] != task || !top[1].equals(name)) {
                throw error(ev, "misuse of region in goroutine " + s.id + ": region end {" + task + " " + name
                        + "} when the inner-most active region start event is {" + top[0] + " " + top[1] + "}");
            }
            s.regions.remove(s.regions.size() - 1);
        }
        pushCurrent(ev);
        return true;
    }

    private boolean gcActive(RawEvent ev, long gen) throws GoParseException {
        long seq = ev.args[0];
        if (gen == initialGen) {
            if (gcState != GC_UNDETERMINED) {
                throw error(ev, "GCActive in the first generation isn't first GC event");
            }
            gcSeq = seq;
            gcState = GC_RUNNING;
            pushCurrent(ev);
            return true;
        }
        if (seq != gcSeq + 1) {
            return false;
        }
        if (gcState != GC_RUNNING) {
            throw error(ev, "encountered GCActive while GC was not in progress");
        }
        gcSeq = seq;
        checkUser(ev);
        pushCurrent(ev);
        return true;
    }

    private boolean gcBegin(RawEvent ev) throws GoParseException {
        long seq = ev.args[0];
        if (gcState == GC_UNDETERMINED) {
            gcSeq = seq;
            gcState = GC_RUNNING;
            pushCurrent(ev);
            return true;
        }
        if (seq != gcSeq + 1) {
            return false;
        }
        if (gcState == GC_RUNNING) {
            throw error(ev, "encountered GCBegin while GC was already in progress");
        }
        gcSeq = seq;
        gcState = GC_RUNNING;
        checkUser(ev);
        pushCurrent(ev);
        return true;
    }

    private boolean gcEnd(RawEvent ev) throws GoParseException {
        long seq = ev.args[0];
        if (seq != gcSeq + 1) {
            return false;
        }
        if (gcState == GC_NOT_RUNNING) {
            throw error(ev, "encountered GCEnd when GC was not in progress");
        }
        if (gcState == GC_UNDETERMINED) {
            throw error(ev, "encountered GCEnd when GC was in an undetermined state");
        }
        gcSeq = seq;
        gcState = GC_NOT_RUNNING;
        checkUser(ev);
        pushCurrent(ev);
        return true;
    }

    private static int indexOfRange(List<long[]> ranges, long type, long desc) {
        if (ranges != null) {
            for (int i = 0; i < ranges.size(); i++) {
                long[] r = ranges.get(i);
                if (r[0] == type && r[1] == desc) {
                    return i;
                }
            }
        }
        return -1;
    }

    private List<long[]> beginRange(RawEvent ev, List<long[]> ranges, int type, long desc) throws GoParseException {
        if (indexOfRange(ranges, type, desc) >= 0) {
            throw error(ev, "discovered event already in-flight for when starting event " + Wire.name(type));
        }
        List<long[]> r = ranges == null ? new ArrayList<>(2) : ranges;
        r.add(new long[]{type, desc});
        return r;
    }

    private List<long[]> activeRange(RawEvent ev, List<long[]> ranges, int type, boolean initial)
            throws GoParseException {
        if (initial) {
            if (indexOfRange(ranges, type, 0) >= 0) {
                throw error(ev, "found named active range already in first gen: {" + type + " 0}");
            }
            List<long[]> r = ranges == null ? new ArrayList<>(2) : ranges;
            r.add(new long[]{type, 0});
            return r;
        }
        if (indexOfRange(ranges, type, 0) < 0) {
            throw error(ev, "resource is missing active range: " + Wire.name(type));
        }
        return ranges;
    }

    /** Removes the first open range of a type, and gives its description string id. */
    private long endRange(RawEvent ev, List<long[]> ranges, int endType) throws GoParseException {
        int start = Wire.start(endType);
        if (ranges != null) {
            for (int i = 0; i < ranges.size(); i++) {
                if (ranges.get(i)[0] == start) {
                    long desc = ranges.get(i)[1];
                    // Swap with the last and drop it, as Go does: the order of what remains changes.
                    int last = ranges.size() - 1;
                    ranges.set(i, ranges.get(last));
                    ranges.remove(last);
                    return desc;
                }
            }
        }
        throw error(ev, "tried to end event " + Wire.name(start) + ", but not in-flight");
    }

    private boolean sweepBegin(RawEvent ev) throws GoParseException {
        check(ev, MUST, MUST, MAY);
        PState p = procs.get(curP);
        if (p == null) {
            throw error(ev, "encountered GCSweepBegin for unknown proc " + curP);
        }
        p.ranges = beginRange(ev, p.ranges, Wire.GC_SWEEP_BEGIN, 0);
        pushCurrent(ev);
        return true;
    }

    private boolean sweepActive(RawEvent ev, long gen) throws GoParseException {
        long pid = ev.args[0];
        PState p = procs.get(pid);
        if (p == null) {
            throw error(ev, "encountered GCSweepActive for unknown proc " + pid);
        }
        p.ranges = activeRange(ev, p.ranges, Wire.GC_SWEEP_BEGIN, gen == initialGen);
        pushCurrent(ev);
        return true;
    }

    private boolean sweepEnd(RawEvent ev) throws GoParseException {
        check(ev, MUST, MUST, MAY);
        PState p = procs.get(curP);
        if (p == null) {
            throw error(ev, "encountered GCSweepEnd for unknown proc " + curP);
        }
        endRange(ev, p.ranges, Wire.GC_SWEEP_END);
        pushCurrent(ev);
        return true;
    }

    private boolean goRangeBegin(RawEvent ev) throws GoParseException {
        checkUser(ev);
        long desc = ev.type == Wire.STW_BEGIN ? ev.args[0] : 0;
        GState s = goroutines.get(curG);
        if (s == null) {
            throw error(ev, "encountered event of type " + ev.type + " without known state for current goroutine "
                    + curG);
        }
        s.ranges = beginRange(ev, s.ranges, ev.type, desc);
        pushCurrent(ev);
        return true;
    }

    private boolean goRangeActive(RawEvent ev, long gen) throws GoParseException {
        long gid = ev.args[0];
        GState s = goroutines.get(gid);
        if (s == null) {
            throw error(ev, "uninitialized goroutine " + gid + " found during " + Wire.name(ev.type));
        }
        s.ranges = activeRange(ev, s.ranges, Wire.GC_MARK_ASSIST_BEGIN, gen == initialGen);
        pushCurrent(ev);
        return true;
    }

    private boolean goRangeEnd(RawEvent ev) throws GoParseException {
        checkUser(ev);
        GState s = goroutines.get(curG);
        if (s == null) {
            throw error(ev, "encountered event of type " + ev.type + " without known state for current goroutine "
                    + curG);
        }
        long desc = endRange(ev, s.ranges, ev.type);
        RawEvent out = pushCurrent(ev);
        if (ev.type == Wire.STW_END) {
            out.args[0] = desc;
        }
        return true;
    }
}
