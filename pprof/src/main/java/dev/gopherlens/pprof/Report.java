package dev.gopherlens.pprof;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToLongFunction;
import java.util.regex.Pattern;

/**
 * The reports of {@code go tool pprof} over one profile: {@link #top() top}, {@link #traces() traces},
 * {@link #tree() tree}, {@link #peek(String) peek}, {@link #dot() DOT call graph}, {@link #callgrind() callgrind}
 * and {@link #folded() folded stacks} for flame graphs.
 *
 * <p>The text of {@code top} and {@code traces} is the text {@code go tool pprof -top} and {@code -traces} print,
 * byte for byte, for the toolchain named in the options. Get one from {@link Profile#report()} or
 * {@link Profile#report(ReportOptions)}; filter and aggregate the profile first with its own methods. Immutable and
 * thread-safe: each report method builds its own graph.
 */
public final class Report {
    /** The profile as read, before any filter. */
    private final Profile source;
    /** The profile the reports draw: {@code source} with the active filters applied. */
    private final Profile profile;
    private final ReportOptions options;
    private final int index;
    private final ValueType sampleType;
    private final long total;
    private final Measurement measurement;
    private final Map<String, String> numUnits;
    private final List<String> activeFilters;

    private Report(Report from, String filter) {
        this.source = from.source;
        this.options = from.options;
        this.index = from.index;
        this.sampleType = from.sampleType;
        this.measurement = from.measurement;
        this.numUnits = from.numUnits;
        this.total = from.total;
        List<String> filters = new ArrayList<>(from.activeFilters);
        filters.add(filter);
        // go tool pprof lists the filters in the order of its flags, whatever the order they were given in.
        filters.sort(Comparator.comparingInt(f -> FILTER_ORDER.indexOf(f.substring(0, f.indexOf('=')))));
        this.activeFilters = List.copyOf(filters);
        // And applies them in that order to the unfiltered profile, with the label units it had (driver_focus.go).
        Profile p = source;
        for (String f : activeFilters) {
            String expr = f.substring(f.indexOf('=') + 1);
            p = switch (f.substring(0, f.indexOf('='))) {
                case "focus" -> p.focus(expr);
                case "ignore" -> p.ignore(expr);
                case "hide" -> p.hide(expr);
                case "show" -> p.show(expr);
                case "show_from" -> p.showFrom(expr);
                case "tagfocus" -> p.tagFocus(expr, numUnits);
                case "tagignore" -> p.tagIgnore(expr, numUnits);
                case "tagshow" -> p.tagShow(expr);
                default -> p.tagHide(expr);
            };
        }
        this.profile = p;
    }

    private static final List<String> FILTER_ORDER = List.of("focus", "ignore", "hide", "show", "show_from",
            "tagfocus", "tagignore", "tagshow", "taghide");

    private Report(Profile profile, ReportOptions options) {
        this.activeFilters = List.of();
        this.source = options.toolchain() < 21 ? profile.compact() : profile;
        this.options = options;
        // The pprof of Go 1.20 and earlier merged every profile it read, even a single one, before reporting.
        this.profile = source;
        if (profile.sampleTypes().isEmpty()) {
            throw new IllegalArgumentException("profile has no sample types");
        }
        this.index = profile.sampleIndex(options.sampleIndex());
        this.sampleType = profile.sampleTypes().get(index);
        this.measurement = Measurement.forGo(options.toolchain());
        this.numUnits = source.numLabelUnits();
        this.total = computeTotal();
    }

    /**
     * Returns the reports of a profile.
     *
     * @param profile the profile
     * @param options the options
     * @return the reports
     * @throws IllegalArgumentException if the profile has no sample types or the sample index names none of them
     */
    public static Report of(Profile profile, ReportOptions options) {
        return new Report(Objects.requireNonNull(profile, "profile"), Objects.requireNonNull(options, "options"));
    }

    /**
     * Returns the options.
     *
     * @return the options
     */
    public ReportOptions options() {
        return options;
    }

    /**
     * Returns the sample type the reports show ({@code -sample_index}).
     *
     * @return the sample type
     */
    public ValueType sampleType() {
        return sampleType;
    }

    /**
     * Returns the total the percentages are of: the sum of the absolute shown values (of the base samples only, in
     * a diff against a base).
     *
     * @return the total
     */
    public long total() {
        return total;
    }

