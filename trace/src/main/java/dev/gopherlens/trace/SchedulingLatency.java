package dev.gopherlens.trace;

import dev.gopherlens.core.Stack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * How long goroutines waited, runnable, for a proc: every runnable-to-running delay of a trace in a histogram
 * (nanosecond resolution below 1 µs, then 64 buckets per power of two: within 1.6% of the true value), its
 * percentiles, and the longest delays with the goroutine and where it had stopped. Memory is fixed, whatever the
 * trace's length. Immutable once made.
 */
public final class SchedulingLatency {
    private static final int SUB = 64;
    private static final int LINEAR = 1024;
    private final long[] buckets;
    private final long count;
    private final long total;
    private final long max;
    private final List<Delay> longest;

    /**
     * One scheduling delay.
     *
     * @param goroutine the goroutine
     * @param name      its start function, "" if unknown
     * @param start     when it began running
     * @param latency   how long it had been runnable, in nanoseconds
     * @param stack     where it stopped or blocked before (its last transition stack), empty if unknown
     */
    public record Delay(long goroutine, String name, long start, long latency, Stack stack) {
    }

    private SchedulingLatency(long[] buckets, long count, long total, long max, List<Delay> longest) {
        this.buckets = buckets;
        this.count = count;
        this.total = total;
        this.max = max;
        this.longest = List.copyOf(longest);
    }

    /**
     * Measures a trace file's scheduling latency.
     *
     * @param trace the trace
     * @return the measurement
     * @throws IOException if the trace cannot be read or is malformed
     */
    public static SchedulingLatency of(Path trace) throws IOException {
        try (TraceCursor c = GoTrace.cursor(trace)) {
            Builder b = new Builder(10);
            GoroutineAnalysis.Builder g = GoroutineAnalysis.builder(b);
            while (c.next()) {
                g.event(c);
            }
            return b.finish();
        }
    }

    /** {@return how many delays were measured} */
    public long count() {
        return count;
    }

    /** {@return the sum of all delays, in nanoseconds} */
    public long total() {
        return total;
    }

    /** {@return the longest delay} */
    public long max() {
        return max;
    }

    /**
     * Gives a percentile of the delays.
     *
     * @param percent 0 to 100
     * @return the delay at or under which that share of delays falls (the bucket's upper bound, at most
     *         {@link #max()}); 0 if none were measured
     */
    public long percentile(double percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be 0 to 100: " + percent);
        }
        if (count == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(percent / 100 * count);
        long seen = 0;
        for (int i = 0; i < buckets.length; i++) {
            seen += buckets[i];
            if (seen >= Math.max(1, rank)) {
                return Math.min(upper(i), max);
            }
        }
        return max;
    }

    /** {@return the longest delays, longest first} */
    public List<Delay> longest() {
        return longest;
    }

    @Override
    public String toString() {
        return "SchedulingLatency[" + count + " delays, p50 " + percentile(50) + " ns, p99 " + percentile(99)
                + " ns, max " + max + " ns]";
    }

    static int bucket(long v) {
        if (v < LINEAR) {
            return (int) Math.max(v, 0);
        }
        int log = 63 - Long.numberOfLeadingZeros(v);
        int sub = (int) ((v >>> (log - 6)) & (SUB - 1));
        return LINEAR + (log - 10) * SUB + sub;
    }

    static long upper(int bucket) {
        if (bucket < LINEAR) {
            return bucket;
        }
        int log = (bucket - LINEAR) / SUB + 10;
        int sub = (bucket - LINEAR) % SUB;
        return ((long) (SUB + sub + 1) << (log - 6)) - 1;
    }

    /** Measures as events come; one pass shared with other analyses. */
    static final class Builder {
        private final long[] buckets = new long[LINEAR + 54 * SUB];
        private final PriorityQueue<Delay> top = new PriorityQueue<>(Comparator.comparingLong(Delay::latency));
        private final int keep;
        private long count;
        private long total;
        private long max;

        Builder(int keep) {
            this.keep = keep;
        }

        /** Records one runnable-to-running delay; the goroutine analysis finds them as it goes. */
        void delay(long goroutine, String name, long start, long latency, Stack stack) {
            buckets[bucket(latency)]++;
            count++;
            total += latency;
            max = Math.max(max, latency);
            if (top.size() < keep || latency > top.peek().latency()) {
                top.add(new Delay(goroutine, name, start, latency, stack));
                if (top.size() > keep) {
                    top.poll();
                }
            }
        }

        SchedulingLatency finish() {
            List<Delay> l = new ArrayList<>(top);
            l.sort(Comparator.comparingLong(Delay::latency).reversed());
            return new SchedulingLatency(buckets.clone(), count, total, max, l);
        }
    }
}
