package dev.gopherlens.examples;

import dev.gopherlens.core.Frame;
import dev.gopherlens.pprof.Pprof;
import dev.gopherlens.pprof.Profile;
import dev.gopherlens.pprof.Sample;
import dev.gopherlens.pprof.ValueType;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prints a table like {@code go tool pprof -top}: for each function, the value of the samples it was running in
 * (flat) and of those it was on the stack of (cum), for the profile's default sample type, from the
 * {@link Profile} model.
 *
 * <pre>
 * java -cp examples/target/examples.jar dev.gopherlens.examples.PprofTop [PROFILE [COUNT]]
 * </pre>
 * Without arguments it reads the CPU profile shipped in the jar.
 */
public final class PprofTop {
    private PprofTop() {
    }

    /**
     * Runs the example.
     *
     * @param args a profile file and how many rows to print (10); none for the shipped CPU profile
     * @throws IOException if the profile cannot be read
     */
    public static void main(String[] args) throws IOException {
        Profile p = args.length > 0 ? Pprof.read(Path.of(args[0])) : Pprof.read(ExampleData.bytes("cpu.pprof"));
        print(p, args.length > 1 ? Integer.parseInt(args[1]) : 10, System.out);
    }

    static void print(Profile p, int count, PrintStream out) {
        int index = p.defaultSampleTypeIndex();
        ValueType type = p.sampleTypes().get(index);
        Map<String, Long> flat = new HashMap<>();
        Map<String, Long> cum = new HashMap<>();
        long total = 0;
        for (Sample s : p.samples()) {
            long v = s.value(index);
            total += v;
            List<Frame> frames = s.stack().frames();
            if (frames.isEmpty()) {
                continue;
            }
            flat.merge(name(frames.get(0)), v, Long::sum);
            Set<String> seen = new HashSet<>();
            for (Frame f : frames) {
                if (seen.add(name(f))) {
                    cum.merge(name(f), v, Long::sum);
                }
            }
        }
        List<String> names = new ArrayList<>(cum.keySet());
        names.sort((a, b) -> {
            int c = Long.compare(flat.getOrDefault(b, 0L), flat.getOrDefault(a, 0L));
            return c != 0 ? c : Long.compare(cum.get(b), cum.get(a)) != 0 ? Long.compare(cum.get(b), cum.get(a))
                    : a.compareTo(b);
        });
        out.println("Type: " + type.type());
        out.printf("Showing top %d of %d functions, total %s%n", Math.min(count, names.size()), names.size(),
                format(total, type.unit()));
        out.printf("%10s %6s %6s %10s %6s%n", "flat", "flat%", "sum%", "cum", "cum%");
        long sum = 0;
        for (String name : names.subList(0, Math.min(count, names.size()))) {
            long f = flat.getOrDefault(name, 0L);
            sum += f;
            out.printf("%10s %6s %6s %10s %6s  %s%n", format(f, type.unit()), percent(f, total), percent(sum, total),
                    format(cum.get(name), type.unit()), percent(cum.get(name), total), name);
        }
    }

    private static String name(Frame f) {
        return f.function().isEmpty() ? "<unknown>" : f.function();
    }

    private static String percent(long v, long total) {
        return total == 0 ? "0%" : String.format("%.2f%%", 100.0 * v / total);
    }

    /** Nanoseconds as ms or s, bytes as kB or MB, counts as they are. */
    static String format(long v, String unit) {
        if (unit.equals("nanoseconds")) {
            return Math.abs(v) >= 1_000_000_000L ? String.format("%.2fs", v / 1e9) : String.format("%.0fms", v / 1e6);
        }
        if (unit.equals("bytes")) {
            return Math.abs(v) >= 1 << 20 ? String.format("%.2fMB", v / 1048576.0)
                    : Math.abs(v) >= 1024 ? String.format("%.2fkB", v / 1024.0) : v + "B";
        }
        return Long.toString(v);
    }
}
