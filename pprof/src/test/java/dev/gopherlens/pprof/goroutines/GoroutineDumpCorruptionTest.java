package dev.gopherlens.pprof.goroutines;

import dev.gopherlens.core.GoParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Broken dumps: every truncation and seeded random damage of real dumps parse or throw {@link GoParseException},
 * nothing else; what parses can be summarized, bucketed and converted. Inputs built to provoke quadratic work
 * finish in time.
 */
class GoroutineDumpCorruptionTest {
    static final String[] DAMAGE = {"", "\t", "(", ")", ":", "[", "]", "{", "}", "\"", " +0x", "0x", "goroutine ",
        "created by ", " in goroutine ", "...", "panic: ", "\tpanic: ", "[originating from goroutine ",
        "non-Go function at pc=", " fp=", " pc=0x", "exit status ", "runtime stack:", "\n", "\r",
        "99999999999999999999",
        ", ", " minutes", "\u00ff"};

    /** Parses, and if that works uses the result; returns whether it parsed. */
    static boolean parseOrReject(byte[] input) {
        GoroutineDump d;
        try {
            d = GoroutineDump.read(input);
        } catch (GoParseException expected) {
            assertThat(expected.getMessage()).startsWith("goroutine dump: ");
            return false;
        } catch (java.io.IOException e) {
            throw new AssertionError("an IOException that is not a GoParseException", e);
        }
        assertThat(d.toString()).isNotEmpty();
        assertThat(d.buckets().stream().mapToInt(Bucket::count).sum()).isEqualTo(d.goroutines().size());
        assertThat(GoroutineBuckets.of(d.toProfile()).total()).isEqualTo(d.goroutines().size());
        return true;
    }

    static List<Integer> lineStarts(byte[] b) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\n') {
                starts.add(i + 1);
            }
        }
        return starts;
    }

    @Test
    void everyBytePrefixOfSmallDumps() {
        for (String name : new String[] {"go1.15/nil-single.txt.gz", "go1.27/nil-single.txt.gz"}) {
            byte[] text = DumpFixtures.text(name);
            for (int n = 0; n <= text.length; n++) {
                parseOrReject(Arrays.copyOf(text, n));
            }
        }
        byte[] head = Arrays.copyOf(DumpFixtures.text("go1.27/nil-system.txt.gz"), 6000);
        for (int n = 0; n <= head.length; n++) {
            parseOrReject(Arrays.copyOf(head, n));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"go1.15/dump.txt.gz", "go1.21/nil-system.txt.gz", "go1.27/panic-labels-ancestors.txt.gz",
        "go1.27/deadlock.txt.gz"})
    void everyLinePrefixParses(String name) {
        byte[] text = DumpFixtures.text(name);
        List<Integer> starts = lineStarts(text);
        int tried = 0;
        int parsed = 0;
        // Every line of the first 300 (a goroutine of each kind of the file), then every 23rd, to stay quick.
        for (int i = 0; i < starts.size(); i += i < 300 ? 1 : 23) {
            tried++;
            // A cut at a line end is a cut-off log: it parses, at worst as truncated.
            if (parseOrReject(Arrays.copyOf(text, starts.get(i)))) {
                parsed++;
            }
        }
        assertThat(parsed).isEqualTo(tried);
    }

    @ParameterizedTest
    @ValueSource(strings = {"go1.15/dump.txt.gz", "go1.21/nil-system.txt.gz", "go1.27/panic-labels-ancestors.txt.gz",
        "go1.27/deadlock.txt.gz", "go1.15/nil-single.txt.gz", "go1.27/sigquit-crash.txt.gz"})
    void seededRandomDamage(String name) {
        byte[] text = DumpFixtures.text(name);
        String[] lines = new String(text, StandardCharsets.UTF_8).split("\n", -1);
        Random random = new Random(name.hashCode());
        int rejected = 0;
        for (int round = 0; round < 300; round++) {
            List<String> l = new ArrayList<>(Arrays.asList(lines));
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits && !l.isEmpty(); e++) {
                int i = random.nextInt(l.size());
                String s = l.get(i);
                switch (random.nextInt(5)) {
                    case 0 -> l.remove(i);
                    case 1 -> l.add(i, l.get(random.nextInt(l.size())));
                    case 2 -> {
                        int at = s.isEmpty() ? 0 : random.nextInt(s.length() + 1);
                        l.set(i, s.substring(0, at) + DAMAGE[random.nextInt(DAMAGE.length)] + s.substring(at));
                    }
                    case 3 -> l.set(i, s.isEmpty() ? s : s.substring(0, random.nextInt(s.length())));
                    default -> {
                        byte[] b = s.getBytes(StandardCharsets.UTF_8);
                        if (b.length > 0) {
                            b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                        }
                        l.set(i, new String(b, StandardCharsets.ISO_8859_1));
                    }
                }
            }
            if (!parseOrReject(String.join("\n", l).getBytes(StandardCharsets.ISO_8859_1))) {
                rejected++;
            }
        }
        // The damage must reach the strict checks sometimes, or this test would prove little.
        assertThat(rejected).isPositive();
    }

    @Test
    void largeAndPathologicalInputsAreLinear() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            StringBuilder sb = new StringBuilder();
            for (int i = 1; i <= 200_000; i++) {
                sb.append("goroutine ").append(i).append(" [chan receive]:\nmain.worker(0x").append(i)
                        .append(")\n\tapp/worker.go:").append(10 + i % 7).append(" +0x1c\ncreated by main.start in")
                        .append(" goroutine 1\n\tapp/main.go:20 +0x25\n\n");
            }
            GoroutineDump big = GoroutineDump.read(sb.toString());
            assertThat(big.goroutines()).hasSize(200_000);
            assertThat(big.buckets()).hasSize(7);
            assertThat(big.toProfile().samples()).hasSize(7);

            String parens = "goroutine 1 [running]:\n" + "(".repeat(1 << 20) + ")\n\tmain.go:1\n";
            assertThat(GoroutineDump.read(parens).goroutines()).hasSize(1);
            String states = "goroutine 1 [" + "x, ".repeat(1 << 18) + "y]:\n";
            assertThat(GoroutineDump.read(states).goroutine(1).orElseThrow().details()).hasSize(1 << 18);
            String labels = "goroutine 1 [running] {" + "k: v, ".repeat(1 << 18) + "k: w}:\n";
            assertThat(GoroutineDump.read(labels).goroutine(1).orElseThrow().labels()).containsEntry("k", "w");
            String panicLines = "panic: x\n" + "more\n".repeat(1 << 18);
            assertThat(GoroutineDump.read(panicLines).crash().panics()).hasSize(1);
            String colons = "goroutine 1 [running]:\nmain.f()\n\t" + ":".repeat(1 << 20) + "1\n";
            assertThat(GoroutineDump.read(colons).goroutines()).hasSize(1);
            String unknown = "x\n".repeat(1 << 20);
            assertThat(GoroutineDump.read(unknown).unknownLines()).hasSize(1 << 20);
        });
    }
}
