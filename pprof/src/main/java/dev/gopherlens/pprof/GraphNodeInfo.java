package dev.gopherlens.pprof;

import java.util.ArrayList;
import java.util.List;

/**
 * What identifies a node of a report's call graph (google/pprof {@code graph.NodeInfo}): the parts of a location
 * line that the report's granularity keeps. Two lines with equal infos are one node.
 */
record GraphNodeInfo(String name, String origName, long address, String file, long startLine, long lineno,
                     long columnno, String objfile) {

    /** The node of one line of a location at a granularity (google/pprof {@code Aggregate}, then {@code nodeInfo}). */
    static GraphNodeInfo of(Location l, Line line, Granularity g, boolean objNames, boolean trimPaths) {
        String objfile = l.mapping() != null ? l.mapping().file() : "";
        boolean keepAddress = g == Granularity.ADDRESSES;
        long address = keepAddress ? l.address() : 0;
        if (line == null || line.function() == null) {
            return new GraphNodeInfo("", "", address, "", 0, 0, 0, objfile);
        }
        Function f = line.function();
        boolean keepName = g != Granularity.FILES;
        boolean keepFile = g != Granularity.FUNCTIONS;
        boolean keepLine = g == Granularity.LINES || g == Granularity.ADDRESSES;
        String name = keepName ? f.name() : "";
        String file = "";
        if (keepFile && !f.filename().isEmpty()) {
            file = cleanPath(trimPaths ? trimPath(f.filename()) : f.filename());
        }
        // Aggregate keeps columns only when it does not run at all: addresses with inlined frames.
        long column = g == Granularity.ADDRESSES && line.column() != 0 ? line.column() : 0;
        long lineno = keepLine ? line.line() : 0;
        String obj = "";
        long startLine = 0;
        if (objNames || name.isEmpty()) {
            obj = objfile;
            startLine = f.startLine();
        }
        return new GraphNodeInfo(name, "", address, file, startLine, lineno, column, obj);
    }

    /** The same function without address, line or column ({@code FindOrInsertNode}'s function node). */
    GraphNodeInfo function() {
        return address == 0 && lineno == 0 && columnno == 0 ? this
                : new GraphNodeInfo(name, origName, 0, file, startLine, 0, 0, objfile);
    }

    /** google/pprof {@code NodeInfo.PrintableName}. */
    String printableName() {
        return String.join(" ", nameComponents());
    }

    /** google/pprof {@code NodeInfo.NameComponents}. */
    List<String> nameComponents() {
        List<String> parts = new ArrayList<>(3);
        if (address != 0) {
            parts.add(GoNumbers.hex16(address));
        }
        if (!name.isEmpty()) {
            parts.add(name);
        }
        if (lineno != 0) {
            String s = file + ":" + lineno;
            if (columnno != 0) {
                s += ":" + columnno;
            }
            parts.add(s);
        } else if (!file.isEmpty()) {
            parts.add(file);
        } else if (!name.isEmpty()) {
            // The name alone.
        } else if (!objfile.isEmpty()) {
            parts.add("[" + baseName(objfile) + "]");
        } else {
            parts.add("<unknown>");
        }
        return parts;
    }

    /** Go's {@code fmt.Sprint} of the struct: the last tie-break when sorting nodes. */
    String goString() {
        return "{" + name + " " + origName + " " + Long.toUnsignedString(address) + " " + file + " " + startLine + " "
                + lineno + " " + columnno + " " + objfile + "}";
    }

    static String baseName(String path) {
        String p = path;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.isEmpty()) {
            return ".";
        }
        int slash = p.lastIndexOf('/');
        return slash >= 0 && p.length() > 1 ? p.substring(slash + 1) : p;
    }

    // google/pprof report.trimPath with no -trim_path and no -source_path: only the /proc/self/cwd prefixes.
    private static String trimPath(String path) {
        for (String prefix : new String[] {"/proc/self/cwd/./", "/proc/self/cwd/"}) {
            if (path.startsWith(prefix)) {
                return path.substring(prefix.length());
            }
        }
        return path;
    }

    /** Go's {@code filepath.Clean} on a slash-separated path. */
    static String cleanPath(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        boolean rooted = path.charAt(0) == '/';
        boolean clean = !path.contains("//") && !path.contains("/./") && !path.contains("/../")
                && !path.endsWith("/.") && !path.endsWith("/..") && !path.startsWith("./") && !path.startsWith("../")
                && !(path.length() > 1 && path.endsWith("/")) && !path.equals(".") && !path.equals("..");
        if (clean) {
            return path;
        }
        List<String> out = new ArrayList<>();
        int dotdots = 0;
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (out.size() > dotdots) {
                    out.remove(out.size() - 1);
                } else if (!rooted) {
                    out.add("..");
                    dotdots++;
                }
                continue;
            }
            out.add(part);
        }
        String joined = String.join("/", out);
        if (rooted) {
            return "/" + joined;
        }
        return joined.isEmpty() ? "." : joined;
    }
}
