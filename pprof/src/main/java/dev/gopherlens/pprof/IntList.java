package dev.gopherlens.pprof;

import java.util.Arrays;

/** A growable list of ints without boxing, for the decoder's record spans. Not thread-safe. */
final class IntList {
    private int[] items = new int[64];
    private int size;

    void add(int v) {
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
        }
        items[size++] = v;
    }

    int get(int i) {
        return items[i];
    }

    boolean hasNone() {
        return size == 0;
    }

    int size() {
        return size;
    }
}
