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
