package dev.gopherlens.trace.internal;

import java.util.Arrays;

/**
 * A table from a trace's numeric ids (strings, stacks) to values. Id 0 always exists and means "none": the empty
 * string, no stack. The runtime numbers ids densely from 1, so they go into an array; ids far beyond the count
 * (hostile or hand-made traces) go into a hash map instead, so a huge id never makes a huge array.
 *
 * @param <T> the value type
 */
public final class IdTable<T> {
    private static final int DENSE_SLACK = 1024;
    private final T zero;
    private Object[] dense = new Object[16];
    // Implementation note: which dense ids exist, one bit each: checking every event's ids reads these few
    // hundred bytes instead of the table itself (TraceBenchmark).
    private long[] present = new long[1];
    private LongMap<T> sparse;
    private int size;
    /** Every id from 1 to this one is present. */
    private long run;

    /**
     * Makes an empty table.
     *
     * @param zero what id 0 maps to
     */
    public IdTable(T zero) {
        this.zero = zero;
    }

    /**
     * Adds an entry.
     *
     * @param id    the id, not 0
     * @param value the value, not null
     * @return false if the id is taken or 0 (Go reports "multiple ... with the same ID")
     */
    public boolean insert(long id, T value) {
        if (id == 0 || contains(id)) {
            return false;
        }
        // Dense while the id stays near the count: an array of at most twice the entries plus a little.
        if (id > 0 && id <= 2L * size + DENSE_SLACK) {
            if (id >= dense.length) {
                dense = Arrays.copyOf(dense, (int) Math.max(id + 1, 2L * dense.length));
                present = Arrays.copyOf(present, (dense.length + 63) >>> 6);
            }
            dense[(int) id] = value;
            present[(int) (id >>> 6)] |= 1L << id;
            extendRun();
        } else {
            if (sparse == null) {
                sparse = new LongMap<>();
            }
            sparse.put(id, value);
        }
        size++;
        return true;
    }

    /**
     * Tells whether an id exists.
     *
     * @param id the id
     * @return true for 0 and every inserted id
     */
    public boolean contains(long id) {
        if (id >= 0 && id < dense.length) {
            if ((present[(int) (id >>> 6)] & (1L << id)) != 0 || id == 0) {
                return true;
            }
        }
        return get(id) != null;
    }

    /**
     * Looks an id up.
     *
     * @param id the id
     * @return the value, the zero value for id 0, null if absent
     */
    @SuppressWarnings("unchecked")
    public T get(long id) {
        if (id == 0) {
            return zero;
        }
        if (id > 0 && id < dense.length) {
            Object v = dense[(int) id];
            if (v != null) {
                return (T) v;
            }
        }
        return sparse == null ? null : sparse.get(id);
    }

    /**
     * Moves the hash map's ids into the array when the table as a whole is dense. The runtime writes a generation's
     * stacks and strings in its maps' order, so the first ids inserted can be far beyond the count at the time and
     * land in the hash map; once the table is complete they are near it, and every event's id check should find them
     * in the array (TraceBenchmark).
     */
    public void compact() {
        if (sparse == null) {
            return;
        }
        long[] max = {0};
        boolean[] negative = {false};
        sparse.forEach((k, v) -> {
            if (k < 0) {
                negative[0] = true;
            }
            max[0] = Math.max(max[0], k);
        });
        if (negative[0] || max[0] > 2L * size + DENSE_SLACK) {
            return;
        }
        if (max[0] >= dense.length) {
            dense = Arrays.copyOf(dense, (int) max[0] + 1);
            present = Arrays.copyOf(present, (dense.length + 63) >>> 6);
        }
        sparse.forEach((id, v) -> {
            dense[(int) id] = v;
            present[(int) (id >>> 6)] |= 1L << id;
        });
        sparse = null;
        extendRun();
    }

    private void extendRun() {
        while (run + 1 < dense.length && dense[(int) (run + 1)] != null) {
            run++;
        }
    }

    /**
     * Gives the end of the run of ids from 1: every id from 1 to it is present, so that an id not above it needs no
     * lookup. The runtime numbers a generation's ids densely from 1, so on its traces this is the largest id.
     *
     * @return the run's last id, 0 when id 1 is absent
     */
    public long run() {
        return run;
    }

    /** {@return how many entries are in the hash map rather than the array} */
    int sparseCount() {
        return sparse == null ? 0 : sparse.size();
    }

    /** {@return the number of entries, id 0 not counted} */
    public int size() {
        return size;
    }

    /**
     * Visits every entry (id 0 excluded): the dense ones in id order, then the others.
     *
     * @param visitor receives value and id
     */
    @SuppressWarnings("unchecked")
    public void forEach(java.util.function.ObjLongConsumer<T> visitor) {
        for (int i = 1; i < dense.length; i++) {
            if (dense[i] != null) {
                visitor.accept((T) dense[i], i);
            }
        }
        if (sparse != null) {
            sparse.forEach((k, v) -> visitor.accept(v, k));
        }
    }
}
