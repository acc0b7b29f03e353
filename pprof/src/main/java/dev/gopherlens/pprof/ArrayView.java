package dev.gopherlens.pprof;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * An unmodifiable list over an array that nobody else holds: what the decoder hands to a {@link Sample}, so that
 * each sample costs one array copy rather than two. Immutable and thread-safe once published.
 */
final class ArrayView<E> extends AbstractList<E> implements RandomAccess {
    private final E[] items;

    ArrayView(E[] items) {
        this.items = items;
    }

    @Override
    public E get(int index) {
        return items[index];
    }

    @Override
    public int size() {
        return items.length;
    }
}
