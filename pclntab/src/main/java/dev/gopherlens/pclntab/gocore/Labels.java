package dev.gopherlens.pclntab.gocore;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.pclntab.internal.dwarf.ArrayType;
import dev.gopherlens.pclntab.internal.dwarf.Dwarf;
import dev.gopherlens.pclntab.internal.dwarf.Field;
import dev.gopherlens.pclntab.internal.dwarf.PointerType;
import dev.gopherlens.pclntab.internal.dwarf.StructType;
import dev.gopherlens.pclntab.internal.dwarf.Type;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A goroutine's pprof labels, from {@code g.labels}, which points at a {@code runtime/pprof.labelMap}. Its shape
 * comes from DWARF: before Go 1.24 a {@code map[string]string} (a hash map with buckets), from Go 1.24 a struct
 * holding a sorted slice of key/value pairs.
 */
final class Labels {
    // runtime/map.go (Go 1.23): a bucket slot is in use when its tophash is at least minTopHash.
    private static final int MIN_TOP_HASH = 5;
    private static final int MAX_LABELS = 1 << 16;

    private final Memory mem;
    private final Type labelMap;

    private Labels(Memory mem, Type labelMap) {
        this.mem = mem;
        this.labelMap = labelMap;
    }

    /** Returns the reader, or empty when the binary has no labelMap (it never imported runtime/pprof). */
    static Optional<Labels> of(Memory mem, Dwarf dwarf) throws GoParseException {
        Optional<Type> p = dwarf.type("*runtime/pprof.labelMap");
        if (p.isEmpty() || !(p.get() instanceof PointerType pt)) {
            return Optional.empty();
        }
        return Optional.of(new Labels(mem, pt.elem().resolve()));
    }

    /** The labels at {@code g.labels}, sorted by key. */
    Map<String, String> read(long labels) throws GoParseException {
        Map<String, String> out = new TreeMap<>();
        if (labels == 0) {
            return out;
        }
        Type t = labelMap.underlying();
        if (t instanceof PointerType hash) {
            readMap(mem.pointer(labels), (StructType) hash.elem().resolve().underlying(), out);
        } else if (t instanceof StructType s) {
            readList(labels, s, out);
        } else {
            throw GoParseException.malformed("DWARF", -1, "runtime/pprof.labelMap as a map or a struct, not "
                    + t.name());
        }
        return out;
    }

    // Go 1.24+: labelMap{LabelSet{list []label}} (or label.Set{list}), the slice found by name through the
    // embedded structs; each element is {key, value string}.
    private void readList(long at, StructType s, Map<String, String> out) throws GoParseException {
        long base = at;
        StructType cur = s;
        Field list;
        while (true) {
            // runtime/pprof.LabelSet.list (Go 1.24, 1.25), internal/runtime/pprof/label.Set.List (Go 1.26+).
            Optional<Field> l = cur.field("list");
            if (l.isEmpty()) {
                l = cur.field("List");
            }
            if (l.isPresent()) {
                list = l.get();
                break;
            }
            if (cur.fields().isEmpty() || !(cur.fields().get(0).type().resolve().underlying() instanceof StructType next)) {
                throw GoParseException.malformed("DWARF", -1, "a list of labels in " + s.name());
            }
            base += cur.fields().get(0).offset();
            cur = next;
        }
        StructType slice = (StructType) list.type().resolve().underlying();
        long sliceAt = base + list.offset();
        long data = mem.pointer(sliceAt + slice.offsetOf("array"));
        long len = mem.u64(sliceAt + slice.offsetOf("len"));
        if (len < 0 || len > MAX_LABELS) {
            throw GoParseException.malformed("core", -1, "at most " + MAX_LABELS + " labels, not " + len);
        }
        Type elemPtr = slice.field("array").orElseThrow().type().resolve();
        StructType label = (StructType) ((PointerType) elemPtr).elem().resolve().underlying();
        long key = label.fields().get(0).offset();
        long value = label.fields().get(1).offset();
        for (long i = 0; i < len; i++) {
            long e = data + i * label.size();
            out.put(string(e + key), string(e + value));
        }
    }

    // Before Go 1.24: a map[string]string, walked bucket by bucket with its overflow chains.
    private void readMap(long hmap, StructType hash, Map<String, String> out) throws GoParseException {
        if (hmap == 0) {
            return;
        }
        int b = mem.u8(hmap + hash.offsetOf("B"));
        if (b > 16) {
            throw GoParseException.malformed("core", -1, "a label map of at most 2^16 buckets, not 2^" + b);
        }
        StructType bucket = (StructType) ((PointerType) hash.field("buckets").orElseThrow().type().resolve())
                .elem().resolve().underlying();
        for (String field : new String[] {"buckets", "oldbuckets"}) {
            long buckets = mem.pointer(hmap + hash.offsetOf(field));
            int n = field.equals("buckets") ? 1 << b : 1 << Math.max(0, b - 1);
            for (int i = 0; buckets != 0 && i < n; i++) {
                int chain = 0;
                for (long bk = buckets + (long) i * bucket.size(); bk != 0 && chain < MAX_LABELS; chain++) {
                    readBucket(bk, bucket, out);
                    bk = mem.pointer(bk + bucket.offsetOf("overflow"));
                }
            }
        }
    }

    // The linker's DWARF names a bucket's members tophash/keys/values; the compiler's own type says
    // topbits/keys/elems. Either will do.
    private void readBucket(long bk, StructType bucket, Map<String, String> out) throws GoParseException {
        Field top = bucket.field("tophash").or(() -> bucket.field("topbits")).orElseThrow(() ->
                GoParseException.malformed("DWARF", -1, "a tophash member in " + bucket.name()));
        int slots = (int) ((ArrayType) top.type().resolve().underlying()).count();
        long keys = bucket.offsetOf("keys");
        long elems = bucket.field("values").or(() -> bucket.field("elems")).orElseThrow(() ->
                GoParseException.malformed("DWARF", -1, "a values member in " + bucket.name())).offset();
        for (int i = 0; i < slots; i++) {
            if (mem.u8(bk + top.offset() + i) >= MIN_TOP_HASH) {
                out.put(string(bk + keys + 16L * i), string(bk + elems + 16L * i));
            }
        }
    }

    private String string(long header) throws GoParseException {
        long ptr = mem.pointer(header);
        long len = mem.u64(header + 8);
        return ptr == 0 || len == 0 ? "" : mem.goString(ptr, len);
    }
}
