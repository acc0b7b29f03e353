package dev.gopherlens.trace;

import dev.gopherlens.core.Stack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How long goroutines waited, runnable, for a proc: every runnable-to-running delay of a trace in a histogram
 * (nanosecond resolution below 1 µs, then 64 buckets per power of two: within 1.6% of the true value), its
 * percentiles, and the longest delays with the goroutine and where it had stopped. Memory is fixed, whatever the
 * trace's length. Immutable once made.
 */
public final class SchedulingLatency {
    private static final int SUB = 64;
    private static final int LINEAR = 1024;
    /** The non-empty buckets, ascending, and how many delays fell in each. */
    private final int[] bucketIds;
    private final long[] bucketCounts;
    private final Map<String, SchedulingLatency> byFunction;
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

    private SchedulingLatency(int[] bucketIds, long[] bucketCounts, long count, long total, long max,
                              List<Delay> longest, Map<String, SchedulingLatency> byFunction) {
        this.bucketIds = bucketIds;
        this.bucketCounts = bucketCounts;
        this.byFunction = byFunction;
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
        for (int i = 0; i < bucketIds.length; i++) {
            seen += bucketCounts[i];
            if (seen >= Math.max(1, rank)) {
                return Math.min(upper(bucketIds[i]), max);
            }
        }
        return max;
    }

    /**
     * {@return the delays of each group of goroutines, by start function ("" when unknown), the group with the most
     * waiting first; their histograms have a bucket per power of two (percentiles within a factor of 2, count,
     * total and max exact), and their {@link #longest()} lists are empty}
     */
    public Map<String, SchedulingLatency> byFunction() {
        return byFunction;
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

    /** Measures as the goroutine analysis finds delays. */
    static final class Builder {
        private final long[] buckets = new long[LINEAR + 54 * SUB];
        private final PriorityQueue<Delay> top = new PriorityQueue<>(Comparator.comparingLong(Delay::latency));
        private final int keep;
        private long count;
        private long total;
        private long max;
        private final Map<String, Group> groups = new HashMap<>();

        /** One start function's delays, in powers of two: a coarser histogram, of fixed small size. */
        private static final class Group {
            final long[] log2 = new long[64];
            long count;
            long total;
            long max;
        }

        private String lastName;
        private Group lastGroup;

        Builder(int keep) {
            this.keep = keep;
        }

        /** Records one runnable-to-running delay; the goroutine analysis finds them as it goes. */
        void delay(long goroutine, String name, long start, long latency, Stack stack) {
            int b = bucket(latency);
            buckets[b]++;
            count++;
            total += latency;
            max = Math.max(max, latency);
            if (top.size() < keep || latency > top.peek().latency()) {
                top.add(new Delay(goroutine, name, start, latency, stack));
                if (top.size() > keep) {
                    top.poll();
                }
            }
            // Implementation note: delays come in runs from one group; remember the last (TraceBenchmark.analysis).
            Group g = name == lastName ? lastGroup : null;
            if (g == null) {
                g = groups.get(name);
                if (g == null) {
                    g = new Group();
                    groups.put(name, g);
                }
                lastName = name;
                lastGroup = g;
            }
            g.log2[63 - Long.numberOfLeadingZeros(latency | 1)]++;
            g.count++;
            g.total += latency;
            g.max = Math.max(g.max, latency);
        }

        SchedulingLatency finish() {
            List<Delay> l = new ArrayList<>(top);
            l.sort(Comparator.comparingLong(Delay::latency).reversed());
            int n = 0;
            for (long c : buckets) {
                n += c > 0 ? 1 : 0;
            }
            int[] ids = new int[n];
            long[] counts = new long[n];
            for (int i = 0, k = 0; i < buckets.length; i++) {
                if (buckets[i] > 0) {
                    ids[k] = i;
                    counts[k++] = buckets[i];
                }
            }
            Map<String, SchedulingLatency> by = new LinkedHashMap<>();
            groups.entrySet().stream()
                    .sorted(Comparator.comparingLong((Map.Entry<String, Group> e) -> -e.getValue().total)
                            .thenComparing(Map.Entry::getKey))
                    .forEach(e -> by.put(e.getKey(), group(e.getValue())));
            return new SchedulingLatency(ids, counts, count, total, max, l, Collections.unmodifiableMap(by));
        }

        private static SchedulingLatency group(Group g) {
            int n = 0;
            for (long c : g.log2) {
                n += c > 0 ? 1 : 0;
            }
            int[] ids = new int[n];
            long[] counts = new long[n];
            for (int k = 0, i = 0; k < 64; k++) {
                if (g.log2[k] > 0) {
                    // Stands for the power of two's range by its top value.
                    ids[i] = bucket(k == 63 ? Long.MAX_VALUE : (1L << (k + 1)) - 1);
                    counts[i++] = g.log2[k];
                }
            }
            return new SchedulingLatency(ids, counts, g.count, g.total, g.max, List.of(), Map.of());
        }
    }
}
