package dev.gopherlens.pprof;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Merges a profile with itself as google/pprof's {@code Merge} of one profile does (its {@code Compact}): samples
 * whose values are all zero go, samples with the same stack and labels become one with their values added, and
 * only the mappings, locations and functions still used remain, renumbered from 1 in the order they are first
 * used (the first mapping first). Equal mappings (same rounded size, offset and build id or file), locations and
 * functions become one. Not thread-safe; one instance per call.
 */
final class Compaction {
    private final List<Mapping> mappings = new ArrayList<>();
    private final Map<List<Object>, Mapping> mappingKeys = new HashMap<>();
    /** For each source mapping: its replacement and how far addresses move. */
    private final Map<Mapping, Object[]> mappingOf = new IdentityHashMap<>();
    private final List<Function> functions = new ArrayList<>();
    private final Map<List<Object>, Function> functionKeys = new HashMap<>();
    private final Map<Function, Function> functionOf = new IdentityHashMap<>();
    private final List<Location> locations = new ArrayList<>();
    private final Map<List<Object>, Location> locationKeys = new HashMap<>();
    private final Map<Location, Location> locationOf = new IdentityHashMap<>();

    private Compaction() {
    }

    static Profile compact(Profile p) {
        return new Compaction().run(p);
    }

    /**
     * What {@code go tool pprof} of Go 1.20 and earlier did to a profile before printing it: compact it, then drop
     * the samples without locations.
     */
    static Profile legacyDriver(Profile p) {
        Profile c = compact(p);
        Profile.Parts parts = parts(c);
        parts.samples = c.samples().stream().filter(s -> !s.locations().isEmpty()).toList();
        return new Profile(parts);
    }

    private Profile run(Profile p) {
        if (!p.mappings().isEmpty()) {
            mapping(p.mappings().get(0));
        }
        List<Sample> samples = new ArrayList<>();
        Map<List<Object>, Integer> sampleKeys = new HashMap<>();
        List<long[]> sums = new ArrayList<>();
        for (Sample s : p.samples()) {
            boolean allZero = true;
            for (int i = 0; i < s.valueCount(); i++) {
                allZero &= s.value(i) == 0;
            }
            if (allZero) {
                continue;
            }
            List<Location> locs = new ArrayList<>(s.locations().size());
            for (Location l : s.locations()) {
                locs.add(location(l));
            }
            List<Object> key = new ArrayList<>();
            for (Location l : locs) {
                key.add(l.id());
            }
            key.add(labelKey(s));
            Integer at = sampleKeys.get(key);
            if (at != null) {
                long[] sum = sums.get(at);
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += s.value(i);
                }
                continue;
            }
            sampleKeys.put(key, samples.size());
            sums.add(s.values());
            samples.add(new Sample(locs, new long[0], s.labels()));
        }
        List<Sample> merged = new ArrayList<>(samples.size());
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            merged.add(new Sample(s.locations(), sums.get(i), s.labels(), true));
        }
        Profile.Parts parts = parts(p);
        parts.samples = merged;
        parts.mappings = mappings;
        parts.locations = locations;
        parts.functions = functions;
        return new Profile(parts);
    }

    /** google/pprof keys samples by their labels as maps: string labels, numeric labels with units, sorted. */
    private static List<Object> labelKey(Sample s) {
        Map<String, List<String>> strs = new TreeMap<>();
        Map<String, List<Object>> nums = new TreeMap<>();
        for (Label l : s.labels()) {
            if (l.isString()) {
                strs.computeIfAbsent(l.key(), k -> new ArrayList<>()).add(l.str());
            } else if (l.isNumeric()) {
                nums.computeIfAbsent(l.key(), k -> new ArrayList<>()).add(List.of(l.num(), l.numUnit()));
            }
        }
        return List.of(strs, nums);
    }

    private Object[] mapping(Mapping m) {
        Object[] known = mappingOf.get(m);
        if (known != null) {
            return known;
        }
        // google/pprof profile/merge.go: mappings are keyed by size rounded up to 4 KiB, offset and build id or file.
        long size = m.limit() - m.start();
        size = size + 0xfff;
        size -= Long.remainderUnsigned(size, 0x1000);
        List<Object> key = List.of(size, m.offset(), m.buildId().isEmpty() ? m.file() : m.buildId());
        Mapping same = mappingKeys.get(key);
        Object[] result;
        if (same != null) {
            result = new Object[] {same, same.start() - m.start()};
        } else {
            Mapping copy = new Mapping(mappings.size() + 1L, m.start(), m.limit(), m.offset(), m.file(), m.buildId(),
                    m.hasFunctions(), m.hasFilenames(), m.hasLineNumbers(), m.hasInlineFrames());
            mappings.add(copy);
            mappingKeys.put(key, copy);
            result = new Object[] {copy, 0L};
        }
        mappingOf.put(m, result);
        return result;
    }

    private Function function(Function f) {
        if (f == null) {
            return null;
        }
        return functionOf.computeIfAbsent(f, g -> functionKeys.computeIfAbsent(
                List.of(g.startLine(), g.name(), g.systemName(), g.filename()), k -> {
                    Function copy = new Function(functions.size() + 1L, g.name(), g.systemName(), g.filename(),
                            g.startLine());
                    functions.add(copy);
                    return copy;
                }));
    }

    private Location location(Location l) {
        Location known = locationOf.get(l);
        if (known != null) {
            return known;
        }
        Mapping m = null;
        long shift = 0;
        if (l.mapping() != null) {
            Object[] mapped = mapping(l.mapping());
            m = (Mapping) mapped[0];
            shift = (Long) mapped[1];
        }
        long address = l.address() + shift;
        List<Line> lines = new ArrayList<>(l.lines().size());
        List<Object> lineKey = new ArrayList<>();
        for (Line ln : l.lines()) {
            Function f = function(ln.function());
            lines.add(new Line(f, ln.line(), ln.column()));
            lineKey.add(List.of(f == null ? 0L : f.id(), ln.line()));
        }
        List<Object> key = List.of(m == null ? address : address - m.start(), m == null ? 0L : m.id(), lineKey,
                l.isFolded());
        Location same = locationKeys.get(key);
        if (same == null) {
            same = new Location(locations.size() + 1L, m, address, lines, l.isFolded());
            locations.add(same);
            locationKeys.put(key, same);
        }
        locationOf.put(l, same);
        return same;
    }

    static Profile.Parts parts(Profile p) {
        Profile.Parts parts = new Profile.Parts();
        parts.sampleTypes = p.sampleTypes();
        parts.samples = p.samples();
        parts.mappings = p.mappings();
        parts.locations = p.locations();
        parts.functions = p.functions();
        parts.dropFrames = p.dropFrames();
        parts.keepFrames = p.keepFrames();
        parts.timeNanos = p.timeNanos();
        parts.durationNanos = p.durationNanos();
        parts.periodType = p.periodType().orElse(null);
        parts.period = p.period();
        parts.comments = p.comments();
        parts.defaultSampleType = p.defaultSampleType();
        parts.docUrl = p.docUrl();
        return parts;
    }
}
