package dev.gopherlens.trace;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Mutator utilization over a trace: the share of GOMAXPROCS left to the program while the garbage collector works,
 * as a step function, and its minimum mutator utilization (MMU) curve: for a window length, the worst mean
 * utilization of any window of that length. {@code go tool trace}'s MMU page, as data.
 *
 * <p>The utilization is Go 1.27's {@code MutatorUtilizationV2} for all procs together: a proc counts as taken by
 * the GC while it runs a GC worker (labelled {@code GC (…)}, except idle ones), a goroutine in a mark assist, or a
 * sweep, and all procs during a GC stop-the-world; which of these count is chosen with {@link Part}. The MMU is
 * computed exactly, from windows that start or end at a step. Immutable once made.
 */
public final class MutatorUtilization {
    private final long[] times;
    private final double[] utils;
    /** The integral of the utilization from the first step to each step, in utilization × nanoseconds. */
    private final double[] sums;

    /** What takes a proc from the program. */
    public enum Part {
        /** Stop-the-world pauses of the GC. */
        STW,
        /** The GC's background mark workers. */
        BACKGROUND,
        /** Mark assists. */
        ASSIST,
        /** Sweeping. */
        SWEEP
    }

    /**
     * One step of the utilization function: from this time until the next step.
     *
     * @param time        when
     * @param utilization 0 to 1
     */
    public record Step(long time, double utilization) {
    }

    private MutatorUtilization(long[] times, double[] utils, int n) {
        this.times = java.util.Arrays.copyOf(times, n);
        this.utils = java.util.Arrays.copyOf(utils, n);
        sums = new double[n];
        double sum = 0;
        for (int i = 1; i < n; i++) {
            sum += this.utils[i - 1] * (this.times[i] - this.times[i - 1]);
            sums[i] = sum;
        }
    }

    /**
     * Measures a trace file, counting every GC part.
     *
     * @param trace the trace
     * @return the utilization
     * @throws IOException if the trace cannot be read or is malformed
     */
    public static MutatorUtilization of(Path trace) throws IOException {
        return of(trace, EnumSet.allOf(Part.class));
    }

    /**
     * Measures a trace file.
     *
     * @param trace the trace
     * @param parts what counts as taken by the GC
     * @return the utilization
     * @throws IOException if the trace cannot be read or is malformed
     */
    public static MutatorUtilization of(Path trace, Set<Part> parts) throws IOException {
        try (TraceCursor c = GoTrace.cursor(trace)) {
            Builder b = new Builder(parts);
            while (c.next()) {
                b.event(c);
            }
            return b.finish();
        }
    }

    /** {@return the utilization function, a step per change} */
    public List<Step> steps() {
        List<Step> out = new ArrayList<>(times.length);
        for (int i = 0; i < times.length; i++) {
            out.add(new Step(times[i], utils[i]));
        }
        return List.copyOf(out);
    }

    /** {@return the mean utilization over the whole trace, 1 for a trace without steps} */
    public double mean() {
        int n = times.length;
        return n < 2 || times[n - 1] == times[0] ? 1 : sums[n - 1] / (times[n - 1] - times[0]);
    }

    /** The integral of the utilization from the first step to t, t within the steps. */
    private double integral(long t) {
        int i = java.util.Arrays.binarySearch(times, t);
        if (i >= 0) {
            // Several steps may share a time; the first one's sum is the integral up to it.
            while (i > 0 && times[i - 1] == t) {
                i--;
            }
            return sums[i];
        }
        int before = -i - 2;
        return sums[before] + utils[before] * (t - times[before]);
    }

