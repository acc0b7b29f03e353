package dev.gopherlens.pprof.internal.legacy;

import dev.gopherlens.core.testing.Corpus;
import dev.gopherlens.pprof.Pprof;
import dev.gopherlens.pprof.Profile;
import dev.gopherlens.pprof.RawText;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conformance with google/pprof: every legacy profile of its test data ({@code pprof-testdata/} in the corpus)
 * prints as the {@code NAME.string} google/pprof printed for it ({@code Profile.String()}, which has columns and no
 * doc URL: {@link RawText.Style#GO_1_23}).
 */
class LegacyConformanceTest {
    static Stream<String> names() throws IOException {
        Path dir = Corpus.file("pprof-testdata");
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".string"))
                    .map(n -> n.substring(0, n.length() - ".string".length())).sorted().toList();
            assertThat(names).hasSizeGreaterThanOrEqualTo(14);
            return names.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void printsAsGooglePprof(String name) throws IOException {
        Path dir = Corpus.file("pprof-testdata");
        String expected = Files.readString(dir.resolve(name + ".string"), StandardCharsets.UTF_8);
        Profile p = Pprof.read(dir.resolve(name));
        assertThat(p.toRawText(RawText.Style.GO_1_23).lines().toList()).containsExactlyElementsOf(
                expected.lines().toList());
    }
}
