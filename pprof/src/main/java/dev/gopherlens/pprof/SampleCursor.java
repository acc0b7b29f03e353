package dev.gopherlens.pprof;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.core.internal.ByteReader;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/**
 * The cursor tier: walks a profile's samples one at a time, reusing its buffers, with no allocation per sample.
 * What it returns is valid until the next call of {@link #next()}; copy out what you keep, or call
 * {@link #sample()}.
 *
 * <pre>{@code
 * try (SampleCursor c = Pprof.cursor(path)) {
 *     long total = 0;
 *     while (c.next()) {
 *         total += c.value(0);
 *     }
 * }
 * }</pre>
 *
 * <p>The sample types, locations, functions and mappings are decoded before the first sample (a profile keeps
 * its string table after its samples) and are available from {@link #header()}. Not thread-safe.
 */
public final class SampleCursor implements AutoCloseable {

    private final ProfileDecoder d;
    private final ByteReader r;
    private final Profile header;
    private final int sampleTypeCount;
    /** The string table's size, for the fast path's checks. */
    private final int stringCount;
    private int index = -1;

    private long[] values = new long[4];
    private int valueCount;
    /** The current stack as positions in the location table: ints, so that filling it stores no references. */
    private int[] locations;
    private int locationCount;
    /** The current labels' string indexes, checked against the table, and numbers. */
    private int[] labelKeys = new int[4];
    private int[] labelStrs = new int[4];
    private long[] labelNums = new long[4];
    private int[] labelUnits = new int[4];
    private int labelCount;

    SampleCursor(ProfileDecoder d) throws GoParseException {
        this.d = d;
        this.r = d.in;
        Profile.Parts parts = new Profile.Parts();
        d.header(parts);
        this.header = new Profile(parts);
        this.sampleTypeCount = d.sampleTypes.size();
        this.stringCount = d.strings.size();
        this.locations = new int[Math.min(64, d.limits.maxStackDepth())];
    }

    /**
     * Everything in the profile but its samples: sample types, locations, functions, mappings, period, times,
     * comments. Its {@link Profile#samples()} is empty.
     *
     * @return the header, immutable
     */
    public Profile header() {
        return header;
    }

    /** {@return how many samples the profile has} */
    public int sampleCount() {
        return d.sampleCount();
    }

    /**
     * Moves to the next sample.
     *
     * @return false when there are no more
     * @throws GoParseException if the sample is malformed or refers to a location the profile does not have
     */
    public boolean next() throws GoParseException {
        if (index + 1 >= d.sampleCount()) {
            end();
            return false;
        }
        index++;
        int start = d.sampleSpans.get(2 * index);
        int end = d.sampleSpans.get(2 * index + 1);
        try {
            decode(start, end);
        } catch (GoParseException e) {
            throw e.withContext("sample[" + index + "]");
        }
        return true;
    }

    /** False only in tests that check the fast path against the general one. */
    private boolean usualPath = true;

    /** Makes this cursor read every sample with the general decoder: for tests comparing the two paths. */
    void generalPathOnly() {
        usualPath = false;
    }

    private void decode(int start, int end) throws GoParseException {
        if (usualPath && d.identityIds && decodeUsual(start, end)) {
            return;
        }
        decodeAny(start, end);
    }

