package dev.gopherlens.trace.internal.v1;

import dev.gopherlens.core.GoParseException;

import java.util.Arrays;
import java.util.BitSet;

import static dev.gopherlens.trace.internal.v1.V1EventType.*;

/**
 * The checks Go 1.27 runs over the ordered v1 events ({@code postProcessTrace} in {@code internal/tracev1/parser.go}):
 * a P runs one goroutine at a time, a goroutine is blocked before it is unblocked, GC and stop-the-world phases
 * nest, task ids are unique, regions end in the order they start. On the way it attributes GC starts to
 * {@link V1Trace#GC_P} and unblocks of goroutines blocked on the network to {@link V1Trace#NETPOLL_P}, gives each
 * goroutine's first start the creation stack, and zeroes stack ids that name no stack.
 *
 * <p>Go keeps pointers to events in its per-goroutine state; only the facts later checks read are kept here: the
 * type of a goroutine's last event and its creation's stack. Not thread-safe; one instance per trace.
 */
final class V1Validator {
    private static final byte NO_EVENT = 0;

    private final LongIndex stackIds;
    private final BitSet knownStacks;

    // Goroutines (Go's gs map; a key exists once Go stores it).
    private final LongIndex goroutines = new LongIndex(1024);
    private byte[] gState = new byte[1024];
    private byte[] gLastType = new byte[1024];
    private long[] gCreateStack = new long[1024];
    private byte[] gFlags = new byte[1024];
    private static final byte HAS_CREATE = 1;
    private static final byte IN_MARK_ASSIST = 2;

    // Ps (Go's ps map; existence never matters).
    private final LongIndex procs = new LongIndex(64);
    private byte[] pRunning = new byte[64];
    private long[] pG = new long[64];
    private byte[] pSweeping = new byte[64];
    /** Index + 1 of the Ps with small ids, which are nearly all of them. */
    private final int[] smallProcs = new int[256];

    // Tasks: id to the index of its creation, -1 once ended.
    private final LongIndex tasks = new LongIndex(64);
    private int[] taskEvent = new int[64];

    // Active regions per goroutine: a stack of event indexes.
    private final LongIndex regionOwners = new LongIndex(64);
    private int[][] regions = new int[64][];
    private int[] regionDepth = new int[64];

    private int n;
    private byte[] types;
    private long[] times;
    private int[] ps;
    private long[] gs;
    private long[] args;
    private int[] stacks;
    private int[] offsets;

    V1Validator(LongIndex stackIds) {
        this.stackIds = stackIds;
        long max = 0;
        long[] ids = stackIds.keys();
        for (long id : ids) {
            max = Math.max(max, id);
        }
        // Stack ids are numbered from 1 by the runtime: a bit set answers for them without hashing.
        if (max < (1 << 26)) {
            knownStacks = new BitSet((int) max + 1);
            for (long id : ids) {
                knownStacks.set((int) id);
            }
        } else {
            knownStacks = null;
        }
    }

    private boolean stackExists(int id) {
        long key = Integer.toUnsignedLong(id);
        if (knownStacks != null) {
            return key < (1 << 26) && knownStacks.get((int) key);
        }
        return stackIds.find(key) >= 0;
    }

