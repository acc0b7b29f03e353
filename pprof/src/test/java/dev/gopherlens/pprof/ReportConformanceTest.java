package dev.gopherlens.pprof;

import dev.gopherlens.core.testing.Corpus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conformance: for every corpus profile of every Go version, {@code top} and {@code traces} print what that
 * version's {@code go tool pprof -top -nodecount=1000000} and {@code -traces} printed, byte for byte.
 */
class ReportConformanceTest {
    static Stream<Arguments> profiles() {
        return Corpus.versions().stream()
                .flatMap(v -> RawTextConformanceTest.PROFILES.stream().map(name -> Arguments.of(v, name)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("profiles")
    void topEqualsTheToolchains(Corpus.GoVersion v, String name) throws IOException {
        Profile p = Pprof.read(v.file("data/" + name + ".pprof"));
        String golden = Files.readString(v.file("golden/" + name + ".top.txt"), StandardCharsets.UTF_8);
        ReportOptions o = ReportOptions.defaults().withToolchain(v.minor()).withNodeCount(1_000_000);
        assertThat(p.report(o).top().toText()).isEqualTo(golden);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("profiles")
    void tracesEqualTheToolchains(Corpus.GoVersion v, String name) throws IOException {
        Profile p = Pprof.read(v.file("data/" + name + ".pprof"));
        String golden = Files.readString(v.file("golden/" + name + ".traces.txt"), StandardCharsets.UTF_8);
        ReportOptions o = ReportOptions.defaults().withToolchain(v.minor());
        assertThat(p.report(o).traces()).isEqualTo(golden);
    }
}
