package dev.gopherlens.benchmarks;

import dev.gopherlens.core.Inputs;
import dev.gopherlens.trace.EventKind;
import dev.gopherlens.trace.GoTrace;
import dev.gopherlens.trace.TraceCursor;
import dev.gopherlens.trace.TraceReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Parsing and ordering whole traces: the cursor tier (state machines included, as every read keeps them) and the
 * stream tier (an immutable event per event). Events per second = the trace's event count (printed by the setup)
 * divided by the time per operation. Traces:
 * <ul>
 *   <li>{@code large-v2}, {@code large-v1}: {@code go test -trace} of a standard-library package by Go 1.27 and
 *       Go 1.21, shipped in this module's resources (see {@code traces/README.md});</li>
 *   <li>{@code corpus-go1.27}: the conformance corpus's Go 1.27 multi-generation {@code trace1.out}
 *       ({@code ../shared/corpus}, or {@code -Dgopherlens.corpus=DIR}).</li>
 * </ul>
 * Go's own parser reads about 6.3 M events/s (v2) and 3.2 M events/s (v1) on these machines.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TraceBenchmark {
    @Param({"large-v2", "large-v1", "corpus-go1.27"})
    public String trace;

    byte[] bytes;
    long events;

    /** The corpus: {@code -Dgopherlens.corpus=DIR}, or {@code shared/corpus} in a directory above this one. */
    static Path corpusRoot() {
        String dir = System.getProperty("gopherlens.corpus");
        Path root = dir != null && !dir.isEmpty() ? Path.of(dir) : null;
        for (Path d = Path.of("").toAbsolutePath(); root == null && d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("shared/corpus"))) {
                root = d.resolve("shared/corpus");
            }
        }
        if (root == null) {
            throw new IllegalStateException("no corpus: pass -Dgopherlens.corpus=DIR");
        }
        return root;
    }

    static byte[] load(String name) throws IOException {
        if (name.startsWith("corpus-")) {
            Path root = corpusRoot();
            return Files.readAllBytes(root.resolve("multigen/" + name.substring(7) + "/trace1.out"));
        }
        try (InputStream in = TraceBenchmark.class.getResourceAsStream("/traces/" + name + ".trace.gz")) {
            if (in == null) {
                throw new IllegalStateException("no resource traces/" + name + ".trace.gz");
            }
            try (var input = Inputs.open(in); InputStream s = input.stream()) {
                return s.readAllBytes();
            }
        }
    }

    @Setup
    public void setUp() throws IOException {
        bytes = load(trace);
        events = cursor();
        long checked;
        try (TraceReader r = GoTrace.open(bytes)) {
            checked = r.events().count();
        }
        if (checked != events || events == 0) {
            throw new IllegalStateException("the tiers disagree: " + events + " vs " + checked);
        }
        System.out.printf("%n%s: %d bytes, %d events%n", trace, bytes.length, events);
    }

    /** Every event through the cursor with its {@link dev.gopherlens.trace.Scheduler} kept up to date. */
    @Benchmark
    public long cursorWithScheduler() throws IOException {
        long n = 0;
        try (TraceCursor c = GoTrace.cursor(bytes)) {
            var scheduler = c.scheduler();
            while (c.next()) {
                n += c.kind() == EventKind.STATE_TRANSITION ? 1 : 0;
                n += c.time() & 1;
            }
            return c.count() + (n & 0) + scheduler.goroutines().size();
        }
    }

    /**
     * A fixed reference workload over the same bytes: an unsigned LEB128 scan of the whole trace, as a decoder
     * without any event semantics would do it. {@code benchmarks/guard} compares {@link #cursor} against it, so that
     * the ratio, not a machine's absolute speed, is what is guarded.
     */
    @Benchmark
    public long varintScan() {
        byte[] b = bytes;
        long sum = 0;
        long v = 0;
        int shift = 0;
        for (byte x : b) {
            v |= (long) (x & 0x7f) << shift;
            if (x >= 0) {
                sum += v;
                v = 0;
                shift = 0;
            } else {
                shift = (shift + 7) & 63;
            }
        }
        return sum;
    }

    /** Every event through the cursor, touching its kind and time. */
    @Benchmark
    public long cursor() throws IOException {
        long n = 0;
        try (TraceCursor c = GoTrace.cursor(bytes)) {
            while (c.next()) {
                n += c.kind() == EventKind.STATE_TRANSITION ? 1 : 0;
                n += c.time() & 1;
            }
            return c.count() + (n & 0);
        }
    }

    /**
     * The cursor over the same bytes as a stream, as a file is read: batches copied into the generation's memory
     * instead of read in place.
     */
    @Benchmark
    public long cursorFromStream() throws IOException {
        long n = 0;
        try (TraceCursor c = GoTrace.cursor(new java.io.ByteArrayInputStream(bytes))) {
            while (c.next()) {
                n += c.kind() == EventKind.STATE_TRANSITION ? 1 : 0;
                n += c.time() & 1;
            }
            return c.count() + (n & 0);
        }
    }

    /**
     * The decoder and Go's ordering state machines alone, without the cursor's {@link dev.gopherlens.trace.Scheduler}
     * (internal API, v2 traces only; v1 runs through the cursor).
     */
    @Benchmark
    public long ordered() throws IOException {
        if (bytes[4] != '.' || bytes[5] != '2') {
            return cursor();
        }
        long n = 0;
        int minor = (bytes[5] - '0') * 10 + (bytes[6] - '0');
        var reader = new dev.gopherlens.trace.internal.v2.V2Reader(bytes, 16, bytes.length, minor,
                dev.gopherlens.core.Limits.DEFAULT);
        dev.gopherlens.trace.internal.RawEvent e;
        while ((e = reader.next()) != null) {
            n += e.time & 1;
            n++;
        }
        return n;
    }

    /** The goroutine summary, leak suspects, scheduling latency and GC analyses, in one pass over a cursor. */
    @Benchmark
    public long analysis() throws IOException {
        try (TraceCursor c = GoTrace.cursor(bytes)) {
            var a = dev.gopherlens.trace.TraceAnalysis.of(c);
            return a.goroutines().goroutines().size() + a.schedulingLatency().count() + a.gc().pauses().size();
        }
    }

    /** Every event as an immutable {@link dev.gopherlens.trace.Event}, stacks resolved. */
    @Benchmark
    public long stream() throws IOException {
        try (TraceReader r = GoTrace.open(bytes)) {
            return r.events().mapToLong(e -> e.stack().depth()).sum();
        }
    }
}
