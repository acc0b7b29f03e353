package dev.gopherlens.pprof;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes the frames beneath (called by) a matching frame, as google/pprof's {@code Prune},
 * {@code RemoveUninteresting} and {@code PruneFrom} (profile/prune.go). Function names are matched after a rough
 * simplification: a leading dot and everything from the first parenthesis on are cut, so that
 * {@code main.(*T).m} is matched as {@code main.}, exactly as google/pprof does. Stateless.
 */
final class Pruning {
    private static final List<String> RESERVED = List.of("(anonymous namespace)", "operator()");
    private static final Pattern BRACKET = Pattern.compile(
            Pattern.quote("(anonymous namespace)") + "|" + Pattern.quote("operator()") + "|" + Pattern.quote("("));

    private Pruning() {
    }

    /** google/pprof's {@code simplifyFunc}. */
    static String simplify(String name) {
        String n = name.startsWith(".") ? name.substring(1) : name;
        Matcher m = BRACKET.matcher(n);
        while (m.find()) {
            if (!RESERVED.contains(m.group())) {
                return n.substring(0, m.start());
            }
        }
        return n;
    }

    /**
     * google/pprof's {@code Prune}: scanning each sample from the root, at the first location (after at least one
     * that does not match) with a line that matches {@code drop} and not {@code keep}, drops the frames it calls. That
     * location goes too when its outermost line matches; otherwise it keeps the lines outside the outermost match.
     */
    static Profile prune(Profile p, Pattern drop, Pattern keep) {
        Map<String, Boolean> cache = new HashMap<>();
        Set<Long> pruneWhole = new HashSet<>();
        Set<Long> pruneBeneath = new HashSet<>();
        Profile rewritten = Rewrite.locations(p, l -> {
            List<Line> lines = l.lines();
            int i;
            for (i = lines.size() - 1; i >= 0; i--) {
                Function f = lines.get(i).function();
                if (f != null && !f.name().isEmpty() && cache.computeIfAbsent(f.name(), n -> {
                    String simple = simplify(n);
                    return NameFilter.find(drop, simple) && (keep == null || !NameFilter.find(keep, simple));
                })) {
                    break;
                }
            }
            if (i < 0) {
                return l;
            }
            pruneBeneath.add(l.id());
            if (i == lines.size() - 1) {
                pruneWhole.add(l.id());
                return l;
            }
            return Rewrite.withLines(l, lines.subList(i + 1, lines.size()));
        });
        if (pruneBeneath.isEmpty()) {
            return rewritten;
        }
        List<Sample> out = new ArrayList<>(rewritten.samples().size());
        for (Sample s : rewritten.samples()) {
            List<Location> locs = s.locations();
            int from = 0;
            boolean foundUser = false;
            for (int i = locs.size() - 1; i >= 0; i--) {
                long id = locs.get(i).id();
                boolean whole = pruneWhole.contains(id);
                if (!whole && !pruneBeneath.contains(id)) {
                    foundUser = true;
                    continue;
                }
                // Frames before the first one that is not pruned stay, lest everything go.
                if (!foundUser) {
                    continue;
                }
                from = whole ? i + 1 : i;
                break;
            }
            out.add(from == 0 ? s : new Sample(List.copyOf(locs.subList(from, locs.size())), s.values(),
                    s.labels(), true));
        }
        return Rewrite.samples(rewritten, out);
    }

    /**
     * google/pprof's {@code RemoveUninteresting}: {@link #prune} by the profile's own drop_frames and keep_frames,
     * each matched as a whole name.
     *
     * @throws IllegalArgumentException if one of them is not a valid regular expression
     */
    static Profile removeUninteresting(Profile p) {
        if (p.dropFrames().isEmpty()) {
            return p;
        }
        Pattern drop = NameFilter.compile("drop_frames", "^(" + p.dropFrames() + ")$");
        Pattern keep = p.keepFrames().isEmpty() ? null : NameFilter.compile("keep_frames", "^(" + p.keepFrames() + ")$");
        return prune(p, drop, keep);
    }

    /**
     * google/pprof's {@code PruneFrom}: drops the frames beneath the innermost location that matches, keeping it
     * from its innermost matching line outwards.
     */
    static Profile pruneFrom(Profile p, Pattern drop) {
        Set<Long> pruneBeneath = new HashSet<>();
        Profile rewritten = Rewrite.locations(p, l -> {
            List<Line> lines = l.lines();
            for (int i = 0; i < lines.size(); i++) {
                Function f = lines.get(i).function();
                if (f != null && !f.name().isEmpty() && NameFilter.find(drop, simplify(f.name()))) {
                    pruneBeneath.add(l.id());
                    return i == 0 ? l : Rewrite.withLines(l, lines.subList(i, lines.size()));
                }
            }
            return l;
        });
        List<Sample> out = new ArrayList<>(rewritten.samples().size());
        for (Sample s : rewritten.samples()) {
            List<Location> locs = s.locations();
            int from = 0;
            for (int i = 0; i < locs.size(); i++) {
                if (pruneBeneath.contains(locs.get(i).id())) {
                    from = i;
                    break;
                }
            }
            out.add(from == 0 ? s : new Sample(List.copyOf(locs.subList(from, locs.size())), s.values(),
                    s.labels(), true));
        }
        return Rewrite.samples(rewritten, out);
    }
}