    void validate(int count, byte[] type, long[] time, int[] p, long[] g, long[] arg, int[] stack, int[] offset)
            throws GoParseException {
        this.n = count;
        this.types = type;
        this.times = time;
        this.ps = p;
        this.gs = g;
        this.args = arg;
        this.stacks = stack;
        this.offsets = offset;
        // The goroutine 0 stands for the scheduler and is always running.
        setG(0, V1Parser.RUNNING, NO_EVENT, 0, (byte) 0);
        boolean inGC = false;
        boolean inSTW = false;
        for (int i = 0; i < n; i++) {
            int t = types[i];
            long g0 = gs[i];
            switch (t) {
                case PROC_START: {
                    int pi = proc(ps[i]);
                    if (pRunning[pi] != 0) {
                        throw fail(i, "p " + ps[i] + " is running before start (time " + times[i] + ")");
                    }
                    pRunning[pi] = 1;
                    break;
                }
                case PROC_STOP: {
                    int pi = proc(ps[i]);
                    if (pRunning[pi] == 0) {
                        throw fail(i, "p " + ps[i] + " is not running before stop (time " + times[i] + ")");
                    }
                    if (pG[pi] != 0) {
                        throw fail(i, "p " + ps[i] + " is running a goroutine " + u(pG[pi]) + " during stop (time "
                                + times[i] + ")");
                    }
                    pRunning[pi] = 0;
                    break;
                }
                case GC_START:
                    if (inGC) {
                        throw fail(i, "previous GC is not ended before a new one (time " + times[i] + ")");
                    }
                    inGC = true;
                    ps[i] = V1Trace.GC_P;
                    break;
                case GC_DONE:
                    if (!inGC) {
                        throw fail(i, "bogus GC end (time " + times[i] + ")");
                    }
                    inGC = false;
                    break;
                case STW_START:
                    if (inSTW) {
                        throw fail(i, "previous STW is not ended before a new one (time " + times[i] + ")");
                    }
                    inSTW = true;
                    break;
                case STW_DONE:
                    if (!inSTW) {
                        throw fail(i, "bogus STW end (time " + times[i] + ")");
                    }
                    inSTW = false;
                    break;
                case GC_SWEEP_START: {
                    int pi = proc(ps[i]);
                    if (pSweeping[pi] != 0) {
                        throw fail(i, "previous sweeping is not ended before a new one (time " + times[i] + ")");
                    }
                    pSweeping[pi] = 1;
                    break;
                }
                case GC_SWEEP_DONE: {
                    int pi = proc(ps[i]);
                    if (pSweeping[pi] == 0) {
                        throw fail(i, "bogus sweeping end (time " + times[i] + ")");
                    }
                    pSweeping[pi] = 0;
                    break;
                }
                case GC_MARK_ASSIST_START: {
                    int gi = goroutines.find(g0);
                    byte flags = gi < 0 ? 0 : gFlags[gi];
                    if ((flags & IN_MARK_ASSIST) != 0) {
                        throw fail(i, "previous mark assist is not ended before a new one (time " + times[i] + ")");
                    }
                    storeFlags(g0, gi, (byte) (flags | IN_MARK_ASSIST));
                    break;
                }
                case GC_MARK_ASSIST_DONE: {
                    // A mark assist may be under way when tracing starts, so an end without a start is fine.
                    int gi = goroutines.find(g0);
                    byte flags = gi < 0 ? 0 : gFlags[gi];
                    storeFlags(g0, gi, (byte) (flags & ~IN_MARK_ASSIST));
                    break;
                }
                case GO_WAITING:
                case GO_IN_SYSCALL: {
                    int gi = goroutines.find(g0);
                    if (state(gi) != V1Parser.RUNNABLE) {
                        throw fail(i, "g " + u(g0) + " is not runnable before "
                                + (t == GO_WAITING ? "EvGoWaiting" : "EvGoInSyscall") + " (time " + times[i] + ")");
                    }
                    gi = storeG(g0);
                    gState[gi] = V1Parser.WAITING;
                    gLastType[gi] = (byte) t;
                    break;
                }
                case GO_CREATE: {
                    checkRunning(i, true);
                    long child = args[4 * i];
                    if (goroutines.find(child) >= 0) {
                        throw fail(i, "g " + u(child) + " already exists (time " + times[i] + ")");
                    }
                    setG(child, V1Parser.RUNNABLE, (byte) t, args[4 * i + 1], HAS_CREATE);
                    break;
                }
                case GO_START:
                case GO_START_LABEL: {
                    int gi = goroutines.find(g0);
                    int pi = proc(ps[i]);
                    if (state(gi) != V1Parser.RUNNABLE) {
                        throw fail(i, "g " + u(g0) + " is not runnable before start (time " + times[i] + ")");
                    }
                    if (pG[pi] != 0) {
                        throw fail(i, "p " + ps[i] + " is already running g " + u(pG[pi]) + " while start g " + u(g0)
                                + " (time " + times[i] + ")");
                    }
                    gi = storeG(g0);
                    gState[gi] = V1Parser.RUNNING;
                    pG[pi] = g0;
                    if ((gFlags[gi] & HAS_CREATE) != 0) {
                        stacks[i] = (int) gCreateStack[gi];
                        gFlags[gi] &= ~HAS_CREATE;
                    }
                    gLastType[gi] = NO_EVENT;
                    break;
                }
                case GO_END:
                case GO_STOP: {
                    int gi = checkRunning(i, false);
                    gState[gi] = V1Parser.DEAD;
                    pG[proc(ps[i])] = 0;
                    if (t == GO_END) {
                        int r = regionOwners.find(g0);
                        if (r >= 0) {
                            regionDepth[r] = 0;
                        }
                    }
                    break;
                }
                case GO_SCHED:
                case GO_PREEMPT: {
                    int gi = checkRunning(i, false);
                    gState[gi] = V1Parser.RUNNABLE;
                    pG[proc(ps[i])] = 0;
                    gLastType[gi] = (byte) t;
                    break;
                }
                case GO_UNBLOCK: {
                    int gi = goroutines.find(g0);
                    int pi = proc(ps[i]);
                    if (state(gi) != V1Parser.RUNNING) {
                        throw fail(i, "g " + u(g0) + " is not running while unpark (time " + times[i] + ")");
                    }
                    if (ps[i] != V1Trace.TIMER_P && pG[pi] != g0) {
                        throw fail(i, "p " + ps[i] + " is not running g " + u(g0) + " while unpark (time " + times[i]
                                + ")");
                    }
                    long target = args[4 * i];
                    int ti = goroutines.find(target);
                    if (state(ti) != V1Parser.WAITING) {
                        throw fail(i, "g " + u(target) + " is not waiting before unpark (time " + times[i] + ")");
                    }
                    if (gLastType[ti] == GO_BLOCK_NET) {
                        ps[i] = V1Trace.NETPOLL_P;
                    }
                    gState[ti] = V1Parser.RUNNABLE;
                    gLastType[ti] = (byte) t;
                    break;
                }
                case GO_SYS_CALL: {
                    int gi = checkRunning(i, false);
                    gLastType[gi] = (byte) t;
                    break;
                }
                case GO_SYS_BLOCK: {
                    int gi = checkRunning(i, false);
                    gState[gi] = V1Parser.WAITING;
                    pG[proc(ps[i])] = 0;
                    break;
                }
                case GO_SYS_EXIT: {
                    int gi = goroutines.find(g0);
                    if (state(gi) != V1Parser.WAITING) {
                        throw fail(i, "g " + u(g0) + " is not waiting during syscall exit (time " + times[i] + ")");
                    }
                    gState[gi] = V1Parser.RUNNABLE;
                    gLastType[gi] = (byte) t;
                    break;
                }
                case GO_SLEEP: case GO_BLOCK: case GO_BLOCK_SEND: case GO_BLOCK_RECV: case GO_BLOCK_SELECT:
                case GO_BLOCK_SYNC: case GO_BLOCK_COND: case GO_BLOCK_NET: case GO_BLOCK_GC: {
                    int gi = checkRunning(i, false);
                    gState[gi] = V1Parser.WAITING;
                    gLastType[gi] = (byte) t;
                    pG[proc(ps[i])] = 0;
                    break;
                }
                case USER_TASK_CREATE: {
                    long id = args[4 * i];
                    int k = tasks.find(id);
                    if (k >= 0 && taskEvent[k] >= 0) {
                        throw fail(i, "task id conflicts (id:" + u(id) + "), " + quoted(i) + " vs "
                                + quoted(taskEvent[k]));
                    }
                    k = tasks.add(id);
                    taskEvent = tasks.fit(taskEvent);
                    taskEvent[k] = i;
                    break;
                }
                case USER_TASK_END: {
                    int k = tasks.find(args[4 * i]);
                    if (k >= 0) {
                        taskEvent[k] = -1;
                    }
                    break;
                }
                case USER_REGION:
                    region(i, g0);
                    break;
                default:
                    break;
            }
            // Go makes sure no event names a stack that does not exist or has no frames.
            if (stacks[i] != 0 && !stackExists(stacks[i])) {
                stacks[i] = 0;
            }
        }
    }

