package dev.gopherlens.pprof;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Merges profiles into one as google/pprof's {@code profile.Merge} (profile/merge.go) does: headers combined, all-zero
 * samples dropped, samples with the same stack and labels summed, and the mappings, locations and functions that
 * remain in use renumbered from 1 in the order of first use (the first profile's first mapping first). Equal
 * mappings (same size rounded up to 4 KiB, offset, and build id or else file), locations and functions become one.
 *
 * <p>Not thread-safe; one instance per merge.
 *
 * <p>Implementation note: google/pprof keys samples and locations by strings it builds; here they are keyed by
 * arrays of numbers and label lists already in canonical order (most are, and are not copied), and the per-source
 * id tables are arrays. On MergeBenchmark (1,000 copies of a service-sized profile) string keys and boxed id maps
 * took about five times as long. Nothing is cached across sources: each source is mapped afresh, as in google/pprof.
 */
final class Merging {
    private final List<Mapping> mappings = new ArrayList<>();
    private final Map<MappingKey, Mapping> mappingKeys = new HashMap<>();
    private final List<Function> functions = new ArrayList<>();
    private final Map<FunctionKey, Function> functionKeys = new HashMap<>();
    private final List<Location> locations = new ArrayList<>();
    private final Map<LocationKey, Location> locationKeys = new HashMap<>();
    private final Map<SampleKey, MergedSample> samples = new HashMap<>();
    private final List<MergedSample> sampleOrder = new ArrayList<>();

    // Per source profile, as google/pprof keys them: by the source's ids, in arrays for the ids up to the table's
    // size (the usual 1..n) and in maps for the rest.
    private final Map<Long, Mapped> mappingsById = new HashMap<>();
    private Function[] denseFunctions = new Function[0];
    private final Map<Long, Function> sparseFunctions = new HashMap<>();
    private Location[] denseLocations = new Location[0];
    private final Map<Long, Location> sparseLocations = new HashMap<>();

    private record MappingKey(long size, long offset, String buildIdOrFile) {
    }

    private record FunctionKey(long startLine, String name, String systemName, String filename) {
    }

    /** A location as google/pprof keys it; {@code lines} is {@link #linesKey}. */
    private record LocationKey(long address, long mappingId, long[] lines, boolean folded) {
        @Override
        public boolean equals(Object o) {
            return o instanceof LocationKey k && address == k.address && mappingId == k.mappingId
                    && folded == k.folded && Arrays.equals(lines, k.lines);
        }

        @Override
        public int hashCode() {
            return (Long.hashCode(address) * 31 + Long.hashCode(mappingId)) * 31 + Arrays.hashCode(lines);
        }
    }

    /** A sample as google/pprof keys it: merged location ids and labels in {@link #canonical} order. */
    private record SampleKey(long[] locationIds, List<Label> labels, int hash) {
        SampleKey(long[] locationIds, List<Label> labels) {
            this(locationIds, labels, Arrays.hashCode(locationIds) * 31 + labels.hashCode());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SampleKey k && hash == k.hash && Arrays.equals(locationIds, k.locationIds)
                    && labels.equals(k.labels);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** A source mapping's replacement and how far its addresses move. */
    private record Mapped(Mapping mapping, long shift) {
    }

    private static final class MergedSample {
        final List<Location> locations;
        final long[] values;
        final List<Label> labels;

        MergedSample(List<Location> locations, long[] values, List<Label> labels) {
            this.locations = locations;
            this.values = values;
            this.labels = labels;
        }
    }

    private Merging() {
    }

    /**
     * Merges profiles.
     *
     * @throws IllegalArgumentException if the list is empty or the profiles' sample or period types differ
     */
    static Profile merge(List<Profile> profiles) {
        Objects.requireNonNull(profiles, "profiles");
        if (profiles.isEmpty()) {
            throw new IllegalArgumentException("no profiles to merge");
        }
        Profile.Parts header = combineHeaders(profiles);
        Merging m = new Merging();
        for (Profile src : profiles) {
            m.add(src);
        }
        Profile merged = m.result(header);
        for (Sample s : merged.samples()) {
            if (isZero(s)) {
                // Values that cancel out leave zero samples; merging again drops them and what only they used.
                return merge(List.of(merged));
            }
        }
        return merged;
    }

    /**
     * Checks that two profiles have the same period type and sample types, as google/pprof's {@code compatible}.
     *
     * @throws IllegalArgumentException naming both when they differ
     */
    static void checkCompatible(Profile a, Profile b) {
        if (!Objects.equals(a.periodType().orElse(null), b.periodType().orElse(null))) {
            throw new IllegalArgumentException("incompatible period types " + a.periodType().orElse(null) + " and "
                    + b.periodType().orElse(null));
        }
        if (!a.sampleTypes().equals(b.sampleTypes())) {
            throw new IllegalArgumentException("incompatible sample types " + a.sampleTypes() + " and "
                    + b.sampleTypes());
        }
    }

    static boolean isZero(Sample s) {
        for (int i = 0; i < s.valueCount(); i++) {
            if (s.value(i) != 0) {
                return false;
            }
        }
        return true;
    }

    private static Profile.Parts combineHeaders(List<Profile> srcs) {
        Profile first = srcs.get(0);
        for (int i = 1; i < srcs.size(); i++) {
            checkCompatible(first, srcs.get(i));
        }
        long timeNanos = 0;
        long durationNanos = 0;
        long period = 0;
        LinkedHashSet<String> comments = new LinkedHashSet<>();
        String docUrl = "";
        String defaultSampleType = "";
        for (Profile s : srcs) {
            // As google/pprof: the earliest time, except that a later profile without one resets it.
            if (timeNanos == 0 || s.timeNanos() < timeNanos) {
                timeNanos = s.timeNanos();
            }
            durationNanos += s.durationNanos();
            if (period == 0 || period < s.period()) {
                period = s.period();
            }
            comments.addAll(s.comments());
            if (defaultSampleType.isEmpty()) {
                defaultSampleType = s.defaultSampleType();
            }
            if (docUrl.isEmpty()) {
                docUrl = s.docUrl();
            }
        }
        Profile.Parts p = new Profile.Parts();
        p.sampleTypes = first.sampleTypes();
        p.dropFrames = first.dropFrames();
        p.keepFrames = first.keepFrames();
        p.timeNanos = timeNanos;
        p.durationNanos = durationNanos;
        p.periodType = first.periodType().orElse(null);
        p.period = period;
        p.comments = List.copyOf(comments);
        p.defaultSampleType = defaultSampleType;
        p.docUrl = docUrl;
        return p;
    }

    private void add(Profile src) {
        mappingsById.clear();
        sparseFunctions.clear();
        denseFunctions = new Function[src.functions().size() + 1];
        sparseLocations.clear();
        denseLocations = new Location[src.locations().size() + 1];
        if (mappings.isEmpty() && !src.mappings().isEmpty()) {
            // The first mapping is the main binary by convention; keep it first.
            mapMapping(src.mappings().get(0));
        }
        Location[] stack = new Location[64];
        for (Sample s : src.samples()) {
            if (isZero(s)) {
                continue;
            }
            int n = s.locations().size();
            if (stack.length < n) {
                stack = new Location[Math.max(n, stack.length * 2)];
            }
            long[] ids = new long[n];
            for (int i = 0; i < n; i++) {
                Location mapped = mapLocation(s.locations().get(i));
                stack[i] = mapped;
                ids[i] = mapped.id();
            }
            SampleKey k = new SampleKey(ids, canonical(s.labels()));
            MergedSample known = samples.get(k);
            if (known != null) {
                for (int i = 0; i < known.values.length; i++) {
                    known.values[i] += s.value(i);
                }
                continue;
            }
            MergedSample ms = new MergedSample(List.of(Arrays.copyOf(stack, n)), s.values(), meaningful(s.labels()));
            samples.put(k, ms);
            sampleOrder.add(ms);
        }
    }

    /**
     * The labels as google/pprof keys a sample by them: string labels by key, then numeric labels by key, each key's
     * values in their order (its maps, with keys sorted), and without labels that carry neither a string nor a
     * number.
     */
    private static List<Label> canonical(List<Label> labels) {
        int n = labels.size();
        if (n == 0) {
            return List.of();
        }
        if (isCanonical(labels)) {
            return labels;
        }
        List<Label> strs = new ArrayList<>(n);
        List<Label> nums = new ArrayList<>(n);
        for (Label l : labels) {
            if (l.isString()) {
                strs.add(l);
            } else if (l.isNumeric()) {
                nums.add(l);
            }
        }
        // List.sort is stable: values of one key keep their order.
        strs.sort(BY_KEY);
        nums.sort(BY_KEY);
        strs.addAll(nums);
        return strs;
    }

    private static final Comparator<Label> BY_KEY = Comparator.comparing(Label::key);

    /** Whether the labels are already string labels by key, then numeric ones by key: most are, and need no copy. */
    private static boolean isCanonical(List<Label> labels) {
        boolean numeric = false;
        String last = null;
        for (int i = 0, n = labels.size(); i < n; i++) {
            Label l = labels.get(i);
            boolean isNum = l.isNumeric();
            if (!isNum && !l.isString() || numeric && !isNum) {
                return false;
            }
            if (isNum && !numeric) {
                numeric = true;
                last = null;
            }
            if (last != null && last.compareTo(l.key()) > 0) {
                return false;
            }
            last = l.key();
        }
        return true;
    }

    /** google/pprof keeps labels in maps that have no place for a label with neither a string nor a number. */
    private static List<Label> meaningful(List<Label> labels) {
        for (Label l : labels) {
            if (!l.isString() && !l.isNumeric()) {
                return labels.stream().filter(x -> x.isString() || x.isNumeric()).toList();
            }
        }
        return labels;
    }

    private Location mapLocation(Location src) {
        long id = src.id();
        boolean dense = id > 0 && id < denseLocations.length;
        Location known = dense ? denseLocations[(int) id] : sparseLocations.get(id);
        if (known != null) {
            return known;
        }
        Mapped mi = mapMapping(src.mapping());
        Mapping m = mi == null ? null : mi.mapping;
        long address = src.address() + (mi == null ? 0 : mi.shift);
        List<Line> srcLines = src.lines();
        Function[] fs = new Function[srcLines.size()];
        for (int i = 0; i < fs.length; i++) {
            fs[i] = mapFunction(srcLines.get(i).function());
        }
        LocationKey key = new LocationKey(m == null ? address : address - m.start(), m == null ? 0 : m.id(),
                linesKey(srcLines, fs), src.isFolded());
        Location l = locationKeys.get(key);
        if (l == null) {
            Line[] lines = new Line[fs.length];
            for (int i = 0; i < fs.length; i++) {
                Line ln = srcLines.get(i);
                lines[i] = fs[i] == ln.function() ? ln : new Line(fs[i], ln.line(), ln.column());
            }
            l = new Location(locations.size() + 1L, m, address, List.of(lines), src.isFolded());
            locations.add(l);
            locationKeys.put(key, l);
        }
        if (dense) {
            denseLocations[(int) id] = l;
        } else {
            sparseLocations.put(id, l);
        }
        return l;
    }

    /**
     * The lines of a location as google/pprof's {@code Location.key} writes them: 3n string slots, where line i
     * writes its function's id (when it has a function) to slot 2i, its line to 2i+1 and its column to 2i+2. The
     * slots overlap: line i's function id takes the place of line i-1's column, so locations that differ only in
     * the column of a line other than the last are equal, and a line without a function leaves the column there.
     * Reproduced so that merges agree exactly. Here the slots are numbers (merged function ids are small and
     * positive, so equal strings are equal numbers), followed by a bit set of the slots written.
     */
    private static long[] linesKey(List<Line> lines, Function[] functions) {
        int slots = lines.size() * 3;
        long[] key = new long[slots + (slots + 63) / 64];
        for (int i = 0; i < functions.length; i++) {
            Line ln = lines.get(i);
            if (functions[i] != null) {
                write(key, slots, i * 2, functions[i].id());
            }
            write(key, slots, i * 2 + 1, ln.line());
            write(key, slots, i * 2 + 2, ln.column());
        }
        return key;
    }

    private static void write(long[] key, int slots, int slot, long value) {
        key[slot] = value;
        key[slots + slot / 64] |= 1L << (slot % 64);
    }

    private Mapped mapMapping(Mapping src) {
        if (src == null) {
            return null;
        }
        Mapped known = mappingsById.get(src.id());
        if (known != null) {
            return known;
        }
        // Sizes are rounded up to 4 KiB to absorb small differences between runs.
        long size = src.limit() - src.start() + 0xfff;
        size -= Long.remainderUnsigned(size, 0x1000);
        String buildIdOrFile = !src.buildId().isEmpty() ? src.buildId() : src.file();
        MappingKey key = new MappingKey(size, src.offset(), buildIdOrFile);
        Mapping same = mappingKeys.get(key);
        Mapped mi;
        if (same != null) {
            mi = new Mapped(same, same.start() - src.start());
        } else {
            Mapping copy = new Mapping(mappings.size() + 1L, src.start(), src.limit(), src.offset(), src.file(),
                    src.buildId(), src.hasFunctions(), src.hasFilenames(), src.hasLineNumbers(),
                    src.hasInlineFrames());
            mappings.add(copy);
            mappingKeys.put(key, copy);
            mi = new Mapped(copy, 0);
        }
        mappingsById.put(src.id(), mi);
        return mi;
    }

    private Function mapFunction(Function src) {
        if (src == null) {
            return null;
        }
        long id = src.id();
        boolean dense = id > 0 && id < denseFunctions.length;
        Function known = dense ? denseFunctions[(int) id] : sparseFunctions.get(id);
        if (known != null) {
            return known;
        }
        FunctionKey key = new FunctionKey(src.startLine(), src.name(), src.systemName(), src.filename());
        Function f = functionKeys.get(key);
        if (f == null) {
            f = new Function(functions.size() + 1L, src.name(), src.systemName(), src.filename(), src.startLine());
            functions.add(f);
            functionKeys.put(key, f);
        }
        if (dense) {
            denseFunctions[(int) id] = f;
        } else {
            sparseFunctions.put(id, f);
        }
        return f;
    }

    private Profile result(Profile.Parts header) {
        List<Sample> out = new ArrayList<>(sampleOrder.size());
        for (MergedSample ms : sampleOrder) {
            out.add(new Sample(ms.locations, ms.values, ms.labels, true));
        }
        header.samples = out;
        header.mappings = mappings;
        header.locations = locations;
        header.functions = functions;
        return new Profile(header);
    }
}
