package dev.gopherlens.pprof;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * The call graph a report is drawn from (google/pprof {@code internal/graph}): one node per distinct
 * {@link GraphNodeInfo}, with flat and cumulative weights, and caller → callee edges.
 *
 * <p>Built fresh for each refinement step, as google/pprof does, because trimming a graph in place would lose
 * precision. Not thread-safe; lives inside one report call.
 */
final class Graph {
    /** Flat and cumulative weights, each with the divisor a mean divides them by. */
    abstract static class Weighted {
        long flat;
        long flatDiv;
        long cum;
        long cumDiv;

        void add(long dw, long w, boolean isFlat) {
            if (isFlat) {
                flatDiv += dw;
                flat += w;
            } else {
                cumDiv += dw;
                cum += w;
            }
        }

        long flatValue() {
            return flatDiv == 0 ? flat : flat / flatDiv;
        }

        long cumValue() {
            return cumDiv == 0 ? cum : cum / cumDiv;
        }
    }

    /** A node: a function, file, line or address, depending on the granularity. */
    static final class Node extends Weighted {
        final GraphNodeInfo info;
        /** A number unique within one graph, the key of edges to and from this node. */
        final int id;
        /** Callers of this node, keyed by the caller. */
        final GraphEdges in = new GraphEdges();
        /** Callees of this node, keyed by the callee. */
        final GraphEdges out = new GraphEdges();
        final Map<String, Tag> labelTags = new HashMap<>();
        final Map<String, Map<String, Tag>> numericTags = new HashMap<>();
        Node function;
        /** The last sample that added to this node's cumulative value (google/pprof's per-sample seenNode). */
        int seenIn = -1;

        private String name;
        private String folded;

        Node(GraphNodeInfo info, int id) {
            this.info = info;
            this.id = id;
        }

        /** The name as a folded-stack frame: the printable name with the separator ';' replaced by ':'. */
        String foldedName() {
            String n = folded;
            if (n == null) {
                n = name().replace(';', ':');
                folded = n;
            }
            return n;
        }

        /** The printable name, made once: sorting and printing ask for it many times. */
        String name() {
            String n = name;
            if (n == null) {
                n = info.printableName();
                name = n;
            }
            return n;
        }

        /** Adds to the edge to {@code to} unless sample {@code sampleNo} already did (google/pprof's seenEdge). */
        void addToEdge(Node to, long dv, long v, boolean residual, boolean inline, int sampleNo) {
            Edge e = out.get(to);
            if (e != null) {
                if (e.seenIn == sampleNo) {
                    return;
                }
                e.seenIn = sampleNo;
                e.weightDiv += dv;
                e.weight += v;
                e.residual |= residual;
                if (!inline) {
                    e.inline = false;
                }
                return;
            }
            e = new Edge(this, to, v, dv, residual, inline);
            e.seenIn = sampleNo;
            out.put(to, e);
            to.in.put(this, e);
        }

        void addSample(long dw, long w, String labels, Sample s, Map<String, String> numUnits,
                       Measurement measurement, String outputUnit, boolean isFlat) {
            add(dw, w, isFlat);
            if (labels == null) {
                return;
            }
            if (!labels.isEmpty()) {
                labelTags.computeIfAbsent(labels, k -> new Tag(k, "", 0)).add(dw, w, isFlat);
            }
            Map<String, Tag> numeric = numericTags.computeIfAbsent(labels, k -> new HashMap<>());
            for (Label l : s.labels()) {
                // Reports keep only the "bytes" numeric label (google/pprof report.newGraph).
                if (!l.isNumeric() || !l.key().equals("bytes")) {
                    continue;
                }
                String unit = numUnits.getOrDefault(l.key(), "");
                String name = measurement.scaledLabel(l.num(), unit, outputUnit);
                numeric.computeIfAbsent(name, k -> new Tag(k, unit, l.num())).add(dw, w, isFlat);
            }
        }

        @Override
        public String toString() {
            return info.printableName() + "[flat=" + flat + " cum=" + cum + "]";
        }
    }

    /** A caller → callee edge. */
    static final class Edge {
        Node src;
        final Node dest;
        long weight;
        long weightDiv;
        boolean residual;
        boolean inline;
        int seenIn = -1;

        Edge(Node src, Node dest, long weight, long weightDiv, boolean residual, boolean inline) {
            this.src = src;
            this.dest = dest;
            this.weight = weight;
            this.weightDiv = weightDiv;
            this.residual = residual;
            this.inline = inline;
        }