    /**
     * Keeps only the samples with a frame that matches, as {@code -focus}: the same as {@link Profile#focus}, except that percentages stay relative to
     * the profile before filtering and the reports list the filter under {@code Active filters:}, as
     * {@code go tool pprof} does.
     *
     * @param expression the regular expression or filter
     * @return the filtered reports; these are unchanged
     * @throws IllegalArgumentException if the expression is malformed
     */
    public Report focus(String expression) {
        return new Report(this, "focus=" + expression);
    }

    /**
     * Drops the samples with a frame that matches, as {@code -ignore}: the same as {@link Profile#ignore}, except that percentages stay relative to
     * the profile before filtering and the reports list the filter under {@code Active filters:}, as
     * {@code go tool pprof} does.
     *
     * @param expression the regular expression or filter
     * @return the filtered reports; these are unchanged
     * @throws IllegalArgumentException if the expression is malformed
     */
    public Report ignore(String expression) {
        return new Report(this, "ignore=" + expression);
    }

    /**
     * Removes the frames that match from every stack, as {@code -hide}: the same as {@link Profile#hide}, except that percentages stay relative to
     * the profile before filtering and the reports list the filter under {@code Active filters:}, as
     * {@code go tool pprof} does.
     *
     * @param expression the regular expression or filter
     * @return the filtered reports; these are unchanged
     * @throws IllegalArgumentException if the expression is malformed
     */
    public Report hide(String expression) {
        return new Report(this, "hide=" + expression);
    }

    /**
     * Keeps only the frames that match in every stack, as {@code -show}: the same as {@link Profile#show}, except that percentages stay relative to
     * the profile before filtering and the reports list the filter under {@code Active filters:}, as
     * {@code go tool pprof} does.
     *
     * @param expression the regular expression or filter
     * @return the filtered reports; these are unchanged
     * @throws IllegalArgumentException if the expression is malformed
     */
    public Report show(String expression) {
        return new Report(this, "show=" + expression);
    }

    /**
     * Drops the callers of the outermost frame that matches, as {@code -show_from}: the same as {@link Profile#showFrom}, except that percentages stay relative to
     * the profile before filtering and the reports list the filter under {@code Active filters:}, as
     * {@code go tool pprof} does.
     *
     * @param expression the regular expression or filter
     * @return the filtered reports; these are unchanged
     * @throws IllegalArgumentException if the expression is malformed
     */
    public Report showFrom(String expression) {
        return new Report(this, "show_from=" + expression);
    }

    /**
     * Keeps only the samples whose labels match a tag filter such as {@code bytes=1kb:} or {@code stage=cpu}, as {@code -tagfocus}: the same as {@link Profile#tagFocus}, except that percentages stay relative to
     * the profile before filtering and the reports list the filter under {@code Active filters:}, as
     * {@code go tool pprof} does.
     *
     * @param expression the regular expression or filter
     * @return the filtered reports; these are unchanged
     * @throws IllegalArgumentException if the expression is malformed
     */
    public Report tagFocus(String expression) {
        return new Report(this, "tagfocus=" + expression);
    }

    /**
     * Drops the samples whose labels match a tag filter, as {@code -tagignore}: the same as {@link Profile#tagIgnore}, except that percentages stay relative to
     * the profile before filtering and the reports list the filter under {@code Active filters:}, as
     * {@code go tool pprof} does.
     *
     * @param expression the regular expression or filter
     * @return the filtered reports; these are unchanged
     * @throws IllegalArgumentException if the expression is malformed
     */
    public Report tagIgnore(String expression) {
        return new Report(this, "tagignore=" + expression);
    }

    /**
     * Keeps only the labels whose keys match, as {@code -tagshow}: the same as {@link Profile#tagShow}, except that percentages stay relative to
     * the profile before filtering and the reports list the filter under {@code Active filters:}, as
     * {@code go tool pprof} does.
     *
     * @param expression the regular expression or filter
     * @return the filtered reports; these are unchanged
     * @throws IllegalArgumentException if the expression is malformed
     */
    public Report tagShow(String expression) {
        return new Report(this, "tagshow=" + expression);
    }