    // Implementation note: a sample is decoded twice over only when it is unusual. decodeUsual reads the shape Go
    // and google/pprof write (one-byte tags, packed ids and values, labels of key/str/num/num_unit, locations
    // numbered 1..n) with the position in a local and no method call per field; on anything else, including every
    // error, it gives up and decodeAny, which owns the protobuf rules and the error messages, starts the sample
    // again. Measured by PprofDecodeBenchmark.cursor: see benchmarks/RESULTS.md.
    private boolean decodeUsual(int start, int end) {
        final byte[] b = r.array();
        int p = start;
        valueCount = 0;
        locationCount = 0;
        labelCount = 0;
        while (p < end) {
            int tag = b[p++];
            if (tag == 0x08 || tag == 0x10) {
                // One id or one value: Go packs a sample's ids and values only when there are more than two.
                long v = usualVarint(b, p, end);
                if (varintEnd < 0) {
                    return false;
                }
                p = varintEnd;
                if (tag == 0x10) {
                    addValue(v);
                } else if (v - 1 >= d.locations.length || v < 1 || !usualId((int) v)) {
                    return false;
                }
                continue;
            }
            // A record's length: one or two bytes cover every stack and label Go writes.
            if (end - p < 2) {
                return false;
            }
            int len = b[p];
            if (len >= 0) {
                p++;
            } else {
                int l1 = b[p + 1];
                if (l1 < 0) {
                    return false;
                }
                len = (len & 0x7f) | l1 << 7;
                p += 2;
            }
            if (len > end - p) {
                return false;
            }
            int e = p + len;
            switch (tag) {
                case 0x0a -> {
                    if (usualIds(b, p, e) != e) {
                        return false;
                    }
                }
                case 0x12 -> {
                    while (p < e) {
                        long v = usualVarint(b, p, e);
                        if (varintEnd < 0) {
                            return false;
                        }
                        p = varintEnd;
                        addValue(v);
                    }
                }
                case 0x1a -> {
                    if (!usualLabel(b, p, e)) {
                        return false;
                    }
                }
                default -> {
                    return false;
                }
            }
            p = e;
        }
        return valueCount == sampleTypeCount;
    }

    /** Adds an id already checked to be in 1..n; false when the stack has no room (decodeAny grows it). */
    private boolean usualId(int id) {
        if (locationCount == locations.length) {
            return false;
        }
        locations[locationCount++] = id - 1;
        return true;
    }

    /** Where the last {@link #usualVarint} ended, or -1 if it found no complete varint of ten bytes at most. */
    private int varintEnd;

    /** Decodes a varint, a one-byte one here and longer ones in {@link #varintAt}; sets {@link #varintEnd}. */
    private long usualVarint(byte[] b, int p, int e) {
        if (p < e && b[p] >= 0) {
            varintEnd = p + 1;
            return b[p];
        }
        return varintAt(b, p, e);
    }

    /** Decodes a varint of up to ten bytes; on failure (none complete before e) sets {@link #varintEnd} to -1. */
    private long varintAt(byte[] b, int p, int e) {
        long v = 0;
        for (int i = 0, shift = 0; i < 10 && p + i < e; i++, shift += 7) {
            int x = b[p + i];
            v |= (long) (x & 0x7f) << shift;
            if (x >= 0) {
                varintEnd = i == 9 && x > 1 ? -1 : p + i + 1;
                return varintEnd < 0 ? -1 : v;
            }
        }
        varintEnd = -1;
        return -1;
    }

    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    /** Gathers the top bit of each of a long's eight bytes into the long's top byte, byte i to bit 56 + i. */
    private static final long GATHER_TOP_BITS = 0x0102040810204080L;

    /**
     * Decodes packed location ids of up to three bytes, numbered 1..n, into the stack.
     *
     * @return {@code e} when it decoded them all, -1 when it gave up
     */
    private int usualIds(byte[] b, int p, int e) {
        int n = locationCount;
        if (n + (e - p) > locations.length) {
            // Room for one id per byte, so that the loops need not check; beyond the depth limit, decodeAny counts.
            if (n + (e - p) > d.limits.maxStackDepth()) {
                return -1;
            }
            locations = Arrays.copyOf(locations, n + (e - p));
        }
        n = e > b.length - 8 ? idsNearEnd(b, p, e, n) : idsByStopBits(b, p, e, n);
        if (n < 0) {
            return -1;
        }
        locationCount = n;
        return e;
    }

