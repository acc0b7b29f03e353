package dev.gopherlens.pprof;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Scales sample values and marks samples, as google/pprof's {@code Scale}, {@code ScaleN}, {@code Normalize} and
 * {@code SetLabel} (profile/profile.go, profile/merge.go), and joins a profile with a base as {@code go tool pprof}'s
 * {@code -base} and {@code -diff_base} (internal/driver/fetch.go). Stateless.
 */
final class Scaling {
    /** The label {@code -diff_base} gives to the base's samples, which reports then treat apart. */
    static final String BASE_LABEL = "pprof::base";

    private Scaling() {
    }

    /**
     * Multiplies each value by its ratio, rounded half away from zero, keeping only the samples with a nonzero
     * value among those scaled (an all-ones list changes nothing).
     */
    static Profile scale(Profile p, double[] ratios) {
        Objects.requireNonNull(ratios, "ratios");
        if (ratios.length != p.sampleTypes().size()) {
            throw new IllegalArgumentException("mismatched scale ratios, got " + ratios.length + ", want "
                    + p.sampleTypes().size());
        }
        boolean allOnes = true;
        for (double r : ratios) {
            allOnes &= r == 1;
        }
        if (allOnes) {
            return p;
        }
        List<Sample> kept = new ArrayList<>(p.samples().size());
        for (Sample s : p.samples()) {
            long[] values = s.values();
            boolean keep = false;
            for (int i = 0; i < values.length && i < ratios.length; i++) {
                if (ratios[i] != 1) {
                    values[i] = roundHalfAwayFromZero(values[i] * ratios[i]);
                    keep |= values[i] != 0;
                }
            }
            if (keep) {
                kept.add(new Sample(s.locations(), values, s.labels(), true));
            }
        }
        return Rewrite.samples(p, kept);
    }

    /** Go's {@code math.Round}: halves go away from zero (Java's {@code Math.round} sends them up). */
    static long roundHalfAwayFromZero(double x) {
        return x < 0 ? -Math.round(-x) : Math.round(x);
    }

    /** Scales a profile so that each value's total equals the base's total for that sample type. */
    static Profile normalize(Profile p, Profile base) {
        Merging.checkCompatible(p, base);
        int n = p.sampleTypes().size();
        long[] baseSums = sums(base, n);
        long[] srcSums = sums(p, n);
        double[] ratios = new double[n];
        for (int i = 0; i < n; i++) {
            ratios[i] = srcSums[i] == 0 ? 0.0 : (double) baseSums[i] / (double) srcSums[i];
        }
        return scale(p, ratios);
    }

    private static long[] sums(Profile p, int n) {
        long[] sums = new long[n];
        for (Sample s : p.samples()) {
            for (int i = 0; i < s.valueCount() && i < n; i++) {
                sums[i] += s.value(i);
            }
        }
        return sums;
    }

    /** Gives every sample the string label {@code key=value}, replacing the values it had for that key. */
    static Profile setLabel(Profile p, String key, String value) {
        Label label = Label.of(key, value);
        List<Sample> out = new ArrayList<>(p.samples().size());
        for (Sample s : p.samples()) {
            List<Label> labels = new ArrayList<>(s.labels().size() + 1);
            for (Label l : s.labels()) {
                if (!(l.isString() && l.key().equals(key))) {
                    labels.add(l);
                }
            }
            labels.add(label);
            out.add(new Sample(s.locations(), s.values(), List.copyOf(labels), true));
        }
        return Rewrite.samples(p, out);
    }

    /** {@code -base}: the base negated and combined with the profile as the driver combines profiles. */
    static Profile subtractBase(Profile p, Profile base) {
        return Combining.combine(List.of(p, negate(base)));
    }

    /** {@code -diff_base}: the base labelled {@value #BASE_LABEL}, negated and combined with the profile. */
    static Profile diffBase(Profile p, Profile base) {
        return Combining.combine(List.of(p, negate(setLabel(base, BASE_LABEL, "true"))));
    }

    private static Profile negate(Profile p) {
        double[] minusOne = new double[p.sampleTypes().size()];
        Arrays.fill(minusOne, -1);
        return scale(p, minusOne);
    }
}
