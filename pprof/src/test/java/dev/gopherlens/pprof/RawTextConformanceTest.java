package dev.gopherlens.pprof;

import dev.gopherlens.core.testing.Corpus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Conformance: every corpus profile prints as the Go toolchain's own {@code go tool pprof -raw} printed it. */
class RawTextConformanceTest {
    static final List<String> PROFILES = List.of("cpu", "heap", "allocs", "goroutine", "mutex", "block",
            "threadcreate");

    static Stream<Arguments> profiles() {
        return Corpus.versions().stream().flatMap(v -> PROFILES.stream().map(name -> Arguments.of(v, name)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("profiles")
    void rawTextEqualsTheToolchains(Corpus.GoVersion v, String name) throws IOException {
        Path data = v.file("data/" + name + ".pprof");
        String golden = Files.readString(v.file("golden/" + name + ".raw.txt"), StandardCharsets.UTF_8);
        Profile p = Pprof.read(data);
        if (v.minor() < 21) {
            // pprof before Go 1.21 merged a profile with itself and dropped empty samples before printing.
            p = Compaction.legacyDriver(p);
        }
        assertThat(p.toRawText(RawText.Style.forGo(v.minor()))).isEqualTo(golden);
    }
}
