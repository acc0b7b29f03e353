package dev.gopherlens.trace.internal;

import java.util.Arrays;

/**
 * An open-addressing hash map from {@code long} keys to objects, for the per-goroutine, per-proc and per-thread
 * state looked up on every event: no boxing, no entry objects. Iteration follows insertion order of the slots'
 * indexes, not of the keys; callers that need an order keep it themselves.
 *
 * @param <V> the value type
 */
public final class LongMap<V> {
    private long[] keys = new long[16];
    private Object[] values = new Object[16];
    private boolean[] used = new boolean[16];
    private int size;
    // Implementation note: the key looked up last, and its value; runs of events on one goroutine or thread hit
    // it (TraceBenchmark).
    private long lastKey;
    private Object lastValue;

    private static int mix(long k) {
        long h = k * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    /**
     * Looks a key up.
     *
     * @param key the key
     * @return the value, or null
     */
    @SuppressWarnings("unchecked")
    public V get(long key) {
        if (key == lastKey && lastValue != null) {
            return (V) lastValue;
        }
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; used[i]; i = (i + 1) & mask) {
            if (keys[i] == key) {
                lastKey = key;
                lastValue = values[i];
                return (V) values[i];
            }
        }
        return null;
    }

    /**
     * Sets a key's value.
     *
     * @param key   the key
     * @param value the value, not null
     */
    public void put(long key, V value) {
        lastValue = null;
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = mix(key) & mask;
        for (; used[i]; i = (i + 1) & mask) {
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
        }
        used[i] = true;
        keys[i] = key;
        values[i] = value;
        size++;
    }

    /**
     * Removes a key.
     *
     * @param key the key
     */
    public void remove(long key) {
        lastValue = null;
        int mask = keys.length - 1;
        int i = mix(key) & mask;
        for (; used[i]; i = (i + 1) & mask) {
            if (keys[i] == key) {
                break;
            }
        }
        if (!used[i]) {
            return;
        }
        used[i] = false;
        values[i] = null;
        size--;
        // Re-insert the rest of the cluster so that lookups never stop at the hole.
        for (int j = (i + 1) & mask; used[j]; j = (j + 1) & mask) {
            long k = keys[j];
            Object v = values[j];
            used[j] = false;
            values[j] = null;
            size--;
            int t = mix(k) & mask;
            while (used[t]) {
                t = (t + 1) & mask;
            }
            used[t] = true;
            keys[t] = k;
            values[t] = v;
            size++;
        }
    }

    /** {@return the number of keys} */
    public int size() {
        return size;
    }

    /**
     * Visits every entry.
     *
     * @param visitor receives the key and the value
     */
    @SuppressWarnings("unchecked")
    public void forEach(Visitor<V> visitor) {
        for (int i = 0; i < keys.length; i++) {
            if (used[i]) {
                visitor.visit(keys[i], (V) values[i]);
            }
        }
    }

    /**
     * Receives one entry.
     *
     * @param <V> the value type
     */
    @FunctionalInterface
    public interface Visitor<V> {
        /**
         * Receives one entry.
         *
         * @param key   the key
         * @param value the value
         */
        void visit(long key, V value);
    }

    private void grow() {
        long[] k = keys;
        Object[] v = values;
        boolean[] u = used;
        keys = new long[k.length * 2];
        values = new Object[k.length * 2];
        used = new boolean[k.length * 2];
        size = 0;
        for (int i = 0; i < k.length; i++) {
            if (u[i]) {
                @SuppressWarnings("unchecked")
                V val = (V) v[i];
                put(k[i], val);
            }
        }
        Arrays.fill(v, null);
    }
}
