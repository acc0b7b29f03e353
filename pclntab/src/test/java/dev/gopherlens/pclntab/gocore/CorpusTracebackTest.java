package dev.gopherlens.pclntab.gocore;

import dev.gopherlens.core.testing.Corpus;
import dev.gopherlens.core.GoParseException;
import dev.gopherlens.core.Inputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conformance of the traceback printer: for every goroutine that plays a role in the program's report
 * ({@code role NAME GOID STATUS} in report.txt), {@link GoCore#traceback(Goroutine)} equals, byte for byte, the block
 * the runtime printed for it in the first section of traceback.txt (the header with the version's layout and
 * labels, every frame with its argument words, {@code ...N frames elided...}, {@code created by}), or
 * "stack unavailable" where the runtime printed that.
 */
class CorpusTracebackTest {
    static Stream<Arguments> cores() {
        return CorpusCoreTest.cores();
    }

    /** The runtime's first block for each goroutine id: from its header to the line before the blank line. */
    static Map<Long, String> blocks(List<String> lines) {
        Map<Long, String> out = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.startsWith("goroutine ") || !line.endsWith(":")) {
                continue;
            }
            long id = Long.parseLong(line.substring("goroutine ".length(), line.indexOf(' ', "goroutine ".length())));
            StringBuilder sb = new StringBuilder();
            int j = i;
            while (j < lines.size() && !lines.get(j).isEmpty() && (j == i || !lines.get(j).startsWith("goroutine "))) {
                sb.append(lines.get(j)).append('\n');
                j++;
            }
            out.putIfAbsent(id, sb.toString());
        }
        return out;
    }

    /** The report's roles: name to goroutine id. */
    static Map<String, Long> roles(List<String> report) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : report) {
            String[] f = line.split("\t");
            if (f.length >= 4 && f[0].equals("role")) {
                out.put(f[1], Long.parseLong(f[2]));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}{1}")
    @MethodSource("cores")
    void everyRoleIsPrintedAsTheRuntimePrintedIt(String version, String variant) throws IOException {
        Map<Long, String> runtime = blocks(Files.readAllLines(
                Corpus.file("core/" + version + "/traceback" + variant + ".txt"), StandardCharsets.UTF_8));
        Map<String, Long> roles = roles(Files.readAllLines(
                Corpus.file("core/" + version + "/report" + variant + ".txt"), StandardCharsets.UTF_8));
        assertThat(roles).hasSizeGreaterThan(25);
        GoCore core = CorpusCoreTest.open(version, variant);
        Map<Long, Goroutine> byId = new LinkedHashMap<>();
        for (Goroutine g : core.goroutines()) {
            byId.put(g.id(), g);
        }
        // All roles at once, so that a failure shows every differing line.
        StringBuilder expected = new StringBuilder();
        StringBuilder ours = new StringBuilder();
        for (Map.Entry<String, Long> role : roles.entrySet()) {
            String block = runtime.get(role.getValue());
            assertThat(block).as("the runtime's block for %s", role).isNotNull();
            expected.append("## ").append(role.getKey()).append('\n').append(block);
            ours.append("## ").append(role.getKey()).append('\n').append(core.traceback(byId.get(role.getValue())));
        }
        assertThat(ours.toString()).isEqualTo(expected.toString());
    }

    /**
     * Beyond the roles, every goroutine of the core: the runtime's own (GC workers, finalizers, the scavenger), and
     * the crashing main goroutine, which the runtime printed from the signal's context (abort) or from the frame that
     * called fatalpanic (panic).
     */
    @ParameterizedTest(name = "{0}{1}")
    @MethodSource("cores")
    void everyGoroutineIsPrintedAsTheRuntimePrintedIt(String version, String variant) throws IOException {
        Map<Long, String> runtime = blocks(Files.readAllLines(
                Corpus.file("core/" + version + "/traceback" + variant + ".txt"), StandardCharsets.UTF_8));
        GoCore core = CorpusCoreTest.open(version, variant);
        StringBuilder expected = new StringBuilder();
        StringBuilder ours = new StringBuilder();
        for (Goroutine g : core.goroutines()) {
            expected.append(runtime.get(g.id()));
            ours.append(core.traceback(g));
        }
        assertThat(core.goroutines()).hasSizeGreaterThan(30);
        assertThat(ours.toString()).isEqualTo(expected.toString());
    }

    /**
     * Corruption: the go1.27 abort core with seeded random bytes of its goroutine stacks (and the signal stacks the
     * running threads stopped on) flipped must still print every goroutine or throw {@link GoParseException}:
     * never another exception, and never a hang.
     */
    @Test
    void corruptedStacksPrintOrThrowGoParseException() throws IOException {
        byte[] binary;
        byte[] core;
        try (var in = Inputs.open(Corpus.file("core/go1.27/coregen.gz"))) {
            binary = bytes(in.buffer());
        }
        try (var in = Inputs.open(Corpus.file("core/go1.27/core.gz"))) {
            core = bytes(in.buffer());
        }
        GoCore clean = GoCore.open(core, binary);
        // The written bytes of every stack: from each goroutine's and each thread's sp to the end of its segment.
        List<long[]> ranges = new ArrayList<>();
        List<Long> sps = new ArrayList<>();
        for (Thread t : clean.threads()) {
            sps.add(t.sp());
        }
        for (Goroutine g : clean.goroutines()) {
            for (StackFrame f : clean.stack(g)) {
                sps.add(f.sp());
            }
        }
        for (long sp : sps) {
            for (Segment seg : clean.segments()) {
                if (sp >= seg.address() && sp < seg.address() + seg.fileSize()) {
                    long off = seg.fileOffset() + (sp - seg.address());
                    ranges.add(new long[] {off, Math.min(off + 4096, seg.fileOffset() + seg.fileSize())});
                }
            }
        }
        assertThat(ranges).hasSizeGreaterThan(100);
        Random random = new Random(12);
        int printed = 0;
        int refused = 0;
        for (int round = 0; round < 24; round++) {
            byte[] bad = core.clone();
            for (int i = 0; i < 64; i++) {
                long[] r = ranges.get(random.nextInt(ranges.size()));
                int at = (int) (r[0] + random.nextInt((int) Math.max(1, r[1] - r[0])));
                bad[at] ^= (byte) (1 + random.nextInt(255));
            }
            GoCore c = GoCore.open(bad, binary);
            List<Goroutine> gs;
            try {
                gs = c.goroutines();
            } catch (GoParseException e) {
                refused++;
                continue;
            }
            for (Goroutine g : gs) {
                try {
                    c.traceback(g);
                    c.stack(g);
                    printed++;
                } catch (GoParseException e) {
                    refused++;
                }
            }
        }
        // Most goroutines still print (a flipped argument word is only a different number); some corruption is caught.
        assertThat(printed).as("printed").isGreaterThan(24 * 10);
        assertThat(refused).as("refused").isPositive();
    }

    private static byte[] bytes(java.nio.ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
