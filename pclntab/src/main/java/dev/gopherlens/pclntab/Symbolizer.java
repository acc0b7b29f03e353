package dev.gopherlens.pclntab;

import dev.gopherlens.core.Frame;
import dev.gopherlens.core.GoParseException;
import dev.gopherlens.pclntab.internal.InlineTree;
import dev.gopherlens.pprof.Function;
import dev.gopherlens.pprof.Line;
import dev.gopherlens.pprof.Location;
import dev.gopherlens.pprof.Mapping;
import dev.gopherlens.pprof.Profile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Fills in the functions and lines of profiles and bare pcs that were captured outside the Go runtime (eBPF and
 * perf agents, crash reporters), from the binary that ran, as pprof's local symbolizer does: each address becomes
 * the frames of the calls inlined there, innermost first, with the runtime's names; the loader's relocation of a
 * position-independent binary is undone through the mapping's start and offset.
 *
 * <pre>{@code
 * Profile symbolized = Symbolizer.of(GoBinary.open(Path.of("server"))).symbolize(profile);
 * }</pre>
 *
 * <p>Needs the {@code pprof} module at run time. Thread-safe.
 */
public final class Symbolizer {
    private final GoBinary binary;

    private Symbolizer(GoBinary binary) {
        this.binary = Objects.requireNonNull(binary, "binary");
    }

    /**
     * Makes a symbolizer for a binary.
     *
     * @param binary the binary that ran
     * @return the symbolizer
     */
    public static Symbolizer of(GoBinary binary) {
        return new Symbolizer(binary);
    }

    /**
     * Symbolizes the locations of a profile's first mapping, the main binary by convention.
     *
     * @param profile the profile
     * @return the profile with lines for every location of that mapping the binary knows
     * @throws GoParseException if the binary's tables are malformed
     * @throws IllegalArgumentException if the profile has no mappings
     */
    public Profile symbolize(Profile profile) throws GoParseException {
        if (profile.mappings().isEmpty()) {
            throw new IllegalArgumentException("the profile has no mappings to tell which locations are the binary's");
        }
        return symbolize(profile, profile.mappings().get(0));
    }

    /**
     * Symbolizes the locations of one mapping: locations without lines get the binary's frames for their address,
     * and the mapping's flags say it has functions, file names, line numbers and inlined frames. Locations that
     * already have lines, and addresses the binary does not know, stay as they are.
     *
     * @param profile the profile
     * @param mapping the mapping of the binary, one of the profile's
     * @return the symbolized profile
     * @throws GoParseException if the binary's tables are malformed
     */
    public Profile symbolize(Profile profile, Mapping mapping) throws GoParseException {
        Mapping flagged = new Mapping(mapping.id(), mapping.start(), mapping.limit(), mapping.offset(), mapping.file(),
                mapping.buildId(), true, true, true, true);
        long[] nextId = {1};
        Map<List<Object>, Function> functions = new HashMap<>();
        for (Function f : profile.functions()) {
            nextId[0] = Math.max(nextId[0], f.id() + 1);
            functions.putIfAbsent(List.of(f.name(), f.filename(), f.startLine()), f);
        }
        Map<Long, Location> done = new HashMap<>();
        for (Location l : profile.locations()) {
            if (l.mapping() == null || l.mapping().id() != mapping.id()) {
                continue;
            }
            if (!l.lines().isEmpty()) {
                done.put(l.id(), new Location(l.id(), flagged, l.address(), l.lines(), l.isFolded()));
                continue;
            }
            long pc = binary.linkAddress(l.address(), mapping.start(), mapping.offset());
            List<Line> lines = new ArrayList<>();
            for (InlineTree.Call c : binary.calls(pc)) {
                Frame fr = c.frame();
                Function f = functions.computeIfAbsent(List.of(fr.function(), fr.file(), (long) c.startLine()),
                        k -> new Function(nextId[0]++, fr.function(), fr.function(), fr.file(), c.startLine()));
                lines.add(new Line(f, fr.line(), 0));
            }
            done.put(l.id(), new Location(l.id(), flagged, l.address(), lines, l.isFolded()));
        }
        return profile.mapLocations(l -> done.getOrDefault(l.id(), l)).withMapping(flagged);
    }

    /**
     * Symbolizes bare pcs of the binary as it was linked.
     *
     * @param pcs the addresses of instructions (for return addresses, pass the address of the call)
     * @return for each pc its frames, innermost first; empty for pcs outside every function
     * @throws GoParseException if the binary's tables are malformed
     */
    public List<List<Frame>> symbolize(long... pcs) throws GoParseException {
        List<List<Frame>> out = new ArrayList<>(pcs.length);
        for (long pc : pcs) {
            out.add(binary.frames(pc));
        }
        return List.copyOf(out);
    }
}
