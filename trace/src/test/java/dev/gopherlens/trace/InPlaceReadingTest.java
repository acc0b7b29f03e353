package dev.gopherlens.trace;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.core.testing.Corpus;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A v2 trace in an array is read in place (its event batches ordered where they lie), every other input through a
 * stream. Both must give the same events, and fail at the same event with the same message: over the fixtures,
 * every corpus trace, prefixes of a small trace and traces with bytes changed at random.
 */
class InPlaceReadingTest {

    /** The events as text, then "end" or the error's message. */
    private static List<String> events(TraceCursor c) throws IOException {
        List<String> out = new ArrayList<>();
        try (c) {
            while (c.next()) {
                out.add(c.event() + " @" + c.offset());
            }
            out.add("end");
        } catch (GoParseException e) {
            out.add("error " + e.getMessage());
        }
        return out;
    }

    private static void sameBothWays(byte[] trace) throws IOException {
        List<String> streamed;
        try {
            streamed = events(GoTrace.cursor(new ByteArrayInputStream(trace)));
        } catch (GoParseException e) {
            streamed = List.of("error " + e.getMessage());
        }
        List<String> inPlace;
        try {
            inPlace = events(GoTrace.cursor(trace));
        } catch (GoParseException e) {
            inPlace = List.of("error " + e.getMessage());
        }
        assertThat(inPlace).isEqualTo(streamed);
    }

    private static List<Path> v2Traces() throws IOException {
        List<Path> traces = new ArrayList<>();
        for (int v : new int[] {22, 23, 25, 27}) {
            traces.add(FixtureTraceTest.DIR.resolve("go1." + v + ".trace"));
        }
        for (Corpus.GoVersion v : Corpus.versions()) {
            Path p = v.dir().resolve("data/trace.out");
            if (Files.isRegularFile(p)) {
                traces.add(p);
            }
        }
        try (Stream<Path> s = Files.walk(Corpus.file("multigen"))) {
            s.filter(p -> p.toString().endsWith(".out")).sorted().forEach(traces::add);
        }
        return traces;
    }

    @TestFactory
    Stream<DynamicTest> everyTraceReadsTheSameInPlace() throws IOException {
        return v2Traces().stream().map(p -> DynamicTest.dynamicTest(p.getParent().getFileName() + "/"
                + p.getFileName(), () -> {
            byte[] trace = Files.readAllBytes(p);
            byte[] original = trace.clone();
            sameBothWays(trace);
            // The caller's array is read, never written: not even after a generation's memory is reused.
            assertThat(trace).isEqualTo(original);
            // A slice of a larger array, as a buffer: read in place from its offset.
            byte[] padded = new byte[trace.length + 7];
            System.arraycopy(trace, 0, padded, 5, trace.length);
            assertThat(events(GoTrace.cursor(ByteBuffer.wrap(padded, 5, trace.length).slice())))
                    .isEqualTo(events(GoTrace.cursor(trace)));
        }));
    }

    @TestFactory
    Stream<DynamicTest> damagedTracesFailTheSameInPlace() throws IOException {
        return Stream.of(22, 23, 25, 27).map(v -> DynamicTest.dynamicTest("go1." + v, () -> {
            byte[] trace = Files.readAllBytes(FixtureTraceTest.DIR.resolve("go1." + v + ".trace"));
            int step = Math.max(1, trace.length / 300);
            for (int n = 0; n < trace.length; n += step) {
                sameBothWays(java.util.Arrays.copyOf(trace, n));
            }
            Random random = new Random(v);
            for (int round = 0; round < 100; round++) {
                byte[] bad = trace.clone();
                for (int i = 0, k = 1 + random.nextInt(4); i < k; i++) {
                    bad[16 + random.nextInt(bad.length - 16)] = (byte) random.nextInt(256);
                }
                sameBothWays(bad);
            }
        }));
    }
}
