package dev.gopherlens.pprof;

import dev.gopherlens.core.Frame;
import dev.gopherlens.core.Stack;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One sample of a profile: a stack of locations (leaf first), one value per sample type, and labels. Immutable
 * and thread-safe.
 */
public final class Sample {
    private final List<Location> locations;
    private final long[] values;
    private final List<Label> labels;

    /**
     * Makes a sample.
     *
     * @param locations the stack, leaf first; copied
     * @param values    one value per sample type of the profile; copied
     * @param labels    the labels; copied
     */
    public Sample(List<Location> locations, long[] values, List<Label> labels) {
        this(List.copyOf(locations), values.clone(), List.copyOf(labels), true);
    }

    /** For the decoder, which hands over arrays and lists that nobody else holds. */
    Sample(List<Location> locations, long[] values, List<Label> labels, boolean owned) {
        this.locations = locations;
        this.values = Objects.requireNonNull(values, "values");
        this.labels = labels;
    }

    /** {@return the stack, leaf first} */
    public List<Location> locations() {
        return locations;
    }

    /** {@return how many values there are: one per sample type} */
    public int valueCount() {
        return values.length;
    }

    /**
     * Returns one value.
     *
     * @param index the sample type's index
     * @return the value
     * @throws IndexOutOfBoundsException if there is no such value
     */
    public long value(int index) {
        return values[index];
    }

    /** {@return a copy of the values, one per sample type} */
    public long[] values() {
        return values.clone();
    }

    /** {@return the labels, as stored} */
    public List<Label> labels() {
        return labels;
    }

    /** {@return the string labels, key to values in order, as google/pprof reads them} */
    public Map<String, List<String>> stringLabels() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Label l : labels) {
            if (l.isString()) {
                out.computeIfAbsent(l.key(), k -> new ArrayList<>()).add(l.str());
            }
        }
        out.replaceAll((k, v) -> List.copyOf(v));
        return Map.copyOf(out);
    }

    /** {@return the numeric labels, key to values in order, as google/pprof reads them} */
    public Map<String, List<Long>> numericLabels() {
        Map<String, List<Long>> out = new LinkedHashMap<>();
        for (Label l : labels) {
            if (l.isNumeric()) {
                out.computeIfAbsent(l.key(), k -> new ArrayList<>()).add(l.num());
            }
        }
        out.replaceAll((k, v) -> List.copyOf(v));
        return Map.copyOf(out);
    }

    /** {@return the stack as code-location frames, leaf first, inlined frames expanded} */
    public Stack stack() {
        List<Frame> frames = new ArrayList<>();
        for (Location l : locations) {
            frames.addAll(l.frames());
        }
        return new Stack(frames);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sample s && Arrays.equals(values, s.values) && locations.equals(s.locations)
                && labels.equals(s.labels);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values) * 31 + locations.hashCode() * 17 + labels.hashCode();
    }

    /** {@return the values, location ids and labels, as {@code go tool pprof -raw} lists them} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (long v : values) {
            sb.append(v).append(' ');
        }
        sb.append(':');
        for (Location l : locations) {
            sb.append(' ').append(l.id());
        }
        if (!labels.isEmpty()) {
            sb.append(' ').append(labels);
        }
        return sb.toString();
    }
}
