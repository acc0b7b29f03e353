package dev.gopherlens.pclntab;

import dev.gopherlens.core.Frame;
import dev.gopherlens.core.testing.Corpus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Conformance: the corpus binaries answer as the Go runtime and toolchain did. */
class CorpusBinaryTest {

    static Stream<Arguments> binaries() {
        return Corpus.versions().stream().flatMap(v -> {
            try (Stream<Path> files = Files.list(v.file("bin"))) {
                return files.sorted().map(f -> Arguments.of(v, f.getFileName().toString())).toList().stream();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("binaries")
    void buildInfoEqualsGoVersionM(Corpus.GoVersion v, String bin) throws IOException {
        GoBinary b = GoBinary.open(v.file("bin/" + bin));
        String name = bin.replace(".gz", "");
        Path golden = v.file("golden/" + (name.contains("stripped") ? "buildinfo-stripped.txt" : "buildinfo.txt"));
        String expected = Files.readString(golden, StandardCharsets.UTF_8);
        String file = expected.substring(0, expected.indexOf(": "));
        if (name.contains("pie")) {
            return; // the corpus records go version -m for the plain and stripped builds only
        }
        assertThat(b.buildInfo().orElseThrow().format(file)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("binaries")
    void pcsweepEqualsTheRuntime(Corpus.GoVersion v, String bin) throws IOException {
        GoBinary b = GoBinary.open(v.file("bin/" + bin));
        if (bin.contains("pie")) {
            return; // the sweep's pcs are those of the non-PIE build
        }
        List<String> mismatches = new ArrayList<>();
        int rows = 0;
        // runtime.funcName returns "" for name offset 0, the first name of the Go 1.16+ name table.
        String firstName = b.pclntabVersion() == PclntabVersion.GO_1_2 ? null
                : dev.gopherlens.pclntab.internal.InlineTree.printName(b.func(0).name());
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(v.file("data/pcsweep.tsv.gz"))), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#")) {
                    continue;
                }
                rows++;
                String[] f = line.split("\t", -1);
                long pc = Long.parseUnsignedLong(f[0].substring(2), 16);
                String got = sweep(b, pc, firstName);
                String want = String.join("\t", f[1], f[2], f[3], f[4], f[5]);
                if (!got.equals(want) && mismatches.size() < 20) {
                    mismatches.add(f[0] + ": want " + want + " got " + got);
                }
            }
        }
        assertThat(mismatches).as("%d rows", rows).isEmpty();
    }

    /** What the corpus program printed for a pc: FuncForPC(pc) name and entry, then CallersFrames([pc+1])'s first frame. */
    static String sweep(GoBinary b, long pc, String firstName) throws IOException {
        List<Frame> atPc = b.frames(pc);
        String funcForPc = atPc.isEmpty() ? "" : atPc.get(0).function();
        String entry = b.funcAt(pc).map(fn -> "0x" + Long.toHexString(fn.entry())).orElse("0x0");
        // CallersFrames treats pc+1 as a return address: it looks up the instruction before it, unless pc+1
        // is a function's entry.
        long ret = pc + 1;
        Func f = b.funcAt(ret).orElse(null);
        List<Frame> frames = f == null ? List.of() : b.frames(ret > f.entry() ? ret - 1 : ret);
        Frame first = frames.isEmpty() ? new Frame("", "", 0, 0) : frames.get(0);
        return String.join("\t", quirk(funcForPc, firstName), entry, quirk(first.function(), firstName),
                first.file(), Integer.toString(first.line()));
    }

    private static String quirk(String name, String firstName) {
        return name.equals(firstName) ? "" : name;
    }
}