    // Implementation note: the length of a location id is close to random in a profile (ids are numbered in the
    // order stacks first met them), so a loop that branches on each varint's length mispredicts about every other
    // id. Here the last byte of every id in 64 bytes of the run is found first, eight bytes at a time, as one bit
    // per byte; then each id is read with one 4-byte load that ends past its last byte, and shifted by its length
    // rather than branched on it. The only branches left are the checks, which never fail on a good profile, and
    // the loop over the bits. Measured with PprofDecodeBenchmark.cursor: see benchmarks/RESULTS.md. It reads up to
    // 7 bytes past the run, which the caller ensures are in the array, and 2 before it: the record's tag and length.
    private int idsByStopBits(byte[] b, int p, int e, int n) {
        final int[] out = locations;
        final int tableSize = d.locations.length;
        int start = p;
        for (int base = p; base < e; base += 64) {
            int span = Math.min(64, e - base);
            long stops = 0;
            for (int k = 0; k < span; k += 8) {
                long continuation = (long) LONG_LE.get(b, base + k) & 0x8080808080808080L;
                stops |= (((continuation ^ 0x8080808080808080L) >>> 7) * GATHER_TOP_BITS >>> 56) << k;
            }
            if (span < 64) {
                stops &= (1L << span) - 1;
            }
            int count = Long.bitCount(stops);
            for (int j = 0; j < count; j++) {
                int last = base + Long.numberOfTrailingZeros(stops);
                stops &= stops - 1;
                // The id is the last 1 to 3 of the 3 bytes that end at its last byte: those 3 bytes' payloads
                // are put together, and the bytes before the id's start shifted out.
                int missing = start + 2 - last;
                if (missing < 0) {
                    return -1;
                }
                int w = (int) INT_LE.get(b, last - 2);
                int id = (w & 0x7f | w >>> 1 & 0x3f80 | w >>> 2 & 0x1fc000) >>> (missing << 3) - missing;
                if (Integer.compareUnsigned(id - 1, tableSize) >= 0) {
                    return -1;
                }
                out[n + j] = id - 1;
                start = last + 1;
            }
            n += count;
        }
        // A run that ends inside an id is truncated: decodeAny reports it.
        return start == e ? n : -1;
    }

    /** The ids of a run that ends within 8 bytes of the array's end, one byte at a time. */
    private int idsNearEnd(byte[] b, int p, int e, int n) {
        final int[] out = locations;
        final int tableSize = d.locations.length;
        while (p < e) {
            int id = b[p++];
            if (id < 0) {
                if (p == e) {
                    return -1;
                }
                int b1 = b[p++];
                id = id & 0x7f | b1 << 7;
                if (b1 < 0) {
                    if (p == e || b[p] < 0) {
                        return -1;
                    }
                    id = id & 0x3fff | b[p++] << 14;
                }
            }
            if (Integer.compareUnsigned(id - 1, tableSize) >= 0) {
                return -1;
            }
            out[n++] = id - 1;
        }
        return n;
    }

    private boolean usualLabel(byte[] b, int p, int e) {
        long key = 0;
        long str = 0;
        long num = 0;
        long unit = 0;
        while (p < e - 1) {
            int tag = b[p];
            long v = b[p + 1];
            if (v >= 0) {
                p += 2;
            } else if (p < e - 2 && b[p + 2] >= 0) {
                // Two bytes: the string indexes of a profile with more than 127 strings.
                v = v & 0x7f | b[p + 2] << 7;
                p += 3;
            } else {
                v = varintAt(b, p + 1, e);
                if (varintEnd < 0) {
                    return false;
                }
                p = varintEnd;
            }
            switch (tag) {
                case 0x08 -> key = v;
                case 0x10 -> str = v;
                case 0x18 -> num = v;
                case 0x20 -> unit = v;
                default -> {
                    return false;
                }
            }
        }
        // A string index is checked here, so that a bad one is reported at its sample; the string is decoded when
        // asked for. An index past the table, or a field cut short, goes to decodeAny for its message.
        int strings = stringCount;
        if (p != e || Long.compareUnsigned(key, strings) >= 0 || Long.compareUnsigned(str, strings) >= 0
                || Long.compareUnsigned(unit, strings) >= 0) {
            return false;
        }
        if (labelCount == labelKeys.length) {
            growLabels();
        }
        int i = labelCount++;
        labelKeys[i] = (int) key;
        labelStrs[i] = (int) str;
        labelNums[i] = num;
        labelUnits[i] = (int) unit;
        return true;
    }

