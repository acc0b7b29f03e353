package dev.gopherlens.benchmarks;

import dev.gopherlens.pprof.Profile;
import dev.gopherlens.pprof.ReportOptions;
import dev.gopherlens.pprof.TopReport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Reports over {@link SyntheticProfile#LARGE} (400k samples, stacks 20 to 60 deep, 50,000 locations): {@code top}
 * as {@code go tool pprof -top} draws it (one graph, trimmed at 0.5%, then rebuilt from the kept nodes), the
 * untrimmed {@code top} of every node, and folded stacks. The profile is built once in setup; setup checks the
 * reports are the same in every fork (row count and the first row).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g", "-XX:+AlwaysPreTouch"})
public class ReportBenchmark {
    Profile profile;
    ReportOptions all;

    @Setup
    public void setUp() {
        profile = SyntheticProfile.LARGE.build();
        all = ReportOptions.defaults().withNodeCount(0).withFractions(0, 0);
        TopReport top = profile.top();
        TopReport full = profile.report(all).top();
        if (top.rows().isEmpty() || full.rows().size() <= top.rows().size()
                || !top.rows().get(0).equals(full.rows().get(0))) {
            throw new IllegalStateException("unexpected reports: " + top.rows().size() + " rows trimmed, "
                    + full.rows().size() + " untrimmed");
        }
    }

    /** {@code go tool pprof -top}: the default trimming. */
    @Benchmark
    public TopReport top() {
        return profile.top();
    }

    /** Every node: no trimming, so one graph build. */
    @Benchmark
    public TopReport topAllNodes() {
        return profile.report(all).top();
    }

    /** Folded stacks of every sample. */
    @Benchmark
    public String folded() {
        return profile.report().folded();
    }
}
