package dev.gopherlens.trace.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * A table from a trace's numeric ids (strings, stacks) to values. Id 0 always exists and means "none": the empty
 * string, no stack. Filled while a generation loads, then {@link #compact() compacted} into an array when the ids
 * are dense, as the runtime writes them, so lookups on the hot path are an index.
 *
 * @param <T> the value type
 */
public final class IdTable<T> {
    private final T zero;
    private Map<Long, T> sparse = new HashMap<>();
    private Object[] dense;

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
     * @param value the value
     * @return false if the id is taken (Go reports "multiple ... with the same ID")
     */
    public boolean insert(long id, T value) {
        if (id == 0 || contains(id)) {
            return false;
        }
        if (dense != null) {
            inflate();
        }
        sparse.put(id, value);
        return true;
    }

    /**
     * Tells whether an id exists.
     *
     * @param id the id
     * @return true for 0 and every inserted id
     */
    public boolean contains(long id) {
        if (id == 0) {
            return true;
        }
        if (dense != null) {
            return id > 0 && id < dense.length && dense[(int) id] != null;
        }
        return sparse.containsKey(id);
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
        if (dense != null) {
            return id > 0 && id < dense.length ? (T) dense[(int) id] : null;
        }
        return sparse.get(id);
    }

    /** {@return the number of entries, id 0 not counted} */
    public int size() {
        if (dense == null) {
            return sparse.size();
        }
        int n = 0;
        for (Object o : dense) {
            n += o != null ? 1 : 0;
        }
        return n;
    }

    /** {@return the largest id, 0 when empty} */
    public long maxId() {
        if (dense != null) {
            return dense.length - 1;
        }
        long max = 0;
        for (long id : sparse.keySet()) {
            max = Long.compareUnsigned(id, max) > 0 ? id : max;
        }
        return max;
    }

    /** Turns dense ids into an array; sparse or huge ids stay in the map. */
    public void compact() {
        if (dense != null || sparse.isEmpty()) {
            return;
        }
        long max = maxId();
        if (max < 0 || max > 2L * sparse.size() + 64) {
            return;
        }
        Object[] d = new Object[(int) max + 1];
        for (Map.Entry<Long, T> e : sparse.entrySet()) {
            d[(int) (long) e.getKey()] = e.getValue();
        }
        dense = d;
        sparse = null;
    }

    @SuppressWarnings("unchecked")
    private void inflate() {
        Map<Long, T> m = new HashMap<>();
        for (int i = 1; i < dense.length; i++) {
            if (dense[i] != null) {
                m.put((long) i, (T) dense[i]);
            }
        }
        sparse = m;
        dense = null;
    }

    /**
     * Visits every entry (id 0 excluded), in no particular order.
     *
     * @param visitor receives id and value
     */
    @SuppressWarnings("unchecked")
    public void forEach(java.util.function.ObjLongConsumer<T> visitor) {
        if (dense != null) {
            for (int i = 1; i < dense.length; i++) {
                if (dense[i] != null) {
                    visitor.accept((T) dense[i], i);
                }
            }
        } else {
            sparse.forEach((k, v) -> visitor.accept(v, k));
        }
    }
}
