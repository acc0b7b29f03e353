package dev.gopherlens.pprof;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A call graph in Graphviz DOT as {@code go tool pprof -dot} writes it (google/pprof {@code graph.ComposeDot}):
 * a legend, one box per node sized by its flat value and coloured by its cumulative share, nodelets for labels, and
 * edges weighted by their value, dotted where intermediate nodes were dropped.
 */
final class DotGraph {
    /** The most label nodelets drawn under a node. */
    static final int MAX_NODELETS = 4;

    private static final Pattern JAVA = Pattern.compile(
            "^(?:[a-z]\\w*\\.)*([A-Z][\\w$]*\\.(?:<init>|[a-z][\\w$]*(?:\\$\\d+)?))(?:\\(|$)");
    private static final Pattern GO = Pattern.compile("^(?:[\\w\\-.]+/)+([^.]+\\..+)");
    private static final Pattern GO_OLD = Pattern.compile("^(?:[\\w\\-.]+/)+(.+)");
    private static final Pattern GO_VERSION = Pattern.compile("^(.*?)/v(?:[2-9]|[1-9][0-9]+)([./].*)$");
    private static final Pattern CPP = Pattern.compile(
            "^(?:[_a-zA-Z]\\w*::)+(_*[A-Z]\\w*::~?[_a-zA-Z]\\w*(?:<.*>)?)");
    private static final Pattern CPP_ANONYMOUS = Pattern.compile("^\\(anonymous namespace\\)::");

    private final Graph graph;
    private final String title;
    private final List<String> labels;
    private final LongFunction<String> formatValue;
    private final long total;
    private final int toolchain;
    private final StringBuilder out = new StringBuilder(16384);

    DotGraph(Graph graph, String title, List<String> labels, LongFunction<String> formatValue, long total,
             int toolchain) {
        this.graph = graph;
        this.title = title;
        this.labels = labels;
        this.formatValue = formatValue;
        this.total = total;
        this.toolchain = toolchain;
    }

    String toDot() {
        out.append("digraph \"").append(title.isEmpty() ? "unnamed" : title).append("\" {\n");
        out.append("node [style=filled fillcolor=\"#f8f8f8\"]\n");
        legend();
        List<Graph.Node> nodes = graph.nodes;
        if (!nodes.isEmpty()) {
            Map<Graph.Node, Integer> ids = new IdentityHashMap<>();
            Map<Graph.Node, Boolean> hasNodelets = new IdentityHashMap<>();
            double maxFlat = Math.abs(nodes.get(0).flatValue());
            for (int i = 0; i < nodes.size(); i++) {
                ids.put(nodes.get(i), i + 1);
                maxFlat = Math.max(maxFlat, Math.abs(nodes.get(i).flatValue()));
            }
            List<Graph.Edge> edges = new ArrayList<>();
            for (Graph.Node n : nodes) {
                node(n, ids.get(n), maxFlat);
                hasNodelets.put(n, nodelets(n, ids.get(n)));
                edges.addAll(n.out.values());
            }
            edges.sort(Comparator.<Graph.Edge>comparingLong(e -> -Math.abs(e.weight))
                    .thenComparing((a, b) -> GoStrings.compare(a.src.name(), b.src.name()))
                    .thenComparing((a, b) -> GoStrings.compare(a.dest.name(),
                            b.dest.name())));
            for (Graph.Edge e : edges) {
                Integer from = ids.get(e.src);
                Integer to = ids.get(e.dest);
                if (from != null && to != null) {
                    edge(e, from, to, hasNodelets.get(e.src));
                }
            }
        }
        out.append("}\n");
        return out.toString();
    }

    private void legend() {
        if (labels.isEmpty()) {
            return;
        }
        out.append("subgraph cluster_L { \"").append(escape(labels.get(0))).append("\" [shape=box fontsize=16");
        List<String> escaped = new ArrayList<>(labels.size());
        labels.forEach(l -> escaped.add(escape(l)));
        out.append(" label=\"").append(String.join("\\l", escaped)).append("\\l\"");
        if (!title.isEmpty()) {
            out.append(" tooltip=\"").append(title).append('"');
        }
        out.append("] }\n");
    }

    private void node(Graph.Node n, int id, double maxFlat) {
        long flat = n.flatValue();
        long cum = n.cumValue();
        StringBuilder label = new StringBuilder(multilineName(n.info));
        String flatValue = formatValue.apply(flat);
        if (flat != 0) {
            label.append(flatValue).append(" (").append(Measurement.percentage(flat, total).strip()).append(')');
        } else {
            label.append('0');
        }
        String cumValue = flatValue;
        if (cum != flat) {
            label.append(flat != 0 ? "\\n" : " ");
            cumValue = formatValue.apply(cum);
            label.append("of ").append(cumValue).append(" (").append(Measurement.percentage(cum, total).strip())
                    .append(')');
        }
        int fontSize = 8;
        if (maxFlat != 0 && flat != 0 && Math.abs(flat) <= maxFlat) {
            fontSize += (int) Math.ceil(16.0 * Math.sqrt(Math.abs(flat) / maxFlat));
        }
        double share = (double) n.cumValue() / (double) Math.abs(total);
        out.append('N').append(id).append(" [label=\"").append(label).append("\" id=\"node").append(id)
                .append("\" fontsize=").append(fontSize).append(" shape=box tooltip=\"")
                .append(escape(n.name())).append(" (").append(cumValue).append(")\" color=\"")
                .append(color(share, false)).append("\" fillcolor=\"").append(color(share, true)).append("\"]\n");
    }

