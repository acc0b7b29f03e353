package dev.gopherlens.trace;

import dev.gopherlens.core.Frame;
import dev.gopherlens.core.Stack;
import dev.gopherlens.pprof.Function;
import dev.gopherlens.pprof.Line;
import dev.gopherlens.pprof.Location;
import dev.gopherlens.pprof.Profile;
import dev.gopherlens.pprof.ProfileBuilder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.gopherlens.trace.internal.LongMap;

/**
 * The pprof profiles {@code go tool trace -pprof=TYPE} makes from a trace, and the trace's CPU samples as a CPU
 * profile: where goroutines waited on the network ({@link Kind#NET}), on synchronization ({@link Kind#SYNC}), in
 * system calls ({@link Kind#SYSCALL}) or for a proc ({@link Kind#SCHED}), by stack, with how often and how long.
 *
 * <pre>{@code
 * Map<TraceProfiles.Kind, Profile> p = TraceProfiles.of(Path.of("trace.out"));
 * Pprof.write(p.get(TraceProfiles.Kind.SYNC), Path.of("sync.pprof"));     // go tool pprof sync.pprof
 * }</pre>
 *
 * <p>The intervals are Go 1.27's (cmd/trace/pprof.go): an interval opens at a goroutine's transition into the state
 * for a matching reason, with that event's stack, closes at its next transition out of the state, and counts only
 * from the goroutine's first run on. Samples have Go's types ({@code contentions/count}, {@code delay/nanoseconds}) and period
 * ({@code trace/count}, 1). One pass; memory grows with the live goroutines and the distinct stacks.
 */
public final class TraceProfiles {
    private TraceProfiles() {
    }

    /** The four profiles {@code go tool trace -pprof=} makes. */
    public enum Kind {
        /** {@code -pprof=net}: time blocked on the network. */
        NET,
        /** {@code -pprof=sync}: time blocked on channels, select and sync primitives. */
        SYNC,
        /** {@code -pprof=syscall}: time in system calls. */
        SYSCALL,
        /** {@code -pprof=sched}: time runnable, waiting for a proc. */
        SCHED;

        /** {@return the name {@code go tool trace -pprof=} takes} */
        public String goName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        boolean tracks(GoState to, String reason) {
            switch (this) {
                case NET:
                    return to == GoState.WAITING && reason.equals("network");
                case SYNC:
                    return to == GoState.WAITING
                            && (reason.contains("chan") || reason.contains("sync") || reason.contains("select"));
                case SYSCALL:
                    return to == GoState.SYSCALL;
                default:
                    return to == GoState.RUNNABLE;
            }
        }

        GoState state() {
            switch (this) {
                case SYSCALL:
                    return GoState.SYSCALL;
                case SCHED:
                    return GoState.RUNNABLE;
                default:
                    return GoState.WAITING;
            }
        }
    }

    /**
     * Makes the four profiles of a trace file in one pass.
     *
     * @param trace the trace, of any format
     * @return a profile per kind
     * @throws IOException if the trace cannot be read or is malformed
     */
    public static Map<Kind, Profile> of(Path trace) throws IOException {
        try (TraceCursor c = GoTrace.cursor(trace)) {
            return of(c);
        }
    }

