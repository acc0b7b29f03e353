package dev.gopherlens.trace.internal.v2;

import dev.gopherlens.trace.internal.Tables;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One generation, loaded: its tables, each thread's event batches (in file order, their bytes in one arena) and
 * its CPU samples. The unit of memory while streaming: a reader holds one of these at a time.
 */
final class Generation {
    final long gen;
    final Tables tables;
    /** Event batches per thread, in order of the thread's first batch in the file. */
    final Map<Long, Batches> threads = new LinkedHashMap<>();
    final List<Long> threadOrder = new ArrayList<>();
    byte[] arena;
    int used;
    /** The smallest batch time of the generation, in ticks; 0 until a batch is seen. */
    long minTicks;
    /** CPU samples: time (ticks, then ns after {@link #finishSamples}), m, p, g, stack. */
    long[] sampleTime = new long[0];
    long[] sampleM = new long[0];
    long[] sampleP = new long[0];
    long[] sampleG = new long[0];
    long[] sampleStack = new long[0];
    int samples;

    Generation(long gen, byte[] arena) {
        this.gen = gen;
        this.tables = new Tables(gen);
        this.arena = arena;
    }

    /** One thread's batches: where each one's data lies in the arena, its start time and its file offset. */
    static final class Batches {
        final long m;
        int count;
        int[] start = new int[4];
        int[] end = new int[4];
        long[] ticks = new long[4];
        long[] fileOffset = new long[4];

        Batches(long m) {
            this.m = m;
        }

        void add(int s, int e, long t, long off) {
            if (count == start.length) {
                int n = count * 2;
                start = java.util.Arrays.copyOf(start, n);
                end = java.util.Arrays.copyOf(end, n);
                ticks = java.util.Arrays.copyOf(ticks, n);
                fileOffset = java.util.Arrays.copyOf(fileOffset, n);
            }
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
