package dev.gopherlens.pprof;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A whole pprof profile: sample types, samples, and the mappings, locations and functions they refer to, with
 * the profile's period, time, duration and comments. Every field of google/pprof's {@code profile.proto} is here;
 * strings are resolved. Immutable and thread-safe.
 *
 * <p>Read one with {@link Pprof#read}, build one with {@link #builder()}, write one with {@link Pprof#write}.
 */
public final class Profile {
    private final List<ValueType> sampleTypes;
    private final List<Sample> samples;
    private final List<Mapping> mappings;
    private final List<Location> locations;
    private final List<Function> functions;
    private final String dropFrames;
    private final String keepFrames;
    private final long timeNanos;
    private final long durationNanos;
    private final ValueType periodType;
    private final long period;
    private final List<String> comments;
    private final String defaultSampleType;
    private final String docUrl;
    // Built on the first lookup by id: readers that only walk samples never pay for them.
    private volatile Map<Long, Location> locationsById;
    private volatile Map<Long, Function> functionsById;
    private volatile Map<Long, Mapping> mappingsById;

    Profile(Parts p) {
        this.sampleTypes = List.copyOf(p.sampleTypes);
        this.samples = List.copyOf(p.samples);
        this.mappings = List.copyOf(p.mappings);
        this.locations = List.copyOf(p.locations);
        this.functions = List.copyOf(p.functions);
        this.dropFrames = Objects.requireNonNull(p.dropFrames, "dropFrames");
        this.keepFrames = Objects.requireNonNull(p.keepFrames, "keepFrames");
        this.timeNanos = p.timeNanos;
        this.durationNanos = p.durationNanos;
        this.periodType = p.periodType;
        this.period = p.period;
        this.comments = List.copyOf(p.comments);
        this.defaultSampleType = Objects.requireNonNull(p.defaultSampleType, "defaultSampleType");
        this.docUrl = Objects.requireNonNull(p.docUrl, "docUrl");
    }

    private static <T> Map<Long, T> index(List<T> items, java.util.function.ToLongFunction<T> id) {
        Map<Long, T> m = new HashMap<>(Math.max(16, items.size() * 2));
        for (T t : items) {
            m.putIfAbsent(id.applyAsLong(t), t);
        }
        return m;
    }

    /** The mutable fields a profile is made of, filled by the decoder and the builder. */
    static final class Parts {
        List<ValueType> sampleTypes = List.of();
        List<Sample> samples = List.of();
        List<Mapping> mappings = List.of();
        List<Location> locations = List.of();
        List<Function> functions = List.of();
        String dropFrames = "";
        String keepFrames = "";
        long timeNanos;
        long durationNanos;
        ValueType periodType;
        long period;
        List<String> comments = List.of();
        String defaultSampleType = "";
        String docUrl = "";
    }

    /** {@return a builder for a profile made from scratch} */
    public static ProfileBuilder builder() {
        return new ProfileBuilder();
    }

    /** {@return what each value of a sample measures, in order} */
    public List<ValueType> sampleTypes() {
        return sampleTypes;
    }

    /** {@return the samples, in the order of the input} */
    public List<Sample> samples() {
        return samples;
    }

    /** {@return the mappings; the first is the main binary by convention} */
    public List<Mapping> mappings() {
        return mappings;
    }

    /** {@return the locations, in the order of the input} */
    public List<Location> locations() {
        return locations;
    }

    /** {@return the functions, in the order of the input} */
    public List<Function> functions() {
        return functions;
    }

    /**
     * Finds a location by its id.
     *
     * @param id the location's id
     * @return the location, or empty
     */
    public Optional<Location> location(long id) {
        Map<Long, Location> m = locationsById;
        if (m == null) {
            m = index(locations, Location::id);
            locationsById = m;
        }
        return Optional.ofNullable(m.get(id));
    }

    /**
     * Finds a function by its id.
     *
     * @param id the function's id
     * @return the function, or empty
     */
    public Optional<Function> function(long id) {
        Map<Long, Function> m = functionsById;
        if (m == null) {
            m = index(functions, Function::id);
            functionsById = m;
        }
        return Optional.ofNullable(m.get(id));
    }

    /**
     * Finds a mapping by its id.
     *
     * @param id the mapping's id
     * @return the mapping, or empty
     */
    public Optional<Mapping> mapping(long id) {
        return Optional.ofNullable(mappingsById().get(id));
    }

    private Map<Long, Mapping> mappingsById() {
        Map<Long, Mapping> m = mappingsById;
        if (m == null) {
            m = index(mappings, Mapping::id);
            mappingsById = m;
        }
        return m;
    }

    /** {@return the regular expression of frames to drop, empty when none} */
    public String dropFrames() {
        return dropFrames;
    }

    /** {@return the regular expression of frames to keep even if they match {@link #dropFrames()}, or empty} */
    public String keepFrames() {
        return keepFrames;
    }

    /** {@return when collection started, in nanoseconds since the Unix epoch, 0 when unknown} */
    public long timeNanos() {
        return timeNanos;
    }

    /** {@return how long collection took, in nanoseconds, 0 when unknown} */
    public long durationNanos() {
        return durationNanos;
    }

    /** {@return the kind of events between samples, or empty when the profile names none} */
    public Optional<ValueType> periodType() {
        return Optional.ofNullable(periodType);
    }

    /** {@return the number of events between samples, 0 when unknown} */
    public long period() {
        return period;
    }

    /** {@return free-form comments} */
    public List<String> comments() {
        return comments;
    }

    /** {@return the name of the preferred sample type, empty when the last one is meant} */
    public String defaultSampleType() {
        return defaultSampleType;
    }

    /** {@return a URL documenting the profile's type, empty when none} */
    public String docUrl() {
        return docUrl;
    }

    /**
     * Returns the index of the sample type that reports show by default: the one named by
     * {@link #defaultSampleType()}, else the last one, as {@code go tool pprof} chooses.
     *
     * @return the index, or -1 when there are no sample types
     */
    public int defaultSampleTypeIndex() {
        for (int i = 0; i < sampleTypes.size(); i++) {
            if (!defaultSampleType.isEmpty() && sampleTypes.get(i).type().equals(defaultSampleType)) {
                return i;
            }
        }
        return sampleTypes.size() - 1;
    }

    /**
     * Returns a profile whose locations are replaced, one by one: what a symbolizer does to fill in the functions
     * and lines of bare addresses. Each replacement keeps its location's id; the samples refer to the
     * replacements. The function table keeps the functions still referred to, in their order, then adds new ones
     * in the order first met; a mapping a replacement refers to takes the place of the mapping with its id, or is
     * added after the existing ones.
     *
     * @param replace gives each location's replacement, with the same id
     * @return the new profile; this one is unchanged
     * @throws IllegalArgumentException if a replacement has another id
     */
    public Profile mapLocations(java.util.function.UnaryOperator<Location> replace) {
        Map<Long, Location> replaced = new HashMap<>();
        List<Location> newLocations = new java.util.ArrayList<>(locations.size());
        java.util.LinkedHashMap<Long, Function> newFunctions = new java.util.LinkedHashMap<>();
        java.util.LinkedHashMap<Long, Mapping> newMappings = new java.util.LinkedHashMap<>();
        for (Mapping m : mappings) {
            newMappings.put(m.id(), m);
        }
        for (Location l : locations) {
            Location r = Objects.requireNonNull(replace.apply(l), "replacement");
            if (r.id() != l.id()) {
                throw new IllegalArgumentException("replacement of location " + l.id() + " has id " + r.id());
            }
            replaced.put(l.id(), r);
            newLocations.add(r);
            if (r.mapping() != null) {
                newMappings.put(r.mapping().id(), r.mapping());
            }
            for (Line ln : r.lines()) {
                if (ln.function() != null) {
                    newFunctions.putIfAbsent(ln.function().id(), ln.function());
                }
            }
        }
        List<Sample> newSamples = new java.util.ArrayList<>(samples.size());
        for (Sample s : samples) {
            List<Location> locs = new java.util.ArrayList<>(s.locations().size());
            for (Location l : s.locations()) {
                locs.add(replaced.get(l.id()));
            }
            newSamples.add(new Sample(locs, s.values(), s.labels()));
        }
        Parts p = Compaction.parts(this);
        p.samples = newSamples;
        p.locations = newLocations;
        List<Function> fs = new java.util.ArrayList<>(newFunctions.size());
        for (Function f : functions) {
            if (newFunctions.remove(f.id()) != null) {
                fs.add(f);
            }
        }
        fs.addAll(newFunctions.values());
        p.functions = fs;
        p.mappings = List.copyOf(newMappings.values());
        return new Profile(p);
    }

    /**
     * Returns a profile in which one mapping is replaced by another with the same id, and the locations in it
     * point to the replacement.
     *
     * @param mapping the replacement
     * @return the new profile; this one is unchanged
     * @throws IllegalArgumentException if the profile has no mapping with that id
     */
    public Profile withMapping(Mapping mapping) {
        if (!mappingsById().containsKey(mapping.id())) {
            throw new IllegalArgumentException("the profile has no mapping " + mapping.id());
        }
        Profile p = mapLocations(l -> l.mapping() != null && l.mapping().id() == mapping.id()
                ? new Location(l.id(), mapping, l.address(), l.lines(), l.isFolded()) : l);
        Parts parts = Compaction.parts(p);
        List<Mapping> ms = new java.util.ArrayList<>(p.mappings);
        ms.replaceAll(m -> m.id() == mapping.id() ? mapping : m);
        parts.mappings = ms;
        return new Profile(parts);
    }

    /**
     * Returns the reports of {@code go tool pprof} over this profile with its default options: {@code top},
     * {@code traces}, {@code tree}, {@code peek}, DOT, callgrind and folded stacks.
     *
     * @return the reports
     * @throws IllegalArgumentException if the profile has no sample types
     */
    public Report report() {
        return Report.of(this, ReportOptions.defaults());
    }

    /**
     * Returns the reports of {@code go tool pprof} over this profile.
     *
     * @param options the sample value, granularity, trimming and layout to use
     * @return the reports
     * @throws IllegalArgumentException if the profile has no sample types or the sample index names none of them
     */
    public Report report(ReportOptions options) {
        return Report.of(this, options);
    }

    /**
     * Returns the flat profile with the default options, like {@code go tool pprof -top}.
     *
     * @return the report
     * @throws IllegalArgumentException if the profile has no sample types
     */
    public TopReport top() {
        return report().top();
    }

    /**
     * Merges the profile with itself, as google/pprof's {@code Profile.Compact} does: samples whose values are all
     * zero are dropped, samples with the same stack and labels become one with their values added, and only the
     * mappings, locations and functions still in use remain, renumbered from 1 in the order of first use; comments
     * repeated are kept once.
     *
     * @return the compacted profile; this one is unchanged
     */
    public Profile compact() {
        return Compaction.compact(this);
    }

    // Operations as go tool pprof's (issue #5). Each returns a new profile; the names follow pprof's flags. They
    // keep ids and tables as google/pprof does (what go tool pprof -raw shows) except the merges, which renumber.
    // pprof applies them in this order: merge, normalize, subtractBase/diffBase, removeUninteresting,
    // tagRootsAndLeaves, focus, ignore, hide, show, showFrom, tagFocus, tagIgnore, tagShow/tagHide, pruneFrom, then
    // aggregate/noInlines; calling them in that order (tag filters given the first profile's numLabelUnits) gives
    // its result.

    /**
     * Resolves a sample type as {@code go tool pprof -sample_index} does: empty means {@link #defaultSampleType()}
     * or else the last; a number is an index; a name is a type, {@code inuse_space} also naming {@code space} and
     * {@code inuse_objects} {@code objects} (pprof's legacy names).
     *
     * @param spec a type name, an index, or empty
     * @return the index of the sample type
     * @throws IllegalArgumentException if there is no such sample type; the message lists the valid names
     */
    public int sampleIndex(String spec) {
        Objects.requireNonNull(spec, "spec");
        if (spec.isEmpty()) {
            return defaultSampleTypeIndex();
        }
        List<String> names = sampleTypes.stream().map(ValueType::type).toList();
        if (spec.matches("[+-]?[0-9]+")) {
            int i;
            try {
                i = Integer.parseInt(spec);
            } catch (NumberFormatException e) {
                i = -1;
            }
            if (i < 0 || i >= sampleTypes.size()) {
                throw new IllegalArgumentException("sample_index " + spec + " is outside the range [0.."
                        + (sampleTypes.size() - 1) + "]; the sample types are " + names);
            }
            return i;
        }
        String noInuse = spec.startsWith("inuse_") ? spec.substring("inuse_".length()) : spec;
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equals(spec) || names.get(i).equals(noInuse)) {
                return i;
            }
        }
        throw new IllegalArgumentException("sample_index \"" + spec + "\" must be one of: " + names);
    }

    /**
     * Keeps the samples with a frame that matches, as {@code -focus}: a location matches when the name or file of
     * one of its functions, or its mapping's file, contains a match. Samples without locations go.
     *
     * @param regex a regular expression, found anywhere in the name: Go's syntax as far as
     *              {@link java.util.regex.Pattern} shares it, with Go's {@code [[:alpha:]]} classes and
     *              {@code (?P<name>)} groups translated
     * @return the filtered profile; this one is unchanged
     * @throws IllegalArgumentException if the expression is not valid
     */
    public Profile focus(String regex) {
        return NameFilter.byName(this, NameFilter.compile("focus", regex), null, null, null);
    }

    /**
     * Drops the samples with a frame that matches, as {@code -ignore}; samples without locations go too.
     *
     * @param regex a regular expression, matched as by {@link #focus}
     * @return the filtered profile; this one is unchanged
     * @throws IllegalArgumentException if the expression is not valid
     */
    public Profile ignore(String regex) {
        return NameFilter.byName(this, null, NameFilter.compile("ignore", regex), null, null);
    }

    /**
     * Removes the frames that match from every location (all of it when its mapping's file matches), and from the
     * samples the locations left without frames, as {@code -hide}; samples left without locations go.
     *
     * @param regex a regular expression, matched as by {@link #focus}
     * @return the filtered profile; this one is unchanged
     * @throws IllegalArgumentException if the expression is not valid
     */
    public Profile hide(String regex) {
        return NameFilter.byName(this, null, null, NameFilter.compile("hide", regex), null);
    }

    /**
     * Keeps only the frames that match (and those without a function), as {@code -show}; the opposite of
     * {@link #hide}.
     *
     * @param regex a regular expression, matched as by {@link #focus}
     * @return the filtered profile; this one is unchanged
     * @throws IllegalArgumentException if the expression is not valid
     */
    public Profile show(String regex) {
        return NameFilter.byName(this, null, null, null, NameFilter.compile("show", regex));
    }

    /**
     * Drops the callers of the outermost frame that matches, as {@code -show_from}; samples without a match go.
     *
     * @param regex a regular expression, matched as by {@link #focus}
     * @return the filtered profile; this one is unchanged
     * @throws IllegalArgumentException if the expression is not valid
     */
    public Profile showFrom(String regex) {
        return NameFilter.showFrom(this, NameFilter.compile("show_from", regex));
    }

    /**
     * Drops the callees of the innermost frame that matches, as {@code -prune_from}. Function names are matched
     * after google/pprof's simplification (a leading dot and everything from the first parenthesis cut).
     *
     * @param regex a regular expression
     * @return the pruned profile; this one is unchanged
     * @throws IllegalArgumentException if the expression is not valid
     */
    public Profile pruneFrom(String regex) {
        return Pruning.pruneFrom(this, NameFilter.compile("prune_from", regex));
    }

    /**
     * Drops, in each sample, the callees of the first frame from the root (after one that does not match) whose
     * simplified function name matches {@code drop} and not {@code keep}, as google/pprof's {@code Prune}.
     *
     * @param drop a regular expression, found anywhere in the name
     * @param keep a regular expression of names to keep anyway, or empty for none
     * @return the pruned profile; this one is unchanged
     * @throws IllegalArgumentException if an expression is not valid
     */
    public Profile prune(String drop, String keep) {
        Objects.requireNonNull(keep, "keep");
        return Pruning.prune(this, NameFilter.compile("drop", drop),
                keep.isEmpty() ? null : NameFilter.compile("keep", keep));
    }

    /**
     * Prunes by the profile's own {@link #dropFrames()} and {@link #keepFrames()}, matched as whole names, as
     * {@code go tool pprof} does to every profile it reads (google/pprof's {@code RemoveUninteresting}).
     *
     * @return the pruned profile, or this one when it has no drop_frames
     * @throws IllegalArgumentException if drop_frames or keep_frames is not a valid regular expression
     */
    public Profile removeUninteresting() {
        return Pruning.removeUninteresting(this);
    }

    /**
     * Keeps the samples whose labels the filter selects, as {@code -tagfocus}: {@code [KEY=]VALUE} where VALUE is a
     * number with an optional unit or a range of them ({@code bytes=1kb:2mb}, {@code 64kb:}, {@code :1kb},
     * {@code 2688}) over numeric labels, or else comma-separated regular expressions over string labels
     * ({@code stage=cpu}; without a key each must be found in some {@code key:value}). Numbers are read in the unit
     * of their key given by this profile's {@link #numLabelUnits()}.
     *
     * @param filter the filter
     * @return the filtered profile; this one is unchanged
     * @throws IllegalArgumentException if the filter is empty or holds an invalid expression or number
     */
    public Profile tagFocus(String filter) {
        return tagFocus(filter, numLabelUnits());
    }

    /**
     * Keeps the samples whose labels the filter selects, reading numbers in given units: {@code go tool pprof} takes
     * them from the profile before any filter, so {@code p.focus(f).tagFocus(t, p.numLabelUnits())} is what it does.
     *
     * @param filter        the filter, as for {@link #tagFocus(String)}
     * @param numLabelUnits the unit of each numeric label key
     * @return the filtered profile; this one is unchanged
     * @throws IllegalArgumentException if the filter is empty or holds an invalid expression or number
     */
    public Profile tagFocus(String filter, Map<String, String> numLabelUnits) {
        return TagFilter.filter(this, "tagfocus", filter, true, numLabelUnits);
    }

    /**
     * Drops the samples whose labels the filter selects, as {@code -tagignore}; the filter reads as in
     * {@link #tagFocus(String)}.
     *
     * @param filter the filter
     * @return the filtered profile; this one is unchanged
     * @throws IllegalArgumentException if the filter is empty or holds an invalid expression or number
     */
    public Profile tagIgnore(String filter) {
        return tagIgnore(filter, numLabelUnits());
    }

    /**
     * Drops the samples whose labels the filter selects, reading numbers in given units, as
     * {@link #tagFocus(String, Map)}.
     *
     * @param filter        the filter, as for {@link #tagFocus(String)}
     * @param numLabelUnits the unit of each numeric label key
     * @return the filtered profile; this one is unchanged
     * @throws IllegalArgumentException if the filter is empty or holds an invalid expression or number
     */
    public Profile tagIgnore(String filter, Map<String, String> numLabelUnits) {
        return TagFilter.filter(this, "tagignore", filter, false, numLabelUnits);
    }

    /**
     * Returns the unit of each numeric label key as google/pprof's {@code NumLabelUnits} decides it: the first unit
     * any of its values has, else {@code bytes} for {@code alignment} and {@code request}, else the key itself.
     *
     * @return key to unit; unmodifiable
     */
    public Map<String, String> numLabelUnits() {
        return Map.copyOf(TagFilter.numLabelUnits(this));
    }

    /**
     * Keeps only the labels whose keys match, as {@code -tagshow}.
     *
     * @param regex a regular expression, found anywhere in the key
     * @return the profile with fewer labels; this one is unchanged
     * @throws IllegalArgumentException if the expression is not valid
     */
    public Profile tagShow(String regex) {
        return TagFilter.byKey(this, NameFilter.compile("tagshow", regex), null);
    }

    /**
     * Removes the labels whose keys match, as {@code -taghide}.
     *
     * @param regex a regular expression, found anywhere in the key
     * @return the profile with fewer labels; this one is unchanged
     * @throws IllegalArgumentException if the expression is not valid
     */
    public Profile tagHide(String regex) {
        return TagFilter.byKey(this, null, NameFilter.compile("taghide", regex));
    }

    /**
     * Adds frames made from labels at the root and the leaf of every sample, as {@code -tagroot} and {@code -tagleaf}
     * (which pprof applies before its filters, so that they can match them): per key, a location whose one line is a
     * function named after the sample's values for the key (joined by commas, numbers scaled to the smallest fitting
     * unit, empty when it has none) with the key as file name; the first root key nearest the root, the last leaf key
     * nearest the leaf. New locations and functions are numbered after the largest ids, once per (values, key).
     *
     * @param rootKeys label keys for frames at the root; empty strings are skipped
     * @param leafKeys label keys for frames at the leaf; empty strings are skipped
     * @return the profile with the new frames, or this one when there are no keys
     */
    public Profile tagRootsAndLeaves(List<String> rootKeys, List<String> leafKeys) {
        return LabelFrames.add(this, rootKeys, leafKeys);
    }

    /**
     * Clears what a granularity does not tell apart, as {@code go tool pprof -granularity} does before a report:
     * function names, file names, line numbers, columns (except at {@link Granularity#ADDRESSES}) or addresses, with
     * the mappings' flags lowered to match. Ids and tables stay; {@link #compact()} then joins locations that
     * became equal.
     *
     * @param granularity what to keep apart
     * @return the aggregated profile; this one, unchanged, for {@link Granularity#ADDRESSES}
     */
    public Profile aggregate(Granularity granularity) {
        return Aggregation.aggregate(this, Objects.requireNonNull(granularity, "granularity"));
    }

    /**
     * Keeps only the outermost line of each location, forgetting inlined calls, as {@code -noinlines}; with
     * {@link #aggregate} in either order it gives pprof's {@code -noinlines -granularity=...}.
     *
     * @return the profile without inlined frames; this one is unchanged
     */
    public Profile noInlines() {
        return Aggregation.noInlines(this);
    }

    /**
     * Merges profiles as google/pprof's {@code Merge} (what {@code go tool pprof a.pprof b.pprof} does): header
     * fields combined (earliest time, summed durations, largest period, comments once each), samples with equal
     * stacks and labels summed, zero samples dropped, and equal mappings, locations and functions unified and
     * renumbered from 1.
     *
     * @param profiles the profiles, at least one
     * @return the merged profile
     * @throws IllegalArgumentException if the list is empty or the profiles' sample types or period types differ
     */
    public static Profile merge(List<Profile> profiles) {
        return Merging.merge(profiles);
    }

    /**
     * Combines profiles as {@code go tool pprof a.pprof b.pprof} does before merging them: only the sample types all
     * of them have are kept, in the first one's order (the default sample type falls back to the first kept), values
     * and periods in units of one kind are converted to the finest of them ({@code cpu/microseconds} and
     * {@code cpu/nanoseconds} become nanoseconds), then several profiles are {@link #merge merged}; one is returned
     * as it is.
     *
     * @param profiles the profiles, at least one
     * @return the combined profile
     * @throws IllegalArgumentException if the list is empty, no sample type is common to all, types are
     *                                  incompatible, or the merge refuses them
     */
    public static Profile combine(List<Profile> profiles) {
        return Combining.combine(profiles);
    }

    /**
     * Multiplies every value by a ratio, rounding half away from zero, and drops the samples left all zero, as
     * google/pprof's {@code Scale}.
     *
     * @param ratio the factor; 1 changes nothing
     * @return the scaled profile; this one is unchanged
     */
    public Profile scale(double ratio) {
        double[] ratios = new double[sampleTypes.size()];
        java.util.Arrays.fill(ratios, ratio);
        return Scaling.scale(this, ratios);
    }

    /**
     * Multiplies each value by the ratio of its sample type, as google/pprof's {@code ScaleN}; a sample goes when
     * every scaled value is zero.
     *
     * @param ratios one factor per sample type
     * @return the scaled profile; this one is unchanged
     * @throws IllegalArgumentException if there are not as many ratios as sample types
     */
    public Profile scale(double[] ratios) {
        return Scaling.scale(this, ratios.clone());
    }

    /**
     * Scales each value so that the total of each sample type equals the base's, as {@code -normalize}
     * (google/pprof's {@code Normalize}); a type whose total is zero here scales by 0. As in google/pprof, a sample
     * is kept only when one of the values whose ratio is not 1 stays nonzero, so a profile with a zero total in one
     * type and equal totals in the others loses every sample.
     *
     * @param base the profile to match
     * @return the scaled profile; this one is unchanged
     * @throws IllegalArgumentException if the sample or period types differ
     */
    public Profile normalize(Profile base) {
        return Scaling.normalize(this, base);
    }

    /**
     * Subtracts a base profile, as {@code go tool pprof -base}: the base negated and {@link #combine combined} with
     * this one.
     *
     * @param base the profile to subtract
     * @return the difference
     * @throws IllegalArgumentException if the profiles cannot be combined
     */
    public Profile subtractBase(Profile base) {
        return Scaling.subtractBase(this, base);
    }

    /**
     * Compares with a base profile, as {@code go tool pprof -diff_base}: the base's samples labelled
     * {@code pprof::base=true}, negated and {@link #combine combined} with this one, so that reports can show each
     * side.
     *
     * @param base the profile to compare with
     * @return the profile with both sides
     * @throws IllegalArgumentException if the profiles cannot be combined
     */
    public Profile diffBase(Profile base) {
        return Scaling.diffBase(this, base);
    }

    /**
     * Prints the profile as {@code go tool pprof -raw} does, in the layout of the newest Go toolchain.
     *
     * @return the text, one line per sample, location and mapping
     */
    public String toRawText() {
        return RawText.format(this, RawText.Style.CURRENT);
    }

    /**
     * Prints the profile as {@code go tool pprof -raw} of a given Go toolchain does.
     *
     * @param style the layout
     * @return the text
     */
    public String toRawText(RawText.Style style) {
        return RawText.format(this, style);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Profile p && timeNanos == p.timeNanos && durationNanos == p.durationNanos
                && period == p.period && sampleTypes.equals(p.sampleTypes) && samples.equals(p.samples)
                && mappings.equals(p.mappings) && locations.equals(p.locations) && functions.equals(p.functions)
                && dropFrames.equals(p.dropFrames) && keepFrames.equals(p.keepFrames)
                && Objects.equals(periodType, p.periodType) && comments.equals(p.comments)
                && defaultSampleType.equals(p.defaultSampleType) && docUrl.equals(p.docUrl);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sampleTypes, samples.size(), locations.size(), timeNanos, durationNanos, period);
    }

    /** {@return a one-line summary: sample types, counts, period and duration} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Profile[");
        sb.append(sampleTypes).append(", ").append(samples.size()).append(" samples, ")
                .append(locations.size()).append(" locations, ").append(functions.size()).append(" functions, ")
                .append(mappings.size()).append(" mappings");
        if (periodType != null) {
            sb.append(", period ").append(period).append(' ').append(periodType.unit());
        }
        if (durationNanos != 0) {
            sb.append(", duration ").append(durationNanos / 1_000_000).append("ms");
        }
        return sb.append(']').toString();
    }
}
