package dev.gopherlens.examples;

import dev.gopherlens.pprof.FlameGraph;
import dev.gopherlens.pprof.Granularity;
import dev.gopherlens.pprof.Pprof;
import dev.gopherlens.pprof.Profile;
import dev.gopherlens.pprof.Report;
import dev.gopherlens.pprof.ReportOptions;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small {@code go tool pprof} work-alike over the pprof model: read and merge profiles, filter them, subtract or
 * diff a base, and print one report.
 *
 * <pre>
 * java -cp examples/target/examples.jar dev.gopherlens.examples.GoToolPprof [OPTIONS] [PROFILE...]
 *
 *   reports    --top (default) | --traces | --tree | --peek REGEX
 *   output     --output text (default) | folded | dot | callgrind | flame
 *   filters    --focus REGEX  --ignore REGEX  --hide REGEX  --show REGEX  --show-from REGEX
 *              --tag-focus FILTER  --tag-ignore FILTER
 *   base       --diff-base PROFILE  --base PROFILE
 *   options    --sample-index NAME|N  --mean  --nodecount N  --cum  --lines | --files | --addresses  --noinlines
 * </pre>
 * Options also take the {@code --name=value} form. Without profiles it reads the CPU profile shipped in the jar;
 * {@code --diff-base shipped} names the Go 1.26 CPU profile of the same program, also shipped.
 *
 * <p>{@code --output flame} prints a flame graph as SVG ({@link FlameGraph}), of the functions with inlined calls
 * as frames of their own, whatever the granularity options say; the filters and {@code --sample-index} apply. It is
 * not {@code go tool pprof -svg}, which draws the call graph.
 */
public final class GoToolPprof {
    private GoToolPprof() {
    }

    /**
     * Runs the example.
     *
     * @param args options and profile files
     * @throws IOException if a profile cannot be read
     */
    public static void main(String[] args) throws IOException {
        try {
            run(List.of(args), System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("pprof: " + e.getMessage());
            System.exit(2);
        }
    }

    static void run(List<String> args, PrintStream out) throws IOException {
        List<String> files = new ArrayList<>();
        List<String[]> options = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("-")) {
                files.add(a);
                continue;
            }
            String name = a.replaceFirst("^--?", "");
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (takesValue(name)) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException("--" + name + " needs a value");
                }
                value = args.get(++i);
            }
            options.add(new String[] {name.replace('_', '-'), value});
        }

        List<Profile> profiles = new ArrayList<>();
        for (String f : files) {
            profiles.add(Pprof.read(Path.of(f)));
        }
        if (profiles.isEmpty()) {
            profiles.add(Pprof.read(ExampleData.bytes("cpu.pprof")));
        }
        Profile p = profiles.size() == 1 ? profiles.get(0) : Profile.merge(profiles);

        ReportOptions o = ReportOptions.defaults();
        String report = "top";
        String peek = null;
        String output = "text";
        List<String[]> filters = new ArrayList<>();
        for (String[] opt : options) {
            String v = opt[1];
            switch (opt[0]) {
                case "top", "traces", "tree" -> report = opt[0];
                case "peek" -> {
                    report = "peek";
                    peek = v;
                }
                case "output" -> output = v;
                case "focus", "ignore", "hide", "show", "show-from", "tag-focus", "tagfocus", "tag-ignore",
                        "tagignore" -> filters.add(opt);
                case "diff-base" -> p = p.diffBase(base(v));
                case "base" -> p = p.subtractBase(base(v));
                case "sample-index" -> o = o.withSampleIndex(v);
                case "mean" -> o = o.withMean(true);
                case "nodecount" -> o = o.withNodeCount(Integer.parseInt(v));
                case "cum" -> o = o.withCumSort(true);
                case "lines" -> o = o.withGranularity(Granularity.LINES);
                case "files" -> o = o.withGranularity(Granularity.FILES);
                case "addresses" -> o = o.withGranularity(Granularity.ADDRESSES);
                case "noinlines" -> o = o.withNoInlines(true);
                default -> throw new IllegalArgumentException("unknown option --" + opt[0]);
            }
        }

        if (output.equals("flame")) {
            // A flame graph's percentages are of what it draws, so the profile's own filters do, applied in the
            // order of go tool pprof's flags as the report applies them.
            List<String> order = List.of("focus", "ignore", "hide", "show", "show-from", "tag-focus", "tagfocus",
                    "tag-ignore", "tagignore");
            filters.sort(java.util.Comparator.comparingInt(f -> order.indexOf(f[0])));
            for (String[] f : filters) {
                p = switch (f[0]) {
                    case "focus" -> p.focus(f[1]);
                    case "ignore" -> p.ignore(f[1]);
                    case "hide" -> p.hide(f[1]);
                    case "show" -> p.show(f[1]);
                    case "show-from" -> p.showFrom(f[1]);
                    case "tag-focus", "tagfocus" -> p.tagFocus(f[1]);
                    default -> p.tagIgnore(f[1]);
                };
            }
            out.print(FlameGraph.of(p, p.sampleIndex(o.sampleIndex())).toSvg());
            return;
        }
        // Filters go through the report, so that percentages stay those of the whole profile, as in pprof.
        Report r = p.report(o);
        for (String[] f : filters) {
            r = switch (f[0]) {
                case "focus" -> r.focus(f[1]);
                case "ignore" -> r.ignore(f[1]);
                case "hide" -> r.hide(f[1]);
                case "show" -> r.show(f[1]);
                case "show-from" -> r.showFrom(f[1]);
                case "tag-focus", "tagfocus" -> r.tagFocus(f[1]);
                default -> r.tagIgnore(f[1]);
            };
        }
        String text = switch (output) {
            case "folded" -> r.folded();
            case "dot" -> r.dot();
            case "callgrind" -> r.callgrind();
            case "text" -> switch (report) {
                case "traces" -> r.traces();
                case "tree" -> r.tree();
                case "peek" -> r.peek(peek);
                default -> r.top().toText();
            };
            default -> throw new IllegalArgumentException("unknown output " + output
                    + " (text, folded, dot, callgrind, flame)");
        };
        out.print(text);
    }

    private static boolean takesValue(String name) {
        return switch (name.replace('_', '-')) {
            case "peek", "output", "focus", "ignore", "hide", "show", "show-from", "tag-focus", "tagfocus",
                    "tag-ignore", "tagignore", "diff-base", "base", "sample-index", "nodecount" -> true;
            default -> false;
        };
    }

    private static Profile base(String file) throws IOException {
        return file.equals("shipped") ? Pprof.read(ExampleData.bytes("cpu-go1.26.pprof")) : Pprof.read(Path.of(file));
    }
}