    /**
     * Makes the four profiles from the rest of a cursor's events, reading it to the end.
     *
     * @param cursor the cursor; not closed
     * @return a profile per kind
     * @throws IOException if the trace is malformed
     */
    public static Map<Kind, Profile> of(TraceCursor cursor) throws IOException {
        Map<Kind, Builder> builders = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            builders.put(k, new Builder(k));
        }
        while (cursor.next()) {
            for (Builder b : builders.values()) {
                b.event(cursor);
            }
        }
        Map<Kind, Profile> out = new EnumMap<>(Kind.class);
        builders.forEach((k, b) -> out.put(k, b.profile()));
        return java.util.Collections.unmodifiableMap(out);
    }

    /**
     * Makes a CPU profile of a trace file's CPU samples (a trace taken while the CPU profiler ran has them).
     *
     * @param trace the trace
     * @return the profile: sample types {@code samples/count}, one sample per CPU sample
     * @throws IOException if the trace cannot be read or is malformed
     */
    public static Profile cpu(Path trace) throws IOException {
        ProfileBuilder b = Profile.builder().sampleType("samples", "count");
        try (TraceCursor c = GoTrace.cursor(trace)) {
            Locations locations = new Locations(b);
            while (c.next()) {
                if (c.kind() == EventKind.STACK_SAMPLE) {
                    b.sample(locations.of(c.stack()), new long[]{1}, List.of());
                }
            }
        }
        return b.build();
    }

    /** Locations keyed by pc and functions by file and name, as Go's traceviewer builds them. */
    private static final class Locations {
        private final ProfileBuilder builder;
        private final LongMap<Location> byPc = new LongMap<>();

        Locations(ProfileBuilder builder) {
            this.builder = builder;
        }

        List<Location> of(Stack stack) {
            List<Location> out = new ArrayList<>(stack.depth());
            for (Frame f : stack.frames()) {
                Location l = byPc.get(f.pc());
                if (l == null) {
                    Function fn = builder.function(f.function(), f.function(), f.file(), 0);
                    l = builder.location(null, f.pc(), List.of(new Line(fn, f.line(), 0)));
                    byPc.put(f.pc(), l);
                }
                out.add(l);
            }
            return out;
        }
    }

    /** One kind's intervals, summed by stack. */
    private static final class Builder {
        private final Kind kind;
        private final GoState state;
        /** Goroutines in the state: when they entered it and the stack of that event. */
        private final LongMap<Object[]> tracking = new LongMap<>();
        /** When each goroutine first ran; Go clips every interval to the goroutine's life from there. */
        private final LongMap<long[]> firstRun = new LongMap<>();
        /** Intervals closed before their goroutine first ran: [start, end, stack], clipped once it runs. */
        private final LongMap<List<Object[]>> early = new LongMap<>();
        /** Stacks by their pcs to [count, time], in first-seen order. */
        private final Map<PcKey, long[]> records = new LinkedHashMap<>();
        private final Map<PcKey, Stack> stacks = new HashMap<>();

        Builder(Kind kind) {
            this.kind = kind;
            this.state = kind.state();
        }

        void event(TraceCursor c) {
            if (c.kind() != EventKind.STATE_TRANSITION || c.transitionResource() != ResourceKind.GOROUTINE) {
                return;
            }
            long id = c.transitionId();
            GoState to = c.goTo();
            if (to == GoState.RUNNING && c.goFrom() != GoState.RUNNING && firstRun.get(id) == null) {
                firstRun.put(id, new long[]{c.time()});
                List<Object[]> pending = early.get(id);
                if (pending != null) {
                    early.remove(id);
                    for (Object[] e : pending) {
                        record((long) e[0], (long) e[1], (Stack) e[2], c.time());
                    }
                }
            }
            // Go 1.27 takes every goroutine transition, with or without a stack (its comment says otherwise).
            Stack stack = c.stack();
            Object[] open = tracking.get(id);
            if (open == null) {
                if (kind.tracks(to, c.reason())) {
                    tracking.put(id, new Object[]{c.time(), stack});
                }
                return;
            }
            if (to == state) {
                return;
            }
            tracking.remove(id);
            long[] run = firstRun.get(id);
            if (run == null) {
                List<Object[]> pending = early.get(id);
                if (pending == null) {
                    pending = new ArrayList<>(1);
                    early.put(id, pending);
                }
                pending.add(new Object[]{open[0], c.time(), open[1]});
            } else {
                record((long) open[0], c.time(), (Stack) open[1], run[0]);
            }
        }

        /** Adds an interval, clipped to start no earlier than the goroutine's first run (0: it never ran). */
        private void record(long start, long end, Stack s, long firstRunTime) {
            long from = Math.max(start, firstRunTime);
            if (end < firstRunTime) {
                return;
            }
            long duration = end - from;
            if (duration <= 0) {
                return;
            }
            PcKey key = new PcKey(s);
            long[] r = records.get(key);
            if (r == null) {
                r = new long[2];
                records.put(key, r);
            }
            // The newest stack with these pcs stands for them, as in Go.
            stacks.put(key, s);
            r[0]++;
            r[1] += duration;
        }

        Profile profile() {
            // Goroutines that never ran: Go's interval for them starts at 0, so nothing is clipped.
            early.forEach((id, pending) -> {
                for (Object[] e : pending) {
                    record((long) e[0], (long) e[1], (Stack) e[2], 0);
                }
            });
            ProfileBuilder b = Profile.builder().sampleType("contentions", "count").sampleType("delay", "nanoseconds")
                    .period("trace", "count", 1);
            Locations locations = new Locations(b);
            for (Map.Entry<PcKey, long[]> e : records.entrySet()) {
                b.sample(locations.of(stacks.get(e.getKey())), e.getValue().clone(), List.of());
            }
            return b.build();
        }
    }

    /** A stack's program counters, the identity Go deduplicates by. */
    private static final class PcKey {
        private final long[] pcs;
        private final int hash;

        PcKey(Stack s) {
            // Go compares the first 128 pcs padded with zeros, so trailing zero pcs do not count.
            int n = Math.min(s.depth(), 128);
            while (n > 0 && s.frames().get(n - 1).pc() == 0) {
                n--;
            }
            pcs = new long[n];
            for (int i = 0; i < n; i++) {
                pcs[i] = s.frames().get(i).pc();
            }
            hash = Arrays.hashCode(pcs);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PcKey k && Arrays.equals(k.pcs, pcs);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
