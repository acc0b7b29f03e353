package dev.gopherlens.benchmarks;

import dev.gopherlens.benchmarks.proto.ProfileProto;
import dev.gopherlens.pprof.Pprof;
import dev.gopherlens.pprof.Profile;
import dev.gopherlens.pprof.ProfileReader;
import dev.gopherlens.pprof.Sample;
import dev.gopherlens.pprof.SampleCursor;
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

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Decoding a pprof profile with each tier of the pprof module ({@link Pprof#cursor}, {@link Pprof#open},
 * {@link Pprof#read}) and with protobuf-java's generated parser for the same schema (benchmarks'
 * {@code src/main/proto/profile.proto}), on the same uncompressed bytes; and reading the gzipped profile against
 * inflating it alone.
 *
 * <p>Two profiles: "small" is the Go 1.27 runtime's own CPU profile of the corpus program (3 KB), "large" is
 * {@link SyntheticProfile#LARGE} (400k samples, stacks 20 to 60 deep, string and numeric labels, about 57 MB),
 * made in setup. Every variant sums the same checksum over the samples (first value, stack depth, leaf location
 * id, label count); setup checks that they all agree before anything is timed. Throughput is in profiles per
 * second; multiply by the byte counts setup prints for MB/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
// A fixed heap, touched before the first iteration: the large model tier allocates ~0.3 GB per op, and without
// pre-touching, the first passes through fresh heap pages (page faults) made the first measured iteration half as
// fast as the rest.
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g", "-XX:+AlwaysPreTouch"})
public class PprofDecodeBenchmark {
    /** The smallest size the issue asks of the large profile, uncompressed. */
    static final int LARGE_MIN_BYTES = 50 << 20;

    @Param({"small", "large"})
    public String profile;

    /** The profile as profile.proto bytes, uncompressed. */
    byte[] raw;
    /** The same profile gzipped: as Go wrote it for "small", at gzip's fastest level (as Go writes) for "large". */
    byte[] gzipped;
    long expected;
    private final byte[] scratch = new byte[64 * 1024];

    @Setup
    public void setUp() throws IOException {
        switch (profile) {
            case "small" -> {
                try (InputStream in = PprofDecodeBenchmark.class.getResourceAsStream("data/cpu.pprof")) {
                    gzipped = Objects.requireNonNull(in, "data/cpu.pprof is missing").readAllBytes();
                }
                raw = gunzip(gzipped);
            }
            case "large" -> {
                raw = SyntheticProfile.LARGE.encode();
                if (raw.length < LARGE_MIN_BYTES) {
                    throw new IllegalStateException("the large profile has " + raw.length + " bytes, fewer than "
                            + LARGE_MIN_BYTES);
                }
                gzipped = gzip(raw);
            }
            default -> throw new IllegalArgumentException(profile);
        }
        // Check every variant's result before timing anything.
        expected = model();
        long samples = Pprof.read(raw).samples().size();
        if (samples == 0 || cursor() != expected || stream() != expected || protobufGenerated() != expected
                || gzipRead() != expected || inflateOnly() != raw.length) {
            throw new IllegalStateException("decoders disagree on the " + profile + " profile");
        }
        System.out.printf("%n%s profile: %d bytes uncompressed, %d gzipped, %d samples, checksum %d%n",
                profile, raw.length, gzipped.length, samples, expected);
    }

    /** The cursor tier: no allocation per sample. */
    @Benchmark
    public long cursor() throws IOException {
        long sum = 0;
        try (SampleCursor c = Pprof.cursor(raw)) {
            while (c.next()) {
                int n = c.locationCount();
                sum += c.value(0) + n + (n > 0 ? c.locationId(0) : 0) + c.labelCount();
            }
        }
        return sum;
    }

    /** The stream tier: a {@code Stream<Sample>}, one immutable sample at a time. */
    @Benchmark
    public long stream() throws IOException {
        try (ProfileReader r = Pprof.open(raw)) {
            return r.samples().mapToLong(PprofDecodeBenchmark::checksum).sum();
        }
    }

    /** The model tier: the whole immutable profile, then a walk over its samples. */
    @Benchmark
    public long model() throws IOException {
        return sum(Pprof.read(raw));
    }

    /** protobuf-java's generated parser over the same bytes, then the same walk. */
    @Benchmark
    public long protobufGenerated() throws IOException {
        ProfileProto.Profile p = ProfileProto.Profile.parseFrom(raw);
        long sum = 0;
        for (ProfileProto.Sample s : p.getSampleList()) {
            int n = s.getLocationIdCount();
            sum += s.getValue(0) + n + (n > 0 ? s.getLocationId(0) : 0) + s.getLabelCount();
        }
        return sum;
    }

    /** The model tier over the gzipped profile: inflating and decoding. */
    @Benchmark
    public long gzipRead() throws IOException {
        return sum(Pprof.read(gzipped));
    }

    /** Inflating the gzipped profile alone, into a reused buffer: the floor under {@link #gzipRead()}. */
    @Benchmark
    public long inflateOnly() throws IOException {
        long n = 0;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped), 64 * 1024)) {
            for (int k; (k = in.read(scratch)) > 0; ) {
                n += k;
            }
        }
        return n;
    }

    private static long sum(Profile p) {
        long sum = 0;
        for (Sample s : p.samples()) {
            sum += checksum(s);
        }
        return sum;
    }

    private static long checksum(Sample s) {
        int n = s.locations().size();
        return s.value(0) + n + (n > 0 ? s.locations().get(0).id() : 0) + s.labels().size();
    }

    private static byte[] gunzip(byte[] bytes) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }

    /** Gzips at the fastest level, as Go's runtime/pprof does. */
    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4);
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 64 * 1024) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
