package dev.gopherlens.pclntab.internal.gocore;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.pclntab.gocore.Memory;
import dev.gopherlens.pclntab.internal.dwarf.ArrayType;
import dev.gopherlens.pclntab.internal.dwarf.Constant;
import dev.gopherlens.pclntab.internal.dwarf.Dwarf;
import dev.gopherlens.pclntab.internal.dwarf.Field;
import dev.gopherlens.pclntab.internal.dwarf.PointerType;
import dev.gopherlens.pclntab.internal.dwarf.StructType;
import dev.gopherlens.pclntab.internal.dwarf.Type;
import dev.gopherlens.pclntab.internal.dwarf.TypedefType;

import java.util.HashSet;
import java.util.Set;

import static dev.gopherlens.pclntab.internal.gocore.ValueReader.member;
import static dev.gopherlens.pclntab.internal.gocore.ValueReader.struct;

/**
 * Finds the entries of a Go map in a core, in either runtime layout, with every offset taken from the map type's
 * DWARF: Go's linker describes each map type as a typedef of a pointer to a synthesized header
 * ({@code hash<K,V>} with {@code bucket<K,V>} before Go 1.24, {@code map<K,V>} with {@code table<K,V>},
 * {@code groupReference<K,V>} and the compiler's group type since). Keys and values larger than 128 bytes are stored
 * behind pointers; the slot's DWARF type then is a pointer to the key type, which is how they are recognized.
 * Single-threaded, one walk per instance.
 */
final class MapWalker {
    private static final String FORMAT = "core";
    /** Most directory entries, tables' groups or buckets accepted from a header before reading them. */
    private static final long MAX_SLOTS = ValueReader.MAX_ELEMENTS;

    /** Charges elements to the rendering's budget. */
    interface Budget {
        void count(long n) throws GoParseException;
    }

    /** Receives an entry: where its key and its value lie. */
    interface Sink {
        void entry(long key, long value);
    }

    private final Memory memory;
    private final Dwarf dwarf;
    private final Budget budget;
    private long found;
    private long expected;

    MapWalker(Memory memory, Dwarf dwarf, Budget budget) {
        this.memory = memory;
        this.dwarf = dwarf;
        this.budget = budget;
    }

    void walk(TypedefType mapType, long header, Type key, Type value, Sink sink) throws GoParseException {
        StructType h = target(mapType.target() == null ? null : mapType.target().resolve(), mapType.name()
                + "'s header");
        if (h.field("buckets").isPresent()) {
            walkBuckets(h, header, key, value, sink);
        } else if (h.field("dirPtr").isPresent()) {
            walkSwiss(h, header, key, value, sink);
        } else {
            throw GoParseException.malformed("DWARF", h.offset(), "a map header with buckets (Go 1.23 and before) or"
                    + " dirPtr (Swiss tables, Go 1.24 on), found " + h);
        }
        if (found != expected) {
            throw GoParseException.malformed(FORMAT, -1, "the " + expected + " entries the map header at 0x"
                    + Long.toHexString(header) + " counts, found " + found);
        }
    }

    // ---- runtime/map.go (Go 1.21 to 1.23): hmap, buckets of 8 slots, overflow chains, incremental growth -----

    private void walkBuckets(StructType h, long header, Type key, Type value, Sink sink) throws GoParseException {
        checkReadable(header, ValueReader.sizeOf(h), "map header");
        expected = memory.u64(header + member(h, "count").offset());
        int flags = memory.u8(header + member(h, "flags").offset());
        int b = memory.u8(header + member(h, "B").offset());
        StructType bucket = target(member(h, "buckets").type().resolve(), "a bucket pointer");
        if (expected < 0 || b > 62) {
            throw GoParseException.malformed(FORMAT, -1, "a map header with a count and B below 63, found count "
                    + expected + " and B " + b + " at 0x" + Long.toHexString(header));
        }
        Layout l = new Layout(bucket, member(bucket, "keys"), member(bucket, "values"), key, value);
        Field tophash = member(bucket, "tophash");
        Field overflow = member(bucket, "overflow");
        ArrayType tops = array(tophash.type().resolve(), "tophash");
        int minTopHash = (int) constant("runtime.minTopHash", 5);
        long sameSizeGrow = constant("runtime.sameSizeGrow", 8);
        long bucketSize = ValueReader.sizeOf(bucket);
        Set<Long> seen = new HashSet<>();
        long n = 1L << b;
        walkBucketArray(memory.pointer(header + member(h, "buckets").offset()), n, bucketSize, tops, tophash,
                overflow, minTopHash, l, seen, sink);
        long old = memory.pointer(header + member(h, "oldbuckets").offset());
        if (old != 0) {
            // Growing: entries not yet evacuated are still in the old array (their tophash is at least minTopHash;
            // evacuated ones are marked evacuatedX/Y/Empty below it), the others are in the new one.
            long oldN = (flags & sameSizeGrow) != 0 ? n : n >> 1;
            walkBucketArray(old, Math.max(oldN, 1), bucketSize, tops, tophash, overflow, minTopHash, l, seen, sink);
        }
    }

