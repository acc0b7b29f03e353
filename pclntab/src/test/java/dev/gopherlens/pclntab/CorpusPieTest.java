package dev.gopherlens.pclntab;

import dev.gopherlens.core.Frame;
import dev.gopherlens.core.testing.Corpus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Position-independent builds: the pointers the tables need are load-time relocations, not file contents. */
class CorpusPieTest {

    static List<Corpus.GoVersion> pieVersions() {
        return Corpus.versions().stream().filter(v -> Files.exists(v.file("bin/corpusgen-pie.gz"))).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pieVersions")
    void pieAnswersAsThePlainBuildDoes(Corpus.GoVersion v) throws IOException {
        GoBinary pie = GoBinary.open(v.file("bin/corpusgen-pie.gz"));
        GoBinary exe = GoBinary.open(v.file("bin/corpusgen.gz"));
        if (v.minor() >= 20) {
            assertThat(pie.buildInfo().orElseThrow().settings()).contains(new BuildInfo.Setting("-buildmode", "pie"));
        }
        assertThat(pie.buildInfo().orElseThrow().goVersion()).isEqualTo(exe.buildInfo().orElseThrow().goVersion());
        // main.sumSquares, with main.square inlined, touches no globals: its code is the same in both builds.
        for (String name : List.of("main.sumSquares")) {
            Func p = pie.func(name).orElseThrow();
            Func e = exe.func(name).orElseThrow();
            assertThat(p.end() - p.entry()).as(name).isEqualTo(e.end() - e.entry());
            for (long k = 0; k < p.end() - p.entry(); k++) {
                List<String> a = pie.frames(p.entry() + k).stream().map(CorpusPieTest::text).toList();
                List<String> b = exe.frames(e.entry() + k).stream().map(CorpusPieTest::text).toList();
                assertThat(a).as("%s+%d", name, k).isEqualTo(b);
            }
            assertThat(pie.lines(p).stream().map(r -> r.file() + ":" + r.line()).toList())
                    .isEqualTo(exe.lines(e).stream().map(r -> r.file() + ":" + r.line()).toList());
        }
        for (Func f : pie.functions()) {
            assertThat(pie.funcAt(f.entry())).contains(f);
        }
        // Inlined calls expand in the PIE too: main.sumSquares inlines main.square in both.
        assertThat(inlinedCalls(pie)).isPositive().isEqualTo(inlinedCalls(exe));
    }

    /** How many entries of main.sumSquares show main.square inlined. */
    private static long inlinedCalls(GoBinary b) throws IOException {
        Func f = b.func("main.sumSquares").orElseThrow();
        long n = 0;
        for (long pc = f.entry(); pc < f.end(); pc++) {
            if (b.frames(pc).size() > 1) {
                n++;
            }
        }
        return n;
    }

    private static String text(Frame f) {
        return f.function() + " " + f.file() + ":" + f.line();
    }
}
