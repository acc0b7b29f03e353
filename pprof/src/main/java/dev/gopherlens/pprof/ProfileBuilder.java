package dev.gopherlens.pprof;

import dev.gopherlens.core.Frame;
import dev.gopherlens.core.Stack;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds a {@link Profile} from scratch, for Java tools that produce pprof (from JFR recordings, say). Ids are
 * given out in order from 1; functions and locations made from {@link Frame}s are shared between samples.
 *
 * <pre>{@code
 * Profile p = Profile.builder()
 *         .sampleType("samples", "count").sampleType("cpu", "nanoseconds")
 *         .period("cpu", "nanoseconds", 10_000_000)
 *         .sample(Stack.of(Frame.of("main.work", "main.go", 12), Frame.of("main.main", "main.go", 5)), 1, 10_000_000)
 *         .build();
 * }</pre>
 *
 * <p>Not thread-safe. {@link #build()} checks the result as google/pprof's {@code CheckValid} would.
 */
public final class ProfileBuilder {
    private final List<ValueType> sampleTypes = new ArrayList<>();
    private final List<Sample> samples = new ArrayList<>();
    private final List<Mapping> mappings = new ArrayList<>();
    private final List<Location> locations = new ArrayList<>();
    private final List<Function> functions = new ArrayList<>();
    private final List<String> comments = new ArrayList<>();
    private final Map<List<Object>, Function> functionKeys = new HashMap<>();
    private final Map<List<Object>, Location> locationKeys = new HashMap<>();
    private String defaultSampleType = "";
    private String dropFrames = "";
    private String keepFrames = "";
    private String docUrl = "";
    private ValueType periodType;
    private long period;
    private long timeNanos;
    private long durationNanos;

    ProfileBuilder() {
    }

    /**
     * Adds a sample type; each sample has one value per sample type, in this order.
     *
     * @param type the kind of value, such as {@code cpu}
     * @param unit its unit, such as {@code nanoseconds}
     * @return this builder
     */
    public ProfileBuilder sampleType(String type, String unit) {
        sampleTypes.add(new ValueType(type, unit));
        return this;
    }

    /**
     * Names the sample type reports show by default.
     *
     * @param type a sample type's type
     * @return this builder
     */
    public ProfileBuilder defaultSampleType(String type) {
        defaultSampleType = Objects.requireNonNull(type, "type");
        return this;
    }

    /**
     * Sets the kind and number of events between samples.
     *
     * @param type   the kind of event, such as {@code cpu}
     * @param unit   its unit, such as {@code nanoseconds}
     * @param period the number of events between samples
     * @return this builder
     */
    public ProfileBuilder period(String type, String unit, long period) {
        this.periodType = new ValueType(type, unit);
        this.period = period;
        return this;
    }

    /**
     * Sets when collection started.
     *
     * @param nanos nanoseconds since the Unix epoch
     * @return this builder
     */
    public ProfileBuilder timeNanos(long nanos) {
        this.timeNanos = nanos;
        return this;
    }

    /**
     * Sets how long collection took.
     *
     * @param nanos the duration in nanoseconds
     * @return this builder
     */
    public ProfileBuilder durationNanos(long nanos) {
        this.durationNanos = nanos;
        return this;
    }

    /**
     * Adds a comment.
     *
     * @param comment free-form text
     * @return this builder
     */
    public ProfileBuilder comment(String comment) {
        comments.add(Objects.requireNonNull(comment, "comment"));
        return this;
    }

    /**
     * Sets a URL that documents the profile's type.
     *
     * @param url the URL
     * @return this builder
     */
    public ProfileBuilder docUrl(String url) {
        this.docUrl = Objects.requireNonNull(url, "url");
        return this;
    }

    /**
     * Sets the regular expressions of frames to drop and to keep.
     *
     * @param drop frames to drop, with their callees; empty for none
     * @param keep frames to keep even if they match drop; empty for none
     * @return this builder
     */
    public ProfileBuilder frameFilters(String drop, String keep) {
        this.dropFrames = Objects.requireNonNull(drop, "drop");
        this.keepFrames = Objects.requireNonNull(keep, "keep");
        return this;
    }

    /**
     * Adds a mapping, with the next mapping id; the first is the main binary by convention.
     *
     * @param start   the first mapped address
     * @param limit   the address after the last
     * @param offset  the file offset that start maps
     * @param file    the file
     * @param buildId the build id, may be empty
     * @return the mapping, for {@link #location}
     */
    public Mapping mapping(long start, long limit, long offset, String file, String buildId) {
        Mapping m = new Mapping(mappings.size() + 1L, start, limit, offset, file, buildId, true, true, true, true);
        mappings.add(m);
        return m;
    }

    /**
     * Adds a mapping as it is, its flags included, for readers that know which of them hold; it must carry the next
     * mapping id.
     *
     * @param mapping the mapping
     * @return the mapping, for {@link #location}
     * @throws IllegalArgumentException if its id is not the next one
     */
    public Mapping mapping(Mapping mapping) {
        if (mapping.id() != mappings.size() + 1L) {
            throw new IllegalArgumentException("mapping id " + mapping.id() + " is not the next id, "
                    + (mappings.size() + 1L));
        }
        mappings.add(mapping);
        return mapping;
    }

    /**
     * Returns the function with these names, file and start line, adding it with the next id the first time.
     *
     * @param name       the function's name
     * @param systemName the system's name for it, often the same
     * @param filename   the source file
     * @param startLine  the line it starts at, 0 when unknown
     * @return the function
     */
    public Function function(String name, String systemName, String filename, long startLine) {
        return functionKeys.computeIfAbsent(List.of(name, systemName, filename, startLine), k -> {
            Function f = new Function(functions.size() + 1L, name, systemName, filename, startLine);
            functions.add(f);
            return f;
        });
    }

    /**
     * Adds a location with the next id.
     *
     * @param mapping the mapping it lies in, or null
     * @param address its address, 0 when unknown
     * @param lines   its lines, innermost inlined function first
     * @return the location, for {@link #sample(List, long[], List)}
     */
    public Location location(Mapping mapping, long address, List<Line> lines) {
        Location l = new Location(locations.size() + 1L, mapping, address, lines, false);
        locations.add(l);
        return l;
    }

    /**
     * Adds a sample.
     *
     * @param stack  its locations, leaf first
     * @param values one value per sample type
     * @param labels its labels
     * @return this builder
     */
    public ProfileBuilder sample(List<Location> stack, long[] values, List<Label> labels) {
        samples.add(new Sample(stack, values, labels));
        return this;
    }

    /**
     * Adds a sample whose stack is made of code-location frames, leaf first. Consecutive frames with the same
     * nonzero pc become one location with several lines (inlined calls); equal frames share their location.
     *
     * @param stack  the stack
     * @param values one value per sample type
     * @return this builder
     */
    public ProfileBuilder sample(Stack stack, long... values) {
        List<Location> locs = new ArrayList<>();
        List<Frame> frames = stack.frames();
        for (int i = 0; i < frames.size(); ) {
            int j = i + 1;
            long pc = frames.get(i).pc();
            while (pc != 0 && j < frames.size() && frames.get(j).pc() == pc) {
                j++;
            }
            locs.add(locationOf(frames.subList(i, j)));
            i = j;
        }
        return sample(locs, values, List.of());
    }

    private Location locationOf(List<Frame> group) {
        List<Object> key = new ArrayList<>();
        for (Frame f : group) {
            key.add(f);
        }
        Location known = locationKeys.get(key);
        if (known != null) {
            return known;
        }
        List<Line> lines = new ArrayList<>(group.size());
        for (Frame f : group) {
            lines.add(new Line(function(f.function(), f.function(), f.file(), 0), f.line(), 0));
        }
        Location l = location(null, group.get(0).pc(), lines);
        locationKeys.put(List.copyOf(key), l);
        return l;
    }

    /**
     * Builds the profile.
     *
     * @return the profile
     * @throws IllegalStateException if a sample's value count differs from the number of sample types, or a
     *                               sample refers to a location that was not made by this builder
     */
    public Profile build() {
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            if (s.valueCount() != sampleTypes.size()) {
                throw new IllegalStateException("sample " + i + " has " + s.valueCount() + " values but there are "
                        + sampleTypes.size() + " sample types");
            }
            for (Location l : s.locations()) {
                if (l.id() < 1 || l.id() > locations.size() || !locations.get((int) l.id() - 1).equals(l)) {
                    throw new IllegalStateException("sample " + i + " refers to location " + l.id()
                            + ", which this builder did not make");
                }
            }
        }
        Profile.Parts p = new Profile.Parts();
        p.sampleTypes = sampleTypes;
        p.samples = samples;
        p.mappings = mappings;
        p.locations = locations;
        p.functions = functions;
        p.dropFrames = dropFrames;
        p.keepFrames = keepFrames;
        p.timeNanos = timeNanos;
        p.durationNanos = durationNanos;
        p.periodType = periodType;
        p.period = period;
        p.comments = comments;
        p.defaultSampleType = defaultSampleType;
        p.docUrl = docUrl;
        return new Profile(p);
    }
}
