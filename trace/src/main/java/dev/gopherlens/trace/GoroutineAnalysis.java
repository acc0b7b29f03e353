package dev.gopherlens.trace;

import dev.gopherlens.core.Frame;
import dev.gopherlens.core.Stack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.gopherlens.trace.internal.LongMap;

/**
 * The goroutine analysis of {@code go tool trace}, as data: a {@link GoroutineSummary} per goroutine (time running,
 * waiting to run, blocked by reason, in system calls; start function; creator), the goroutines grouped by start
 * function, and the goroutines still blocked at the end of the trace, grouped and judged as {@link LeakSuspect}s.
 *
 * <pre>{@code
 * GoroutineAnalysis a = GoroutineAnalysis.of(Path.of("trace.out"));
 * a.leaks().stream().filter(l -> l.verdict() == LeakSuspect.Verdict.LIKELY_LEAK).forEach(System.out::println);
 * }</pre>
 *
 * <p>One pass over the events, with the accounting rules of Go's {@code internal/trace} summarizer (Go 1.27): a
 * goroutine's running, runnable, blocked and syscall times never overlap, and with the unknown rest they add up to
 * its lifetime in the trace. It keeps a record per goroutine the trace mentions. Immutable once made.
 */
public final class GoroutineAnalysis {
    private static final GoState[] GO_STATES = GoState.values();
    private final List<GoroutineSummary> goroutines;
    private final Map<Long, GoroutineSummary> byId;
    private final List<LeakSuspect> leaks;
    private final long start;
    private final long end;

    private GoroutineAnalysis(List<GoroutineSummary> goroutines, List<LeakSuspect> leaks, long start, long end) {
        this.goroutines = List.copyOf(goroutines);
        Map<Long, GoroutineSummary> m = new HashMap<>();
        for (GoroutineSummary g : goroutines) {
            m.put(g.id(), g);
        }
        this.byId = m;
        this.leaks = List.copyOf(leaks);
        this.start = start;
        this.end = end;
    }

    /**
     * Analyzes a trace file.
     *
     * @param trace the trace, of any format
     * @return the analysis
     * @throws IOException if the trace cannot be read or is malformed
     */
    public static GoroutineAnalysis of(Path trace) throws IOException {
        try (TraceCursor c = GoTrace.cursor(trace)) {
            return of(c);
        }
    }

    /**
     * Analyzes the rest of a cursor's events, reading it to the end.
     *
     * @param cursor the cursor; not closed
     * @return the analysis
     * @throws IOException if the trace is malformed
     */
    public static GoroutineAnalysis of(TraceCursor cursor) throws IOException {
        Builder b = builder();
        while (cursor.next()) {
            b.event(cursor);
        }
        return b.finish();
    }

    static Builder builder() {
        return new Summarizer(null);
    }

    static Builder builder(SchedulingLatency.Builder delays) {
        return new Summarizer(delays);
    }

    /** Takes events one at a time, for analyses that share one pass. */
    interface Builder {
        void event(TraceCursor c);

        GoroutineAnalysis finish();
    }

    /** {@return every goroutine the trace mentions, by id} */
    public List<GoroutineSummary> goroutines() {
        return goroutines;
    }

    /**
     * Finds one goroutine.
     *
     * @param id the goroutine
     * @return its summary, or null if the trace does not mention it
     */
    public GoroutineSummary goroutine(long id) {
        return byId.get(id);
    }

