package dev.gopherlens.pclntab;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.core.testing.Corpus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Truncated and corrupted binaries give a {@link GoParseException} or answers, never another exception. */
class MalformedBinaryTest {

    static List<Corpus.GoVersion> versions() {
        return Corpus.versions().stream().filter(v -> v.minor() == 15 || v.minor() == 19 || v.minor() == 27).toList();
    }

    private static byte[] gunzip(java.nio.file.Path p) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
            return in.readAllBytes();
        }
    }

    /** Opens the binary and asks it everything, over a spread of pcs. */
    private static void exercise(byte[] bytes, long[] pcs) throws IOException {
        GoBinary b = GoBinary.open(bytes);
        b.buildInfo();
        b.symbols();
        for (long pc : pcs) {
            b.frames(pc);
            b.lineAt(pc);
            b.funcAt(pc);
        }
        int n = b.funcCount();
        for (int i = 0; i < n; i += Math.max(1, n / 50)) {
            Func f = b.func(i);
            b.lines(f);
        }
    }

    private static long[] pcs(GoBinary b) throws IOException {
        List<Long> out = new ArrayList<>();
        int n = b.funcCount();
        for (int i = 0; i < n; i += Math.max(1, n / 200)) {
            Func f = b.func(i);
            out.add(f.entry());
            out.add(f.entry() + (f.end() - f.entry()) / 2);
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    /** Returns whether the input was rejected. */
    private static boolean assertCleanly(byte[] bytes, long[] pcs, String what) {
        Throwable t = catchThrowable(() -> exercise(bytes, pcs));
        if (t != null) {
            assertThat(t).as(what).isInstanceOf(GoParseException.class);
            assertThat(t.getMessage()).as(what).contains(" at offset ");
        }
        return t != null;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("versions")
    void truncationsGiveParseErrors(Corpus.GoVersion v) throws IOException {
        byte[] whole = gunzip(v.file("bin/corpusgen-stripped.gz"));
        long[] pcs = pcs(GoBinary.open(whole));
        List<Integer> cuts = new ArrayList<>();
        for (int c = 0; c < 4096; c++) {
            cuts.add(c);
        }
        for (int c = 4096; c < whole.length; c += 7919) {
            cuts.add(c);
        }
        int rejected = 0;
        for (int c : cuts) {
            rejected += assertCleanly(Arrays.copyOf(whole, c), pcs, "cut at " + c) ? 1 : 0;
        }
        // Most cuts lose the section headers or the tables; a cut that only loses data nothing reads (the tail
        // of .noptrdata in a stripped binary) still answers, correctly.
        assertThat(rejected).isGreaterThan(cuts.size() * 9 / 10);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("versions")
    void byteFlipsInTheTablesGiveParseErrorsOrAnswers(Corpus.GoVersion v) throws IOException {
        byte[] whole = gunzip(v.file("bin/corpusgen-stripped.gz"));
        GoBinary b = GoBinary.open(whole);
        long[] pcs = pcs(b);
        // Flip bytes where the tables are: the pclntab, the section headers, the ELF header.
        long pclntabOffset = -1;
        for (var s : dev.gopherlens.pclntab.internal.elf.ElfFile.read(java.nio.ByteBuffer.wrap(whole)).sections()) {
            if (s.address() == b.pclntabAddress()) {
                pclntabOffset = s.offset();
            }
        }
        assertThat(pclntabOffset).isPositive();
        Random random = new Random(v.minor());
        int rejected = 0;
        for (int round = 0; round < 300; round++) {
            byte[] bad = whole.clone();
            int flips = 1 + random.nextInt(8);
            for (int i = 0; i < flips; i++) {
                int region = random.nextInt(3);
                int at = switch (region) {
                    case 0 -> (int) pclntabOffset + random.nextInt(64 * 1024);
                    case 1 -> random.nextInt(64);
                    default -> (int) pclntabOffset + random.nextInt(whole.length - (int) pclntabOffset);
                };
                bad[Math.min(at, bad.length - 1)] = (byte) random.nextInt(256);
            }
            rejected += assertCleanly(bad, pcs, "round " + round) ? 1 : 0;
        }
        // Some flips land in bytes nothing reads; many do not.
        assertThat(rejected).isBetween(10, 300);
    }
}
