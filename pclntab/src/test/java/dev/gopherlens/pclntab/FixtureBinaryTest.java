package dev.gopherlens.pclntab;

import dev.gopherlens.core.Frame;
import dev.gopherlens.pclntab.internal.InlineTree;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mach-O, PE and other architectures: the fixtures in {@code src/test/fixtures} (a small program cross-compiled by
 * Go 1.27 and 1.21, see its README) against {@code go version -m}, {@code go tool nm}, {@code go tool addr2line}
 * and an inline expansion read from DWARF.
 */
class FixtureBinaryTest {
    static final Path DIR = Path.of("src/test/fixtures");

    static byte[] bytes(String name) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(DIR.resolve(name + ".gz")))) {
            return in.readAllBytes();
        }
    }

    /** The oracle file of a binary, or of its unstripped sibling (a stripped binary has the same tables). */
    static Path oracle(String name, String suffix) {
        Path p = DIR.resolve(name + suffix);
        return Files.exists(p) ? p : DIR.resolve(name.replace("-stripped", "") + suffix);
    }

    /**
     * Go 1.15 outside module mode leaves {@code runtime.modinfo} zero, in {@code .bss}, which has no bytes in the
     * file: {@code go version -m} reads it as empty (Debian's Go 1.15 tools are built so); opening the binary used
     * to fail reading it.
     */
    @Test
    void aGopathBuildWithItsModuleInfoInBssReadsAsGoVersionDoes() throws IOException {
        String name = "hello-linux-amd64-go1.15-gopath";
        GoBinary b = GoBinary.open(bytes(name));
        assertThat(b.buildInfo().orElseThrow().format(name))
                .isEqualTo(Files.readString(DIR.resolve(name + ".buildinfo.txt"), StandardCharsets.UTF_8));
        assertThat(b.funcAt(b.func(b.funcCount() / 2).entry())).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello-darwin-amd64", "hello-darwin-arm64", "hello-darwin-arm64-stripped",
            "hello-darwin-arm64-go1.21", "hello-windows-amd64", "hello-windows-amd64-stripped",
            "hello-windows-amd64-go1.21", "hello-windows-386", "hello-linux-arm64", "hello-linux-386",
            "hello-linux-s390x"})
    void answersAsGoToolsDo(String name) throws IOException {
        GoBinary b = GoBinary.open(bytes(name));
        // go version -m
        Path bi = DIR.resolve(name + ".buildinfo.txt");
        assertThat(b.buildInfo().orElseThrow().format(name)).isEqualTo(Files.readString(bi, StandardCharsets.UTF_8));
        // go tool nm -n -size, where it reads the file
        Path nm = DIR.resolve(name + ".nm.txt");
        if (Files.exists(nm) && Files.size(nm) > 0) {
            Comparator<String> order = Comparator.comparing((String l) -> address(l)).thenComparing(Comparator.naturalOrder());
            List<String> ours = new ArrayList<>(b.symbols().stream().map(Symbol::toString).toList());
            ours.sort(order);
            List<String> theirs = new ArrayList<>(Files.readAllLines(nm, StandardCharsets.UTF_8));
            theirs.sort(order);
            assertThat(ours).isEqualTo(theirs);
        }
        // go tool addr2line: function, then file:line (":-1" where the tables do not cover the pc)
        assertAddr2line(b, oracle(name, ".addr2line.in"), oracle(name, ".addr2line.txt"));
        // inlined calls, against DWARF's inlined subroutines
        Map<String, List<String>> chains = new LinkedHashMap<>();
        for (String line : Files.readAllLines(oracle(name, ".inline.txt"), StandardCharsets.UTF_8)) {
            String[] f = line.split("\t");
            chains.computeIfAbsent(f[0], k -> new ArrayList<>()).add(InlineTree.printName(f[2]) + " " + f[3]);
        }
        int checked = 0;
        for (Map.Entry<String, List<String>> e : chains.entrySet()) {
            if (e.getValue().get(0).startsWith("? ")) {
                continue; // padding between functions: no DWARF subprogram
            }
            List<String> ours = new ArrayList<>();
            for (Frame f : b.frames(Long.parseUnsignedLong(e.getKey().substring(2), 16))) {
                ours.add(f.function() + " " + f.file() + ":" + f.line());
            }
            assertThat(ours).as(e.getKey()).isEqualTo(e.getValue());
            checked++;
        }
        assertThat(checked).isGreaterThan(100);
    }

    /** Our lineAt for each pc of an .in file equals go tool addr2line's lines (":-1" where nothing covers it). */
    static void assertAddr2line(GoBinary b, Path in, Path out) throws IOException {
        List<String> got = new ArrayList<>();
        for (String pc : Files.readAllLines(in, StandardCharsets.UTF_8)) {
            SourceLine sl = b.lineAt(Long.parseUnsignedLong(pc.substring(2), 16)).orElseThrow();
            got.add(sl.function());
            got.add(sl.line() == 0 && sl.file().equals("?") ? ":-1" : sl.file() + ":" + sl.line());
        }
        assertThat(got).isEqualTo(Files.readAllLines(out, StandardCharsets.UTF_8));
    }

    private static long address(String nmLine) {
        String a = nmLine.substring(0, 8).trim();
        return a.isEmpty() ? 0 : Long.parseUnsignedLong(nmLine.trim().split(" +")[0], 16);
    }

    @Test
    void universalMachOHoldsBothArchitectures() throws IOException {
        byte[] amd64 = bytes("hello-darwin-amd64");
        byte[] arm64 = bytes("hello-darwin-arm64");
        // A fat file as lipo writes it: big-endian header, then each slice aligned to 16 KiB.
        int first = 1 << 14;
        int second = (first + amd64.length + (1 << 14) - 1) & -(1 << 14);
        ByteBuffer fat = ByteBuffer.allocate(second + arm64.length).order(ByteOrder.BIG_ENDIAN);
        fat.putInt(0xcafebabe).putInt(2);
        fat.putInt(0x01000007).putInt(3).putInt(first).putInt(amd64.length).putInt(14);
        fat.putInt(0x0100000c).putInt(0).putInt(second).putInt(arm64.length).putInt(14);
        fat.put(first, amd64).put(second, arm64);
        GoBinary a = GoBinary.open(fat.duplicate().clear(), 0);
        GoBinary r = GoBinary.open(fat.duplicate().clear(), 1);
        assertThat(a.goarch()).isEqualTo("amd64");
        assertThat(r.goarch()).isEqualTo("arm64");
        assertThat(a.functions()).isEqualTo(GoBinary.open(amd64).functions());
        assertThat(r.functions()).isEqualTo(GoBinary.open(arm64).functions());
        assertThat(GoBinary.open(fat.array()).goarch()).isEqualTo("amd64");
        assertThat(a.buildInfo()).isEqualTo(GoBinary.open(amd64).buildInfo());
    }

    @Test
    void formatsAndArchitectures() throws IOException {
        assertThat(GoBinary.open(bytes("hello-linux-s390x")).byteOrder()).isEqualTo(ByteOrder.BIG_ENDIAN);
        assertThat(GoBinary.open(bytes("hello-windows-386")).ptrSize()).isEqualTo(4);
        assertThat(GoBinary.open(bytes("hello-darwin-arm64")).format()).isEqualTo("macho");
        assertThat(GoBinary.open(bytes("hello-windows-amd64")).toString())
                .isEqualTo("GoBinary[pe/amd64, go1.27.4, pclntab GO_1_20, 1758 functions]");
    }
}