    /**
     * Removes the labels whose keys match, as {@code -taghide}: the same as {@link Profile#tagHide}, except that percentages stay relative to
     * the profile before filtering and the reports list the filter under {@code Active filters:}, as
     * {@code go tool pprof} does.
     *
     * @param expression the regular expression or filter
     * @return the filtered reports; these are unchanged
     * @throws IllegalArgumentException if the expression is malformed
     */
    public Report tagHide(String expression) {
        return new Report(this, "taghide=" + expression);
    }

    /**
     * Returns the flat profile: nodes by flat value ({@code go tool pprof -top}).
     *
     * @return the report
     */
    public TopReport top() {
        Drawing d = new Drawing(Kind.TEXT);
        Trimmed t = d.trimmedGraph();
        d.selectOutputUnit(t.graph);
        List<String> header = d.reportLabels(t.graph.total(), t.graph.nodes.size(), t.origCount, t.droppedNodes, 0,
                false);
        List<TopReport.Row> rows = new ArrayList<>(t.graph.nodes.size());
        for (Graph.Node n : t.graph.nodes) {
            long flat = n.flatValue();
            long cum = n.cumValue();
            rows.add(new TopReport.Row(n.name(), inlineLabel(n), flat, cum, d.formatValue(flat),
                    d.formatValue(cum)));
        }
        return new TopReport(header, rows, total);
    }

    /**
     * Returns every sample with its labels, value and stack ({@code go tool pprof -traces}).
     *
     * @return the text, each line ending with a newline
     */
    public String traces() {
        Drawing d = new Drawing(Kind.TEXT);
        StringBuilder sb = new StringBuilder(4096);
        for (String l : d.profileLabels()) {
            sb.append(l).append('\n');
        }
        String separator = "-----------+-------------------------------------------------------";
        Graph.Options go = d.graphOptions(false);
        Graph.NodeMap nm = Graph.createNodes(profile, go, null);
        for (Sample s : profile.samples()) {
            List<Graph.Node> stack = new ArrayList<>();
            List<Boolean> inline = new ArrayList<>();
            for (Location l : s.locations()) {
                Graph.Node[] nodes = nm.of(l);
                for (int i = 0; i < nodes.length; i++) {
                    stack.add(nodes[i]);
                    inline.add(i != nodes.length - 1);
                }
            }
            if (stack.isEmpty()) {
                continue;
            }
            sb.append(separator).append('\n');
            List<String> labels = new ArrayList<>();
            Map<String, List<String>> str = new LinkedHashMap<>();
            Map<String, List<Long>> num = new LinkedHashMap<>();
            for (Label l : s.labels()) {
                if (l.isString()) {
                    str.computeIfAbsent(l.key(), k -> new ArrayList<>()).add(l.str());
                } else if (l.isNumeric()) {
                    num.computeIfAbsent(l.key(), k -> new ArrayList<>()).add(l.num());
                }
            }
            str.forEach((k, vs) -> labels.add(GoNumbers.padLeft(k, 10) + ":  " + String.join(" ", vs) + "\n"));
            labels.sort(GoStrings::compare);
            labels.forEach(sb::append);
            List<String> numLabels = new ArrayList<>();
            num.forEach((k, vs) -> {
                String unit = numUnits.getOrDefault(k, "");
                List<String> text = new ArrayList<>(vs.size());
                for (long v : vs) {
                    text.add(measurement.label(v, unit));
                }
                numLabels.add(GoNumbers.padLeft(k, 10) + ":  " + String.join(" ", text) + "\n");
            });
            numLabels.sort(GoStrings::compare);
            numLabels.forEach(sb::append);
            long[] values = s.values();
            long v = values[index];
            long div = options.mean() ? values[0] : 0;
            if (div != 0) {
                v /= div;
            }
            for (int i = 0; i < stack.size(); i++) {
                String vs = i == 0 ? d.formatValue(v) : "";
                sb.append(GoNumbers.padLeft(vs, 10)).append("   ").append(stack.get(i).name())
                        .append(inline.get(i) ? " (inline)" : "").append('\n');
            }
        }
        sb.append(separator).append('\n');
        return sb.toString();
    }

    /**
     * Returns the callers and callees of every node ({@code go tool pprof -tree}).
     *
     * @return the text, each line ending with a newline
     */
    public String tree() {
        return tree(new Drawing(Kind.TREE), null);
    }

