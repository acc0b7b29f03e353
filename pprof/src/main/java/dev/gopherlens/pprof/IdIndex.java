package dev.gopherlens.pprof;

import java.util.HashMap;
import java.util.Map;

/**
 * Maps the nonzero ids of a table to positions in it. Ids are usually 1..n, so a dense array serves them; sparse
 * ids (addresses used as ids, say) fall back to a hash map. Not thread-safe while being filled.
 */
final class IdIndex {
    private static final int ABSENT = -1;

    private int[] dense;
    private Map<Long, Integer> sparse;

    IdIndex(int expected) {
        dense = new int[Math.max(16, expected + 1)];
        java.util.Arrays.fill(dense, ABSENT);
    }

    /** Adds an id; returns false if it is already present. */
    boolean put(long id, int position) {
        if (sparse == null && id > 0 && id < dense.length) {
            if (dense[(int) id] != ABSENT) {
                return false;
            }
            dense[(int) id] = position;
            return true;
        }
        if (sparse == null) {
            if (id > 0 && id <= 4L * dense.length + 1024 && id < Integer.MAX_VALUE - 8) {
                int old = dense.length;
                dense = java.util.Arrays.copyOf(dense, (int) Math.max(id + 1, 2L * old));
                java.util.Arrays.fill(dense, old, dense.length, ABSENT);
                dense[(int) id] = position;
                return true;
            }
            sparse = new HashMap<>();
            for (int i = 0; i < dense.length; i++) {
                if (dense[i] != ABSENT) {
                    sparse.put((long) i, dense[i]);
                }
            }
            dense = null;
        }
        return sparse.putIfAbsent(id, position) == null;
    }

    /** Returns the position of an id, or -1. */
    int get(long id) {
        if (sparse == null) {
            return id > 0 && id < dense.length ? dense[(int) id] : ABSENT;
        }
        Integer p = sparse.get(id);
        return p == null ? ABSENT : p;
    }
}
