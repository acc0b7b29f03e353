package dev.gopherlens.pprof;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * A sample's stack as positions in the profile's location table: an immutable list of the table's locations.
 *
 * <p>Implementation note: a decoded sample copies the cursor's int positions (one array copy) instead of storing a
 * reference per frame, which the collector's write barrier makes several times dearer. Measured by
 * PprofDecodeBenchmark.model; see benchmarks/RESULTS.md.
 */
final class StackView extends AbstractList<Location> implements RandomAccess {
    private final Location[] table;
    private final int[] positions;

    StackView(Location[] table, int[] positions) {
        this.table = table;
        this.positions = positions;
    }

    @Override
    public Location get(int index) {
        return table[positions[index]];
    }

    @Override
    public int size() {
        return positions.length;
    }
}