    /**
     * Returns the callers and callees of the functions whose name matches ({@code go tool pprof -peek}).
     *
     * @param regex a regular expression found anywhere in a node's name
     * @return the text, each line ending with a newline
     * @throws IllegalArgumentException if nothing matches
     */
    public String peek(String regex) {
        return tree(new Drawing(Kind.PEEK), Pattern.compile(regex));
    }

    /**
     * Returns the call graph in Graphviz DOT ({@code go tool pprof -dot}).
     *
     * @return the DOT text
     */
    public String dot() {
        Drawing d = new Drawing(Kind.DOT);
        Trimmed t = d.trimmedGraph();
        d.selectOutputUnit(t.graph);
        List<String> labels = d.reportLabels(t.graph.total(), t.graph.nodes.size(), t.origCount, t.droppedNodes,
                t.droppedEdges, true);
        String title = "";
        if (!profile.mappings().isEmpty() && !profile.mappings().get(0).file().isEmpty()) {
            title = GraphNodeInfo.baseName(profile.mappings().get(0).file());
        }
        return new DotGraph(t.graph, title, labels, d::formatValue, total, options.toolchain()).toDot();
    }

    /**
     * Returns the call graph in callgrind format, for KCachegrind ({@code go tool pprof -callgrind}).
     *
     * @return the text, each line ending with a newline
     */
    public String callgrind() {
        Drawing d = new Drawing(Kind.CALLGRIND);
        Trimmed t = d.trimmedGraph();
        d.selectOutputUnit(t.graph);
        return Callgrind.format(t.graph, d.sampleTypeName(), d.outputUnit, sampleType.unit(), measurement);
    }

    /**
     * Returns the samples as folded stacks ({@code root;caller;leaf value}, one distinct stack per line, sorted),
     * the input of flamegraph.pl, speedscope and most flame graph tools. Inlined calls are frames of their own
     * unless the options fold them; samples whose shown value is zero are left out.
     *
     * @return the text, each line ending with a newline
     */
    public String folded() {
        List<Stack> stacks = stacks();
        StringBuilder sb = new StringBuilder(stacks.size() * 64);
        for (Stack s : stacks) {
            sb.append(s.key()).append(' ').append(s.value()).append('\n');
        }
        return sb.toString();
    }

    /**
     * One line of the folded stacks: the frames root first, and the summed value.
     *
     * @param key    the frames joined by {@code ;}, the line's text before the value
     * @param frames the frames, root first; no frame contains {@code ;}
     * @param value  the summed shown value, never zero
     */
    record Stack(String key, List<String> frames, long value) {
    }

    /**
     * The distinct stacks of {@link #folded()}, in its order: the one stack builder behind folded text and
     * {@link FlameGraph}, so the two always agree.
     */
    List<Stack> stacks() {
        Drawing d = new Drawing(Kind.TEXT);
        Graph.Options go = d.graphOptions();
        Graph.NodeMap nm = Graph.createNodes(profile, go, null);
        Map<String, Stack> stacks = new HashMap<>();
        List<String> frames = new ArrayList<>();
        StringBuilder key = new StringBuilder();
        for (Sample s : profile.samples()) {
            long v = s.values()[index];
            if (v == 0) {
                continue;
            }
            key.setLength(0);
            frames.clear();
            List<Location> locs = s.locations();
            for (int i = locs.size() - 1; i >= 0; i--) {
                Graph.Node[] nodes = nm.of(locs.get(i));
                for (int j = nodes.length - 1; j >= 0; j--) {
                    if (key.length() > 0) {
                        key.append(';');
                    }
                    String name = nodes[j].foldedName();
                    key.append(name);
                    frames.add(name);
                }
            }
            if (key.length() == 0) {
                continue;
            }
            String k = key.toString();
            Stack old = stacks.get(k);
            stacks.put(k, old == null ? new Stack(k, List.copyOf(frames), v) : new Stack(k, old.frames(),
                    old.value() + v));
        }
        List<Stack> sorted = new ArrayList<>(stacks.values());
        sorted.sort((a, b) -> GoStrings.compare(a.key(), b.key()));
        return sorted;
    }

    @Override
    public String toString() {
        return "Report[" + sampleType.type() + ", total " + total + ", " + options.granularity() + "]";
    }

