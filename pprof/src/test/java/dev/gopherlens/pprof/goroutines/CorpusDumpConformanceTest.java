package dev.gopherlens.pprof.goroutines;

import dev.gopherlens.core.testing.Corpus;
import dev.gopherlens.pprof.Pprof;
import dev.gopherlens.pprof.Profile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conformance: a corpus run's {@code goroutine.debug2.txt} and its {@code goroutine.pprof}, both taken by the
 * runtime of that Go version one after the other in the same process, have the same goroutines on the same
 * stacks.
 */
class CorpusDumpConformanceTest {

    static List<Corpus.GoVersion> versions() {
        return Corpus.versions();
    }

    /**
     * Leaves out the goroutine that wrote the profile or the dump. It is the same goroutine (main) both times,
     * but it was in a different place each time: in runtime/pprof.writeGoroutineStacks for the dump and in
     * runtime/pprof.writeRuntimeProfile (via runtime.goroutineProfileWithLabels) for the profile, at other lines
     * of main.main. So its bucket differs by design and says nothing about the parser.
     */
    static boolean notTheWriter(List<String> stack) {
        return stack.stream().noneMatch(f -> f.startsWith("runtime/pprof."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("versions")
    void dumpBucketsEqualTheProfiles(Corpus.GoVersion v) throws IOException {
        GoroutineDump dump = GoroutineDump.read(v.file("data/goroutine.debug2.txt"));
        Profile profile = Pprof.read(v.file("data/goroutine.pprof"));

        // The profile's stacks hold every frame, inlined calls expanded innermost first (as the dump prints
        // them); the dump leaves out what the default traceback hides (runtime.gopark, runtime.chanrecv,
        // runtime.main, …). Seeing both as the traceback shows them is the one normalisation. The dump's
        // created-by lines are not part of a stack in either view.
        GoroutineBuckets fromDump = GoroutineBuckets.of(dump).asTracebackShows().filter(
                CorpusDumpConformanceTest::notTheWriter);
        GoroutineBuckets fromProfile = GoroutineBuckets.of(profile).asTracebackShows().filter(
                CorpusDumpConformanceTest::notTheWriter);

        assertThat(fromDump.counts()).isNotEmpty().isEqualTo(fromProfile.counts());
        // The writer is left out on each side, and only it.
        assertThat(GoroutineBuckets.of(dump).total() - fromDump.total()).isEqualTo(1);
        assertThat(GoroutineBuckets.of(profile).total() - fromProfile.total()).isEqualTo(1);
        assertThat(dump.unknownLines()).isEmpty();
        assertThat(dump.crash().isCrash()).isFalse();
    }

    /**
     * The same with {@code goroutine.debug1.txt}, read by {@link Pprof#read} as google/pprof reads it: locations
     * are bare addresses (google/pprof takes the {@code #} lines for comments), so the test names them from those
     * lines, pc by pc, inlined frames in the order printed (pcs without a {@code #} line are runtime frames the
     * text leaves out, dropped). The debug=1 text was written after the debug=2 one, by
     * the same goroutine, so the writer is left out again.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("versions")
    void dumpBucketsEqualTheDebug1Texts(Corpus.GoVersion v) throws IOException {
        GoroutineDump dump = GoroutineDump.read(v.file("data/goroutine.debug2.txt"));
        java.nio.file.Path debug1 = v.file("data/goroutine.debug1.txt");
        Profile counts = Pprof.read(debug1);
        Map<Long, List<String[]>> symbols = new java.util.HashMap<>();
        for (String line : java.nio.file.Files.readAllLines(debug1)) {
            // #\t0x71329b\tmain.leak.func1+0x1b\tcorpusgen/main.go:164
            String[] f = line.split("\t+");
            if (f.length == 4 && f[0].equals("#")) {
                long pc = Long.parseUnsignedLong(f[1].substring(2), 16);
                String function = f[2].substring(0, f[2].lastIndexOf('+'));
                String file = f[3].substring(0, f[3].lastIndexOf(':'));
                long lineNo = Long.parseLong(f[3].substring(f[3].lastIndexOf(':') + 1));
                List<String[]> frames = symbols.computeIfAbsent(pc, k -> new java.util.ArrayList<>());
                String[] frame = {function, file, Long.toString(lineNo)};
                if (frames.stream().noneMatch(x -> java.util.Arrays.equals(x, frame))) {
                    frames.add(frame);
                }
            }
        }
        dev.gopherlens.pprof.ProfileBuilder b = Profile.builder().sampleType("goroutine", "count");
        Map<String, dev.gopherlens.pprof.Function> functions = new java.util.HashMap<>();
        for (dev.gopherlens.pprof.Sample s : counts.samples()) {
            List<dev.gopherlens.pprof.Location> stack = new java.util.ArrayList<>();
            for (dev.gopherlens.pprof.Location l : s.locations()) {
                List<dev.gopherlens.pprof.Line> lines = new java.util.ArrayList<>();
                for (String[] f : symbols.getOrDefault(l.address(), List.of())) {
                    dev.gopherlens.pprof.Function fn = functions.computeIfAbsent(f[0] + "\0" + f[1],
                            k -> b.function(f[0], f[0], f[1], 0));
                    lines.add(new dev.gopherlens.pprof.Line(fn, Long.parseLong(f[2]), 0));
                }
                // runtime/pprof prints no # line for the runtime's own frames (runtime.gopark, …) unless the
                // whole stack is the runtime's; those are frames the traceback view hides anyway.
                if (!lines.isEmpty()) {
                    stack.add(b.location(null, l.address(), lines));
                }
            }
            b.sample(stack, s.values(), List.of());
        }
        GoroutineBuckets fromDump = GoroutineBuckets.of(dump).asTracebackShows().filter(
                CorpusDumpConformanceTest::notTheWriter);
        GoroutineBuckets fromDebug1 = GoroutineBuckets.of(b.build()).asTracebackShows().filter(
                CorpusDumpConformanceTest::notTheWriter);
        assertThat(fromDump.counts()).isNotEmpty().isEqualTo(fromDebug1.counts());
        assertThat(GoroutineBuckets.of(b.build()).total() - fromDebug1.total()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("versions")
    void theFiveLeakedGoroutinesAreOneBucket(Corpus.GoVersion v) throws IOException {
        GoroutineDump dump = GoroutineDump.read(v.file("data/goroutine.debug2.txt"));
        Bucket leak = dump.buckets().get(0);
        assertThat(leak.count()).isEqualTo(5);
        assertThat(leak.state()).isEqualTo("chan receive");
        assertThat(leak.functions()).containsExactly("main.leak.func1");
        assertThat(leak.stack().top().file()).isEqualTo("corpusgen/main.go");
        assertThat(leak.createdBy()).hasValueSatisfying(c -> assertThat(c.function()).isEqualTo("main.leak"));
        assertThat(leak.goroutines()).allSatisfy(g ->
                assertThat(g.createdBy().orElseThrow().parentId()).isEqualTo(v.minor() >= 21 ? 1 : 0));
        assertThat(dump.buckets()).hasSize(2);
        assertThat(GoroutineBuckets.of(dump.toProfile()).counts()).containsEntry(List.of("main.leak.func1"), 5L);
        assertThat(GoroutineBuckets.of(Pprof.read(v.file("data/goroutine.pprof"))).asTracebackShows().counts())
                .containsAllEntriesOf(Map.of(List.of("main.leak.func1"), 5L));
    }
}