    private void walkBucketArray(long base, long n, long bucketSize, ArrayType tops, Field tophash, Field overflow,
                                 int minTopHash, Layout l, Set<Long> seen, Sink sink) throws GoParseException {
        if (base == 0) {
            return; // a map made without a hint allocates its first bucket on the first insert
        }
        if (n > MAX_SLOTS) {
            throw ValueReader.tooBig(n + " buckets");
        }
        checkReadable(base, n * bucketSize, n + " map buckets");
        for (long i = 0; i < n; i++) {
            long bucket = base + i * bucketSize;
            while (bucket != 0) {
                if (!seen.add(bucket)) {
                    throw GoParseException.malformed(FORMAT, -1, "overflow buckets that end, found the bucket at 0x"
                            + Long.toHexString(bucket) + " twice");
                }
                budget.count(1);
                checkReadable(bucket, bucketSize, "map bucket");
                for (int j = 0; j < tops.count(); j++) {
                    if (memory.u8(bucket + tophash.offset() + j) >= minTopHash) {
                        entry(bucket + l.keys.offset() + j * l.keySize, bucket + l.values.offset() + j * l.valueSize,
                                l, sink);
                    }
                }
                bucket = memory.pointer(bucket + overflow.offset());
            }
        }
    }

    // ---- internal/runtime/maps (Go 1.24 on): a directory of tables of groups of 8 slots, or one small group ------

    private void walkSwiss(StructType m, long header, Type key, Type value, Sink sink) throws GoParseException {
        checkReadable(header, ValueReader.sizeOf(m), "map header");
        expected = memory.u64(header + member(m, "used").offset());
        long dir = memory.pointer(header + member(m, "dirPtr").offset());
        long dirLen = memory.u64(header + member(m, "dirLen").offset());
        StructType table = target(target0(member(m, "dirPtr").type().resolve(), "the directory"), "a table pointer");
        Field groupsField = member(table, "groups");
        StructType groupRef = struct(groupsField.type().resolve(), "groupReference");
        Field groupData = member(groupRef, "data");
        Field lengthMask = member(groupRef, "lengthMask");
        StructType group = target(groupData.type().resolve(), "a group pointer");
        Field ctrl = member(group, "ctrl");
        Field slots = member(group, "slots");
        ArrayType slotArray = array(slots.type().resolve(), "slots");
        StructType slot = struct(slotArray.elem().resolve(), "a slot");
        Layout l = new Layout(slot, member(slot, "key"), member(slot, "elem"), key, value);
        long groupSize = ValueReader.sizeOf(group);
        long slotSize = ValueReader.sizeOf(slot);
        long empty = constant("internal/runtime/maps.ctrlEmpty", 0x80);
        if (expected < 0) {
            throw GoParseException.malformed(FORMAT, -1, "a map entry count, found " + expected + " at 0x"
                    + Long.toHexString(header));
        }
        if (dirLen == 0) {
            if (dir != 0) {
                walkGroup(dir, groupSize, ctrl, slots, slotArray.count(), slotSize, empty, l, sink);
            }
            return;
        }
        if (dirLen < 0 || dirLen > MAX_SLOTS || Long.bitCount(dirLen) != 1) {
            throw GoParseException.malformed(FORMAT, -1, "a map directory length that is a power of two up to "
                    + MAX_SLOTS + ", found " + dirLen + " at 0x" + Long.toHexString(header));
        }
        checkReadable(dir, dirLen * 8, "map directory");
        budget.count(dirLen);
        Set<Long> tables = new HashSet<>();
        long tableSize = ValueReader.sizeOf(table);
        for (long i = 0; i < dirLen; i++) {
            long t = memory.pointer(dir + 8 * i);
            if (t == 0) {
                throw GoParseException.malformed(FORMAT, -1, "a table in directory slot " + i + " of the map at 0x"
                        + Long.toHexString(header));
            }
            if (!tables.add(t)) {
                continue; // a table of local depth below the global one fills several directory slots
            }
            checkReadable(t, tableSize, "map table");
            long data = memory.pointer(t + groupsField.offset() + groupData.offset());
            long mask = memory.u64(t + groupsField.offset() + lengthMask.offset());
            if (mask < 0 || mask >= MAX_SLOTS || Long.bitCount(mask + 1) != 1) {
                throw GoParseException.malformed(FORMAT, -1, "a group count that is a power of two up to " + MAX_SLOTS
                        + ", found lengthMask 0x" + Long.toHexString(mask) + " in the table at 0x"
                        + Long.toHexString(t));
            }
            long groups = mask + 1;
            budget.count(groups);
            checkReadable(data, groups * groupSize, groups + " map groups");
            for (long g = 0; g < groups; g++) {
                walkGroup(data + g * groupSize, groupSize, ctrl, slots, slotArray.count(), slotSize, empty, l, sink);
            }
        }
    }