    /** {@return the goroutines grouped by start function, the groups by total running time, largest first} */
    public Map<String, List<GoroutineSummary>> byFunction() {
        Map<String, List<GoroutineSummary>> groups = new HashMap<>();
        for (GoroutineSummary g : goroutines) {
            groups.computeIfAbsent(g.name(), k -> new ArrayList<>()).add(g);
        }
        Map<String, List<GoroutineSummary>> sorted = new LinkedHashMap<>();
        groups.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, List<GoroutineSummary>> e) ->
                        -e.getValue().stream().mapToLong(GoroutineSummary::execTime).sum())
                        .thenComparing(Map.Entry::getKey))
                .forEach(e -> sorted.put(e.getKey(), List.copyOf(e.getValue())));
        return java.util.Collections.unmodifiableMap(sorted);
    }

    /** {@return the goroutines blocked at the end of the trace, grouped, likely leaks first} */
    public List<LeakSuspect> leaks() {
        return leaks;
    }

    /** {@return the time of the trace's first event} */
    public long traceStart() {
        return start;
    }

    /** {@return the time of the trace's last event} */
    public long traceEnd() {
        return end;
    }

    @Override
    public String toString() {
        long likely = leaks.stream().filter(l -> l.verdict() == LeakSuspect.Verdict.LIKELY_LEAK)
                .mapToLong(LeakSuspect::count).sum();
        return "GoroutineAnalysis[" + goroutines.size() + " goroutines, " + likely + " likely leaked]";
    }

    /**
     * Tells a runtime goroutine by its start function, as Go's trace tools do ({@code IsSystemGoroutine}).
     *
     * @param startFunction the start function, "" if unknown
     * @return true for "" and for {@code runtime.*} other than {@code runtime.main}
     */
    static boolean isSystem(String startFunction) {
        return startFunction.isEmpty()
                || !startFunction.equals("runtime.main") && startFunction.startsWith("runtime.");
    }

    /** The summarizer's state for one goroutine. */
    private static final class G {
        final long id;
        String name = "";
        long pc;
        long creator = -1;
        long creation;
        long start = -1;
        long end = -1;
        int state;
        long exec;
        long schedWait;
        final Map<String, long[]> block = new HashMap<>();
        long syscall;
        long syscallBlock;
        long total = -1;
        final Map<String, long[]> ranges = new HashMap<>();
        // Pending intervals: when each began, or NONE.
        long lastStart = NONE;
        long lastRunnable = NONE;
        long lastBlock = NONE;
        String lastBlockReason = "";
        long lastSyscall = NONE;
        long lastSyscallBlock = NONE;
        final Map<String, Long> lastRange = new HashMap<>();
        boolean finalized;
        // For the leak report: the stack and time of the last block, and the reason before inference.
        Stack blockStack = Stack.EMPTY;
        /** The last stack a transition gave, where it last stopped or blocked. */
        Stack lastStack = Stack.EMPTY;
        long blockedSince = NONE;

        G(long id) {
            this.id = id;
        }
    }

    private static final long NONE = Long.MIN_VALUE;

    private static void add(Map<String, long[]> m, String key, long v) {
        long[] sum = m.get(key);
        if (sum == null) {
            m.put(key, new long[]{v});
        } else {
            sum[0] += v;
        }
    }

    private static Map<String, Long> totals(Map<String, long[]> m) {
        Map<String, Long> out = new HashMap<>();
        m.forEach((k, v) -> out.put(k, v[0]));
        return out;
    }

    /** One pass of Go's summarizer (internal/trace/summary.go), without the user regions and tasks. */
    private static final class Summarizer implements Builder {
        // Implementation note: primitive-keyed maps, so that a lookup boxes nothing (TraceBenchmark.analysis).
        private final LongMap<G> gs = new LongMap<>();
        private final List<G> order = new ArrayList<>();
        private final LongMap<long[]> syscallingP = new LongMap<>();
        private final LongMap<long[]> syscallingG = new LongMap<>();
        private final Map<String, Long> rangesP = new HashMap<>();
        private long lastTs = NONE;
        private long syncTs = NONE;
        private long firstTs = NONE;
        /** Where runnable-to-running delays go, if anywhere. */
        private final SchedulingLatency.Builder delays;

        Summarizer(SchedulingLatency.Builder delays) {
            this.delays = delays;
        }

        @Override
        public void event(TraceCursor c) {
            long t = c.time();
            if (syncTs == NONE) {
                syncTs = t;
            }
            if (firstTs == NONE) {
                firstTs = t;
            }
            lastTs = t;
            switch (c.kind()) {
                case SYNC:
                    syncTs = t;
                    break;
                case STATE_TRANSITION:
                    if (c.transitionResource() == ResourceKind.GOROUTINE) {
                        goroutine(c, t);
                    } else {
                        proc(c, t);
                    }
                    break;
                case RANGE_BEGIN:
                case RANGE_ACTIVE:
                    rangeBegin(c, t);
                    break;
                case RANGE_END:
                    rangeEnd(c, t);
                    break;
                default:
                    break;
            }
        }

        private void goroutine(TraceCursor c, long t) {
            long id = c.transitionId();
            GoState from = c.goFrom();
            GoState to = c.goTo();
            if (from == to) {
                return;
            }
            G g = gs.get(id);
            switch (from) {
                case UNDETERMINED:
                case NOT_EXIST:
                    g = new G(id);
                    g.creation = from == GoState.UNDETERMINED ? syncTs : t;
                    if (from == GoState.NOT_EXIST) {
                        g.creator = c.goroutine();
                    }
                    gs.put(id, g);
                    order.add(g);
                    break;
                case RUNNING:
                    g.exec += t - g.lastStart;
                    g.lastStart = NONE;
                    break;
                case WAITING:
                    if (g.lastBlock != NONE) {
                        add(g.block, g.lastBlockReason, t - g.lastBlock);
                        g.lastBlock = NONE;
                    }
                    break;
                case RUNNABLE:
                    if (g.lastRunnable != NONE) {
                        g.schedWait += t - g.lastRunnable;
                        if (delays != null && to == GoState.RUNNING) {
                            delays.delay(id, g.name, t, t - g.lastRunnable, g.lastStack);
                        }
                        g.lastRunnable = NONE;
                    }
                    break;
                case SYSCALL:
                    if (g.lastSyscall != NONE) {
                        if (g.lastSyscallBlock != NONE) {
                            g.syscallBlock += t - g.lastSyscallBlock;
                            g.syscall += g.lastSyscallBlock - g.lastSyscall;
                        } else {
                            g.syscall += t - g.lastSyscall;
                        }
                        g.lastSyscall = NONE;
                        g.lastSyscallBlock = NONE;
                        long[] p = syscallingG.get(id);
                        if (p != null) {
                            syscallingG.remove(id);
                            syscallingP.remove(p[0]);
                        }
                    }
                    break;
                default:
                    break;
            }
            if (g == null) {
                // A transition of a goroutine first seen mid-flight (not from the parser, which never does this).
                return;
            }
            g.state = to.ordinal();
            Stack stack = c.transitionStack();
            if (!stack.isEmpty()) {
                g.lastStack = stack;
            }
            if (g.name.isEmpty() && !stack.isEmpty()) {
                Frame root = stack.frames().get(stack.depth() - 1);
                g.name = root.function();
                g.pc = root.pc();
            }
            switch (to) {
                case RUNNING:
                    g.lastStart = t;
                    if (g.start == -1) {
                        g.start = t;
                    }
                    break;
                case RUNNABLE:
                    g.lastRunnable = t;
                    break;
                case WAITING:
                    g.blockStack = stack;
                    g.blockedSince = from == GoState.UNDETERMINED ? syncTs : t;
                    g.lastBlockReason = c.reason();
                    if (!c.reason().equals("forever")) {
                        g.lastBlock = t;
                        break;
                    }
                    // Blocked forever is, to Go's summary, the goroutine's end.
                    finalize(g, t, true);
                    break;
                case NOT_EXIST:
                    finalize(g, t, true);
                    break;
                case SYSCALL:
                    syscallingP.put(c.proc(), new long[]{id});
                    syscallingG.put(id, new long[]{c.proc()});
                    g.lastSyscall = t;
                    break;
                default:
                    break;
            }
        }

        private void proc(TraceCursor c, long t) {
            if (c.procFrom() != c.procTo() && c.procTo() == ProcState.IDLE) {
                long[] goid = syscallingP.get(c.transitionId());
                if (goid != null) {
                    syscallingP.remove(c.transitionId());
                    G g = gs.get(goid[0]);
                    if (g != null) {
                        g.lastSyscallBlock = t;
                    }
                }
            }
        }

        private G rangeOwner(TraceCursor c, boolean begin) {
            String name = c.rangeName();
            switch (c.rangeScope()) {
                case GOROUTINE:
                    return gs.get(c.rangeScopeId());
                case PROC: {
                    String key = c.rangeScopeId() + "\u0000" + name;
                    if (begin) {
                        G g = gs.get(c.goroutine());
                        if (g != null) {
                            rangesP.put(key, c.goroutine());
                        }
                        return g;
                    }
                    Long goid = rangesP.remove(key);
                    return goid != null && goid == c.goroutine() ? gs.get(goid) : null;
                }
                default:
                    return null;
            }
        }

        private void rangeBegin(TraceCursor c, long t) {
            G g = rangeOwner(c, true);
            if (g == null) {
                return;
            }
            String name = c.rangeName();
            if (c.kind() == EventKind.RANGE_ACTIVE) {
                Long since = g.lastRange.get(name);
                if (since != null) {
                    add(g.ranges, name, syncTs - since);
                }
                g.lastRange.put(name, syncTs);
            } else {
                g.lastRange.put(name, t);
            }
        }

        private void rangeEnd(TraceCursor c, long t) {
            G g = rangeOwner(c, false);
            if (g == null) {
                return;
            }
            Long since = g.lastRange.remove(c.rangeName());
            if (since != null) {
                add(g.ranges, c.rangeName(), t - since);
            }
        }

        /** Closes a goroutine's pending intervals at time t, as Go's snapshotStat and finalize do. */
        private void finalize(G g, long t, boolean ended) {
            if (g.finalized) {
                return;
            }
            if (ended) {
                g.end = t;
            }
            if (g.total == -1) {
                g.total = t - g.creation;
            }
            if (g.lastStart != NONE) {
                g.exec += t - g.lastStart;
            }
            if (g.lastRunnable != NONE) {
                g.schedWait += t - g.lastRunnable;
            }
            if (g.lastBlock != NONE) {
                add(g.block, g.lastBlockReason, t - g.lastBlock);
            }
            if (g.lastSyscall != NONE) {
                g.syscall += t - g.lastSyscall;
            }
            if (g.lastSyscallBlock != NONE) {
                // Go counts the time after a syscall's proc was taken as waiting to run again.
                g.schedWait += t - g.lastSyscallBlock;
            }
            for (Map.Entry<String, Long> r : g.lastRange.entrySet()) {
                add(g.ranges, r.getKey(), t - r.getValue());
            }
            g.finalized = true;
        }

        @Override
        public GoroutineAnalysis finish() {
            long end = lastTs == NONE ? 0 : lastTs;
            List<GoroutineSummary> out = new ArrayList<>(gs.size());
            List<G> blocked = new ArrayList<>();
            for (G g : order) {
                finalize(g, end, false);
                if (g.state == GoState.WAITING.ordinal()) {
                    blocked.add(g);
                }
                out.add(new GoroutineSummary(g.id, g.name, g.pc, g.creator, g.creation, g.start, g.end,
                        GO_STATES[g.state], g.exec, g.schedWait, totals(g.block), g.syscall, g.syscallBlock,
                        g.total, totals(g.ranges)));
            }
            out.sort(Comparator.comparingLong(GoroutineSummary::id));
            return new GoroutineAnalysis(out, Leaks.judge(blocked, end), firstTs == NONE ? 0 : firstTs, end);
        }
    }

    /** Groups and judges the goroutines blocked at the end. */
    private static final class Leaks {
        static List<LeakSuspect> judge(List<G> blocked, long end) {
            Map<String, List<G>> groups = new LinkedHashMap<>();
            Map<String, String[]> keys = new HashMap<>();
            for (G g : blocked) {
                String reason = g.lastBlockReason.isEmpty() ? inferReason(g.blockStack) : g.lastBlockReason;
                StringBuilder k = new StringBuilder(g.name).append('\u0000').append(reason);
                for (Frame f : g.blockStack.frames()) {
                    k.append('\u0000').append(f.function());
                }
                groups.computeIfAbsent(k.toString(), x -> new ArrayList<>()).add(g);
                keys.put(k.toString(), new String[]{g.name, reason});
            }
            List<LeakSuspect> out = new ArrayList<>();
            for (Map.Entry<String, List<G>> e : groups.entrySet()) {
                List<G> gs = e.getValue();
                G first = gs.get(0);
                String name = keys.get(e.getKey())[0];
                String reason = keys.get(e.getKey())[1];
                long min = Long.MAX_VALUE;
                long max = 0;
                List<Long> ids = new ArrayList<>();
                for (G g : gs) {
                    long waited = g.blockedSince == NONE ? 0 : end - g.blockedSince;
                    min = Math.min(min, waited);
                    max = Math.max(max, waited);
                    ids.add(g.id);
                }
                LeakSuspect.Verdict v;
                String why;
                if (first.blockStack.isEmpty() && name.isEmpty()) {
                    v = LeakSuspect.Verdict.UNKNOWN;
                    why = "blocked since before the trace began and never ran during it; this trace format records"
                            + " no stack for such goroutines (Go 1.22 and earlier), so a goroutine dump must tell";
                } else if (isSystem(name) || name.startsWith("runtime/trace.") || name.startsWith("runtime/pprof.")) {
                    v = LeakSuspect.Verdict.SYSTEM;
                    why = "a goroutine of the runtime, tracer or profiler (" + name + "), which parks between jobs";
                } else if (isIo(reason, first.blockStack)) {
                    v = LeakSuspect.Verdict.WAITING_ON_IO;
                    why = "waiting on " + (reason.isEmpty() ? "I/O" : reason) + ": an idle connection, a server's"
                            + " accept loop or a timer, not a leak by itself; a leak if it never returns";
                } else {
                    v = LeakSuspect.Verdict.LIKELY_LEAK;
                    why = "blocked on " + (reason.isEmpty() ? "an unknown wait" : reason) + " until the end of the"
                            + " trace" + (first.blockedSince != NONE && min > 0 ? " (for at least " + min / 1_000_000
                            + " ms)" : "") + "; nothing in the trace woke " + (gs.size() > 1 ? "them" : "it");
                }
                out.add(new LeakSuspect(v, why, name, reason, first.blockStack, ids, min == Long.MAX_VALUE ? 0 : min,
                        max));
            }
            out.sort(Comparator.comparing(LeakSuspect::verdict).thenComparing(l -> -l.count())
                    .thenComparing(l -> -l.maxWaited()));
            return out;
        }

        private static boolean isIo(String reason, Stack stack) {
            if (reason.equals("network") || reason.equals("sleep") || reason.startsWith("GC ")
                    || reason.equals("system goroutine wait")) {
                return true;
            }
            for (Frame f : stack.frames()) {
                String fn = f.function();
                if (fn.startsWith("internal/poll.") || fn.startsWith("net.") || fn.equals("time.Sleep")) {
                    return true;
                }
            }
            return false;
        }

        /** Reads a wait reason off a stack when the trace gave none (a goroutine blocked before tracing began). */
        static String inferReason(Stack stack) {
            for (Frame f : stack.frames()) {
                String fn = f.function();
                if (fn.startsWith("runtime.chanrecv")) {
                    return "chan receive";
                }
                if (fn.startsWith("runtime.chansend")) {
                    return "chan send";
                }
                if (fn.equals("runtime.selectgo") || fn.equals("runtime.block")) {
                    return "select";
                }
                if (fn.equals("sync.(*Cond).Wait")) {
                    return "sync.(*Cond).Wait";
                }
                if (fn.startsWith("sync.runtime_Semacquire") || fn.startsWith("sync.(*Mutex)")
                        || fn.startsWith("sync.(*RWMutex)") || fn.startsWith("sync.(*WaitGroup)")
                        || fn.startsWith("internal/sync.")) {
                    return "sync";
                }
                if (fn.startsWith("internal/poll.runtime_pollWait")) {
                    return "network";
                }
                if (fn.equals("time.Sleep")) {
                    return "sleep";
                }
            }
            return "";
        }
    }
}