    // ---- the graph pipeline, google/pprof report.newTrimmedGraph ----

    private enum Kind { TEXT, TREE, PEEK, DOT, CALLGRIND }

    private record Trimmed(Graph graph, int origCount, int droppedNodes, int droppedEdges) {
    }

    /** One report being drawn: the output unit is chosen per report, as google/pprof does. */
    private final class Drawing {
        final Kind kind;
        final Granularity granularity;
        final int nodeCount;
        final double nodeFraction;
        final double edgeFraction;
        String outputUnit;

        Drawing(Kind kind) {
            this.kind = kind;
            this.outputUnit = options.unit();
            boolean trim = kind != Kind.PEEK && kind != Kind.CALLGRIND;
            int count = options.nodeCount();
            if (count < 0) {
                count = kind == Kind.TEXT ? 0 : 80;
            }
            this.granularity = kind == Kind.CALLGRIND ? Granularity.ADDRESSES : options.granularity();
            this.nodeCount = trim ? count : 0;
            this.nodeFraction = trim ? options.nodeFraction() : 0;
            this.edgeFraction = trim ? options.edgeFraction() : 0;
        }

        Graph.Options graphOptions() {
            return graphOptions(true);
        }

        // google/pprof trims /proc/self/cwd from file names only for the reports drawn from a graph, not -traces.
        Graph.Options graphOptions(boolean trimPaths) {
            ToLongFunction<long[]> value = v -> v[index];
            ToLongFunction<long[]> div = options.mean() ? v -> v[0] : null;
            return new Graph.Options(value, div, granularity, options.noInlines(), kind == Kind.CALLGRIND,
                    trimPaths, options.dropNegative(), numUnits, measurement, outputUnit, kind == Kind.DOT);
        }

        Graph graph(Set<GraphNodeInfo> kept) {
            return Graph.build(profile, graphOptions(), kept);
        }

        Trimmed trimmedGraph() {
            boolean visual = kind == Kind.DOT;
            Graph g = graph(null);
            long totalValue = g.flatSum();
            long nodeCutoff = Math.abs((long) (totalValue * nodeFraction));
            long edgeCutoff = Math.abs((long) (totalValue * edgeFraction));
            int droppedNodes = 0;
            if (nodeCutoff > 0) {
                Set<GraphNodeInfo> kept = Graph.infosAbove(g.nodes, nodeCutoff);
                if (kept.size() != g.nodes.size()) {
                    droppedNodes = g.nodes.size() - kept.size();
                    g = graph(kept);
                }
            }
            int origCount = g.nodes.size();
            Graph.Order order = visual ? Graph.Order.ENTROPY
                    : options.cumSort() ? Graph.Order.CUM_NAME : Graph.Order.FLAT_NAME;
            boolean addressAware = options.toolchain() >= 27;
            g.sort(order, addressAware);
            if (nodeCount > 0) {
                g.trimLowFrequencyTags(nodeCutoff);
                g.trimLowFrequencyEdges(edgeCutoff);
                List<Graph.Node> top = g.selectTop(nodeCount, visual);
                if (top.size() != g.nodes.size()) {
                    Set<GraphNodeInfo> kept = Graph.infosAbove(top, 0);
                    g = graph(kept);
                    g.sort(order, addressAware);
                }
            }
            g.trimLowFrequencyTags(nodeCutoff);
            int droppedEdges = g.trimLowFrequencyEdges(edgeCutoff);
            if (visual) {
                g.removeRedundantEdges();
            }
            return new Trimmed(g, origCount, droppedNodes, droppedEdges);
        }

        /** google/pprof {@code selectOutputUnit}: a unit that suits both the smallest value and the total. */
        void selectOutputUnit(Graph g) {
            if (!outputUnit.equals("minimum") || g.nodes.isEmpty()) {
                return;
            }
            long minValue = 0;
            for (Graph.Node n : g.nodes) {
                long nodeMin = Math.abs(n.flatValue());
                if (nodeMin == 0) {
                    nodeMin = Math.abs(n.cumValue());
                }
                if (nodeMin > 0 && (minValue == 0 || nodeMin < minValue)) {
                    minValue = nodeMin;
                }
            }
            long maxValue = total;
            if (minValue == 0) {
                minValue = maxValue;
            }
            double r = ratio();
            if (r > 0 && r != 1) {
                minValue = (long) (minValue * r);
                maxValue = (long) (maxValue * r);
            }
            String minUnit = measurement.scale(minValue, sampleType.unit(), "minimum").unit();
            String maxUnit = measurement.scale(maxValue, sampleType.unit(), "minimum").unit();
            String unit = minUnit;
            if (!minUnit.equals(maxUnit) && minValue * 100 < maxValue && kind != Kind.CALLGRIND) {
                unit = measurement.scale(100 * minValue, sampleType.unit(), "minimum").unit();
            }
            outputUnit = unit.isEmpty() ? sampleType.unit() : unit;
        }

