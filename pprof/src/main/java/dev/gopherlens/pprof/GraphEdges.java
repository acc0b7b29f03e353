package dev.gopherlens.pprof;

import java.util.ArrayList;
import java.util.List;

/**
 * A node's edges keyed by the node at their other end: an open-addressing table over node ids.
 *
 * <p>Implementation note: building a graph looks up the caller → callee edge once per frame of every sample; with a
 * {@code LinkedHashMap<Node, Edge>} that was most of {@code ReportBenchmark.top}, one cache miss on the entry
 * before the key could even be compared. Here the probe reads an {@code int[]} and only a hit touches the edge.
 * Linear probing with backward-shift deletion, so removals leave no tombstones. Not thread-safe.
 */
final class GraphEdges {
    private int[] keys = new int[4];
    private Graph.Edge[] edges = new Graph.Edge[4];
    private int size;

    /** The edge to or from {@code n}, or null. */
    Graph.Edge get(Graph.Node n) {
        int key = n.id + 1;
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            int k = keys[i];
            if (k == key) {
                return edges[i];
            }
            if (k == 0) {
                return null;
            }
        }
    }

    /** Adds or replaces the edge to or from {@code n}. */
    void put(Graph.Node n, Graph.Edge e) {
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int key = n.id + 1;
        int mask = keys.length - 1;
        int i = mix(key) & mask;
        while (keys[i] != 0 && keys[i] != key) {
            i = (i + 1) & mask;
        }
        if (keys[i] == 0) {
            size++;
        }
        keys[i] = key;
        edges[i] = e;
    }

    /** Removes the edge to or from {@code n}, if any. */
    void remove(Graph.Node n) {
        int key = n.id + 1;
        int mask = keys.length - 1;
        int i = mix(key) & mask;
        while (keys[i] != key) {
            if (keys[i] == 0) {
                return;
            }
            i = (i + 1) & mask;
        }
        size--;
        // Shift later entries of the cluster back so that every entry stays reachable from its home slot.
        int gap = i;
        for (int j = (gap + 1) & mask; keys[j] != 0; j = (j + 1) & mask) {
            int home = mix(keys[j]) & mask;
            if (((j - home) & mask) >= ((j - gap) & mask)) {
                keys[gap] = keys[j];
                edges[gap] = edges[j];
                gap = j;
            }
        }
        keys[gap] = 0;
        edges[gap] = null;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** The edges, in no particular order; a copy. */
    List<Graph.Edge> values() {
        List<Graph.Edge> list = new ArrayList<>(size);
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != 0) {
                list.add(edges[i]);
            }
        }
        return list;
    }

    private void grow() {
        int[] oldKeys = keys;
        Graph.Edge[] oldEdges = edges;
        keys = new int[oldKeys.length * 2];
        edges = new Graph.Edge[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                int j = mix(oldKeys[i]) & mask;
                while (keys[j] != 0) {
                    j = (j + 1) & mask;
                }
                keys[j] = oldKeys[i];
                edges[j] = oldEdges[i];
            }
        }
    }

    private static int mix(int key) {
        int h = key * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
