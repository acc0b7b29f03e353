package dev.gopherlens.benchmarks;

import dev.gopherlens.pprof.Pprof;
import dev.gopherlens.pprof.Profile;
import dev.gopherlens.pprof.Sample;
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
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Merging 1,000 copies of a profile with {@link Profile#merge}, as {@code go tool pprof} does when given many
 * profiles of one service. Each copy is a distinct source, so the merge maps every copy's locations, functions and
 * mappings again before it finds them equal, and keys every sample by its stack and labels.
 *
 * <p>Two profiles: "corpus" is the Go 1.27 runtime's own CPU profile of the corpus program (7 samples, 37
 * locations), "service" a {@link SyntheticProfile} the size of a 30-second CPU profile of a busy service (5,000
 * samples with three labels each, stacks 10 to 40 deep, 10,000 locations, 2,000 functions). Setup checks that the
 * merge equals the profile compacted with every value multiplied by the number of copies. Time per merge of all
 * copies.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class MergeBenchmark {
    /** How many copies are merged. */
    static final int COPIES = 1_000;

    /** A busy service's 30-second CPU profile, roughly. */
    static final SyntheticProfile SERVICE = new SyntheticProfile(2_000, 10_000, 5_000, 10, 40, 7);

    @Param({"corpus", "service"})
    public String profile;

    List<Profile> copies;

    @Setup
    public void setUp() throws IOException {
        Profile one = switch (profile) {
            case "corpus" -> {
                try (InputStream in = MergeBenchmark.class.getResourceAsStream("data/cpu.pprof")) {
                    yield Pprof.read(Objects.requireNonNull(in, "data/cpu.pprof is missing").readAllBytes());
                }
            }
            // Through the encoder and decoder, so that the profile's objects are laid out as a read one's are.
            case "service" -> Pprof.read(SERVICE.encode());
            default -> throw new IllegalArgumentException(profile);
        };
        copies = Collections.nCopies(COPIES, one);
        // Check the result before timing anything: the compacted profile, every value times the copies.
        Profile merged = merge();
        Profile compact = one.compact();
        boolean same = merged.samples().size() == compact.samples().size()
                && merged.locations().equals(compact.locations()) && merged.durationNanos() == COPIES * one.durationNanos();
        for (int i = 0; same && i < compact.samples().size(); i++) {
            Sample m = merged.samples().get(i);
            Sample c = compact.samples().get(i);
            same = m.locations().equals(c.locations()) && m.labels().equals(c.labels());
            for (int k = 0; same && k < c.valueCount(); k++) {
                same = m.value(k) == COPIES * c.value(k);
            }
        }
        if (!same || compact.samples().isEmpty()) {
            throw new IllegalStateException("the merge of " + COPIES + " copies of the " + profile
                    + " profile is not the compacted profile scaled by " + COPIES);
        }
        System.out.printf("%n%s profile: %d samples, %d locations; merged %d copies into %d samples%n", profile,
                one.samples().size(), one.locations().size(), COPIES, merged.samples().size());
    }

    /** The merge of all copies. */
    @Benchmark
    public Profile merge() {
        return Profile.merge(copies);
    }
}