        double ratio() {
            return 1 / options.divideBy();
        }

        String formatValue(long v) {
            double r = ratio();
            if (r > 0 && r != 1) {
                v = (long) (v * r);
            }
            return measurement.scaledLabel(v, sampleType.unit(), outputUnit);
        }

        String sampleTypeName() {
            return options.mean() ? "mean_" + sampleType.type() : sampleType.type();
        }

        /** google/pprof {@code ProfileLabels}. */
        List<String> profileLabels() {
            List<String> label = new ArrayList<>();
            if (!profile.mappings().isEmpty()) {
                Mapping m = profile.mappings().get(0);
                if (!m.file().isEmpty()) {
                    label.add("File: " + GraphNodeInfo.baseName(m.file()));
                }
                if (!m.buildId().isEmpty()) {
                    label.add("Build ID: " + m.buildId());
                }
            }
            for (String c : profile.comments()) {
                if (!c.startsWith("#")) {
                    label.add(c);
                }
            }
            label.add("Type: " + sampleTypeName());
            if (!profile.docUrl().isEmpty() && options.toolchain() >= 24) {
                label.add("Doc: " + profile.docUrl());
            }
            if (profile.timeNanos() != 0) {
                label.add("Time: " + formatTime(profile.timeNanos()));
            }
            if (profile.durationNanos() != 0) {
                String duration = measurement.label(profile.durationNanos(), "nanoseconds");
                Measurement.Scaled totalNanos = measurement.scale(total, sampleType.unit(), "nanoseconds");
                String ratio = "";
                if (totalNanos.unit().equals("ns") && totalNanos.value() != 0) {
                    ratio = "(" + Measurement.percentage((long) totalNanos.value(), profile.durationNanos()) + ")";
                }
                label.add("Duration: " + duration + ", Total samples = " + formatValue(total) + " " + ratio);
            }
            return label;
        }

        /** google/pprof {@code reportLabels}. */
        List<String> reportLabels(long shownTotal, int nodes, int origCount, int droppedNodes, int droppedEdges,
                                  boolean fullHeaders) {
            List<String> label = new ArrayList<>(profileLabels());
            if (!activeFilters.isEmpty()) {
                label.add("Active filters:");
                for (String f : activeFilters) {
                    label.add("   " + (f.codePointCount(0, f.length()) > 80
                            ? f.substring(0, f.offsetByCodePoints(0, 80)) + "…" : f));
                }
            }
            label.add("Showing nodes accounting for " + formatValue(shownTotal) + ", "
                    + Measurement.percentage(shownTotal, total).strip() + " of " + formatValue(total) + " total");
            if (total != 0) {
                if (droppedNodes > 0) {
                    label.add(dropped(droppedNodes, "node", "cum", formatValue(Math.abs((long) (total * nodeFraction)))));
                }
                if (droppedEdges > 0) {
                    label.add(dropped(droppedEdges, "edge", "freq", formatValue(Math.abs((long) (total * edgeFraction)))));
                }
                if (nodes > 0 && nodes < origCount) {
                    label.add("Showing top " + nodes + " nodes out of " + origCount);
                }
            }
            if (fullHeaders) {
                label.add("\nSee https://git.io/JfYMW for how to read the graph");
            }
            return label;
        }
    }

    private static String dropped(int d, String n, String l, String f) {
        return "Dropped " + d + " " + (d > 1 ? n + "s" : n) + " (" + l + " <= " + f + ")";
    }

