package dev.gopherlens.pprof;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Joins the profiles {@code go tool pprof} is given as its driver does (internal/driver/fetch.go,
 * {@code combineProfiles}): only the sample types all of them have are kept, in the first profile's order
 * (google/pprof's {@code CompatibilizeSampleTypes}); units of one kind are converted to the finest among them
 * (internal/measurement's {@code ScaleProfiles}); then, for more than one profile, {@link Merging}. Stateless.
 */
final class Combining {
    private Combining() {
    }

    /**
     * Combines profiles.
     *
     * @throws IllegalArgumentException if the list is empty, the profiles have no sample type in common, or their
     *                                  types cannot be brought to common units
     */
    static Profile combine(List<Profile> profiles) {
        Objects.requireNonNull(profiles, "profiles");
        if (profiles.isEmpty()) {
            throw new IllegalArgumentException("no profiles to combine");
        }
        List<Profile> ps = compatibilize(profiles);
        ps = scaleUnits(ps);
        return ps.size() == 1 ? ps.get(0) : Merging.merge(ps);
    }

    /** google/pprof's {@code CompatibilizeSampleTypes}. */
    private static List<Profile> compatibilize(List<Profile> profiles) {
        Map<String, Integer> seen = new HashMap<>();
        for (Profile p : profiles) {
            for (ValueType t : p.sampleTypes()) {
                seen.merge(t.type(), 1, Integer::sum);
            }
        }
        List<String> common = new ArrayList<>();
        for (ValueType t : profiles.get(0).sampleTypes()) {
            if (seen.get(t.type()) == profiles.size()) {
                common.add(t.type());
            }
        }
        if (common.isEmpty()) {
            throw new IllegalArgumentException("profiles have empty common sample type list");
        }
        List<Profile> out = new ArrayList<>(profiles.size());
        for (Profile p : profiles) {
            out.add(keepTypes(p, common));
        }
        return out;
    }

    private static Profile keepTypes(Profile p, List<String> types) {
        String defaultType = types.get(0);
        int[] from = new int[types.size()];
        boolean reorder = false;
        for (int i = 0; i < types.size(); i++) {
            if (types.get(i).equals(p.defaultSampleType())) {
                defaultType = p.defaultSampleType();
            }
            from[i] = -1;
            for (int k = 0; k < p.sampleTypes().size(); k++) {
                if (p.sampleTypes().get(k).type().equals(types.get(i))) {
                    from[i] = k;
                    break;
                }
            }
            if (from[i] < 0) {
                throw new IllegalArgumentException("\"" + types.get(i) + "\" sample type is not found in profile");
            }
            reorder |= from[i] != i;
        }
        if (!reorder && types.size() == p.sampleTypes().size()) {
            return p;
        }
        List<ValueType> sampleTypes = new ArrayList<>(types.size());
        for (int k : from) {
            sampleTypes.add(p.sampleTypes().get(k));
        }
        List<Sample> samples = new ArrayList<>(p.samples().size());
        for (Sample s : p.samples()) {
            long[] values = new long[from.length];
            for (int i = 0; i < from.length; i++) {
                values[i] = s.value(from[i]);
            }
            samples.add(new Sample(s.locations(), values, s.labels(), true));
        }
        Profile.Parts parts = Compaction.parts(p);
        parts.sampleTypes = sampleTypes;
        parts.samples = samples;
        parts.defaultSampleType = defaultType;
        return new Profile(parts);
    }

    /** internal/measurement's {@code ScaleProfiles}: period and values converted to the finest unit of each type. */
    private static List<Profile> scaleUnits(List<Profile> profiles) {
        List<ValueType> periodTypes = new ArrayList<>();
        for (Profile p : profiles) {
            p.periodType().ifPresent(periodTypes::add);
        }
        ValueType periodType = commonValueType(periodTypes, "period type");
        int n = profiles.get(0).sampleTypes().size();
        for (Profile p : profiles) {
            if (p.sampleTypes().size() != n) {
                throw new IllegalArgumentException("inconsistent samples type count: " + n + " != "
                        + p.sampleTypes().size());
            }
        }
        ValueType[] common = new ValueType[n];
        for (int i = 0; i < n; i++) {
            List<ValueType> ts = new ArrayList<>(profiles.size());
            for (Profile p : profiles) {
                ts.add(p.sampleTypes().get(i));
            }
            common[i] = commonValueType(ts, "sample types");
        }
        if (periodType == null && java.util.Arrays.stream(common).allMatch(Objects::isNull)) {
            return profiles;
        }
        List<Profile> out = new ArrayList<>(profiles.size());
        for (Profile p : profiles) {
            Profile.Parts parts = Compaction.parts(p);
            if (parts.periodType != null && periodType != null) {
                // Go converts the scaled period to int64, truncating.
                parts.period = (long) Measurement.CURRENT.scale(p.period(), parts.periodType.unit(), periodType.unit()).value();
                parts.periodType = new ValueType(parts.periodType.type(), periodType.unit());
            }
            double[] ratios = new double[n];
            List<ValueType> types = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                ValueType st = p.sampleTypes().get(i);
                if (common[i] == null) {
                    ratios[i] = 1;
                    types.add(st);
                } else {
                    ratios[i] = Measurement.CURRENT.scale(1, st.unit(), common[i].unit()).value();
                    types.add(new ValueType(st.type(), common[i].unit()));
                }
            }
            parts.sampleTypes = types;
            out.add(Scaling.scale(new Profile(parts), ratios));
        }
        return out;
    }

    /** internal/measurement's {@code CommonValueType}: the finest of compatible types, or null for one or none. */
    private static ValueType commonValueType(List<ValueType> ts, String what) {
        if (ts.size() <= 1) {
            return null;
        }
        ValueType min = ts.get(0);
        for (int i = 1; i < ts.size(); i++) {
            ValueType t = ts.get(i);
            if (!compatible(min, t)) {
                throw new IllegalArgumentException(what + ": incompatible types: " + min + " " + t);
            }
            if (Measurement.CURRENT.scale(1, t.unit(), min.unit()).value() < 1) {
                min = t;
            }
        }
        return min;
    }

    private static boolean compatible(ValueType a, ValueType b) {
        if (!trimS(a.type()).equals(trimS(b.type()))) {
            return false;
        }
        return a.unit().equals(b.unit()) || Measurement.sameKind(a.unit(), b.unit());
    }

    private static String trimS(String s) {
        return s.endsWith("s") ? s.substring(0, s.length() - 1) : s;
    }
}
