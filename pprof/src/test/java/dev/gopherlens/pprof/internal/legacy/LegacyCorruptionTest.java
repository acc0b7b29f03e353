package dev.gopherlens.pprof.internal.legacy;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.core.testing.Corpus;
import dev.gopherlens.pprof.Pprof;
import dev.gopherlens.pprof.Profile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Corruption: every prefix of each small legacy fixture, prefixes at a stride of each corpus legacy profile, and
 * seeded random byte flips of all of them parse or throw {@link GoParseException}, nothing else, and quickly.
 */
class LegacyCorruptionTest {
    private static final long SEED = 0x6f70726f66L;

    static Stream<String> fixtures() {
        return LegacyFixtureTest.FIXTURES.stream();
    }

    static Stream<String> corpus() throws IOException {
        Path dir = Corpus.file("pprof-testdata");
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> !n.endsWith(".string")).sorted()
                    .toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void everyPrefixOfAFixture(String name) throws IOException {
        byte[] data = LegacyFixtureTest.resource(name);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int n = 0; n <= data.length; n++) {
                readOrReject(Arrays.copyOf(data, n), name + " cut at " + n);
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void byteFlipsOfAFixture(String name) throws IOException {
        byte[] data = LegacyFixtureTest.resource(name);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> flips(data, name, 400));
    }

    static Stream<String> goText() {
        return Corpus.versions().stream().flatMap(v -> Stream.of(v.name() + "/data/heap.debug1.txt",
                v.name() + "/data/goroutine.debug1.txt"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void prefixesAndByteFlipsOfACorpusProfile(String name) throws IOException {
        sweep(Files.readAllBytes(Corpus.file("pprof-testdata/" + name)), name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goText")
    void prefixesAndByteFlipsOfAGoTextProfile(String name) throws IOException {
        sweep(Files.readAllBytes(Corpus.file(name)), name);
    }

    private static void sweep(byte[] data, String name) {
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            int stride = Math.max(1, data.length / 300);
            for (int n = 0; n <= data.length; n += stride) {
                readOrReject(Arrays.copyOf(data, n), name + " cut at " + n);
            }
            for (int n = Math.max(0, data.length - 64); n <= data.length; n++) {
                readOrReject(Arrays.copyOf(data, n), name + " cut at " + n);
            }
            flips(data, name, 100);
        });
    }

    private static void flips(byte[] data, String name, int rounds) {
        SplittableRandom random = new SplittableRandom(SEED ^ name.hashCode());
        for (int r = 0; r < rounds; r++) {
            byte[] copy = data.clone();
            int flips = 1 + random.nextInt(4);
            StringBuilder what = new StringBuilder(name).append(" with bytes");
            for (int k = 0; k < flips && copy.length > 0; k++) {
                int at = random.nextInt(copy.length);
                // Half the time a byte the formats care about, so that flips reach past the header checks.
                byte b = random.nextBoolean() ? (byte) random.nextInt(256)
                        : (byte) " 0123456789abcdefx@:[]-\n#=/".charAt(random.nextInt(27));
                copy[at] = b;
                what.append(' ').append(at).append('=').append(b & 0xFF);
            }
            readOrReject(copy, what.toString());
        }
    }

    /** Reads an input that must give a profile that prints, or a GoParseException, and nothing else. */
    private static void readOrReject(byte[] input, String what) {
        Profile p;
        try {
            p = Pprof.read(input);
        } catch (GoParseException e) {
            assertThat(e.offset()).as(what + ": " + e.getMessage()).isGreaterThanOrEqualTo(-1);
            return;
        } catch (Throwable t) {
            throw new AssertionError(what + ": " + t, t);
        }
        // What reads must print, and survive writing as profile.proto and reading back.
        String text = p.toRawText();
        try {
            assertThat(Pprof.read(Pprof.encode(p)).toRawText()).as(what).isEqualTo(text);
        } catch (IOException e) {
            throw new AssertionError(what + ": written back, " + e, e);
        }
    }
}
