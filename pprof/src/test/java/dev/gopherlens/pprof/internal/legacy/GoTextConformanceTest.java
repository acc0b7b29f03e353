package dev.gopherlens.pprof.internal.legacy;

import dev.gopherlens.core.testing.Corpus;
import dev.gopherlens.pprof.Label;
import dev.gopherlens.pprof.Pprof;
import dev.gopherlens.pprof.Profile;
import dev.gopherlens.pprof.RawText;
import dev.gopherlens.pprof.Sample;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conformance with Go 1.27's {@code go tool pprof -symbolize=none -raw} on every corpus version's
 * {@code heap.debug1.txt} and {@code goroutine.debug1.txt}; the goldens are test resources, made as
 * {@code legacy/golden/README.md} says.
 */
class GoTextConformanceTest {
    /** How google/pprof prints a heap sample's {@code bytes} label of 0, which the model keeps but cannot print. */
    private static final String ZERO_BYTES = "                bytes:[0]";

    static Stream<Arguments> files() {
        return Corpus.versions().stream()
                .flatMap(v -> Stream.of("heap", "goroutine").map(k -> Arguments.of(v, k)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("files")
    void printsAsGoToolPprof(Corpus.GoVersion v, String kind) throws IOException {
        String golden;
        try (InputStream in = GoTextConformanceTest.class.getResourceAsStream(
                "/legacy/golden/" + v.name() + "." + kind + ".debug1.raw.txt")) {
            assertThat(in).as("golden for %s %s", v, kind).isNotNull();
            golden = new String(Objects.requireNonNull(in).readAllBytes(), StandardCharsets.UTF_8);
        }
        Profile p = Pprof.read(v.file("data/" + kind + ".debug1.txt"));
        List<String> expected = golden.lines().toList();
        // A numeric label of 0 without a unit is one google/pprof keeps in memory (and prints) but drops when it
        // reads profile.proto; our Label cannot tell it from no label, so RawText leaves it out. Compare the rest
        // line by line, and the zero labels through the model.
        long zeroLines = expected.stream().filter(ZERO_BYTES::equals).count();
        long zeroLabels = p.samples().stream().map(Sample::labels)
                .filter(ls -> ls.equals(List.of(new Label("bytes", "", 0, "")))).count();
        assertThat(zeroLabels).isEqualTo(zeroLines);
        assertThat(p.toRawText(RawText.Style.CURRENT).lines().toList())
                .containsExactlyElementsOf(expected.stream().filter(l -> !l.equals(ZERO_BYTES)).toList());
    }
}
