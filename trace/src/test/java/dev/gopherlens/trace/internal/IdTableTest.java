package dev.gopherlens.trace.internal;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class IdTableTest {

    /** The runtime writes a generation's stacks in its map's order: ids 1 to n, shuffled. */
    private static List<Long> shuffledIds(int n, long seed) {
        List<Long> ids = new ArrayList<>();
        for (long id = 1; id <= n; id++) {
            ids.add(id);
        }
        Collections.shuffle(ids, new Random(seed));
        return ids;
    }

    private static void assertSameEntries(IdTable<String> table, Map<Long, String> expected) {
        Map<Long, String> seen = new HashMap<>();
        table.forEach((v, id) -> assertThat(seen.put(id, v)).isNull());
        assertThat(seen).isEqualTo(expected);
        assertThat(table.size()).isEqualTo(expected.size());
        for (Map.Entry<Long, String> e : expected.entrySet()) {
            assertThat(table.contains(e.getKey())).isTrue();
            assertThat(table.get(e.getKey())).isEqualTo(e.getValue());
        }
    }

    @Test
    void aDenseTableInsertedInShuffledOrderEndsUpInTheArray() {
        IdTable<String> table = new IdTable<>("");
        Map<Long, String> expected = new HashMap<>();
        for (long id : shuffledIds(20_000, 7)) {
            assertThat(table.insert(id, "s" + id)).isTrue();
            expected.put(id, "s" + id);
        }
        // Shuffled, the first ids inserted are far beyond the count at the time.
        assertThat(table.sparseCount()).isGreaterThan(1000);
        assertSameEntries(table, expected);

        table.compact();

        assertThat(table.sparseCount()).isZero();
        assertSameEntries(table, expected);
        assertThat(table.contains(0)).isTrue();
        assertThat(table.get(0)).isEmpty();
        assertThat(table.contains(20_001)).isFalse();
        assertThat(table.get(20_001)).isNull();
        assertThat(table.insert(5, "again")).isFalse();
        assertThat(table.insert(20_001, "next")).isTrue();
        assertThat(table.get(20_001)).isEqualTo("next");
    }

    @Test
    void sparseOrHostileIdsStayInTheHashMap() {
        IdTable<String> table = new IdTable<>("");
        Map<Long, String> expected = new HashMap<>();
        for (long id : shuffledIds(3000, 11)) {
            table.insert(id, "s" + id);
            expected.put(id, "s" + id);
        }
        // One id far beyond the rest: the array would have to be huge, so nothing moves.
        long far = 1L << 40;
        table.insert(far, "far");
        expected.put(far, "far");
        // And one that is negative as a signed long (above 2^63 unsigned).
        table.insert(-3, "negative");
        expected.put(-3L, "negative");
        int before = table.sparseCount();
        assertThat(before).isGreaterThan(2);

        table.compact();

        assertThat(table.sparseCount()).isEqualTo(before);
        assertSameEntries(table, expected);
    }

    @Test
    void compactingAnEmptyOrAlreadyDenseTableChangesNothing() {
        IdTable<String> empty = new IdTable<>("");
        empty.compact();
        assertSameEntries(empty, Map.of());

        IdTable<String> dense = new IdTable<>("");
        Map<Long, String> expected = new HashMap<>();
        for (long id = 1; id <= 100; id++) {
            dense.insert(id, "s" + id);
            expected.put(id, "s" + id);
        }
        assertThat(dense.sparseCount()).isZero();
        dense.compact();
        assertSameEntries(dense, expected);
    }

    @Test
    void theRunFromOneEndsBeforeTheFirstMissingId() {
        IdTable<String> table = new IdTable<>("");
        assertThat(table.run()).isZero();
        table.insert(2, "b");
        assertThat(table.run()).isZero();
        table.insert(1, "a");
        assertThat(table.run()).isEqualTo(2);
        table.insert(4, "d");
        table.insert(-1, "negative");
        table.insert(1L << 40, "far");
        assertThat(table.run()).isEqualTo(2);
        table.insert(3, "c");
        assertThat(table.run()).isEqualTo(4);

        // Shuffled, the early ids land in the hash map; the run reaches them once they are moved.
        IdTable<String> shuffled = new IdTable<>("");
        for (long id : shuffledIds(20_000, 3)) {
            shuffled.insert(id, "s" + id);
        }
        assertThat(shuffled.sparseCount()).isGreaterThan(1000);
        assertThat(shuffled.run()).isLessThan(20_000);
        shuffled.compact();
        assertThat(shuffled.run()).isEqualTo(20_000);
        for (long id = 1; id <= shuffled.run(); id++) {
            assertThat(shuffled.contains(id)).isTrue();
        }
    }
}