    private void decodeAny(int start, int end) throws GoParseException {
        r.window(start, end);
        valueCount = 0;
        locationCount = 0;
        labelCount = 0;
        while (r.hasRemaining()) {
            long tagAt = r.offset();
            long tag = r.uvarint();
            int wire = (int) (tag & 7);
            switch (ProfileDecoder.fieldOf(tag, tagAt)) {
                case 1 -> {
                    if (wire == 2) {
                        int old = r.pushLimit(r.uvarint());
                        packedLocations();
                        r.popLimit(old);
                    } else {
                        ProfileDecoder.expectWire(wire, 0, "location_id", tagAt);
                        addLocation(r.offset(), r.uvarint());
                    }
                }
                case 2 -> {
                    if (wire == 2) {
                        int old = r.pushLimit(r.uvarint());
                        while (r.hasRemaining()) {
                            addValue(r.uvarint());
                        }
                        r.popLimit(old);
                    } else {
                        ProfileDecoder.expectWire(wire, 0, "value", tagAt);
                        addValue(r.uvarint());
                    }
                }
                case 3 -> {
                    ProfileDecoder.expectWire(wire, 2, "label", tagAt);
                    int old = r.pushLimit(r.uvarint());
                    label();
                    r.popLimit(old);
                }
                default -> ProfileDecoder.skip(r, wire, tagAt);
            }
        }
        if (valueCount != sampleTypeCount) {
            throw GoParseException.malformed(ProfileDecoder.FORMAT, d.offsetOf(start), "expected "
                    + sampleTypeCount + " values, one per sample type, found " + valueCount);
        }
    }

    // Implementation note: the general path's packed ids, for samples decodeUsual gives up on and for profiles whose
    // locations are not numbered 1..n. They are decoded here from the array with the position in a local, rather
    // than through addLocation and ByteReader.uvarint one at a time, which took the large profile's walk on this
    // path from about 170 to 200 ms when it was tried (the minimum CPU time of 20 walks).
    private void packedLocations() throws GoParseException {
        final byte[] b = r.array();
        final int end = r.limit();
        final IdIndex index = d.locationIndex;
        int p = r.position();
        int n = locationCount;
        int[] out = locations;
        final boolean identity = d.identityIds;
        final int tableSize = d.locations.length;
        while (p < end) {
            int start = p;
            long id;
            // Ids of up to three bytes (up to 2^21 locations) are decoded without branching on their length,
            // which is random in a profile; longer ones, the last bytes, and every error go through
            // ByteReader.uvarint, which owns the varint rules and their messages.
            if (end - p >= 3) {
                int b0 = b[p];
                int b1 = b[p + 1];
                int b2 = b[p + 2];
                int c0 = b0 >>> 31;
                int c1 = c0 & (b1 >>> 31);
                if ((c1 & (b2 >>> 31)) == 0) {
                    id = (b0 & 0x7f) | ((b1 & 0x7f) << 7) * c0 | ((b2 & 0x7f) << 14) * c1;
                    p += 1 + c0 + c1;
                } else {
                    r.position(start);
                    id = r.uvarint();
                    p = r.position();
                }
            } else {
                r.position(start);
                id = r.uvarint();
                p = r.position();
            }
            // Profiles written by Go and google/pprof number locations 1..n in table order.
            int i = identity ? (id > 0 && id <= tableSize ? (int) id - 1 : -1) : index.get(id);
            if (i < 0) {
                locationCount = n;
                throw GoParseException.malformed(ProfileDecoder.FORMAT, d.offsetOf(start),
                        "expected the id of a location in the profile, found " + Long.toUnsignedString(id))
                        .withContext("location_id[" + n + "]");
            }
            if (n == out.length) {
                locationCount = n;
                out = grow(d.offsetOf(start));
            }
            out[n++] = i;
        }
        locationCount = n;
        r.position(end);
    }