    private String formatTime(long nanos) {
        ZonedDateTime t = Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
                Math.floorMod(nanos, 1_000_000_000L)).atZone(options.zone());
        String zone = options.zone().equals(ZoneOffset.UTC) || options.zone().getId().equals("UTC") ? "UTC"
                : t.getZone().getDisplayName(TextStyle.SHORT, Locale.ROOT);
        if (options.toolchain() >= 24) {
            return t.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)) + " " + zone;
        }
        // Go's "Jan 2, 2006 at 3:04pm (MST)".
        int h = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
        return t.format(DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.ROOT)) + " at " + h + ":"
                + (t.getMinute() < 10 ? "0" : "") + t.getMinute() + (t.getHour() < 12 ? "am" : "pm") + " (" + zone + ")";
    }

    private String tree(Drawing d, Pattern rx) {
        String separator = "----------------------------------------------------------+-------------";
        String legend = "      flat  flat%   sum%        cum   cum%   calls calls% + context \t \t ";
        Trimmed t = d.trimmedGraph();
        d.selectOutputUnit(t.graph);
        StringBuilder sb = new StringBuilder(8192);
        for (String l : d.reportLabels(t.graph.total(), t.graph.nodes.size(), t.origCount, t.droppedNodes, 0, false)) {
            sb.append(l).append('\n');
        }
        sb.append(separator).append('\n').append(legend).append('\n');
        long flatSum = 0;
        int matched = 0;
        for (Graph.Node n : t.graph.nodes) {
            String name = n.name();
            long flat = n.flatValue();
            long cum = n.cumValue();
            if (rx != null && !rx.matcher(name).find()) {
                continue;
            }
            matched++;
            sb.append(separator).append('\n');
            for (Graph.Edge in : Graph.sortedEdges(n.in)) {
                edgeLine(sb, d, in, in.src, cum);
            }
            flatSum += flat;
            sb.append(GoNumbers.padLeft(d.formatValue(flat), 10)).append(' ')
                    .append(Measurement.percentage(flat, total)).append(' ')
                    .append(Measurement.percentage(flatSum, total)).append(' ')
                    .append(GoNumbers.padLeft(d.formatValue(cum), 10)).append(' ')
                    .append(Measurement.percentage(cum, total)).append("                | ").append(name).append('\n');
            for (Graph.Edge out : Graph.sortedEdges(n.out)) {
                edgeLine(sb, d, out, out.dest, cum);
            }
        }
        if (!t.graph.nodes.isEmpty()) {
            sb.append(separator).append('\n');
        }
        if (rx != null && matched == 0) {
            throw new IllegalArgumentException("no matches found for regexp: " + rx.pattern());
        }
        return sb.toString();
    }

    // A caller or callee line of -tree and -peek: the edge's value, its share of the node's cum, the other node.
    private static void edgeLine(StringBuilder sb, Drawing d, Graph.Edge e, Graph.Node other, long cum) {
        sb.append(GoNumbers.padLeft(d.formatValue(e.weight), 50)).append(' ')
                .append(Measurement.percentage(e.weight, cum)).append(" |   ")
                .append(other.name()).append(e.inline ? " (inline)" : "").append('\n');
    }

    private static String inlineLabel(Graph.Node n) {
        boolean inline = false;
        boolean noInline = false;
        for (Graph.Edge e : n.in.values()) {
            if (e.inline) {
                inline = true;
            } else {
                noInline = true;
            }
        }
        return !inline ? "" : noInline ? "(partial-inline)" : "(inline)";
    }

    /** google/pprof {@code computeTotal}. */
    private long computeTotal() {
        long div = 0;
        long sum = 0;
        long diffDiv = 0;
        long diffTotal = 0;
        for (Sample s : profile.samples()) {
            long[] values = s.values();
            long v = values[index];
            long d = options.mean() ? values[0] : 0;
            if (v < 0) {
                v = -v;
            }
            sum += v;
            div += d;
            if (isDiffBase(s)) {
                diffTotal += v;
                diffDiv += d;
            }
        }
        if (diffTotal > 0) {
            sum = diffTotal;
            div = diffDiv;
        }
        return div != 0 ? sum / div : sum;
    }

    private static boolean isDiffBase(Sample s) {
        for (Label l : s.labels()) {
            if (l.isString() && l.key().equals(Scaling.BASE_LABEL) && l.str().equals("true")) {
                return true;
            }
        }
        return false;
    }
}
