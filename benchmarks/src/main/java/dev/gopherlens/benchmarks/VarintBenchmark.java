package dev.gopherlens.benchmarks;

import com.google.protobuf.CodedInputStream;
import dev.gopherlens.core.internal.ByteReader;
import dev.gopherlens.core.internal.Varint;
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
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Decoding a buffer of varints: {@link ByteReader#uvarint()} against the straightforward loop and against
 * protobuf-java's {@link CodedInputStream#readRawVarint64()}. The "mixed" distribution is shaped like a Go
 * profile's or trace's varints: mostly one or two bytes (ids, small deltas), some of four to five (timestamps
 * deltas, values), a few of nine or ten (addresses, negative numbers).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class VarintBenchmark {
    /** How many varints one operation decodes. */
    static final int COUNT = 1 << 16;

    @Param({"small", "mixed", "large"})
    public String distribution;

    byte[] bytes;
    long expectedSum;

    @Setup
    public void setUp() throws IOException {
        SplittableRandom random = new SplittableRandom(1);
        long[] values = new long[COUNT];
        for (int i = 0; i < COUNT; i++) {
            values[i] = switch (distribution) {
                case "small" -> random.nextLong(128);
                case "large" -> random.nextLong() | (1L << 62);
                default -> {
                    int r = random.nextInt(100);
                    yield r < 60 ? random.nextLong(128) : r < 85 ? random.nextLong(1 << 14)
                            : r < 97 ? random.nextLong(1L << 35) : random.nextLong();
                }
            };
        }
        byte[] buf = new byte[COUNT * Varint.MAX_LENGTH];
        int n = 0;
        for (long v : values) {
            n = Varint.write(buf, n, v);
        }
        bytes = Arrays.copyOf(buf, n);
        expectedSum = Arrays.stream(values).sum();
        // Check every decoder's result before timing anything.
        if (gopherlens() != expectedSum || straightforward() != expectedSum || protobuf() != expectedSum) {
            throw new IllegalStateException("decoders disagree");
        }
    }

    /** The project's reader: a ten-byte fast path without per-byte bound checks. */
    @Benchmark
    public long gopherlens() throws IOException {
        ByteReader r = ByteReader.of("bench", bytes);
        long sum = 0;
        while (r.hasRemaining()) {
            sum += r.uvarint();
        }
        return sum;
    }

    /** The obvious baseline: one loop with a bound check per byte. */
    @Benchmark
    public long straightforward() {
        byte[] b = bytes;
        int p = 0;
        long sum = 0;
        while (p < b.length) {
            long v = 0;
            int shift = 0;
            while (true) {
                if (p >= b.length) {
                    throw new IllegalStateException("truncated");
                }
                byte x = b[p++];
                v |= (long) (x & 0x7f) << shift;
                if (x >= 0) {
                    break;
                }
                shift += 7;
            }
            sum += v;
        }
        return sum;
    }

    /** protobuf-java's decoder over the same array. */
    @Benchmark
    public long protobuf() throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        long sum = 0;
        while (!in.isAtEnd()) {
            sum += in.readRawVarint64();
        }
        return sum;
    }
}