    /**
     * Computes the minimum mutator utilization for a window length: the lowest mean utilization of any window of
     * that length within the trace (the whole trace for a longer window), as {@code go tool trace}'s MMU does.
     *
     * @param window the window, in nanoseconds
     * @return 0 to 1; 0 for a window of 0 or less
     */
    public double mmu(long window) {
        int n = times.length;
        if (window <= 0 || n == 0) {
            return 0;
        }
        long start = times[0];
        long end = times[n - 1];
        if (n == 1 || end == start) {
            return 1;
        }
        long w = Math.min(window, end - start);
        double min = 1;
        // The mean over [s, s+w] is piecewise linear in s, bending where an edge meets a step: try those windows.
        for (int i = 0; i < n; i++) {
            long s = times[i];
            if (s + w <= end) {
                min = Math.min(min, (integral(s + w) - sums[i]) / w);
            }
            long e = times[i];
            if (e - w >= start) {
                min = Math.min(min, (sums[i] - integral(e - w)) / w);
            }
        }
        // Go's banded search (internal/trace/gc.go, Go 1.27) has one more band than it divides the trace into, and
        // for a 1 ns window it also searches that one: when the trace's length divides evenly into the bands, the
        // extra band starts at the last step and Go counts the 1 ns after the trace, at the last step's
        // utilization (0). Reproduced so that the curve equals go tool trace's.
        if (w == 1) {
            long bands = Math.min(1000, n);
            long bandDur = Math.max(1, (end - start + bands - 1) / bands);
            if (start + bands * bandDur == end) {
                min = Math.min(min, utils[n - 1]);
            }
        }
        return Math.max(0, min);
    }

    @Override
    public String toString() {
        return "MutatorUtilization[" + times.length + " steps, mean " + String.format("%.3f", mean()) + "]";
    }

    /** Follows Go's MutatorUtilizationV2 for all procs together (not per proc). */
    static final class Builder {
        private final boolean stwOn;
        private final boolean backgroundOn;
        private final boolean assistOn;
        private final boolean sweepOn;
        // Implementation note: steps in primitive arrays and goroutines in primitive-keyed maps: nothing boxed or
        // allocated per event (TraceBenchmark.analysis).
        private long[] stepTimes = new long[64];
        private double[] stepUtils = new double[64];
        private int steps;
        private final List<int[]> ps = new ArrayList<>();
        private final List<long[]> procs = new ArrayList<>();
        private final dev.gopherlens.trace.internal.LongMap<Boolean> inGc = new dev.gopherlens.trace.internal.LongMap<>();
        private final dev.gopherlens.trace.internal.LongMap<Boolean> bgMark =
                new dev.gopherlens.trace.internal.LongMap<>();
        private final dev.gopherlens.trace.internal.LongMap<GoState> states =
                new dev.gopherlens.trace.internal.LongMap<>();
        private int stw;
        private int nSync;
        private long last = Long.MIN_VALUE;

        Builder(Set<Part> parts) {
            stwOn = parts.contains(Part.STW);
            backgroundOn = parts.contains(Part.BACKGROUND);
            assistOn = parts.contains(Part.ASSIST);
            sweepOn = parts.contains(Part.SWEEP);
        }

        private void add(long time, double util) {
            if (steps > 0) {
                if (util == stepUtils[steps - 1]) {
                    return;
                }
                if (time == stepTimes[steps - 1]) {
                    if (util < stepUtils[steps - 1]) {
                        stepUtils[steps - 1] = util;
                    }
                    return;
                }
            }
            if (steps == stepTimes.length) {
                stepTimes = java.util.Arrays.copyOf(stepTimes, steps * 2);
                stepUtils = java.util.Arrays.copyOf(stepUtils, steps * 2);
            }
            stepTimes[steps] = time;
            stepUtils[steps] = util;
            steps++;
        }

        private int[] proc(long p) {
            return p >= 0 && p < ps.size() ? ps.get((int) p) : null;
        }

        /** How many procs have a GC count above 0, kept as the counts change. */
        private int gcProcs;

        private void gc(int[] p, int delta) {
            if (p != null) {
                boolean before = p[0] > 0;
                p[0] += delta;
                boolean after = p[0] > 0;
                if (before != after) {
                    gcProcs += after ? 1 : -1;
                }
            }
        }

