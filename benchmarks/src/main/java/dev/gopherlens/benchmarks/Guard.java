package dev.gopherlens.benchmarks;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A short JMH pass that fails when a hot loop slows down relative to a baseline measured in the same run: each
 * guarded ratio is one benchmark's throughput over another's, and it must stay at or above its floor in
 * {@code benchmarks/guard-floors.properties}. Ratios, not times, because machines differ.
 *
 * <p>A floor line reads {@code NAME = CLASS.method[param=value] / CLASS.method[param=value] >= FLOOR}. Run it
 * through {@code benchmarks/guard}; exit status 1 means a ratio fell below its floor.
 */
public final class Guard {
    private Guard() {
    }

    private record Side(String benchmark, String param, String value) {
        static Side parse(String s) {
            s = s.strip();
            int b = s.indexOf('[');
            if (b < 0) {
                return new Side(s, null, null);
            }
            String p = s.substring(b + 1, s.length() - 1);
            return new Side(s.substring(0, b), p.substring(0, p.indexOf('=')), p.substring(p.indexOf('=') + 1));
        }

        String key() {
            return benchmark + (param == null ? "" : "[" + param + "=" + value + "]");
        }
    }

    private record Floor(String name, Side numerator, Side denominator, double floor) {
    }

    /**
     * Runs the guard.
     *
     * @param args the floors file
     * @throws IOException     if the floors file cannot be read
     * @throws RunnerException if JMH fails
     */
    public static void main(String[] args) throws IOException, RunnerException {
        List<Floor> floors = new ArrayList<>();
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of(args.length > 0 ? args[0] : "benchmarks/guard-floors.properties"))) {
            props.load(r);
        }
        for (String name : new TreeSet<>(props.stringPropertyNames())) {
            String line = props.getProperty(name);
            String[] ratio = line.split(">=");
            String[] sides = ratio[0].split("/");
            floors.add(new Floor(name, Side.parse(sides[0]), Side.parse(sides[1]), Double.parseDouble(ratio[1].strip())));
        }
        Set<Side> sides = new LinkedHashSet<>();
        floors.forEach(f -> {
            sides.add(f.numerator());
            sides.add(f.denominator());
        });
        Map<String, Double> scores = new HashMap<>();
        // One JMH run per benchmark class and parameter value, each side's methods together.
        Map<String, List<Side>> runs = new TreeMap<>();
        for (Side s : sides) {
            String cls = s.benchmark().substring(0, s.benchmark().lastIndexOf('.'));
            runs.computeIfAbsent(cls + "|" + s.param() + "|" + s.value(), k -> new ArrayList<>()).add(s);
        }
        for (List<Side> group : runs.values()) {
            ChainedOptionsBuilder o = new OptionsBuilder().forks(1).warmupIterations(2).measurementIterations(3)
                    .warmupTime(TimeValue.seconds(1)).measurementTime(TimeValue.seconds(1))
                    .verbosity(VerboseMode.SILENT)
                    .jvmArgsAppend("-Xms2g", "-Xmx2g", "-Dgopherlens.corpus=" + System.getProperty("gopherlens.corpus", ""));
            for (Side s : group) {
                o.include("\\Q" + s.benchmark() + "\\E$");
            }
            Side first = group.get(0);
            if (first.param() != null) {
                o.param(first.param(), first.value());
            }
            Collection<RunResult> results = new Runner(o.build()).run();
            for (RunResult r : results) {
                String bench = r.getParams().getBenchmark().replaceFirst("^dev\\.gopherlens\\.benchmarks\\.", "");
                String key = first.param() == null ? bench : bench + "[" + first.param() + "=" + first.value() + "]";
                scores.put(key, throughput(r));
            }
        }
        boolean ok = true;
        for (Floor f : floors) {
            Double n = scores.get(f.numerator().key());
            Double d = scores.get(f.denominator().key());
            if (n == null || d == null) {
                System.out.printf("%-34s missing result (%s, %s)%n", f.name(), f.numerator().key(), f.denominator().key());
                ok = false;
                continue;
            }
            double ratio = n / d;
            boolean pass = ratio >= f.floor();
            ok &= pass;
            System.out.printf("%-34s %8.3f  floor %6.3f  %s%n", f.name(), ratio, f.floor(), pass ? "ok" : "BELOW FLOOR");
        }
        if (!ok) {
            System.exit(1);
        }
    }

    // A score in operations per unit of time whatever mode the benchmark uses, so that ratios read "faster is more".
    private static double throughput(RunResult r) {
        double score = r.getPrimaryResult().getScore();
        return switch (r.getParams().getMode()) {
            case Throughput -> score;
            default -> 1 / score;
        };
    }
}
