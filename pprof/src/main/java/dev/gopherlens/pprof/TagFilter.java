package dev.gopherlens.pprof;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Filters samples by their labels as {@code go tool pprof}'s {@code -tagfocus} and {@code -tagignore}
 * (internal/driver/driver_focus.go, {@code compileTagFilter}), and labels by their keys as {@code -tagshow} and
 * {@code -taghide} (profile/filter.go, {@code FilterTagsByName}). Stateless.
 *
 * <p>A filter is {@code [KEY=]VALUE}. A VALUE that is a number with an optional unit ({@code 2688}, {@code 1mb}),
 * or a range of them ({@code 64kb:}, {@code :1kb}, {@code 1kb:2mb}, both ends included), selects numeric labels
 * whose values, converted to the filter's unit, lie in it; units must be of one kind or the VALUE is not a range.
 * Any other VALUE is a comma-separated list of regular expressions over string labels: with a KEY a sample matches
 * when one of them is found in one of that key's values; without, when each of them is found in some
 * {@code key:value} of the sample.
 */
final class TagFilter {
    // driver_focus.go's tagFilterRangeRx; [[:alpha:]] and [[:digit:]] are ASCII in Go.
    private static final Pattern RANGE = Pattern.compile("([+-]?[0-9]+)([A-Za-z]+)?");

    private TagFilter() {
    }

    /** Keeps the samples the filter selects ({@code -tagfocus}), or those it does not ({@code -tagignore}). */
    static Profile filter(Profile p, String option, String spec, boolean keepSelected,
                          Map<String, String> numLabelUnits) {
        Predicate<Sample> selects = compile(option, spec, Objects.requireNonNull(numLabelUnits, "numLabelUnits"));
        List<Sample> kept = new ArrayList<>(p.samples().size());
        for (Sample s : p.samples()) {
            if (selects.test(s) == keepSelected) {
                kept.add(s);
            }
        }
        return Rewrite.samples(p, kept);
    }

    /**
     * Removes the labels whose keys do not match {@code show} or do match {@code hide}; a null pattern takes no
     * part.
     */
    static Profile byKey(Profile p, Pattern show, Pattern hide) {
        List<Sample> out = new ArrayList<>(p.samples().size());
        for (Sample s : p.samples()) {
            List<Label> labels = new ArrayList<>(s.labels().size());
            for (Label l : s.labels()) {
                boolean shown = show == null || NameFilter.find(show, l.key());
                boolean hidden = hide != null && NameFilter.find(hide, l.key());
                if (shown && !hidden) {
                    labels.add(l);
                }
            }
            out.add(labels.size() == s.labels().size() ? s
                    : new Sample(s.locations(), s.values(), List.copyOf(labels), true));
        }
        return Rewrite.samples(p, out);
    }

    /**
     * google/pprof's {@code NumLabelUnits}: for each numeric label key, the first unit met, else {@code bytes} for
     * {@code alignment} and {@code request}, else the key itself.
     */
    static Map<String, String> numLabelUnits(Profile p) {
        Map<String, String> units = new HashMap<>();
        for (Sample s : p.samples()) {
            for (Label l : s.labels()) {
                if (!l.isNumeric()) {
                    continue;
                }
                String known = units.get(l.key());
                if (known == null || known.isEmpty() && !l.numUnit().isEmpty()) {
                    units.put(l.key(), l.numUnit());
                }
            }
        }
        units.replaceAll((k, u) -> !u.isEmpty() ? u : k.equals("alignment") || k.equals("request") ? "bytes" : k);
        return units;
    }

    /**
     * Compiles a filter.
     *
     * @throws IllegalArgumentException if a regular expression or a number in it is not valid
     */
    static Predicate<Sample> compile(String option, String spec, Map<String, String> numLabelUnits) {
        Objects.requireNonNull(spec, option);
        if (spec.isEmpty()) {
            throw new IllegalArgumentException(option + " filter is empty");
        }
        String wantKey = "";
        String value = spec;
        int eq = spec.indexOf('=');
        if (eq >= 0) {
            wantKey = spec.substring(0, eq);
            value = spec.substring(eq + 1);
        }
        NumericRange range = parseRange(option, value);
        if (range != null) {
            if (wantKey.isEmpty()) {
                return s -> {
                    for (Label l : s.labels()) {
                        if (l.isNumeric() && range.test(l.num(), numLabelUnits.getOrDefault(l.key(), l.key()))) {
                            return true;
                        }
                    }
                    return false;
                };
            }
            String key = wantKey;
            String unit = numLabelUnits.getOrDefault(key, key);
            return s -> {
                for (Label l : s.labels()) {
                    if (l.isNumeric() && l.key().equals(key) && range.test(l.num(), unit)) {
                        return true;
                    }
                }
                return false;
            };
        }
        List<Pattern> patterns = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            patterns.add(NameFilter.compile(option, part));
        }
        if (wantKey.isEmpty()) {
            return s -> {
                for (Pattern rx : patterns) {
                    boolean any = false;
                    for (Label l : s.labels()) {
                        if (l.isString() && NameFilter.find(rx, l.key() + ":" + l.str())) {
                            any = true;
                            break;
                        }
                    }
                    if (!any) {
                        return false;
                    }
                }
                return true;
            };
        }
        String key = wantKey;
        return s -> {
            for (Label l : s.labels()) {
                if (l.isString() && l.key().equals(key)) {
                    for (Pattern rx : patterns) {
                        if (NameFilter.find(rx, l.str())) {
                            return true;
                        }
                    }
                }
            }
            return false;
        };
    }

    /** Numbers converted to {@code unit} that lie in {@code [low, high]}. */
    private record NumericRange(double low, double high, String unit) {
        boolean test(long value, String valueUnit) {
            Measurement.Scaled s = Measurement.CURRENT.scale(value, valueUnit, unit);
            return s.unit().equals(unit) && s.value() >= low && s.value() <= high;
        }
    }

    /** driver_focus.go's {@code parseTagFilterRange}; null when the text is not a number or a range. */
    private static NumericRange parseRange(String option, String filter) {
        Matcher m = RANGE.matcher(filter);
        if (!m.find()) {
            return null;
        }
        String match0 = m.group();
        String unitText0 = m.group(2) == null ? "" : m.group(2);
        Measurement.Scaled first = Measurement.CURRENT.scale(parseLong(option, m.group(1)), unitText0, unitText0);
        String unit = first.unit();
        if (!m.find()) {
            if (filter.equals(match0)) {
                return new NumericRange(first.value(), first.value(), unit);
            } else if (filter.equals(match0 + ":")) {
                return new NumericRange(first.value(), Double.POSITIVE_INFINITY, unit);
            } else if (filter.equals(":" + match0)) {
                return new NumericRange(Double.NEGATIVE_INFINITY, first.value(), unit);
            }
            return null;
        }
        if (!filter.equals(match0 + ":" + m.group())) {
            return null;
        }
        String unitText1 = m.group(2) == null ? "" : m.group(2);
        Measurement.Scaled second = Measurement.CURRENT.scale(parseLong(option, m.group(1)), unitText1, unit);
        if (!unit.equals(second.unit())) {
            return null;
        }
        return new NumericRange(first.value(), second.value(), unit);
    }

    private static long parseLong(String option, String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": number " + digits + " is out of range", e);
        }
    }
}
