package dev.gopherlens.benchmarks;

import dev.gopherlens.core.Inputs;
import dev.gopherlens.pclntab.Func;
import dev.gopherlens.pclntab.GoBinary;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Opening a Go binary and resolving pcs, on a big real binary: Go's own {@code compile} from a Debian-packaged
 * toolchain ({@code /usr/lib/go-1.N/pkg/tool/linux_amd64/compile}, found at run time; set
 * {@code -Dgopherlens.bench.binary=FILE} for another). Go's {@code debug/gosym} takes about 6 ms to build its
 * table for it and 2 µs per {@code PCToLine} on a dense sweep. And the corpus's Go 1.27 program ({@code corpus}:
 * {@code go1.27/bin/corpusgen.gz} under {@code -Dgopherlens.corpus=DIR} or {@code shared/corpus} above the working
 * directory), a service-sized binary (net/http, pprof).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PclntabBenchmark {
    /** How many pcs one sweep operation resolves. */
    static final int SWEEP = 4096;

    @Param({"compile", "corpus"})
    public String binary;

    ByteBuffer file;
    GoBinary bin;
    long[] pcs;
    long[] densePcs;
    long[] inlinedPcs;

    private static int minor(Path goDir) {
        try {
            return Integer.parseInt(goDir.getFileName().toString().substring("go-1.".length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static Path locate() throws IOException {
        String configured = System.getProperty("gopherlens.bench.binary");
        if (configured != null) {
            return Path.of(configured);
        }
        Path lib = Path.of("/usr/lib");
        if (Files.isDirectory(lib)) {
            try (var dirs = Files.list(lib)) {
                // The newest toolchain first: the figures in RESULTS.md are on Go 1.27's compile.
                for (Path d : dirs.filter(p -> p.getFileName().toString().startsWith("go-1."))
                        .sorted(java.util.Comparator.comparing(PclntabBenchmark::minor).reversed()).toList()) {
                    Path c = d.resolve("pkg/tool/linux_amd64/compile");
                    if (Files.isRegularFile(c)) {
                        return c;
                    }
                }
            }
        }
        throw new IllegalStateException("no Go toolchain's compile binary under /usr/lib/go-1.N: install one "
                + "(../shared/tools/install-go.sh 1.27) or pass -Dgopherlens.bench.binary=FILE");
    }

    @Setup
    public void setUp() throws IOException {
        Path path = binary.equals("corpus") ? TraceBenchmark.corpusRoot().resolve("go1.27/bin/corpusgen.gz")
                : locate();
        try (var in = Inputs.open(path)) {
            file = in.buffer();
        }
        bin = GoBinary.open(file);
        // A dense sweep: pcs spread over every function, in address order as a profiler's would be sorted.
        List<Long> all = new ArrayList<>();
        List<Long> inl = new ArrayList<>();
        int n = bin.funcCount();
        for (int i = 0; i < n && all.size() < SWEEP; i += Math.max(1, n / SWEEP)) {
            Func f = bin.func(i);
            long pc = f.entry() + (f.end() - f.entry()) / 3;
            all.add(pc);
        }
        // Inlined calls on the same dense sweep: every pc of consecutive functions, from the middle of the table,
        // where at least one call is inlined.
        for (int i = n / 2; i < n && inl.size() < SWEEP; i++) {
            Func f = bin.func(i);
            for (long pc = f.entry(); pc < f.end() && inl.size() < SWEEP; pc += 16) {
                if (bin.frames(pc).size() > 1) {
                    inl.add(pc);
                }
            }
        }
        pcs = all.stream().mapToLong(Long::longValue).toArray();
        // A dense sweep, as a profiler's or debugger's pcs cluster: every 16th byte of consecutive functions from
        // the middle of the table.
        List<Long> dense = new ArrayList<>();
        for (int i = n / 2; i < n && dense.size() < SWEEP; i++) {
            Func f = bin.func(i);
            for (long pc = f.entry(); pc < f.end() && dense.size() < SWEEP; pc += 16) {
                dense.add(pc);
            }
        }
        densePcs = dense.stream().mapToLong(Long::longValue).toArray();
        inlinedPcs = inl.stream().mapToLong(Long::longValue).toArray();
        if (pcs.length != SWEEP || densePcs.length != SWEEP || inlinedPcs.length != SWEEP || sweepLines(pcs) == 0) {
            throw new IllegalStateException("the binary is too small for this benchmark: " + pcs.length + " pcs");
        }
    }

    /** Opening the binary: headers, sections, build info, the pclntab header and moduledata; tables stay lazy. */
    @Benchmark
    public int open() throws IOException {
        return GoBinary.open(file).funcCount();
    }

    /** pc to file:line, as go tool addr2line and debug/gosym PCToLine answer, one pc per function; per pc. */
    @Benchmark
    @OperationsPerInvocation(SWEEP)
    public long pcToLineSparse() throws IOException {
        return sweepLines(pcs);
    }

    /** pc to file:line on a dense sweep (every 16th byte of consecutive functions); per pc. */
    @Benchmark
    @OperationsPerInvocation(SWEEP)
    public long pcToLineDense() throws IOException {
        return sweepLines(densePcs);
    }

    private long sweepLines(long[] sweep) throws IOException {
        long sum = 0;
        for (long pc : sweep) {
            sum += bin.lineAt(pc).orElseThrow().line();
        }
        return sum;
    }

    /** pc to all frames with the calls inlined there, on a dense sweep of pcs that have some; per pc. */
    @Benchmark
    @OperationsPerInvocation(SWEEP)
    public long pcToInlinedFrames() throws IOException {
        long sum = 0;
        for (long pc : inlinedPcs) {
            sum += bin.frames(pc).size();
        }
        return sum;
    }
}