    private void walkGroup(long group, long groupSize, Field ctrl, Field slots, long slotCount, long slotSize,
                           long empty, Layout l, Sink sink) throws GoParseException {
        checkReadable(group, groupSize, "map group");
        long word = memory.u64(group + ctrl.offset());
        for (int j = 0; j < slotCount && j < 8; j++) {
            // group.go: ctrl byte j (little-endian) belongs to slot j; a full slot has the empty bit clear, an
            // empty (0x80) or deleted (0xfe) one has it set.
            int c = (int) (word >>> (8 * j)) & 0xff;
            if ((c & empty) == 0) {
                long s = group + slots.offset() + j * slotSize;
                entry(s + l.keys.offset(), s + l.values.offset(), l, sink);
            }
        }
    }

    // ---- shared -------------------------------------------------------------------------------------------------

    private void entry(long key, long value, Layout l, Sink sink) throws GoParseException {
        found++;
        if (found > expected) {
            throw GoParseException.malformed(FORMAT, -1, "at most the " + expected + " entries the map header"
                    + " counts, found more (the entry at 0x" + Long.toHexString(key) + ")");
        }
        budget.count(1);
        sink.entry(l.indirectKey ? memory.pointer(key) : key, l.indirectValue ? memory.pointer(value) : value);
    }

    /** Where a bucket or slot keeps keys and values, and whether they are stored behind pointers. */
    private static final class Layout {
        final Field keys;
        final Field values;
        final long keySize;
        final long valueSize;
        final boolean indirectKey;
        final boolean indirectValue;

        Layout(StructType container, Field keys, Field values, Type key, Type value) throws GoParseException {
            this.keys = keys;
            this.values = values;
            Type k = keys.type().resolve();
            Type v = values.type().resolve();
            // In a bucket, keys and values are arrays of 8; in a Swiss slot, one of each.
            if (k.underlying() instanceof ArrayType ka && v.underlying() instanceof ArrayType va) {
                k = ka.elem().resolve();
                v = va.elem().resolve();
            }
            this.indirectKey = indirect(k, key);
            this.indirectValue = indirect(v, value);
            this.keySize = ValueReader.sizeOf(k);
            this.valueSize = ValueReader.sizeOf(v);
        }

        private static boolean indirect(Type stored, Type wanted) throws GoParseException {
            if (stored.offset() == wanted.offset() || stored.name().equals(wanted.name())) {
                return false;
            }
            return stored.underlying() instanceof PointerType p && p.elem() != null
                    && (p.elem().offset() == wanted.offset() || p.elem().name().equals(wanted.name()));
        }
    }

    private long constant(String name, long fallback) throws GoParseException {
        // The runtime's constants are in DWARF when the linker kept them; the fallbacks are their values in every
        // Go version that has them (runtime/map.go, internal/runtime/maps/group.go).
        return dwarf.constant(name).map(Constant::value).orElse(fallback);
    }

    private void checkReadable(long address, long length, String what) throws GoParseException {
        if (length < 0 || !memory.isReadable(address, length)) {
            throw GoParseException.malformed(FORMAT, -1, "a readable " + what + " of " + length + " bytes at 0x"
                    + Long.toHexString(address));
        }
    }

    private static ArrayType array(Type t, String what) throws GoParseException {
        if (t.underlying() instanceof ArrayType a && a.count() >= 0) {
            return a;
        }
        throw GoParseException.malformed("DWARF", t.offset(), what + " as an array, found " + t);
    }

    /** The type a pointer type points to. */
    private static Type target0(Type t, String what) throws GoParseException {
        if (t != null && t.underlying() instanceof PointerType p && p.elem() != null) {
            return p.elem().resolve();
        }
        throw GoParseException.malformed("DWARF", t == null ? -1 : t.offset(), what + " as a typed pointer, found "
                + t);
    }

    /** The struct a pointer type points to. */
    private static StructType target(Type t, String what) throws GoParseException {
        return struct(target0(t, what), what + "'s target");
    }
}
