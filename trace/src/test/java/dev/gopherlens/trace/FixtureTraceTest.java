package dev.gopherlens.trace;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.core.testing.InputKind;
import dev.gopherlens.core.testing.OneByteInputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The small traces in {@code src/test/fixtures} (one per trace format, written by Go itself; see the README there):
 * events equal to both the writing toolchain's debug print and Go 1.27's, every input kind, every truncation and
 * random corruption, and the scheduler's final states.
 */
class FixtureTraceTest {
    static final Path DIR = Path.of("src/test/fixtures");
    static final int[] V2 = {22, 23, 25, 27};
    static final int[] ALL = {15, 19, 21, 22, 23, 25, 27};

    static byte[] fixture(int goMinor) throws IOException {
        return Files.readAllBytes(DIR.resolve("go1." + goMinor + ".trace"));
    }

    @TestFactory
    Stream<DynamicTest> equalToTheWritingToolchain() {
        return java.util.Arrays.stream(V2).mapToObj(v -> DynamicTest.dynamicTest("go1." + v, () ->
                TraceGoldenTest.compare(DIR.resolve("go1." + v + ".trace"),
                        DIR.resolve("go1." + v + ".trace.parsed-go1." + v + ".txt.gz"), v)));
    }

    @TestFactory
    Stream<DynamicTest> v1ConvertedAsGo127Does() {
        return java.util.stream.IntStream.of(15, 19, 21).mapToObj(v -> DynamicTest.dynamicTest("go1." + v, () ->
                TraceGoldenTest.compare(DIR.resolve("go1." + v + ".trace"),
                        DIR.resolve("go1." + v + ".trace.parsed-go1.27.txt.gz"), 27, true)));
    }

    @TestFactory
    Stream<DynamicTest> equalToGo127() {
        return java.util.Arrays.stream(V2).mapToObj(v -> DynamicTest.dynamicTest("go1." + v, () ->
                TraceGoldenTest.compare(DIR.resolve("go1." + v + ".trace"),
                        DIR.resolve("go1." + v + ".trace.parsed-go1.27.txt.gz"), 27)));
    }

    static List<String> events(TraceCursor c) throws IOException {
        GoEventPrinter p = new GoEventPrinter(GoEventPrinter.Style.GO_1_26);
        List<String> out = new ArrayList<>();
        try (c) {
            while (c.next()) {
                out.add(p.print(c.event()));
            }
        }
        return out;
    }

    static TraceCursor cursor(InputKind kind, byte[] bytes) throws IOException {
        return switch (kind) {
            case BYTES -> GoTrace.cursor(bytes);
            case HEAP_BUFFER -> {
                byte[] padded = new byte[bytes.length + 3];
                System.arraycopy(bytes, 0, padded, 3, bytes.length);
                yield GoTrace.cursor(ByteBuffer.wrap(padded, 3, bytes.length).slice());
            }
            case DIRECT_BUFFER -> GoTrace.cursor(ByteBuffer.allocateDirect(bytes.length).put(bytes).flip());
            case STREAM -> GoTrace.cursor(new ByteArrayInputStream(bytes));
            case ONE_BYTE_STREAM -> GoTrace.cursor(new OneByteInputStream(bytes));
        };
    }

    @ParameterizedTest
    @EnumSource(InputKind.class)
    void everyInputKindGivesTheSameEvents(InputKind kind) throws IOException {
        for (int v : V2) {
            byte[] bytes = fixture(v);
            assertThat(events(cursor(kind, bytes))).as("go1.%d", v).isEqualTo(events(GoTrace.cursor(bytes)));
        }
    }

    @Test
    void gzippedAndFromAFile() throws IOException {
        byte[] bytes = fixture(27);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
            z.write(bytes);
        }
        List<String> expected = events(GoTrace.cursor(bytes));
        assertThat(events(GoTrace.cursor(gz.toByteArray()))).isEqualTo(expected);
        assertThat(events(GoTrace.cursor(DIR.resolve("go1.27.trace")))).isEqualTo(expected);
    }

    /** Reads to the end; a malformed trace may only fail with GoParseException. */
    static void parseOrReject(byte[] bytes) throws IOException {
        try (TraceCursor c = GoTrace.cursor(bytes)) {
            while (c.next()) {
                c.event();
            }
        } catch (GoParseException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Test
    void everyTruncationIsACleanError() throws IOException {
        for (int v : ALL) {
            byte[] bytes = fixture(v);
            for (int n = 0; n < bytes.length; n++) {
                byte[] cut = java.util.Arrays.copyOf(bytes, n);
                // A cut between batches of a pre-1.26 trace can still be a whole trace; elsewhere it must fail.
                parseOrReject(cut);
            }
            if (v >= 27) {
                for (int n = 17; n < bytes.length - 1; n++) {
                    int len = n;
                    assertThatThrownBy(() -> readAll(java.util.Arrays.copyOf(bytes, len)))
                            .as("go1.%d cut at %d", v, n).isInstanceOf(GoParseException.class);
                }
            }
        }
    }

    private static void readAll(byte[] bytes) throws IOException {
        try (TraceCursor c = GoTrace.cursor(bytes)) {
            while (c.next()) {
                c.event();
            }
        }
    }

    @Test
    void randomByteFlipsAreCleanErrorsOrParses() throws IOException {
        Random random = new Random(20261126);
        for (int v : ALL) {
            byte[] bytes = fixture(v);
            for (int round = 0; round < 1500; round++) {
                byte[] bad = bytes.clone();
                int flips = 1 + random.nextInt(4);
                for (int f = 0; f < flips; f++) {
                    int at = 16 + random.nextInt(bad.length - 16);
                    bad[at] = (byte) random.nextInt(256);
                }
                parseOrReject(bad);
            }
        }
    }

    private static final Pattern TRANSITION = Pattern.compile("GoID=(\\d+) (\\w+)->(\\w+)");

    @Test
    void theSchedulerEndsInTheStatesGoPrints() throws IOException {
        // The last transition of each goroutine in Go 1.27's print says the state it ends in.
        Map<Long, String> last = new HashMap<>();
        for (String line : TraceGoldenTest.golden(DIR.resolve("go1.27.trace.parsed-go1.27.txt.gz"),
                GoEventPrinter.Style.GO_1_26)) {
            Matcher m = TRANSITION.matcher(line);
            if (m.find()) {
                last.put(Long.parseLong(m.group(1)), m.group(3));
            }
        }
        assertThat(last).isNotEmpty();
        try (TraceCursor c = GoTrace.cursor(fixture(27))) {
            c.scheduler();
            long first = -1;
            long lastTime = -1;
            while (c.next()) {
                first = first < 0 ? c.time() : first;
                lastTime = c.time();
            }
            Scheduler s = c.scheduler();
            for (Map.Entry<Long, String> e : last.entrySet()) {
                assertThat(s.state(e.getKey()).goName()).as("goroutine %d", e.getKey()).isEqualTo(e.getValue());
            }
            assertThat(s.goroutines()).hasSize(last.size());
            for (GoroutineState g : s.goroutines()) {
                long total = g.timeIn().values().stream().mapToLong(Long::longValue).sum();
                // Its states tile the time from its first transition to the last transition seen.
                assertThat(total).as("goroutine %d", g.id()).isNotNegative().isLessThanOrEqualTo(lastTime - first);
                assertThat(g.since()).isBetween(first, lastTime);
            }
        }
    }
}