        long weightValue() {
            return weightDiv == 0 ? weight : weight / weightDiv;
        }
    }

    /** A label or numeric label value carried by a node (DOT nodelets). */
    static final class Tag extends Weighted {
        final String name;
        final String unit;
        final long value;

        Tag(String name, String unit, long value) {
            this.name = name;
            this.unit = unit;
            this.value = value;
        }
    }

    /** How to build a graph from a profile. */
    record Options(ToLongFunction<long[]> value, ToLongFunction<long[]> meanDivisor, Granularity granularity,
                   boolean noInlines, boolean objNames, boolean trimPaths, boolean dropNegative,
                   Map<String, String> numUnits, Measurement measurement, String outputUnit, boolean tags) {
    }

    final List<Node> nodes;

    private Graph(List<Node> nodes) {
        this.nodes = nodes;
    }

    /** The lines of a location that become nodes: all of them, or only the outermost with {@code noInlines}. */
    static List<Line> lines(Location l, boolean noInlines) {
        List<Line> lines = l.lines();
        if (lines.isEmpty()) {
            List<Line> one = new ArrayList<>(1);
            one.add(null);
            return one;
        }
        if (noInlines && lines.size() > 1) {
            return lines.subList(lines.size() - 1, lines.size());
        }
        return lines;
    }

    /** The nodes of every location, innermost line first (google/pprof {@code CreateNodes}). */
    static final class NodeMap {
        final Map<GraphNodeInfo, Node> byInfo = new LinkedHashMap<>();
        // Locations by id into a dense index: an identity map over tens of thousands of locations costs a cache
        // miss per frame (ReportBenchmark).
        private final IdIndex ids;
        private final Location[] locations;
        private final Node[][] nodes;
        private final Map<Location, Node[]> others = new IdentityHashMap<>();
        private final Options options;
        private final Set<GraphNodeInfo> kept;

        NodeMap(Profile p, Options o, Set<GraphNodeInfo> kept) {
            List<Location> locs = p.locations();
            this.ids = new IdIndex(locs.size());
            this.locations = locs.toArray(new Location[0]);
            this.nodes = new Node[locations.length][];
            this.options = o;
            this.kept = kept;
            for (int i = 0; i < locations.length; i++) {
                ids.put(locations[i].id(), i);
                nodes[i] = create(locations[i]);
            }
        }

        /** The nodes of a location's lines, innermost first; {@code null} entries for lines outside the kept set. */
        Node[] of(Location l) {
            int pos = ids.get(l.id());
            if (pos >= 0 && locations[pos] == l) {
                return nodes[pos];
            }
            // A sample may hold a location the profile's table does not list (a model built by hand).
            return others.computeIfAbsent(l, this::create);
        }

        private Node[] create(Location l) {
            List<Line> lines = lines(l, options.noInlines);
            Node[] ns = new Node[lines.size()];
            for (int i = 0; i < ns.length; i++) {
                ns[i] = findOrInsert(GraphNodeInfo.of(l, lines.get(i), options.granularity, options.objNames,
                        options.trimPaths), kept);
            }
            return ns;
        }

        Node findOrInsert(GraphNodeInfo info, Set<GraphNodeInfo> kept) {
            if (kept != null && !kept.contains(info)) {
                return null;
            }
            Node n = byInfo.get(info);
            if (n != null) {
                return n;
            }
            n = new Node(info, byInfo.size());
            byInfo.put(info, n);
            GraphNodeInfo f = info.function();
            n.function = f == info ? n : findOrInsert(f, null);
            return n;
        }
    }

    static NodeMap createNodes(Profile p, Options o, Set<GraphNodeInfo> kept) {
        return new NodeMap(p, o, kept);
    }

