package dev.gopherlens.pprof.internal.legacy;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.pprof.Pprof;
import dev.gopherlens.pprof.RawText;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Mutated legacy profiles ({@code legacy/mutants/}) and generated ones ({@code legacy/generated/}), see their
 * READMEs: each parses to exactly what Go 1.27's {@code go tool pprof -raw} printed for it, or is rejected where
 * google/pprof rejected it.
 */
class LegacyMutantTest {
    static Stream<String> mutants() throws IOException {
        List<String> names = Stream.of("mutants", "generated").flatMap(dir -> {
            try {
                return new String(mutant(dir + "/index.txt"), StandardCharsets.UTF_8).lines()
                        .filter(l -> !l.isBlank()).map(l -> dir + "/" + l);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
        assertThat(names).hasSizeGreaterThanOrEqualTo(200);
        return names.stream();
    }

    private static byte[] mutant(String name) throws IOException {
        try (InputStream in = LegacyMutantTest.class.getResourceAsStream("/legacy/" + name)) {
            assertThat(in).as(name).isNotNull();
            return Objects.requireNonNull(in).readAllBytes();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutants")
    void agreesWithGoToolPprof(String name) throws IOException {
        byte[] input = mutant(name + ".in");
        String golden = new String(mutant(name + ".golden"),
                StandardCharsets.UTF_8);
        if (golden.equals("ERROR\n")) {
            assertThatThrownBy(() -> Pprof.read(input)).isInstanceOf(GoParseException.class);
            return;
        }
        List<String> expected = golden.lines().filter(l -> !l.equals("                bytes:[0]")).toList();
        assertThat(Pprof.read(input).toRawText(RawText.Style.CURRENT).lines().toList())
                .containsExactlyElementsOf(expected);
    }
}