    private int[] grow(long at) throws GoParseException {
        if (locationCount >= d.limits.maxStackDepth()) {
            throw GoParseException.limitExceeded(ProfileDecoder.FORMAT, at, "maxStackDepth", locationCount + 1L,
                    d.limits.maxStackDepth());
        }
        locations = Arrays.copyOf(locations, (int) Math.min(2L * locations.length, d.limits.maxStackDepth()));
        return locations;
    }

    private void addLocation(long at, long id) throws GoParseException {
        int i = d.locationIndex.get(id);
        if (i < 0) {
            throw GoParseException.malformed(ProfileDecoder.FORMAT, at,
                    "expected the id of a location in the profile, found " + Long.toUnsignedString(id))
                    .withContext("location_id[" + locationCount + "]");
        }
        if (locationCount == locations.length) {
            grow(at);
        }
        locations[locationCount++] = i;
    }

    private void addValue(long v) {
        if (valueCount == values.length) {
            values = Arrays.copyOf(values, valueCount * 2);
        }
        values[valueCount++] = v;
    }

    private void label() throws GoParseException {
        if (labelCount == labelKeys.length) {
            growLabels();
        }
        long key = 0;
        long str = 0;
        long num = 0;
        long unit = 0;
        long at = r.offset();
        while (r.hasRemaining()) {
            long tagAt = r.offset();
            long tag = r.uvarint();
            int wire = (int) (tag & 7);
            switch (ProfileDecoder.fieldOf(tag, tagAt)) {
                case 1 -> key = ProfileDecoder.varint(r, wire, "key", tagAt);
                case 2 -> str = ProfileDecoder.varint(r, wire, "str", tagAt);
                case 3 -> num = ProfileDecoder.varint(r, wire, "num", tagAt);
                case 4 -> unit = ProfileDecoder.varint(r, wire, "num_unit", tagAt);
                default -> ProfileDecoder.skip(r, wire, tagAt);
            }
        }
        // Check now, so that a bad index is reported at this sample, not later; decode when asked for.
        try {
            d.strings.check(key, at);
            d.strings.check(str, at);
            d.strings.check(unit, at);
        } catch (GoParseException e) {
            throw e.withContext("label[" + labelCount + "]");
        }
        // Checked to be below the table's size, or 0: they fit in an int.
        labelKeys[labelCount] = (int) key;
        labelStrs[labelCount] = (int) str;
        labelNums[labelCount] = num;
        labelUnits[labelCount] = (int) unit;
        labelCount++;
    }

    private void growLabels() {
        int n = labelCount * 2;
        labelKeys = Arrays.copyOf(labelKeys, n);
        labelStrs = Arrays.copyOf(labelStrs, n);
        labelNums = Arrays.copyOf(labelNums, n);
        labelUnits = Arrays.copyOf(labelUnits, n);
    }

    /** {@return the index of the current sample, from 0} */
    public int index() {
        return index;
    }

    /** {@return the absolute offset of the current sample's record in the (decompressed) input} */
    public long offset() {
        return d.offsetOf(d.sampleSpans.get(2 * index));
    }

    /** {@return how many values the current sample has: one per sample type} */
    public int valueCount() {
        return valueCount;
    }

    /**
     * Returns a value of the current sample.
     *
     * @param i the sample type's index
     * @return the value
     * @throws IndexOutOfBoundsException if there is no such value
     */
    public long value(int i) {
        java.util.Objects.checkIndex(i, valueCount);
        return values[i];
    }

    /** {@return how many locations the current sample's stack has} */
    public int locationCount() {
        return locationCount;
    }

    /**
     * Returns the id of a location of the current sample's stack.
     *
     * @param i the position in the stack, 0 for the leaf
     * @return the location's id
     * @throws IndexOutOfBoundsException if there is no such position
     */
    public long locationId(int i) {
        java.util.Objects.checkIndex(i, locationCount);
        return d.locations[locations[i]].id();
    }

