package dev.gopherlens.pprof;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Makes a profile in which some mappings, functions or locations are replaced by others with the same ids, every
 * reference to them following: what google/pprof's operations do by changing its mutable profile in place, done
 * here by copying. Tables keep their order and ids; nothing is renumbered or dropped. Stateless.
 */
final class Rewrite {
    private Rewrite() {
    }

    /**
     * Replaces locations: each location of the table is given to {@code locations} with its mapping and functions
     * already replaced, and the samples then refer to what it returns.
     */
    static Profile apply(Profile p, UnaryOperator<Mapping> mappings, UnaryOperator<Function> functions,
                         UnaryOperator<Location> locations) {
        Map<Mapping, Mapping> newMappings = new IdentityHashMap<>();
        List<Mapping> mappingTable = new ArrayList<>(p.mappings().size());
        for (Mapping m : p.mappings()) {
            Mapping r = mappings.apply(m);
            newMappings.put(m, r);
            mappingTable.add(r);
        }
        Map<Function, Function> newFunctions = new IdentityHashMap<>();
        List<Function> functionTable = new ArrayList<>(p.functions().size());
        for (Function f : p.functions()) {
            Function r = functions.apply(f);
            newFunctions.put(f, r);
            functionTable.add(r);
        }
        Map<Location, Location> newLocations = new IdentityHashMap<>();
        Map<Long, Location> byId = new HashMap<>();
        List<Location> locationTable = new ArrayList<>(p.locations().size());
        for (Location l : p.locations()) {
            Location r = locations.apply(withTables(l, newMappings, newFunctions, mappings, functions));
            newLocations.put(l, r);
            byId.putIfAbsent(l.id(), r);
            locationTable.add(r);
        }
        List<Sample> samples = new ArrayList<>(p.samples().size());
        for (Sample s : p.samples()) {
            List<Location> stack = new ArrayList<>(s.locations().size());
            boolean changed = false;
            for (Location l : s.locations()) {
                Location r = newLocations.get(l);
                if (r == null) {
                    // A sample may hold an equal copy of a table entry rather than the entry itself.
                    r = byId.getOrDefault(l.id(), l);
                }
                changed |= r != l;
                stack.add(r);
            }
            samples.add(changed ? new Sample(List.copyOf(stack), s.values(), s.labels(), true) : s);
        }
        Profile.Parts parts = Compaction.parts(p);
        parts.mappings = mappingTable;
        parts.functions = functionTable;
        parts.locations = locationTable;
        parts.samples = samples;
        return new Profile(parts);
    }

    /** Replaces only locations. */
    static Profile locations(Profile p, UnaryOperator<Location> locations) {
        return apply(p, UnaryOperator.identity(), UnaryOperator.identity(), locations);
    }

    /** Returns the profile with other samples and everything else unchanged. */
    static Profile samples(Profile p, List<Sample> samples) {
        Profile.Parts parts = Compaction.parts(p);
        parts.samples = samples;
        return new Profile(parts);
    }

    /** Returns a location with new lines, the rest unchanged. */
    static Location withLines(Location l, List<Line> lines) {
        return new Location(l.id(), l.mapping(), l.address(), lines, l.isFolded());
    }

    private static Location withTables(Location l, Map<Mapping, Mapping> mappings, Map<Function, Function> functions,
                                       UnaryOperator<Mapping> mappingOp, UnaryOperator<Function> functionOp) {
        Mapping m = l.mapping();
        if (m != null) {
            Mapping r = mappings.get(m);
            m = r != null ? r : mappingOp.apply(m);
        }
        boolean changed = m != l.mapping();
        List<Line> lines = new ArrayList<>(l.lines().size());
        for (Line ln : l.lines()) {
            Function f = ln.function();
            if (f != null) {
                Function r = functions.get(f);
                f = r != null ? r : functionOp.apply(f);
            }
            changed |= f != ln.function();
            lines.add(f == ln.function() ? ln : new Line(f, ln.line(), ln.column()));
        }
        return changed ? new Location(l.id(), m, l.address(), lines, l.isFolded()) : l;
    }
}
