package dev.gopherlens.pprof;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Filters samples and frames by the names of their locations, as google/pprof's {@code FilterSamplesByName} and
 * {@code ShowFrom} (profile/filter.go): a location matches a regular expression when the name or file name of one of
 * its lines' functions, or its mapping's file, contains a match. Locations keep their ids and stay in the table even
 * when no sample uses them any more, as in {@code go tool pprof -raw}. Stateless.
 */
final class NameFilter {
    private NameFilter() {
    }

    /**
     * google/pprof's {@code FilterSamplesByName}: keeps the samples with a location that matches {@code focus} and
     * none that matches {@code ignore}; removes the lines that match {@code hide} and those that do not match
     * {@code show} from every location, and from every sample the locations left without lines. A null pattern
     * takes no part; when all four are null the profile is returned as is. A sample without locations is dropped
     * whenever one pattern is given.
     */
    static Profile byName(Profile p, Pattern focus, Pattern ignore, Pattern hide, Pattern show) {
        if (focus == null && ignore == null && hide == null && show == null) {
            return p;
        }
        // For each location explicitly focused (true) or ignored (false); judged on its lines before hide and show.
        Map<Long, Boolean> focusOrIgnore = new HashMap<>();
        Set<Long> hidden = new HashSet<>();
        Profile rewritten = Rewrite.locations(p, l -> {
            if (ignore != null && matchesName(l, ignore)) {
                focusOrIgnore.put(l.id(), false);
            } else if (focus == null || matchesName(l, focus)) {
                focusOrIgnore.put(l.id(), true);
            }
            List<Line> lines = l.lines();
            boolean changed = false;
            if (hide != null && matchesName(l, hide)) {
                lines = unmatchedLines(l, lines, hide);
                changed = true;
                if (lines.isEmpty()) {
                    hidden.add(l.id());
                }
            }
            if (show != null) {
                lines = matchedLines(l, lines, show);
                changed = true;
                if (lines.isEmpty()) {
                    hidden.add(l.id());
                }
            }
            return changed && !lines.equals(l.lines()) ? Rewrite.withLines(l, lines) : l;
        });
        List<Sample> kept = new ArrayList<>(rewritten.samples().size());
        for (Sample s : rewritten.samples()) {
            if (!focusedAndNotIgnored(s.locations(), focusOrIgnore)) {
                continue;
            }
            if (!hidden.isEmpty()) {
                List<Location> locs = new ArrayList<>(s.locations().size());
                for (Location l : s.locations()) {
                    if (!hidden.contains(l.id())) {
                        locs.add(l);
                    }
                }
                if (locs.isEmpty()) {
                    continue;
                }
                if (locs.size() != s.locations().size()) {
                    s = new Sample(List.copyOf(locs), s.values(), s.labels(), true);
                }
            }
            kept.add(s);
        }
        return Rewrite.samples(rewritten, kept);
    }

    /**
     * google/pprof's {@code ShowFrom}: drops every frame above (callers of) the outermost frame that matches, lines
     * of that location included; a location whose mapping file matches keeps all its lines. Samples with no match
     * are dropped.
     */
    static Profile showFrom(Profile p, Pattern showFrom) {
        Objects.requireNonNull(showFrom, "showFrom");
        Set<Long> matched = new HashSet<>();
        Profile rewritten = Rewrite.locations(p, l -> {
            if (l.mapping() != null && find(showFrom, l.mapping().file())) {
                matched.add(l.id());
                return l;
            }
            for (int i = l.lines().size() - 1; i >= 0; i--) {
                if (lineMatches(l.lines().get(i), showFrom)) {
                    matched.add(l.id());
                    return i == l.lines().size() - 1 ? l : Rewrite.withLines(l, l.lines().subList(0, i + 1));
                }
            }
            return l;
        });
        List<Sample> kept = new ArrayList<>(rewritten.samples().size());
        for (Sample s : rewritten.samples()) {
            List<Location> locs = s.locations();
            for (int i = locs.size() - 1; i >= 0; i--) {
                if (matched.contains(locs.get(i).id())) {
                    kept.add(i == locs.size() - 1 ? s
                            : new Sample(List.copyOf(locs.subList(0, i + 1)), s.values(), s.labels(), true));
                    break;
                }
            }
        }
        return Rewrite.samples(rewritten, kept);
    }