    private boolean nodelets(Graph.Node n, int id) {
        StringBuilder sb = new StringBuilder();
        List<Graph.Tag> ts = new ArrayList<>(n.labelTags.values());
        boolean flatTags = !n.out.isEmpty();
        sortTags(ts, flatTags);
        if (ts.size() > MAX_NODELETS) {
            ts = ts.subList(0, MAX_NODELETS);
        }
        for (int i = 0; i < ts.size(); i++) {
            Graph.Tag t = ts.get(i);
            long w = flatTags ? t.flatValue() : t.cumValue();
            if (w == 0) {
                continue;
            }
            String weight = formatValue.apply(w);
            sb.append('N').append(id).append('_').append(i).append(" [label = \"").append(t.name).append("\" id=\"N")
                    .append(id).append('_').append(i).append("\" fontsize=8 shape=box3d tooltip=\"").append(weight)
                    .append("\"]\n");
            sb.append('N').append(id).append(" -> N").append(id).append('_').append(i).append(" [label=\" ")
                    .append(weight).append("\" weight=100 tooltip=\"").append(weight).append("\" labeltooltip=\"")
                    .append(weight).append("\"]\n");
            Map<String, Graph.Tag> nts = n.numericTags.get(t.name);
            if (nts != null && !nts.isEmpty()) {
                numericNodelets(sb, new ArrayList<>(nts.values()), flatTags, "N" + id + "_" + i);
            }
        }
        Map<String, Graph.Tag> unlabelled = n.numericTags.get("");
        if (unlabelled != null && !unlabelled.isEmpty()) {
            numericNodelets(sb, new ArrayList<>(unlabelled.values()), flatTags, "N" + id);
        }
        out.append(sb);
        return sb.length() > 0;
    }

    private void numericNodelets(StringBuilder sb, List<Graph.Tag> nts, boolean flatTags, String source) {
        List<Graph.Tag> tags = collapsedTags(nts, MAX_NODELETS, flatTags);
        for (int j = 0; j < tags.size(); j++) {
            Graph.Tag t = tags.get(j);
            long w = t.cumValue();
            String attr = " style=\"dotted\"";
            if (flatTags || t.flatValue() == t.cumValue()) {
                w = t.flatValue();
                attr = "";
            }
            if (w != 0) {
                String weight = formatValue.apply(w);
                sb.append('N').append(source).append('_').append(j).append(" [label = \"").append(t.name)
                        .append("\" id=\"N").append(source).append('_').append(j)
                        .append("\" fontsize=8 shape=box3d tooltip=\"").append(weight).append("\"]\n");
                sb.append(source).append(" -> N").append(source).append('_').append(j).append(" [label=\" ")
                        .append(weight).append("\" weight=100 tooltip=\"").append(weight).append("\" labeltooltip=\"")
                        .append(weight).append('"').append(attr).append("]\n");
            }
        }
    }