    /**
     * Returns a location of the current sample's stack.
     *
     * @param i the position in the stack, 0 for the leaf
     * @return the location, shared with {@link #header()}
     * @throws IndexOutOfBoundsException if there is no such position
     */
    public Location location(int i) {
        java.util.Objects.checkIndex(i, locationCount);
        return d.locations[locations[i]];
    }

    /** {@return how many labels the current sample has, as stored} */
    public int labelCount() {
        return labelCount;
    }

    /**
     * Returns a label's key.
     *
     * @param i the label's index
     * @return the key
     */
    public String labelKey(int i) {
        return labelString(labelKeys, i);
    }

    /**
     * Returns a label's string value, empty for a numeric label.
     *
     * @param i the label's index
     * @return the value
     */
    public String labelStr(int i) {
        return labelString(labelStrs, i);
    }

    /**
     * Returns a label's numeric value, 0 for a string label.
     *
     * @param i the label's index
     * @return the value
     */
    public long labelNum(int i) {
        java.util.Objects.checkIndex(i, labelCount);
        return labelNums[i];
    }

    /**
     * Returns the unit of a label's numeric value, or empty.
     *
     * @param i the label's index
     * @return the unit
     */
    public String labelNumUnit(int i) {
        return labelString(labelUnits, i);
    }

    private String labelString(int[] indexes, int i) {
        java.util.Objects.checkIndex(i, labelCount);
        try {
            return d.strings.get(indexes[i], offset());
        } catch (GoParseException e) {
            throw new IllegalStateException("checked when the label was read", e);
        }
    }

    /** {@return the current sample as an immutable value} */
    public Sample sample() {
        List<Location> locs = List.of();
        if (locationCount > 0) {
            locs = new StackView(d.locations, Arrays.copyOf(locations, locationCount));
        }
        List<Label> labels;
        if (labelCount == 0) {
            labels = List.of();
        } else {
            Label[] ls = new Label[labelCount];
            for (int i = 0; i < labelCount; i++) {
                ls[i] = label(i);
            }
            labels = new ArrayView<>(ls);
        }
        return new Sample(locs, Arrays.copyOf(values, valueCount), labels, true);
    }

    // Implementation note: string labels repeat across samples (pprof.Do labels, handler names), so the last
    // Label made for each (key, value) pair is kept and shared, as immutable values can be; numeric labels, whose
    // values vary, are made anew. Measured by PprofDecodeBenchmark.model.
    private long[] labelCacheKeys;
    private Label[] labelCache;
    private int labelCacheShift;

    private Label label(int i) {
        int key = labelKeys[i];
        int str = labelStrs[i];
        if (labelNums[i] == 0 && labelUnits[i] == 0 && str != 0) {
            long packed = (long) key << 32 | str;
            if (labelCache == null) {
                // Sized to the string table, up to 4096 entries, so that small profiles pay little for it.
                int size = Integer.highestOneBit(Math.min(4096, Math.max(16, d.strings.size() * 2)));
                labelCache = new Label[size];
                labelCacheKeys = new long[size];
                labelCacheShift = 64 - Integer.numberOfTrailingZeros(size);
            }
            int slot = (int) ((packed * 0x9E3779B97F4A7C15L) >>> labelCacheShift);
            Label cached = labelCache[slot];
            if (cached != null && labelCacheKeys[slot] == packed) {
                return cached;
            }
            Label made = new Label(labelKey(i), labelStr(i), 0, "");
            labelCache[slot] = made;
            labelCacheKeys[slot] = packed;
            return made;
        }
        return new Label(labelKey(i), labelStr(i), labelNums[i], labelNumUnit(i));
    }

    /** Releases nothing: the cursor holds only memory. Present so that every tier closes the same way. */
    @Override
    public void close() {
        end();
    }

    private void end() {
        index = d.sampleCount();
        valueCount = 0;
        locationCount = 0;
        labelCount = 0;
    }
}
