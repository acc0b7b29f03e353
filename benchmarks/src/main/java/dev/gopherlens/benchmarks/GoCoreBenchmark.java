package dev.gopherlens.benchmarks;

import dev.gopherlens.core.Inputs;
import dev.gopherlens.pclntab.gocore.GoCore;
import dev.gopherlens.pclntab.gocore.Goroutine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A debugger's first look at a core dump: open the Go 1.27 corpus core with its binary (both uncompressed into
 * temporary files in setup, so the core is memory-mapped as a real one would be), list every goroutine and unwind
 * every one (running ones through the signal frames). {@code openListUnwind} opens the binary afresh each time;
 * {@code withCoreListUnwind} opens the core with {@link GoCore#withCore} from a core of the same binary opened in
 * setup, so the binary's DWARF and tables are read once, as for the many cores of one service. The bar is
 * delve's 0.17 s for the same as a process; the target here is 5 ms. Needs the corpus
 * ({@code -Dgopherlens.corpus=DIR}, or {@code shared/corpus} above the working directory).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GoCoreBenchmark {
    Path core;
    Path binary;
    long expected;
    Path panicCore;
    GoCore sibling;

    @Setup
    public void setUp() throws IOException {
        Path dir = TraceBenchmark.corpusRoot().resolve("core/go1.27");
        core = Files.createTempFile("gocore", ".core");
        binary = Files.createTempFile("gocore", ".bin");
        panicCore = Files.createTempFile("gocore", ".core");
        for (String[] f : new String[][] {{"core.gz", core.toString()}, {"coregen.gz", binary.toString()},
                {"core-panic.gz", panicCore.toString()}}) {
            try (var in = Inputs.open(dir.resolve(f[0])); InputStream s = in.stream()) {
                Files.write(Path.of(f[1]), s.readAllBytes());
            }
        }
        expected = openListUnwind();
        if (expected < 35 * 5) {
            throw new IllegalStateException("expected 35 goroutines with stacks, got a checksum of " + expected);
        }
        // The other core the same binary wrote, opened once: withCore then reads only the benchmark's core.
        sibling = GoCore.open(panicCore, binary);
        sibling.goroutines();
        if (withCoreListUnwind() != expected) {
            throw new IllegalStateException("withCore read the core differently: " + withCoreListUnwind() + " vs "
                    + expected);
        }
    }

    @TearDown
    public void tearDown() throws IOException {
        Files.deleteIfExists(core);
        Files.deleteIfExists(binary);
        Files.deleteIfExists(panicCore);
    }

    /** Open, list the goroutines, unwind every one: the frame count plus the goroutine count. */
    @Benchmark
    public long openListUnwind() throws IOException {
        return listUnwind(GoCore.open(core, binary));
    }

    @Benchmark
    public long withCoreListUnwind() throws IOException {
        return listUnwind(sibling.withCore(core));
    }

    private static long listUnwind(GoCore c) throws IOException {
        long n = 0;
        for (Goroutine g : c.goroutines()) {
            n += 1 + c.stack(g).size();
        }
        return n;
    }
}
