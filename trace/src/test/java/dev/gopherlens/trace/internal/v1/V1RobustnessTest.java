package dev.gopherlens.trace.internal.v1;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.core.Limits;
import dev.gopherlens.core.testing.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Corrupt v1 traces either parse or fail with {@link GoParseException}; nothing else escapes, nothing hangs. */
class V1RobustnessTest {
    private static final Limits SMALL = Limits.DEFAULT.withMaxTableEntries(1 << 16).withMaxStringLength(1 << 16);

    /** Parses, and reports whether it worked; any exception but GoParseException fails the test. */
    private static boolean survives(byte[] bytes, int minor) {
        try {
            V1Trace t = V1Parser.parse(bytes, minor, SMALL);
            assertThat(t.size()).isNotNegative();
            return true;
        } catch (GoParseException expected) {
            assertThat(expected.format()).isEqualTo("trace");
            return false;
        }
    }

    private static byte[] corpus(String name) throws IOException {
        return Files.readAllBytes(Corpus.file("trace-tests/v1/" + name));
    }

    private static int minor(byte[] trace) {
        return Integer.parseInt(new String(trace, 5, 2, java.nio.charset.StandardCharsets.US_ASCII));
    }

    private static void everyPrefix(byte[] trace) {
        int minor = minor(trace);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int len = 16; len <= trace.length; len++) {
                survives(Arrays.copyOf(trace, len), minor);
            }
        });
        assertThat(survives(trace, minor)).isTrue();
    }

    private static void randomFlips(byte[] trace, long seed, int rounds) {
        int minor = minor(trace);
        SplittableRandom random = new SplittableRandom(seed);
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (int round = 0; round < rounds; round++) {
                byte[] copy = trace.clone();
                int flips = 1 + random.nextInt(4);
                for (int f = 0; f < flips; f++) {
                    int at = 16 + random.nextInt(copy.length - 16);
                    copy[at] = random.nextBoolean() ? (byte) random.nextInt(256) : (byte) (copy[at] ^ 1 << random.nextInt(8));
                }
                survives(copy, minor);
            }
        });
    }

    @Test
    void everyPrefixOfAHandMadeTrace() {
        V1TraceBuilder b = new V1TraceBuilder(19);
        b.batch(0, 1000)
                .event(V1EventType.PROC_START, 0, 7)
                .event(V1EventType.GO_CREATE, 10, 5, 1, 1)
                .event(V1EventType.GO_START_LOCAL, 10, 5)
                .userLog(1, 1, 3, 1, "message")
                .event(V1EventType.GO_SYS_CALL, 10, 1)
                .event(V1EventType.GO_SYS_BLOCK, 10)
                .event(V1EventType.PROC_STOP, 10);
        b.batch(1, 1100)
                .event(V1EventType.PROC_START, 0, 8)
                .event(V1EventType.GO_SYS_EXIT, 10, 5, 2, 1045)
                .event(V1EventType.GO_START, 10, 5, 3)
                .event(V1EventType.GO_END, 10)
                .event(V1EventType.PROC_STOP, 10)
                .event(V1EventType.CPU_SAMPLE, 0, 1050, 1, 5, 1);
        b.batch(0, 0).frequency(1_000_000).string(3, "key").string(4, "main.main")
                .stack(1, 0x401000, 4, 4, 10);
        everyPrefix(b.bytes());
        randomFlips(b.bytes(), 7, 2000);
    }

    @Test
    void manyStuckPsDoNotMakeTheMergeQuadratic() {
        // 20,000 Ps wait for a state goroutine 5 never reaches while it changes state 100,000 times. Go rescans
        // every waiting P after each event (2e9 checks); the parser rechecks a P only when its need is met.
        V1TraceBuilder b = new V1TraceBuilder(21);
        b.batch(0, 1).event(V1EventType.GO_CREATE, 1, 5, 0, 0);
        for (int k = 1; k <= 50_000; k++) {
            b.event(V1EventType.GO_START, 1, 5, k).event(V1EventType.GO_SCHED, 1, 0);
        }
        for (int p = 1; p <= 20_000; p++) {
            b.batch(p, 2).event(V1EventType.GO_START, 1, 5, 1_000_000_000);
        }
        b.batch(0, 0).frequency(1_000_000_000);
        byte[] trace = b.bytes();
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            GoParseException e = org.junit.jupiter.api.Assertions.assertThrows(GoParseException.class,
                    () -> V1Parser.parse(trace, 21, Limits.DEFAULT));
            assertThat(e.reason()).isEqualTo("no consistent ordering of events possible");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"user_task_region_1_21_good", "stress_start_stop_1_19_good", "user_task_region_1_11_good"})
    void everyPrefixOfACorpusTrace(String name) throws IOException {
        everyPrefix(corpus(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"user_task_region_1_21_good", "http_1_21_good", "stress_start_stop_1_11_good"})
    void seededRandomByteFlips(String name) throws IOException {
        randomFlips(corpus(name), name.hashCode(), 2000);
    }
}
