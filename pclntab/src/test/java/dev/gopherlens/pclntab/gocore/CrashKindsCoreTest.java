package dev.gopherlens.pclntab.gocore;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.core.Input;
import dev.gopherlens.core.Inputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Go 1.27 program's cores of two deaths that take other paths through the runtime's crash traceback than a panic
 * in main ({@code src/test/fixtures/gocore/crashkinds*}, made from {@code crashkinds-src}; the fixtures README says
 * how): a stack overflow, where the runtime dies on the system stack in {@code newstack} and prints the goroutine from
 * its saved context, counting its tens of thousands of frames; and a nil dereference under {@code runtime.sigpanic}.
 * Each on linux/amd64, and on linux/arm64 (run under qemu-aarch64, which wrote the core): there a call leaves its
 * return address in the link register, the signal frame is the kernel's arm64 one, and the signal handler fakes the
 * call to sigpanic on the stack. Every goroutine must print byte for byte as the runtime printed it.
 */
class CrashKindsCoreTest {
    private static final Path DIR = Path.of("src/test/fixtures/gocore");

    private static GoCore open(String kind) throws IOException {
        String binary = kind.startsWith("arm64-") ? "crashkinds-arm64.xz" : "crashkinds.xz";
        return GoCore.open(DIR.resolve("crashkinds-" + kind + ".core.xz"), DIR.resolve(binary));
    }

    private static String stderr(String kind) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(DIR.resolve("crashkinds-" + kind
                + ".stderr.txt.gz")))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"overflow", "nil", "arm64-overflow", "arm64-nil"})
    void everyGoroutineTheRuntimePrintedIsInTheCoreAndPrintsTheSame(String kind) throws IOException {
        GoCore core = open(kind);
        assertThat(core.arch()).isEqualTo(kind.startsWith("arm64-") ? "arm64" : "amd64");
        Map<Long, String> printed = DemoServerCoreTest.printed(DIR.resolve("crashkinds-" + kind + ".stderr.txt.gz"));
        assertThat(core.goroutines()).extracting(Goroutine::id).containsExactlyInAnyOrderElementsOf(printed.keySet());
        for (Goroutine g : core.goroutines()) {
            assertThat(core.traceback(g).strip()).as("goroutine %d", g.id()).isEqualTo(printed.get(g.id()));
        }
    }

    @Test
    void theOverflowDiedOnTheSystemStackWithMoreFramesThanAWalkKeeps() throws IOException {
        String err = stderr("overflow");
        assertThat(err).contains("fatal error: stack overflow").contains("\nruntime stack:\nruntime.throw(");
        Matcher m = Pattern.compile("\\.\\.\\.(\\d+) frames elided\\.\\.\\.").matcher(err);
        assertThat(m.find()).isTrue();
        // More than the printer keeps of a walk's head and tail: the middle is only counted.
        assertThat(Long.parseLong(m.group(1))).isGreaterThan(10_000);
        // The goroutine's block starts at the function that overflowed, not at the runtime's frames on g0.
        GoCore core = open("overflow");
        Goroutine main = core.goroutines().stream().filter(g -> g.id() == 1).findFirst().orElseThrow();
        assertThat(core.traceback(main)).contains("\nmain.deep(").doesNotContain("runtime.newstack");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nil", "arm64-nil"})
    void theNilDereferenceFaultsUnderSigpanic(String kind) throws IOException {
        assertThat(stderr(kind)).contains("[signal SIGSEGV: segmentation violation")
                .contains("\nruntime.sigpanic()\n").contains("\nmain.walk(");
        // The faulting goroutine unwinds from its thread through the signal frame and the faked call.
        GoCore core = open(kind);
        Goroutine main = core.goroutines().stream().filter(g -> g.id() == 1).findFirst().orElseThrow();
        assertThat(core.stack(main)).extracting(StackFrame::function)
                .containsSubsequence("runtime.sigpanic", "main.walk", "main.main", "runtime.main", "runtime.goexit");
    }

    @Test
    void arm64ThreadsAndRegistersPrintAsGdbMultiarch() throws IOException {
        GoCore core = open("arm64-nil");
        Path gdb = DIR.resolve("crashkinds-arm64-nil.gdb.txt");
        Map<Integer, String> expected = CorpusCoreTest.gdbRegisterText(gdb);
        assertThat(expected).hasSize(core.threads().size());
        for (Map.Entry<Integer, String> e : expected.entrySet()) {
            assertThat(core.infoRegisters(core.thread(e.getKey()).orElseThrow())).as("LWP " + e.getKey())
                    .isEqualTo(e.getValue());
        }
        assertThat(core.infoThreads())
                .isEqualTo(CorpusCoreTest.gdbInfoThreads(Files.readAllLines(gdb, StandardCharsets.UTF_8)));
    }

    /**
     * The arm64 unwinder on corrupt memory: 300 seeded rounds of up to 16 non-zero words of the nil-dereference core
     * overwritten (a random word, one bit flipped, a small delta, zero), then everything a debugger reads. Each must
     * succeed or throw {@link GoParseException}, as {@link GoCoreMemoryFuzzTest} asks of the amd64 corpus core.
     */
    @Test
    void arm64CorruptMemoryIsRefusedCleanly() throws IOException {
        byte[] core;
        try (Input in = Inputs.open(DIR.resolve("crashkinds-arm64-nil.core.xz"))) {
            core = in.stream().readAllBytes();
        }
        ByteBuffer words = ByteBuffer.wrap(core).order(ByteOrder.LITTLE_ENDIAN);
        int[] nonZero = new int[core.length / 8];
        int count = 0;
        for (int i = 0; i + 8 <= core.length; i += 8) {
            if (words.getLong(i) != 0) {
                nonZero[count++] = i;
            }
        }
        GoCore base = open("arm64-nil");
        Random random = new Random(20261126);
        int refused = 0;
        for (int round = 0; round < 300; round++) {
            int n = 1 + random.nextInt(16);
            int[] at = new int[n];
            long[] old = new long[n];
            for (int i = 0; i < n; i++) {
                at[i] = nonZero[random.nextInt(count)];
                old[i] = words.getLong(at[i]);
                long v = switch (random.nextInt(4)) {
                    case 0 -> random.nextLong();
                    case 1 -> old[i] ^ (1L << random.nextInt(64));
                    case 2 -> old[i] + random.nextInt(8193) - 4096;
                    default -> 0;
                };
                words.putLong(at[i], v);
            }
            try {
                GoCore c = base.withCore(ByteBuffer.wrap(core));
                for (Goroutine g : c.goroutines()) {
                    try {
                        c.stack(g);
                        c.traceback(g);
                    } catch (GoParseException e) {
                        refused++;
                    }
                }
                for (Thread t : c.threads()) {
                    try {
                        c.stack(t);
                        c.infoRegisters(t);
                    } catch (GoParseException e) {
                        refused++;
                    }
                }
            } catch (GoParseException e) {
                refused++;
            } finally {
                for (int i = n - 1; i >= 0; i--) {
                    words.putLong(at[i], old[i]);
                }
            }
        }
        // Some of the damage reached the structures the unwinder reads.
        assertThat(refused).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"arm64-nil", "arm64-overflow"})
    void everyArm64ThreadUnwindsToATopFrame(String kind) throws IOException {
        GoCore core = open(kind);
        assertThat(core.threads()).isNotEmpty();
        for (Thread t : core.threads()) {
            List<StackFrame> frames = core.stack(t);
            assertThat(frames).as("LWP %d", t.lwp()).isNotEmpty();
            assertThat(frames.get(0).pc()).isEqualTo(t.pc());
        }
    }
}