        void event(TraceCursor c) {
            long t = c.time();
            last = t;
            EventKind k = c.kind();
            if (k == EventKind.SYNC) {
                nSync = c.syncNumber();
            } else if (k == EventKind.METRIC && c.metricName().equals("/sched/gomaxprocs:threads")) {
                int n = (int) Math.min(c.metricValue(), 1 << 16);
                while (ps.size() > n) {
                    gcProcs -= ps.remove(ps.size() - 1)[0] > 0 ? 1 : 0;
                }
                if (steps == 0 && n > 0) {
                    stepTimes[0] = t;
                    stepUtils[0] = 1;
                    steps = 1;
                }
                while (ps.size() < n) {
                    ps.add(new int[1]);
                }
                if (procs.isEmpty() || procs.get(procs.size() - 1)[1] != n) {
                    procs.add(new long[]{t, n});
                }
            }
            if (ps.isEmpty()) {
                return;
            }
            switch (k) {
                case RANGE_ACTIVE: {
                    if (nSync > 1) {
                        break;
                    }
                    String r = c.rangeName();
                    boolean assist = assistOn && r.equals("GC mark assist");
                    boolean sweep = sweepOn && r.equals("GC incremental sweep");
                    GoState current = states.get(c.goroutine());
                    if (assist && (current == null || !current.isExecuting())) {
                        assist = false;
                    }
                    if (assist || sweep) {
                        // Already running when the trace began: take one proc's share off everything so far.
                        int pi = 0;
                        for (int mi = 0; mi < steps; ) {
                            if (pi < procs.size() - 1 && procs.get(pi + 1)[0] < stepTimes[mi]) {
                                pi++;
                                continue;
                            }
                            stepUtils[mi] = Math.max(0, stepUtils[mi] - 1.0 / procs.get(pi)[1]);
                            mi++;
                        }
                    }
                    begin(c);
                    break;
                }
                case RANGE_BEGIN:
                    begin(c);
                    break;
                case RANGE_END: {
                    String r = c.rangeName();
                    if (stwOn && isGcStw(r)) {
                        stw--;
                    } else if (sweepOn && r.equals("GC incremental sweep")) {
                        gc(proc(c.proc()), -1);
                    } else if (assistOn && r.equals("GC mark assist")) {
                        gc(proc(c.proc()), -1);
                        if (c.rangeScopeId() != -1) {
                            inGc.remove(c.rangeScopeId());
                        }
                    }
                    break;
                }
                case STATE_TRANSITION:
                    if (c.transitionResource() == ResourceKind.GOROUTINE) {
                        long g = c.transitionId();
                        GoState from = c.goFrom();
                        GoState to = c.goTo();
                        if (inGc.get(g) != null || bgMark.get(g) != null) {
                            if (!from.isExecuting() && to.isExecuting()) {
                                gc(proc(c.proc()), 1);
                            } else if (from.isExecuting() && !to.isExecuting()) {
                                gc(proc(c.proc()), -1);
                            }
                        }
                        states.put(g, to);
                    }
                    break;
                case LABEL:
                    if (backgroundOn && c.label().startsWith("GC ") && !c.label().equals("GC (idle)")) {
                        bgMark.put(c.goroutine(), Boolean.TRUE);
                        gc(proc(c.proc()), 1);
                    }
                    break;
                default:
                    break;
            }
            int gcPs = stw > 0 ? ps.size() : gcProcs;
            add(t, 1 - (double) gcPs / ps.size());
        }

        private void begin(TraceCursor c) {
            String r = c.rangeName();
            if (stwOn && isGcStw(r)) {
                stw++;
            } else if (sweepOn && r.equals("GC incremental sweep")) {
                gc(proc(c.proc()), 1);
            } else if (assistOn && r.equals("GC mark assist")) {
                gc(proc(c.proc()), 1);
                if (c.rangeScopeId() != -1) {
                    inGc.put(c.rangeScopeId(), Boolean.TRUE);
                }
            }
        }

        private static boolean isGcStw(String name) {
            return name.startsWith("stop-the-world") && name.contains("GC");
        }

        MutatorUtilization finish() {
            if (last != Long.MIN_VALUE && !ps.isEmpty()) {
                add(last, 0);
            }
            return new MutatorUtilization(stepTimes, stepUtils, steps);
        }
    }
}
