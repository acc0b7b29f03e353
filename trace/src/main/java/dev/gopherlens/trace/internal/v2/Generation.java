package dev.gopherlens.trace.internal.v2;

import dev.gopherlens.trace.internal.Tables;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One generation, loaded: its tables, each thread's event batches (in file order, their bytes in chunks) and
 * its CPU samples. The unit of memory while streaming: a reader holds one of these at a time.
 */
final class Generation {
    final long gen;
    final Tables tables;
    /** Event batches per thread, in order of the thread's first batch in the file. */
    final Map<Long, Batches> threads = new LinkedHashMap<>();
    final List<Long> threadOrder = new ArrayList<>();
    /** The batches' bytes: chunks of up to 1 MiB, none split across two; a generation's memory. */
    final java.util.ArrayList<byte[]> chunks = new java.util.ArrayList<>();
    private final java.util.ArrayDeque<byte[]> pool;
    private byte[] current;
    private int used;
    private long bytes;
    /** The smallest batch time of the generation, in ticks; 0 until a batch is seen. */
    long minTicks;
    /** CPU samples: time (ticks, then ns after {@link #finishSamples}), m, p, g, stack. */
    long[] sampleTime = new long[0];
    long[] sampleM = new long[0];
    long[] sampleP = new long[0];
    long[] sampleG = new long[0];
    long[] sampleStack = new long[0];
    int samples;

    Generation(long gen, java.util.ArrayDeque<byte[]> pool) {
        this.gen = gen;
        this.tables = new Tables(gen);
        this.pool = pool;
    }

    /** {@return the bytes of batch data held} */
    long bytes() {
        return bytes;
    }

    /**
     * Copies a batch's bytes into the chunks.
     *
     * @param d    the bytes
     * @param size how many
     * @return the chunk index in the high half, the offset in the low half
     */
    long place(byte[] d, int size) {
        if (current == null || used + size > current.length) {
            int n = current == null ? 64 << 10 : Math.min(1 << 20, current.length * 2);
            byte[] c = pool.pollFirst();
            if (c == null || c.length < Math.max(n, size)) {
                c = new byte[Math.max(n, size)];
            }
            current = c;
            chunks.add(c);
            used = 0;
        }
        System.arraycopy(d, 0, current, used, size);
        long at = ((long) (chunks.size() - 1) << 32) | used;
        used += size;
        bytes += size;
        return at;
    }

    /** The chunk index of a batch that lies in the trace's own array ({@link #inPlace}), not in {@link #chunks}. */
    static final int IN_PLACE = -1;
    /**
     * The trace's own array when its batches are read where they lie, or null. Kept apart from the chunks, so that
     * it never serves the next generation as memory to copy into.
     */
    byte[] inPlace;

    /**
     * Records a batch that stays where it is, in the array the whole trace is in: no copy.
     *
     * @param array the trace's array, the same for every call
     * @param start the batch's first byte in it
     * @param size  its length
     * @return {@link #IN_PLACE} in the high half, the offset in the low half, as {@link #place}
     */
    long placeInPlace(byte[] array, int start, int size) {
        inPlace = array;
        bytes += size;
        return ((long) IN_PLACE << 32) | start;
    }

    /** One thread's batches: where each one's data lies (chunk, start, end), its start time and its file offset. */
    static final class Batches {
        final long m;
        int count;
        int[] chunk = new int[4];
        int[] start = new int[4];
        int[] end = new int[4];
        long[] ticks = new long[4];
        long[] fileOffset = new long[4];

        Batches(long m) {
            this.m = m;
        }

        void add(int c, int s, int e, long t, long off) {
            if (count == start.length) {
                int n = count * 2;
                chunk = java.util.Arrays.copyOf(chunk, n);
                start = java.util.Arrays.copyOf(start, n);
                end = java.util.Arrays.copyOf(end, n);
                ticks = java.util.Arrays.copyOf(ticks, n);
                fileOffset = java.util.Arrays.copyOf(fileOffset, n);
            }
            chunk[count] = c;
            start[count] = s;
            end[count] = e;
            ticks[count] = t;
            fileOffset[count] = off;
            count++;
        }
    }

    void addSample(long t, long m, long p, long g, long stack) {
        if (samples == sampleTime.length) {
            int n = Math.max(16, samples * 2);
            sampleTime = java.util.Arrays.copyOf(sampleTime, n);
            sampleM = java.util.Arrays.copyOf(sampleM, n);
            sampleP = java.util.Arrays.copyOf(sampleP, n);
            sampleG = java.util.Arrays.copyOf(sampleG, n);
            sampleStack = java.util.Arrays.copyOf(sampleStack, n);
        }
        sampleTime[samples] = t;
        sampleM[samples] = m;
        sampleP[samples] = p;
        sampleG[samples] = g;
        sampleStack[samples] = stack;
        samples++;
    }

    /** Converts sample times to nanoseconds and sorts the samples by time, stably. */
    void finishSamples() {
        Integer[] order = new Integer[samples];
        for (int i = 0; i < samples; i++) {
            sampleTime[i] = tables.ns(sampleTime[i]);
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Long.compare(sampleTime[a], sampleTime[b]));
        long[][] cols = {sampleTime, sampleM, sampleP, sampleG, sampleStack};
        for (int c = 0; c < cols.length; c++) {
            long[] sorted = new long[samples];
            for (int i = 0; i < samples; i++) {
                sorted[i] = cols[c][order[i]];
            }
            cols[c] = sorted;
        }
        sampleTime = cols[0];
        sampleM = cols[1];
        sampleP = cols[2];
        sampleG = cols[3];
        sampleStack = cols[4];
    }
}
