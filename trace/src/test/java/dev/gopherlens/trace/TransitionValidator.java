package dev.gopherlens.trace;

import java.io.IOException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Checks a whole trace the way Go's test validator does (internal/trace/testtrace/validation.go, Go 1.27): every
 * state transition is one the model allows, leaves the state the previous one entered, and times never go back.
 * Independent of the parser's own state machines, so it catches what they would let through.
 */
final class TransitionValidator {
    private final Map<Long, GoState> goroutines = new HashMap<>();
    private final Map<Long, ProcState> procs = new HashMap<>();
    private long lastTime = Long.MIN_VALUE;
    private long transitions;

    private static final Map<GoState, Set<GoState>> GO_LEGAL = new HashMap<>();
    private static final Map<ProcState, Set<ProcState>> PROC_LEGAL = new HashMap<>();

    static {
        GO_LEGAL.put(GoState.NOT_EXIST, EnumSet.of(GoState.RUNNABLE, GoState.WAITING, GoState.SYSCALL));
        GO_LEGAL.put(GoState.RUNNABLE, EnumSet.of(GoState.RUNNING));
        GO_LEGAL.put(GoState.RUNNING, EnumSet.of(GoState.RUNNABLE, GoState.WAITING, GoState.SYSCALL,
                GoState.NOT_EXIST));
        GO_LEGAL.put(GoState.WAITING, EnumSet.of(GoState.RUNNABLE));
        GO_LEGAL.put(GoState.SYSCALL, EnumSet.of(GoState.RUNNING, GoState.RUNNABLE, GoState.NOT_EXIST));
        GO_LEGAL.put(GoState.UNDETERMINED, EnumSet.allOf(GoState.class));
        PROC_LEGAL.put(ProcState.IDLE, EnumSet.of(ProcState.RUNNING, ProcState.IDLE));
        PROC_LEGAL.put(ProcState.RUNNING, EnumSet.of(ProcState.IDLE));
        PROC_LEGAL.put(ProcState.UNDETERMINED, EnumSet.of(ProcState.RUNNING, ProcState.IDLE));
        PROC_LEGAL.put(ProcState.NOT_EXIST, EnumSet.of(ProcState.RUNNING, ProcState.IDLE));
    }

    /** Validates every event of a cursor and returns how many transitions it checked. */
    static long validate(TraceCursor c) throws IOException {
        TransitionValidator v = new TransitionValidator();
        try (c) {
            while (c.next()) {
                v.check(c);
            }
        }
        return v.transitions;
    }

    private void fail(TraceCursor c, String what) {
        throw new AssertionError(what + " at event " + c.count() + ": " + c.event());
    }

    private void check(TraceCursor c) {
        if (c.time() < lastTime) {
            fail(c, "time went back from " + lastTime);
        }
        lastTime = c.time();
        if (c.kind() != EventKind.STATE_TRANSITION) {
            return;
        }
        transitions++;
        long id = c.transitionId();
        if (c.transitionResource() == ResourceKind.GOROUTINE) {
            GoState from = c.goFrom();
            GoState to = c.goTo();
            GoState known = goroutines.get(id);
            // A status event restates the state (S->S) or, in the first generation, reveals it.
            boolean status = from == to;
            if (!status && !GO_LEGAL.getOrDefault(from, Set.of()).contains(to)) {
                fail(c, "illegal goroutine transition " + from + "->" + to);
            }
            if (known != null && from != GoState.UNDETERMINED && known != from) {
                fail(c, "goroutine " + id + " was " + known + ", not " + from);
            }
            if (known == null && from != GoState.UNDETERMINED && from != GoState.NOT_EXIST && !status) {
                fail(c, "goroutine " + id + " first seen leaving " + from);
            }
            goroutines.put(id, to);
        } else {
            ProcState from = c.procFrom();
            ProcState to = c.procTo();
            ProcState known = procs.get(id);
            boolean status = from == to;
            if (!status && !PROC_LEGAL.getOrDefault(from, Set.of()).contains(to)) {
                fail(c, "illegal proc transition " + from + "->" + to);
            }
            if (known != null && from != ProcState.UNDETERMINED && from != ProcState.NOT_EXIST && known != from) {
                fail(c, "proc " + id + " was " + known + ", not " + from);
            }
            procs.put(id, to);
        }
    }
}