    private byte state(int gi) {
        return gi < 0 ? V1Parser.DEAD : gState[gi];
    }

    private void fitGoroutines() {
        gState = goroutines.fit(gState);
        gLastType = goroutines.fit(gLastType);
        gCreateStack = goroutines.fit(gCreateStack);
        gFlags = goroutines.fit(gFlags);
    }

    /** Stores a goroutine, as Go's {@code gs[g] = …}: a new one starts dead, with no events. */
    private int storeG(long g) {
        int gi = goroutines.add(g);
        fitGoroutines();
        return gi;
    }

    private void setG(long g, byte state, byte lastType, long createStack, byte flags) {
        int gi = storeG(g);
        gState[gi] = state;
        gLastType[gi] = lastType;
        gCreateStack[gi] = createStack;
        gFlags[gi] = flags;
    }

    private void storeFlags(long g, int gi, byte flags) {
        if (gi < 0) {
            setG(g, V1Parser.DEAD, NO_EVENT, 0, flags);
        } else {
            gFlags[gi] = flags;
        }
    }

    private int proc(int p) {
        if (p >= 0 && p < smallProcs.length && smallProcs[p] != 0) {
            return smallProcs[p] - 1;
        }
        int pi = procs.add(p);
        pRunning = procs.fit(pRunning);
        pG = procs.fit(pG);
        pSweeping = procs.fit(pSweeping);
        if (p >= 0 && p < smallProcs.length) {
            smallProcs[p] = pi + 1;
        }
        return pi;
    }

