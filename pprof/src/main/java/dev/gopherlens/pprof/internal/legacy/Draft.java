package dev.gopherlens.pprof.internal.legacy;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.pprof.Function;
import dev.gopherlens.pprof.Label;
import dev.gopherlens.pprof.Line;
import dev.gopherlens.pprof.Location;
import dev.gopherlens.pprof.Mapping;
import dev.gopherlens.pprof.Profile;
import dev.gopherlens.pprof.ProfileBuilder;
import dev.gopherlens.pprof.ValueType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A profile while a legacy reader builds it: mutable and linked by reference, as google/pprof's {@code *Profile} is
 * while its legacy parsers run, so that the same fix-ups (mapping heuristics, id renumbering, duplicate leaf
 * removal) can be applied in the same order with the same results. {@link #toProfile()} turns it into the
 * immutable model. Not thread-safe; one per read.
 */
final class Draft {
    /** google/pprof's libRx: a shared library's file name. */
    private static final Pattern LIBRARY = Pattern.compile("([.]so\\z|[.]so[._][0-9]+)");

    final String format;
    final List<ValueType> sampleTypes = new ArrayList<>();
    ValueType periodType;
    long period;
    long durationNanos;
    String dropFrames = "";
    String keepFrames = "";
    final List<DSample> samples = new ArrayList<>();
    List<DLocation> locations = new ArrayList<>();
    List<DFunction> functions = new ArrayList<>();
    List<DMapping> mappings = new ArrayList<>();
    /** The locations by address, as each reader's {@code locs} map; a location keeps its key when its address changes. */
    final Map<Long, DLocation> byAddress = new HashMap<>();

    Draft(String format) {
        this.format = format;
    }

    /** A sample: values, leaf-first locations, and the {@code bytes} numeric label of heap profiles. */
    static final class DSample {
        long[] values;
        List<DLocation> locations;
        boolean hasBytes;
        long bytes;

        DSample(long[] values, List<DLocation> locations) {
            this.values = values;
            this.locations = locations;
        }
    }

    /** A location: an address, perhaps a mapping, and at most one line (the Java readers'). */
    static final class DLocation {
        long id;
        long address;
        DMapping mapping;
        DFunction function;
        long line;

        DLocation(long address) {
            this.address = address;
        }
    }

    /** A function of a Java profile: a name and a file. */
    static final class DFunction {
        long id;
        final String name;
        final String file;

        DFunction(String name, String file) {
            this.name = name;
            this.file = file;
        }
    }

    /** A mapping from a memory map. */
    static final class DMapping {
        long id;
        long start;
        long limit;
        long offset;
        String file;
        String buildId;

        DMapping(long start, long limit, long offset, String file, String buildId) {
            this.start = start;
            this.limit = limit;
            this.offset = offset;
            this.file = file;
            this.buildId = buildId;
        }
    }

    /**
     * Returns the location of an address, adding it at the end of the location table the first time.
     *
     * @param address the address, the key
     * @return the location
     */
    DLocation location(long address) {
        DLocation l = byAddress.get(address);
        if (l == null) {
            l = new DLocation(address);
            byAddress.put(address, l);
            locations.add(l);
        }
        return l;
    }

    /**
     * Reads a memory map from the text's next lines and fixes up the profile as google/pprof's
     * {@code ParseMemoryMapFromScanner} does: the mappings are added, merged and reordered, the locations and
     * functions renumbered in the order the samples use them, and each location given its mapping.
     *
     * @param text the lines
     * @throws GoParseException if matching a line takes too long
     */
    void parseMemoryMap(Text text) throws GoParseException {
        mappings.addAll(ProcMaps.parse(text));
        massageMappings();
        remapLocationIds();
        remapFunctionIds();
        remapMappingIds();
    }

    /** profile.go massageMappings: merges split mappings and moves the main binary's first. */
    private void massageMappings() {
        if (mappings.size() > 1) {
            List<DMapping> merged = new ArrayList<>();
            merged.add(mappings.get(0));
            for (DMapping m : mappings.subList(1, mappings.size())) {
                DMapping last = merged.get(merged.size() - 1);
                if (adjacent(last, m)) {
                    last.limit = m.limit;
                    if (!m.file.isEmpty()) {
                        last.file = m.file;
                    }
                    if (!m.buildId.isEmpty()) {
                        last.buildId = m.buildId;
                    }
                    for (DLocation l : locations) {
                        if (l.mapping == m) {
                            l.mapping = last;
                        }
                    }
                    continue;
                }
                merged.add(m);
            }
            mappings = merged;
        }
        for (int i = 0; i < mappings.size(); i++) {
            String file = Text.trimSpace(mappings.get(i).file.replace("(deleted)", ""));
            if (file.isEmpty() || LIBRARY.matcher(file).find() || file.charAt(0) == '[') {
                continue;
            }
            DMapping first = mappings.get(0);
            mappings.set(0, mappings.get(i));
            mappings.set(i, first);
            break;
        }
        for (int i = 0; i < mappings.size(); i++) {
            mappings.get(i).id = i + 1L;
        }
    }

    private static boolean adjacent(DMapping m1, DMapping m2) {
        if (!m1.file.isEmpty() && !m2.file.isEmpty() && !m1.file.equals(m2.file)) {
            return false;
        }
        if (!m1.buildId.isEmpty() && !m2.buildId.isEmpty() && !m1.buildId.equals(m2.buildId)) {
            return false;
        }
        if (m1.limit != m2.start) {
            return false;
        }
        return m1.offset == 0 || m2.offset == 0 || m1.offset + (m1.limit - m1.start) == m2.offset;
    }

    /** legacy_profile.go remapLocationIDs: keeps the locations samples use, numbered in the order first used. */
    void remapLocationIds() {
        Map<DLocation, Boolean> seen = new IdentityHashMap<>();
        List<DLocation> kept = new ArrayList<>();
        for (DSample s : samples) {
            for (DLocation l : s.locations) {
                if (seen.put(l, Boolean.TRUE) == null) {
                    l.id = kept.size() + 1L;
                    kept.add(l);
                }
            }
        }
        locations = kept;
    }

    /** legacy_profile.go remapFunctionIDs: keeps the functions locations use, numbered in the order first used. */
    void remapFunctionIds() {
        Map<DFunction, Boolean> seen = new IdentityHashMap<>();
        List<DFunction> kept = new ArrayList<>();
        for (DLocation l : locations) {
            DFunction f = l.function;
            if (f != null && seen.put(f, Boolean.TRUE) == null) {
                f.id = kept.size() + 1L;
                kept.add(f);
            }
        }
        functions = kept;
    }

    /**
     * legacy_profile.go remapMappingIDs: fixes what profile handlers get wrong about the main binary, gives each
     * location with an address the mapping that holds it (or one mapping of everything, made for the purpose),
     * and numbers the mappings from 1.
     */
    void remapMappingIds() {
        if (!mappings.isEmpty()) {
            DMapping m = mappings.get(0);
            if (m.file.startsWith("/anon_hugepage") && mappings.size() > 1 && m.limit == mappings.get(1).start) {
                mappings = new ArrayList<>(mappings.subList(1, mappings.size()));
            }
        }
        if (!mappings.isEmpty()) {
            DMapping m = mappings.get(0);
            final long expectedStart = 0x400000;
            if (m.start - m.offset == expectedStart) {
                m.start = expectedStart;
                m.offset = 0;
            }
        }
        DMapping fake = null;
        next:
        for (DLocation l : locations) {
            long a = l.address;
            if (l.mapping != null || a == 0) {
                continue;
            }
            for (DMapping m : mappings) {
                if (Long.compareUnsigned(m.start, a) <= 0 && Long.compareUnsigned(a, m.limit) < 0) {
                    l.mapping = m;
                    continue next;
                }
            }
            // Legacy handlers failed to write the first part of a mapping split into adjacent ranges.
            for (DMapping m : mappings) {
                if (m.offset != 0 && Long.compareUnsigned(m.start - m.offset, a) <= 0
                        && Long.compareUnsigned(a, m.start) < 0) {
                    m.start -= m.offset;
                    m.offset = 0;
                    l.mapping = m;
                    continue next;
                }
            }
            if (fake == null) {
                fake = new DMapping(0, -1L, 0, "", "");
                mappings.add(fake);
            }
            l.mapping = fake;
        }
        for (int i = 0; i < mappings.size(); i++) {
            mappings.get(i).id = i + 1L;
        }
    }

    /**
     * legacy_profile.go cleanupDuplicateLocations: drops the second frame of a sample when it is the leaf again,
     * adjusted by -1, as the profile handler records the leaf both from the signal context and from unwinding.
     */
    void cleanupDuplicateLocations() {
        for (DSample s : samples) {
            if (s.locations.size() > 1 && s.locations.get(0).address == s.locations.get(1).address + 1) {
                s.locations.remove(1);
            }
        }
    }

    /** legacy_profile.go addLegacyFrameInfo: the frames reports drop, chosen by the kind of profile. */
    void addLegacyFrameInfo() {
        if (FrameFilters.isHeap(sampleTypes)) {
            dropFrames = FrameFilters.ALLOC;
            keepFrames = FrameFilters.ALLOC_SKIP;
        } else if (FrameFilters.isContention(sampleTypes)) {
            dropFrames = FrameFilters.LOCK;
            keepFrames = "";
        } else {
            dropFrames = FrameFilters.CPU_PROFILER;
            keepFrames = "";
        }
    }

    /**
     * The checks of google/pprof's {@code CheckValid} that a legacy profile can fail: every sample has one value
     * per sample type.
     *
     * @throws GoParseException if a sample does not
     */
    void checkValid() throws GoParseException {
        if (sampleTypes.isEmpty() && !samples.isEmpty()) {
            throw GoParseException.malformed(format, -1, "sample type information (the profile has samples but "
                    + "declares no sample types)");
        }
        for (int i = 0; i < samples.size(); i++) {
            if (samples.get(i).values.length != sampleTypes.size()) {
                throw GoParseException.malformed(format, -1, "one value per sample type (" + sampleTypes.size()
                        + "), found " + samples.get(i).values.length).withContext("sample[" + i + "]");
            }
        }
    }

    /** {@return the immutable profile} */
    Profile toProfile() {
        ProfileBuilder b = Profile.builder();
        for (ValueType t : sampleTypes) {
            b.sampleType(t.type(), t.unit());
        }
        if (periodType != null) {
            b.period(periodType.type(), periodType.unit(), period);
        }
        b.durationNanos(durationNanos);
        b.frameFilters(dropFrames, keepFrames);
        Map<DMapping, Mapping> ms = new IdentityHashMap<>();
        for (DMapping m : mappings) {
            ms.put(m, b.mapping(new Mapping(m.id, m.start, m.limit, m.offset, m.file, m.buildId,
                    false, false, false, false)));
        }
        Map<DFunction, Function> fs = new IdentityHashMap<>();
        for (DFunction f : functions) {
            fs.put(f, b.function(f.name, f.name, f.file, 0));
        }
        Map<DLocation, Location> ls = new IdentityHashMap<>();
        for (DLocation l : locations) {
            List<Line> lines = l.function == null ? List.of() : List.of(new Line(fs.get(l.function), l.line, 0));
            ls.put(l, b.location(l.mapping == null ? null : ms.get(l.mapping), l.address, lines));
        }
        for (DSample s : samples) {
            List<Location> stack = new ArrayList<>(s.locations.size());
            for (DLocation l : s.locations) {
                stack.add(ls.get(l));
            }
            b.sample(stack, s.values, s.hasBytes ? List.of(Label.of("bytes", s.bytes, "")) : List.of());
        }
        return b.build();
    }
}
