package dev.gopherlens.pprof;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The callgrind text KCachegrind and QCachegrind open, as {@code go tool pprof -callgrind} writes it
 * (google/pprof {@code printCallgrind}): cost lines per address grouped by object, file and function, with the
 * format's name and position compression.
 */
final class Callgrind {
    private Callgrind() {
    }

    static String format(Graph g, String sampleType, String outputUnit, String sampleUnit, Measurement m) {
        StringBuilder sb = new StringBuilder(16384);
        Map<Graph.Node, String> nodeNames = disambiguatedNames(g);
        sb.append("positions: instr line\n");
        sb.append("events: ").append(sampleType).append('(').append(outputUnit).append(")\n");
        Map<String, Integer> objfiles = new HashMap<>();
        Map<String, Integer> files = new HashMap<>();
        Map<String, Integer> names = new HashMap<>();
        GraphNodeInfo prev = null;
        for (Graph.Node n : g.nodes) {
            GraphNodeInfo info = n.info;
            if (prev == null || !info.objfile().equals(prev.objfile()) || !info.file().equals(prev.file())
                    || !info.name().equals(prev.name())) {
                sb.append('\n');
                sb.append("ob=").append(name(objfiles, info.objfile())).append('\n');
                sb.append("fl=").append(name(files, info.file())).append('\n');
                sb.append("fn=").append(name(names, info.name())).append('\n');
            }
            String addr = address(prev, info.address());
            long sv = (long) m.scale(n.flatValue(), sampleUnit, outputUnit).value();
            sb.append(addr).append(' ').append(info.lineno()).append(' ').append(sv).append('\n');
            for (Graph.Edge out : Graph.sortedEdges(n.out)) {
                long c = (long) m.scale(out.weight, sampleUnit, outputUnit).value();
                Graph.Node callee = out.dest;
                sb.append("cfl=").append(name(files, callee.info.file())).append('\n');
                sb.append("cfn=").append(name(names, nodeNames.get(callee))).append('\n');
                sb.append("calls=0 ").append(address(prev, callee.info.address())).append(' ')
                        .append(callee.info.lineno()).append('\n');
                sb.append("* * ").append(c).append('\n');
            }
            prev = info;
        }
        return sb.toString();
    }

    // Callgrind merges functions with the same file and name; nodes of different functions get a [i/n] suffix.
    private static Map<Graph.Node, String> disambiguatedNames(Graph g) {
        Map<List<String>, Map<Graph.Node, Integer>> index = new HashMap<>();
        for (Graph.Node n : g.nodes) {
            Map<Graph.Node, Integer> p = index.computeIfAbsent(List.of(n.info.file(), n.info.name()),
                    k -> new IdentityHashMap<>());
            p.putIfAbsent(n.function, p.size());
        }
        Map<Graph.Node, String> names = new LinkedHashMap<>();
        for (Graph.Node n : g.nodes) {
            Map<Graph.Node, Integer> p = index.get(List.of(n.info.file(), n.info.name()));
            String name = n.info.name();
            if (p.size() > 1) {
                name += " [" + (p.get(n.function) + 1) + "/" + p.size() + "]";
            }
            names.put(n, name);
        }
        return names;
    }

    private static String name(Map<String, Integer> names, String name) {
        if (name == null || name.isEmpty()) {
            return "";
        }
        Integer id = names.get(name);
        if (id != null) {
            return "(" + id + ")";
        }
        id = names.size() + 1;
        names.put(name, id);
        return "(" + id + ") " + name;
    }

    private static String address(GraphNodeInfo prev, long curr) {
        String abs = "0x" + Long.toHexString(curr);
        if (prev == null) {
            return abs;
        }
        if (prev.address() == curr) {
            return "*";
        }
        long diff = curr - prev.address();
        String relative = (diff >= 0 ? "+" : "") + diff;
        return relative.length() < abs.length() ? relative : abs;
    }
}
