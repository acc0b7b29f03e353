package dev.gopherlens.pclntab;

import dev.gopherlens.core.Frame;
import dev.gopherlens.core.testing.Corpus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Conformance: symbols, addr2line and the runtime's symbolization of sampled pcs. */
class CorpusSymbolsTest {

    static List<Corpus.GoVersion> versions() {
        return Corpus.versions();
    }

    static Stream<Arguments> unstrippedAndStripped() {
        return Corpus.versions().stream().flatMap(v -> Stream.of(Arguments.of(v, "corpusgen.gz"),
                Arguments.of(v, "corpusgen-stripped.gz")).filter(a -> Files.exists(v.file("bin/" + a.get()[1]))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("versions")
    void symbolsEqualGoToolNm(Corpus.GoVersion v) throws IOException {
        GoBinary b = GoBinary.open(v.file("bin/corpusgen.gz"));
        List<Symbol> sorted = new ArrayList<>(b.symbols());
        sorted.sort(Comparator.comparingLong(Symbol::address));
        List<String> golden = Files.readAllLines(v.file("golden/nm.txt"), StandardCharsets.UTF_8);
        // go tool nm -n sorts with Go's unstable sort, so symbols at one address may come in another order:
        // compare line for line after ordering each address's symbols by name.
        Comparator<String> byAddressThenLine = Comparator.comparing((String l) -> Long.parseLong(l.trim().split(" +")[0], 16))
                .thenComparing(Comparator.naturalOrder());
        // go tool nm before Go 1.27 printed bss symbols as data.
        List<String> ours = sorted.stream().map(sym -> v.minor() >= 27 ? sym
                        : new Symbol(sym.name(), sym.address(), sym.size(), sym.code() == 'B' ? 'D'
                        : sym.code() == 'b' ? 'd' : sym.code()))
                .map(Symbol::toString).sorted(byAddressThenLine).toList();
        assertThat(ours).isEqualTo(golden.stream().sorted(byAddressThenLine).toList());
        // and only within an address does the order differ
        assertThat(sorted.stream().map(Symbol::address).toList())
                .isEqualTo(golden.stream().map(l -> Long.parseLong(l.trim().split(" +")[0], 16)).toList());
    }

    private static final Pattern ENTRY = Pattern.compile(
            "\"pc\": (\\d+),\\s*\"func\": \"([^\"]*)\",\\s*\"entry\": (\\d+),\\s*\"frames\": \\[(.*?)\\]", Pattern.DOTALL);
    private static final Pattern FRAME = Pattern.compile(
            "\"function\": \"([^\"]*)\",\\s*\"file\": \"([^\"]*)\",\\s*\"line\": (\\d+)");

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("unstrippedAndStripped")
    void addr2lineAndCallersFramesAgree(Corpus.GoVersion v, String bin) throws IOException {
        GoBinary b = GoBinary.open(v.file("bin/" + bin));
        String json = Files.readString(v.file("data/symbols.json"), StandardCharsets.UTF_8);
        List<String> addr2line = Files.readAllLines(v.file("golden/addr2line.txt"), StandardCharsets.UTF_8);
        Matcher m = ENTRY.matcher(json);
        int i = 0;
        while (m.find()) {
            long pc = Long.parseLong(m.group(1));
            Func f = b.funcAt(pc).orElseThrow();
            assertThat(f.entry()).as("entry of 0x%x", pc).isEqualTo(Long.parseLong(m.group(3)));
            // go tool addr2line: the containing function, then the file and line of the instruction at pc.
            SourceLine sl = b.lineAt(pc).orElseThrow();
            assertThat(sl.function()).isEqualTo(addr2line.get(2 * i));
            assertThat(sl.file() + ":" + sl.line()).isEqualTo(addr2line.get(2 * i + 1));
            // runtime.CallersFrames of a return address gives one frame, the innermost at the call instruction
            // before it: runtime.Callers already lists a pc for every inlined call.
            List<String> want = new ArrayList<>();
            Matcher fm = FRAME.matcher(m.group(4));
            while (fm.find()) {
                want.add(fm.group(1) + " " + fm.group(2) + ":" + fm.group(3));
            }
            List<String> got = b.frames(pc > f.entry() ? pc - 1 : pc).stream().limit(1)
                    .map(fr -> fr.function() + " " + fr.file() + ":" + fr.line()).toList();
            assertThat(got).as("frames of 0x%x", pc).isEqualTo(want);
            i++;
        }
        assertThat(i).isPositive();
        assertThat(2 * i).isEqualTo(addr2line.size());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("unstrippedAndStripped")
    void everyFunctionResolvesToItself(Corpus.GoVersion v, String bin) throws IOException {
        GoBinary b = GoBinary.open(v.file("bin/" + bin));
        assertThat(b.funcCount()).isGreaterThan(1000);
        for (Func f : b.functions()) {
            assertThat(b.funcAt(f.entry())).as(f.name()).contains(f);
            long mid = f.entry() + (f.end() - f.entry()) / 2;
            assertThat(b.funcAt(mid).map(Func::name)).as(f.name()).contains(f.name());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("versions")
    void lineTablesCoverTheFunction(Corpus.GoVersion v) throws IOException {
        GoBinary b = GoBinary.open(v.file("bin/corpusgen.gz"));
        Func f = b.func("main.main").orElseThrow();
        List<PcRange> lines = b.lines(f);
        assertThat(lines).isNotEmpty();
        assertThat(lines.get(0).start()).isEqualTo(f.entry());
        for (PcRange r : lines) {
            assertThat(b.lineAt(r.start()).orElseThrow().line()).isEqualTo(r.line());
            assertThat(r.file()).isEqualTo(b.lineAt(r.start()).orElseThrow().file());
        }
        assertThat(lines.stream().map(PcRange::file)).contains("corpusgen/main.go");
        // Every pc of the function has the position of the range that holds it.
        for (long pc = f.entry(); pc < f.end(); pc++) {
            long at = pc;
            SourceLine sl = b.lineAt(pc).orElseThrow();
            var holder = lines.stream().filter(r -> r.start() <= at && at < r.end()).findFirst();
            if (sl.line() == 0) {
                assertThat(holder).isEmpty();
            } else {
                assertThat(holder.orElseThrow().file() + ":" + holder.orElseThrow().line())
                        .isEqualTo(sl.file() + ":" + sl.line());
            }
        }
        // and a breakpoint on each range's line finds its first pc
        for (PcRange r : lines) {
            assertThat(b.pcs(r.file(), r.line())).contains(r.start());
        }
        assertThat(b.pcs("corpusgen/main.go", 0)).isEmpty();
        assertThat(b.spDelta(f.entry())).isZero();
        assertThat(b.spDelta(f.entry() + (f.end() - f.entry()) / 2)).isPositive();
        assertThat(b.pcdata(f.entry(), 1000)).isEqualTo(-1);
        assertThat(b.funcdata(f, 0)).isNotZero();
        List<Frame> at = b.frames(f.entry());
        assertThat(at.get(at.size() - 1).function()).isEqualTo("main.main");
    }
}
