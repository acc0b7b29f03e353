package dev.gopherlens.pprof;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Adds frames made from labels at the root or the leaf of every sample, as {@code go tool pprof}'s {@code -tagroot}
 * and {@code -tagleaf} (internal/driver/tagroot.go, {@code addLabelNodes}): for each key, a location without mapping
 * or address whose one line is a function named after the sample's values for that key (joined by commas, numbers
 * scaled to the smallest fitting unit, empty when the sample has none) with the key as its file name. Locations and
 * functions are made once per (values, key), numbered after the largest ids in the profile, in the order met:
 * sample by sample, root keys before leaf keys. Stateless.
 */
final class LabelFrames {
    private LabelFrames() {
    }

    private record Key(String functionName, String fileName) {
    }

    static Profile add(Profile p, List<String> rootKeys, List<String> leafKeys) {
        List<String> roots = nonEmpty(rootKeys);
        List<String> leaves = nonEmpty(leafKeys);
        if (roots.isEmpty() && leaves.isEmpty()) {
            return p;
        }
        long nextLocation = 1;
        for (Location l : p.locations()) {
            nextLocation = Math.max(nextLocation, l.id() + 1);
        }
        long nextFunction = 1;
        for (Function f : p.functions()) {
            nextFunction = Math.max(nextFunction, f.id() + 1);
        }
        List<Location> locations = new ArrayList<>(p.locations());
        List<Function> functions = new ArrayList<>(p.functions());
        Map<Key, Location> made = new HashMap<>();
        List<Sample> samples = new ArrayList<>(p.samples().size());
        for (Sample s : p.samples()) {
            List<Location> stack = new ArrayList<>(s.locations().size() + roots.size() + leaves.size());
            List<Location> rootFrames = new ArrayList<>(roots.size());
            // The first key ends up nearest the root, the last nearest the leaf.
            for (int i = roots.size() - 1; i >= 0; i--) {
                rootFrames.add(frame(s, roots.get(i), made, locations, functions, nextLocation, nextFunction));
            }
            for (int i = leaves.size() - 1; i >= 0; i--) {
                stack.add(frame(s, leaves.get(i), made, locations, functions, nextLocation, nextFunction));
            }
            stack.addAll(s.locations());
            stack.addAll(rootFrames);
            samples.add(new Sample(List.copyOf(stack), s.values(), s.labels(), true));
        }
        Profile.Parts parts = Compaction.parts(p);
        parts.locations = locations;
        parts.functions = functions;
        parts.samples = samples;
        return new Profile(parts);
    }

    private static Location frame(Sample s, String key, Map<Key, Location> made, List<Location> locations,
                                  List<Function> functions, long firstLocation, long firstFunction) {
        Key k = new Key(String.join(",", values(s, key)), key);
        Location l = made.get(k);
        if (l == null) {
            Function f = new Function(firstFunction + made.size(), k.functionName, "", k.fileName, 0);
            l = new Location(firstLocation + made.size(), null, 0, List.of(new Line(f, 0, 0)), false);
            functions.add(f);
            locations.add(l);
            made.put(k, l);
        }
        return l;
    }

    /** tagroot.go's {@code formatLabelValues} with the driver's default output unit, {@code minimum}. */
    private static List<String> values(Sample s, String key) {
        List<String> values = new ArrayList<>();
        List<Label> nums = new ArrayList<>();
        boolean anyUnit = false;
        for (Label l : s.labels()) {
            if (!l.key().equals(key)) {
                continue;
            }
            if (l.isString()) {
                values.add(l.str());
            } else if (l.isNumeric()) {
                nums.add(l);
                anyUnit |= !l.numUnit().isEmpty();
            }
        }
        for (Label l : nums) {
            values.add(anyUnit ? Measurement.CURRENT.scaledLabel(l.num(), l.numUnit(), "minimum") : Measurement.CURRENT.scaledLabel(l.num(), "", ""));
        }
        return values;
    }

    private static List<String> nonEmpty(List<String> keys) {
        List<String> out = new ArrayList<>(keys.size());
        for (String k : keys) {
            if (!Objects.requireNonNull(k, "key").isEmpty()) {
                out.add(k);
            }
        }
        return out;
    }
}