    /**
     * Checks that the event's goroutine is running on the event's P (Go's checkRunning) and stores the goroutine.
     *
     * @return the goroutine's index
     */
    private int checkRunning(int i, boolean allowG0) throws GoParseException {
        long g = gs[i];
        int gi = goroutines.find(g);
        int pi = proc(ps[i]);
        String name = name(types[i]);
        if (state(gi) != V1Parser.RUNNING) {
            throw fail(i, "g " + u(g) + " is not running while " + name + " (time " + times[i] + ")");
        }
        if (pG[pi] != g) {
            throw fail(i, "p " + ps[i] + " is not running g " + u(g) + " while " + name + " (time " + times[i]
                    + ")");
        }
        if (!allowG0 && g == 0) {
            throw fail(i, "g 0 did " + name + " (time " + times[i] + ")");
        }
        return gi;
    }

    private void region(int i, long g) throws GoParseException {
        long mode = args[4 * i + 1];
        if (mode == 0) {
            int r = regionOwners.add(g);
            if (r >= regions.length) {
                regions = Arrays.copyOf(regions, r * 2);
                regionDepth = Arrays.copyOf(regionDepth, r * 2);
            }
            int[] stack = regions[r];
            if (stack == null) {
                stack = new int[4];
            } else if (regionDepth[r] == stack.length) {
                stack = Arrays.copyOf(stack, stack.length * 2);
            }
            stack[regionDepth[r]++] = i;
            regions[r] = stack;
        } else if (mode == 1) {
            int r = regionOwners.find(g);
            if (r >= 0 && regionDepth[r] > 0) {
                int s = regions[r][regionDepth[r] - 1];
                if (args[4 * s] != args[4 * i] || args[4 * s + 2] != args[4 * i + 2]) {
                    throw fail(i, "misuse of region in goroutine " + u(g) + ": span end " + quoted(i)
                            + " when the inner-most active span start event is " + quoted(s));
                }
                regionDepth[r]--;
            }
        } else {
            throw fail(i, "invalid user region mode: " + quoted(i));
        }
    }

    /** {@return Go's {@code %q} of an event: its String() form, quoted} */
    private String quoted(int i) {
        int t = types[i];
        StringBuilder sb = new StringBuilder("\"").append(times[i]).append(' ').append(name(t))
                .append(" p=").append(ps[i]).append(" g=").append(u(gs[i]))
                .append(" stk=").append(Integer.toUnsignedLong(stacks[i]));
        String[] argNames = t == USER_TASK_CREATE ? new String[] {"taskid", "pid", "typeid"}
                : t == USER_REGION ? new String[] {"taskid", "mode", "typeid"} : new String[0];
        for (int k = 0; k < argNames.length; k++) {
            sb.append(' ').append(argNames[k]).append('=').append(u(args[4 * i + k]));
        }
        return sb.append('"').toString();
    }

    private static String u(long v) {
        return Long.toUnsignedString(v);
    }

    private GoParseException fail(int i, String reason) {
        return GoParseException.malformed(V1Parser.FORMAT, offsets[i], reason);
    }
}