    /** google/pprof {@code graph.New} without call trees. */
    static Graph build(Profile p, Options o, Set<GraphNodeInfo> kept) {
        NodeMap nm = createNodes(p, o, kept);
        int sampleNo = -1;
        for (Sample s : p.samples()) {
            sampleNo++;
            long[] values = s.values();
            long w = o.value.applyAsLong(values);
            long dw = o.meanDivisor == null ? 0 : o.meanDivisor.applyAsLong(values);
            if (dw == 0 && w == 0) {
                continue;
            }
            Node parent = null;
            boolean residual = false;
            // Only DOT draws tags; collecting them for every node and label set is most of a big graph's cost.
            String labels = o.tags ? joinLabels(s) : null;
            List<Location> locs = s.locations();
            for (int i = locs.size() - 1; i >= 0; i--) {
                Node[] locNodes = nm.of(locs.get(i));
                for (int ni = locNodes.length - 1; ni >= 0; ni--) {
                    Node n = locNodes[ni];
                    if (n == null) {
                        residual = true;
                        continue;
                    }
                    if (n.seenIn != sampleNo) {
                        n.seenIn = sampleNo;
                        n.addSample(dw, w, labels, s, o.numUnits, o.measurement, o.outputUnit, false);
                    }
                    if (parent != null && n != parent) {
                        parent.addToEdge(n, dw, w, residual, ni != locNodes.length - 1, sampleNo);
                    }
                    parent = n;
                    residual = false;
                }
            }
            if (parent != null && !residual) {
                parent.addSample(dw, w, labels, s, o.numUnits, o.measurement, o.outputUnit, true);
            }
        }
        List<Node> out = new ArrayList<>(nm.byInfo.size());
        for (Node n : nm.byInfo.values()) {
            if (n.cum == 0 && n.flat == 0) {
                continue;
            }
            if (o.dropNegative && isNegative(n)) {
                continue;
            }
            out.add(n);
        }
        return new Graph(out);
    }

    private static boolean isNegative(Node n) {
        return n.flat < 0 || (n.flat == 0 && n.cum < 0);
    }

    /** google/pprof {@code joinLabels}: {@code key:value} pairs sorted, joined by a literal backslash-n. */
    static String joinLabels(Sample s) {
        List<String> labels = new ArrayList<>();
        for (Label l : s.labels()) {
            if (l.isString()) {
                labels.add(l.key() + ":" + l.str());
            }
        }
        if (labels.isEmpty()) {
            return "";
        }
        labels.sort(GoStrings::compare);
        return String.join("\\n", labels);
    }

    /** Sum of flat weights (the first half of google/pprof {@code Nodes.Sum}). */
    long flatSum() {
        long sum = 0;
        for (Node n : nodes) {
            sum += n.flat;
        }
        return sum;
    }

    /** Sum of flat values, divided where a mean is shown (google/pprof {@code graphTotal}). */
    long total() {
        long sum = 0;
        for (Node n : nodes) {
            sum += n.flatValue();
        }
        return sum;
    }

    /** The infos of the nodes whose absolute cumulative weight reaches {@code cutoff}. */
    static Set<GraphNodeInfo> infosAbove(List<Node> nodes, long cutoff) {
        Set<GraphNodeInfo> kept = new HashSet<>();
        for (Node n : nodes) {
            if (Math.abs(n.cum) >= cutoff) {
                kept.add(n.info);
            }
        }
        return kept;
    }

    /** Drops label and numeric tags below the cutoff (google/pprof {@code TrimLowFrequencyTags}). */
    void trimLowFrequencyTags(long cutoff) {
        for (Node n : nodes) {
            n.labelTags.values().removeIf(t -> Math.abs(t.flat) < cutoff && Math.abs(t.cum) < cutoff);
            for (Map<String, Tag> tags : n.numericTags.values()) {
                tags.values().removeIf(t -> Math.abs(t.flat) < cutoff && Math.abs(t.cum) < cutoff);
            }
        }
    }

    /** Drops edges below the cutoff and counts them (google/pprof {@code TrimLowFrequencyEdges}). */
    int trimLowFrequencyEdges(long cutoff) {
        int dropped = 0;
        for (Node n : nodes) {
            for (Edge e : n.in.values()) {
                if (Math.abs(e.weight) < cutoff) {
                    n.in.remove(e.src);
                    e.src.out.remove(n);
                    dropped++;
                }
            }
        }
        return dropped;
    }

    /** The orders google/pprof sorts nodes in. */
    enum Order { FLAT_NAME, CUM_NAME, ENTROPY }

    /** Sorts the nodes; every order is total, so the result does not depend on the order nodes were made in. */
    void sort(Order order, boolean addressAware) {
        Comparator<Node> byName = (l, r) -> compareNames(l, r, addressAware);
        Comparator<Node> last = (l, r) -> GoStrings.compare(l.info.goString(), r.info.goString());
        Comparator<Node> c;
        switch (order) {
            case FLAT_NAME -> c = Comparator.<Node>comparingLong(n -> -Math.abs(n.flat)).thenComparing(byName)
                    .thenComparingLong(n -> -Math.abs(n.cum)).thenComparing(last);
            default -> {
                Map<Node, Long> score = new IdentityHashMap<>();
                for (Node n : nodes) {
                    score.put(n, order == Order.CUM_NAME ? n.cum : entropyScore(n));
                }
                c = Comparator.<Node>comparingLong(n -> -Math.abs(score.get(n))).thenComparing(byName)
                        .thenComparingLong(n -> -Math.abs(n.flat)).thenComparing(last);
            }
        }
        nodes.sort(c);
    }