    private List<Graph.Tag> collapsedTags(List<Graph.Tag> ts, int count, boolean flatTags) {
        sortTags(ts, flatTags);
        if (ts.size() <= count) {
            return ts;
        }
        List<List<Graph.Tag>> groups = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<Graph.Tag> g = new ArrayList<>();
            g.add(ts.get(i));
            groups.add(g);
        }
        for (Graph.Tag t : ts.subList(count, ts.size())) {
            int g = 0;
            double d = tagDistance(t, groups.get(0).get(0));
            for (int i = 1; i < count; i++) {
                double nd = tagDistance(t, groups.get(i).get(0));
                if (nd < d) {
                    g = i;
                    d = nd;
                }
            }
            groups.get(g).add(t);
        }
        List<Graph.Tag> nts = new ArrayList<>();
        for (List<Graph.Tag> g : groups) {
            nts.add(groupTag(g));
        }
        sortTags(nts, flatTags);
        return nts;
    }

    private static double tagDistance(Graph.Tag t, Graph.Tag u) {
        double v = Measurement.CURRENT.scale(u.value, u.unit, t.unit).value();
        return v < t.value ? t.value - v : v - t.value;
    }

    private static Graph.Tag groupTag(List<Graph.Tag> g) {
        Measurement m = Measurement.CURRENT;
        if (g.size() == 1) {
            Graph.Tag t = g.get(0);
            Graph.Tag r = new Graph.Tag(m.label(t.value, t.unit), "", 0);
            r.flat = t.flatValue();
            r.cum = t.cumValue();
            return r;
        }
        Graph.Tag min = g.get(0);
        Graph.Tag max = g.get(0);
        long df = min.flatDiv;
        long f = min.flat;
        long dc = min.cumDiv;
        long c = min.cum;
        for (Graph.Tag t : g.subList(1, g.size())) {
            if ((long) m.scale(t.value, t.unit, min.unit).value() < min.value) {
                min = t;
            }
            if ((long) m.scale(t.value, t.unit, max.unit).value() > max.value) {
                max = t;
            }
            f += t.flat;
            df += t.flatDiv;
            c += t.cum;
            dc += t.cumDiv;
        }
        if (df != 0) {
            f /= df;
        }
        if (dc != 0) {
            c /= dc;
        }
        Graph.Tag r = new Graph.Tag(m.label(min.value, min.unit) + ".." + m.label(max.value, max.unit), "", 0);
        r.flat = f;
        r.cum = c;
        return r;
    }

    // google/pprof graph.SortTags: by cumulative (unless flat), then flat weight, then name.
    private static void sortTags(List<Graph.Tag> ts, boolean flat) {
        Comparator<Graph.Tag> c = Comparator.comparingLong(t -> -Math.abs(t.flat));
        if (!flat) {
            c = Comparator.<Graph.Tag>comparingLong(t -> -Math.abs(t.cum)).thenComparing(c);
        }
        ts.sort(c.thenComparing((a, b) -> GoStrings.compare(a.name, b.name)));
    }

    private void edge(Graph.Edge e, int from, int to, boolean hasNodelets) {
        String inline = e.inline ? "\\n (inline)" : "";
        String w = formatValue.apply(e.weightValue());
        StringBuilder attr = new StringBuilder("label=\" ").append(w).append(inline).append('"');
        if (total != 0) {
            long weight = 1 + Math.min(Math.abs(e.weightValue() * 100 / total), 100);
            if (weight > 1) {
                attr.append(" weight=").append(weight);
            }
            long width = 1 + Math.min(Math.abs(e.weightValue() * 5 / total), 5);
            if (width > 1) {
                attr.append(" penwidth=").append(width);
            }
            attr.append(" color=\"").append(color((double) e.weightValue() / (double) Math.abs(total), false))
                    .append('"');
        }
        String arrow = e.residual ? "..." : "->";
        String tooltip = "\"" + escape(e.src.name()) + " " + arrow + " "
                + escape(e.dest.name()) + " (" + w + ")\"";
        attr.append(" tooltip=").append(tooltip).append(" labeltooltip=").append(tooltip);
        if (e.residual) {
            attr.append(" style=\"dotted\"");
        }
        if (hasNodelets) {
            attr.append(" minlen=2");
        }
        out.append('N').append(from).append(" -> N").append(to).append(" [").append(attr).append("]\n");
    }

    /** google/pprof {@code dotColor}: grey near zero, red for positive and green for negative shares. */
    static String color(double score, boolean background) {
        double shift = 0.7;
        double saturation = background ? 0.1 : 1.0;
        double value = background ? 0.93 : 0.7;
        score = Math.max(-1.0, Math.min(1.0, score));
        if (Math.abs(score) < 0.2) {
            saturation *= Math.abs(score) / 0.2;
        }
        if (score > 0.0) {
            score = Math.pow(score, 1.0 - shift);
        }
        if (score < 0.0) {
            score = -Math.pow(-score, 1.0 - shift);
        }
        double r;
        double g;
        if (score < 0.0) {
            g = value;
            r = value * (1 + saturation * score);
        } else {
            r = value;
            g = value * (1 - saturation * score);
        }
        double b = value * (1 - saturation);
        return "#" + hex2(r * 255.0) + hex2(g * 255.0) + hex2(b * 255.0);
    }

    // Go's uint8(float64) conversion truncates toward zero.
    private static String hex2(double v) {
        int i = ((int) v) & 0xff;
        return (i < 16 ? "0" : "") + Integer.toHexString(i);
    }

    private String multilineName(GraphNodeInfo info) {
        String name = escape(shortenFunctionName(info.name(), toolchain));
        name = name.replace("::", "\\n").replace("[...]", "[…]").replace(".", "\\n");
        String file = info.file().isEmpty() ? "" : GraphNodeInfo.baseName(info.file());
        GraphNodeInfo copy = new GraphNodeInfo(name, info.origName(), info.address(), file, info.startLine(),
                info.lineno(), info.columnno(), info.objfile());
        return String.join("\\n", copy.nameComponents()) + "\\n";
    }

    /** google/pprof {@code ShortenFunctionName}: the package path dropped from Go, Java and C++ names. */
    static String shortenFunctionName(String f, int toolchain) {
        f = CPP_ANONYMOUS.matcher(f).replaceAll("");
        if (toolchain >= 19) {
            f = GO_VERSION.matcher(f).replaceAll("$1$2");
        }
        for (Pattern re : new Pattern[] {toolchain >= 22 ? GO : GO_OLD, JAVA, CPP}) {
            Matcher m = re.matcher(f);
            if (m.find()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= m.groupCount(); i++) {
                    if (m.group(i) != null) {
                        sb.append(m.group(i));
                    }
                }
                return sb.toString();
            }
        }
        return f;
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\l");
    }
}
