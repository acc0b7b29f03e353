package dev.gopherlens.trace.internal.v1;

import java.util.Arrays;

/**
 * Numbers distinct {@code long} keys 0, 1, 2, … in the order they are added, so that callers keep per-key state in
 * parallel primitive arrays instead of boxed maps. Open addressing with linear probing; every key is legal,
 * including 0 and -1. Nothing is ever removed: callers that need Go's {@code delete} keep a presence flag.
 * Not thread-safe.
 */
final class LongIndex {
    // Implementation note: key and index share one array, so that a probe touches one cache line.
    /** Slot s holds its key at 2s and its dense index + 1 at 2s + 1; an index of 0 marks an empty slot. */
    private long[] table;
    private int size;
    private int mask;
    /** 64 minus log2 of the capacity: the hash's top bits pick the slot (Fibonacci hashing). */
    private int shift;

    LongIndex(int expected) {
        int cap = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
        table = new long[2 * cap];
        mask = cap - 1;
        shift = 64 - Integer.numberOfTrailingZeros(cap);
    }

    /** {@return how many keys were added} */
    int size() {
        return size;
    }

    private int slot(long key) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
    }

    /**
     * Finds a key.
     *
     * @param key the key
     * @return its index, or -1 when it was never added
     */
    int find(long key) {
        long[] t = table;
        int i = slot(key);
        while (true) {
            long s = t[2 * i + 1];
            if (s == 0) {
                return -1;
            }
            if (t[2 * i] == key) {
                return (int) s - 1;
            }
            i = (i + 1) & mask;
        }
    }

    /**
     * Adds a key if it is new.
     *
     * @param key the key
     * @return its index, new or existing
     */
    int add(long key) {
        long[] t = table;
        int i = slot(key);
        while (true) {
            long s = t[2 * i + 1];
            if (s == 0) {
                t[2 * i] = key;
                t[2 * i + 1] = ++size;
                if (size * 2 > mask + 1) {
                    grow();
                }
                return size - 1;
            }
            if (t[2 * i] == key) {
                return (int) s - 1;
            }
            i = (i + 1) & mask;
        }
    }

    private void grow() {
        long[] old = table;
        int cap = 2 * (mask + 1);
        table = new long[2 * cap];
        mask = cap - 1;
        shift--;
        for (int j = 0; j < old.length; j += 2) {
            if (old[j + 1] != 0) {
                int i = slot(old[j]);
                while (table[2 * i + 1] != 0) {
                    i = (i + 1) & mask;
                }
                table[2 * i] = old[j];
                table[2 * i + 1] = old[j + 1];
            }
        }
    }

    /** {@return the keys, at their indexes} */
    long[] keys() {
        long[] out = new long[size];
        for (int j = 0; j < table.length; j += 2) {
            if (table[j + 1] != 0) {
                out[(int) table[j + 1] - 1] = table[j];
            }
        }
        return out;
    }

    /**
     * Grows an array of per-key state so that it has room for every index.
     *
     * @param a the array
     * @return a, or a larger copy
     */
    long[] fit(long[] a) {
        return size <= a.length ? a : Arrays.copyOf(a, Math.max(size, a.length * 2));
    }

    /**
     * Grows an array of per-key state so that it has room for every index.
     *
     * @param a the array
     * @return a, or a larger copy
     */
    int[] fit(int[] a) {
        return size <= a.length ? a : Arrays.copyOf(a, Math.max(size, a.length * 2));
    }

    /**
     * Grows an array of per-key state so that it has room for every index.
     *
     * @param a the array
     * @return a, or a larger copy
     */
    byte[] fit(byte[] a) {
        return size <= a.length ? a : Arrays.copyOf(a, Math.max(size, a.length * 2));
    }
}