    // Go 1.27's pprof compares addresses numerically when both nodes have one; earlier ones compared the names.
    private static int compareNames(Node ln, Node rn, boolean addressAware) {
        GraphNodeInfo l = ln.info;
        GraphNodeInfo r = rn.info;
        if (ln == rn) {
            return 0;
        }
        if (addressAware && l.address() != 0 && r.address() != 0 && l.address() != r.address()) {
            return Long.compareUnsigned(l.address(), r.address());
        }
        return GoStrings.compare(ln.name(), rn.name());
    }

    private static long entropyScore(Node n) {
        double score = 0;
        if (n.in.isEmpty()) {
            score++;
        } else {
            score += edgeEntropyScore(n.in, 0);
        }
        if (n.out.isEmpty()) {
            score++;
        } else {
            score += edgeEntropyScore(n.out, n.flat);
        }
        return (long) (score * n.cum) + n.flat;
    }

    private static double edgeEntropyScore(GraphEdges edges, long self) {
        double score = 0;
        long total = self;
        for (Edge e : edges.values()) {
            if (e.weight > 0) {
                total += Math.abs(e.weight);
            }
        }
        if (total != 0) {
            for (Edge e : edges.values()) {
                double frac = (double) Math.abs(e.weight) / total;
                score += -frac * log2(frac);
            }
            if (self > 0) {
                double frac = (double) Math.abs(self) / total;
                score += -frac * log2(frac);
            }
        }
        return score;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /** The first {@code max} nodes, counting a visual node's nodelets (google/pprof {@code selectTopNodes}). */
    List<Node> selectTop(int max, boolean visualMode) {
        if (max > 0 && visualMode) {
            int count = 0;
            for (int i = 0; i < nodes.size(); i++) {
                int tags = Math.min(countTags(nodes.get(i)), DotGraph.MAX_NODELETS);
                count += tags + 1;
                if (count >= max) {
                    max = i + 1;
                    break;
                }
            }
        }
        return nodes.subList(0, Math.min(max, nodes.size()));
    }

    private static int countTags(Node n) {
        int count = 0;
        for (Tag t : n.labelTags.values()) {
            if (t.flat != 0) {
                count++;
            }
        }
        for (Map<String, Tag> m : n.numericTags.values()) {
            for (Tag t : m.values()) {
                if (t.flat != 0) {
                    count++;
                }
            }
        }
        return count;
    }

    /** Edges sorted by weight, then caller and callee names (google/pprof {@code EdgeMap.Sort}). */
    static List<Edge> sortedEdges(GraphEdges edges) {
        List<Edge> list = new ArrayList<>(edges.values());
        list.sort(Comparator.<Edge>comparingLong(e -> -Math.abs(e.weight))
                .thenComparing((a, b) -> GoStrings.compare(a.src.name(), b.src.name()))
                .thenComparing((a, b) -> GoStrings.compare(a.dest.name(), b.dest.name())));
        return list;
    }

    /** Removes residual edges implied by other paths (google/pprof {@code RemoveRedundantEdges}). */
    void removeRedundantEdges() {
        for (int i = nodes.size(); i > 0; i--) {
            Node n = nodes.get(i - 1);
            List<Edge> in = sortedEdges(n.in);
            for (int j = in.size(); j > 0; j--) {
                Edge e = in.get(j - 1);
                if (!e.residual) {
                    break;
                }
                if (isRedundant(e)) {
                    e.src.out.remove(e.dest);
                    e.dest.in.remove(e.src);
                }
            }
        }
    }

    private static boolean isRedundant(Edge e) {
        Node src = e.src;
        Set<Node> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        seen.add(e.dest);
        java.util.ArrayDeque<Node> queue = new java.util.ArrayDeque<>();
        queue.add(e.dest);
        while (!queue.isEmpty()) {
            Node n = queue.poll();
            for (Edge ie : n.in.values()) {
                if (ie == e || seen.contains(ie.src)) {
                    continue;
                }
                if (ie.src == src) {
                    return true;
                }
                seen.add(ie.src);
                queue.add(ie.src);
            }
        }
        return false;
    }
}