    /**
     * Compiles a pattern given to a filter. The expression is Go's (RE2) syntax as far as {@link Pattern} shares it,
     * which covers what profiles are filtered with; Go's ASCII classes ({@code [[:alpha:]]}, {@code [[:^digit:]]})
     * and named groups ({@code (?P<name>...)}) are translated. Unlike RE2, {@link Pattern} backtracks: an expression
     * written to be slow can be.
     *
     * @throws IllegalArgumentException naming the option when the expression is not valid
     */
    static Pattern compile(String option, String regex) {
        Objects.requireNonNull(regex, option);
        try {
            return Pattern.compile(fromGo(regex));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("parsing " + option + " regexp: " + e.getMessage(), e);
        }
    }

    private static final java.util.Map<String, String> POSIX_CLASSES = java.util.Map.ofEntries(
            java.util.Map.entry("alnum", "Alnum"), java.util.Map.entry("alpha", "Alpha"),
            java.util.Map.entry("ascii", "ASCII"), java.util.Map.entry("blank", "Blank"),
            java.util.Map.entry("cntrl", "Cntrl"), java.util.Map.entry("digit", "Digit"),
            java.util.Map.entry("graph", "Graph"), java.util.Map.entry("lower", "Lower"),
            java.util.Map.entry("print", "Print"), java.util.Map.entry("punct", "Punct"),
            java.util.Map.entry("space", "Space"), java.util.Map.entry("upper", "Upper"),
            java.util.Map.entry("xdigit", "XDigit"));
    private static final Pattern POSIX_CLASS = Pattern.compile("\\[:(\\^?)([a-z]+):\\]");

    /** Rewrites the parts of Go's syntax that {@link Pattern} spells differently. */
    static String fromGo(String regex) {
        String r = regex.replace("(?P<", "(?<");
        if (!r.contains("[:")) {
            return r;
        }
        Matcher m = POSIX_CLASS.matcher(r);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            boolean negated = !m.group(1).isEmpty();
            String name = POSIX_CLASSES.get(m.group(2));
            String replacement = m.group(2).equals("word") ? negated ? "\\W" : "\\w"
                    : name == null ? m.group() : (negated ? "\\P{" : "\\p{") + name + "}";
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** Go's {@code MatchString}: a match anywhere in the text. */
    static boolean find(Pattern p, String s) {
        return p.matcher(s).find();
    }

    private static boolean lineMatches(Line ln, Pattern re) {
        Function f = ln.function();
        return f != null && (find(re, f.name()) || find(re, f.filename()));
    }

    static boolean matchesName(Location l, Pattern re) {
        for (Line ln : l.lines()) {
            if (lineMatches(ln, re)) {
                return true;
            }
        }
        return l.mapping() != null && find(re, l.mapping().file());
    }

    private static List<Line> unmatchedLines(Location l, List<Line> lines, Pattern re) {
        if (l.mapping() != null && find(re, l.mapping().file())) {
            return List.of();
        }
        List<Line> out = new ArrayList<>(lines.size());
        for (Line ln : lines) {
            if (!lineMatches(ln, re)) {
                out.add(ln);
            }
        }
        return out;
    }

    /** The lines that match, and those without a function, which google/pprof keeps. */
    private static List<Line> matchedLines(Location l, List<Line> lines, Pattern re) {
        if (l.mapping() != null && find(re, l.mapping().file())) {
            return lines;
        }
        List<Line> out = new ArrayList<>(lines.size());
        for (Line ln : lines) {
            if (ln.function() == null || lineMatches(ln, re)) {
                out.add(ln);
            }
        }
        return out;
    }

    private static boolean focusedAndNotIgnored(List<Location> locs, Map<Long, Boolean> focusOrIgnore) {
        boolean focused = false;
        for (Location l : locs) {
            Boolean f = focusOrIgnore.get(l.id());
            if (f != null) {
                if (!f) {
                    return false;
                }
                focused = true;
            }
        }
        return focused;
    }
}
