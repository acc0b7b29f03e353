package dev.gopherlens.trace.internal;

import dev.gopherlens.core.Frame;
import dev.gopherlens.core.Stack;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one generation's ids refer to: its strings, stacks and program counters, its clock (frequency and, from
 * Go 1.25, a clock snapshot) and its experimental batches. A v1 trace is one generation with one such table.
 * Written while the generation loads, then only read; resolved stacks are cached.
 */
public final class Tables {
    /** The generation number; 0 for a converted v1 trace. */
    public final long generation;
    /** String ids to strings. */
    public final IdTable<String> strings = new IdTable<>("");
    /** Stack ids to their program counters, innermost first. */
    public final IdTable<long[]> stacks = new IdTable<>(new long[0]);
    /** Program counters to [function string id, file string id, line]: the first frame seen for a pc wins. */
    public final LongMap<long[]> frames = new LongMap<>();
    /** Nanoseconds per tick, as Go computes it: {@code 1 / (freq / 1e9)}. */
    public double nsPerTick;
    /** Whether a Frequency event was seen. */
    public boolean hasFrequency;
    /** Whether a clock snapshot was seen (Go 1.25 on). */
    public boolean hasClockSnapshot;
    /** The snapshot's trace time in ticks. */
    public long snapshotTicks;
    /** The snapshot's monotonic clock reading in nanoseconds. */
    public long snapshotMono;
    /** The snapshot's wall clock: seconds since the Unix epoch. */
    public long snapshotSeconds;
    /** The snapshot's wall clock: nanoseconds in the second. */
    public long snapshotNanos;
    /** The experimental batches, in file order. */
    public final List<ExperimentalData> experimental = new ArrayList<>();
    private final IdTable<Stack> resolved = new IdTable<>(Stack.EMPTY);

    /**
     * One experimental batch's payload.
     *
     * @param experiment the experiment id (1 = AllocFree)
     * @param thread     the thread that wrote it
     * @param data       the bytes
     */
    public record ExperimentalData(int experiment, long thread, byte[] data) {
    }

    /**
     * Makes empty tables.
     *
     * @param generation the generation number
     */
    public Tables(long generation) {
        this.generation = generation;
    }

    /**
     * Converts ticks to nanoseconds the way Go does: one float multiplication, truncated.
     *
     * @param ticks ticks, unsigned
     * @return nanoseconds
     */
    public long ns(long ticks) {
        // Implementation note: with a whole number of nanoseconds per tick (64 on Linux) and a product below
        // 2^53, the float product is exact, so an integer multiplication gives Go's result (TraceBenchmark).
        if (ticks >= 0 && ticks < exactLimit) {
            return ticks * exactNsPerTick;
        }
        double t = ticks >= 0 ? (double) ticks : (double) (ticks >>> 1) * 2.0 + (ticks & 1);
        return (long) (t * nsPerTick);
    }

    /**
     * Sets the clock's rate as Go computes it from a Frequency event: {@code 1 / (freq / 1e9)} nanoseconds per tick.
     *
     * @param ticksPerSecond the frequency, not 0
     */
    public void setFrequency(double ticksPerSecond) {
        nsPerTick = 1.0 / (ticksPerSecond / 1e9);
        hasFrequency = true;
        long whole = (long) nsPerTick;
        if (whole >= 1 && whole == nsPerTick && whole < (1L << 20)) {
            exactNsPerTick = whole;
            exactLimit = (1L << 53) / whole;
        } else {
            exactNsPerTick = 0;
            exactLimit = 0;
        }
    }

    private long exactNsPerTick;
    private long exactLimit;

    /**
     * Looks a string up.
     *
     * @param id the id
     * @return the string; "" for 0 or an unknown id (ids are validated before events are handed out)
     */
    public String string(long id) {
        String s = strings.get(id);
        return s == null ? "" : s;
    }

    /**
     * Records a program counter's frame unless one is known: the first frame seen for a pc wins, as in Go.
     *
     * @param pc   the program counter
     * @param func the function's string id
     * @param file the file's string id
     * @param line the line
     */
    public void addFrame(long pc, long func, long file, long line) {
        if (frames.get(pc) == null) {
            frames.put(pc, new long[]{func, file, line});
        }
    }

    /**
     * Resolves a stack id to frames, caching the result.
     *
     * @param id the stack id
     * @return the stack, {@link Stack#EMPTY} for 0 or an unknown id
     */
    public Stack stack(long id) {
        Stack s = resolved.get(id);
        if (s != null) {
            return s;
        }
        long[] pcs = stacks.get(id);
        if (pcs == null) {
            return Stack.EMPTY;
        }
        Frame[] out = new Frame[pcs.length];
        for (int i = 0; i < pcs.length; i++) {
            long[] f = frames.get(pcs[i]);
            long line = f == null ? 0 : f[2];
            out[i] = new Frame(f == null ? "" : string(f[0]), f == null ? "" : string(f[1]),
                    (int) Math.min(Math.max(line, 0), Integer.MAX_VALUE), pcs[i]);
        }
        s = new Stack(Arrays.asList(out));
        resolved.insert(id, s);
        return s;
    }
}
