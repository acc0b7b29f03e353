package dev.gopherlens.pclntab.gocore;

import dev.gopherlens.core.testing.Corpus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Conformance: every global the crashed program printed with {@code %#v} just before it died (report.txt's
 * {@code var NAME ADDRESS VALUE} lines, Go 1.21 to 1.27, abort and panic variants) reads from the core as the same
 * text at the same address: structs with nested structs, slices, arrays, pointers, interfaces and errors, maps of
 * both runtime layouts in fmt's key order, and values the program changed after start-up.
 */
class CorpusValuesTest {

    static Stream<Arguments> cores() {
        return CorpusCoreTest.cores();
    }

    @ParameterizedTest(name = "{0} core{1}")
    @MethodSource("cores")
    void everyGlobalPrintsAsGoPrintedIt(String version, String variant) throws IOException {
        GoCore core = CorpusCoreTest.open(version, variant);
        Path report = Corpus.file("core/" + version + "/report" + variant + ".txt");
        int compared = checkReport(core, Files.readAllLines(report, StandardCharsets.UTF_8));
        assertThat(compared).as("var and mapheader lines in " + report).isEqualTo(10);
    }

    /**
     * Checks each {@code var} and {@code mapheader} line of a report the corpus program printed against the core.
     *
     * @return how many lines were checked
     */
    static int checkReport(GoCore core, List<String> report) throws IOException {
        int compared = 0;
        for (String line : report) {
            String[] f = line.split("\t", 4);
            if (f.length == 4 && f[0].equals("var")) {
                GoValue v = value(core, f[1]);
                assertThat("0x" + Long.toHexString(v.address())).as(f[1] + " address").isEqualTo(f[2]);
                assertThat(v.toGoSyntax()).as(f[1]).isEqualTo(f[3]);
                compared++;
            } else if (f.length == 3 && f[0].equals("mapheader")) {
                // %p of a map is its header's address, the word the variable holds.
                GoValue m = core.global(f[1]).orElseThrow();
                assertThat("0x" + Long.toHexString(core.memory().pointer(m.address()))).as(f[1]).isEqualTo(f[2]);
                compared++;
            }
        }
        return compared;
    }

    /** A report name: a global, or {@code main.GlobalConfig.Next}, which the program printed followed. */
    private static GoValue value(GoCore core, String name) throws IOException {
        if (name.equals("main.GlobalConfig.Next")) {
            GoValue next = core.global("main.GlobalConfig").orElseThrow().field("Next").orElseThrow();
            assertThat(next.expression()).isEqualTo("main.GlobalConfig.Next");
            assertThat(next.type()).isEqualTo("*main.Point");
            GoValue target = next.deref().orElseThrow();
            assertThat(target.expression()).isEqualTo("*main.GlobalConfig.Next");
            // At the top level fmt prints a pointer to a struct as &value.
            assertThat(next.toGoSyntax()).isEqualTo("&" + target.toGoSyntax());
            return target;
        }
        return core.global(name).orElseThrow(() -> new AssertionError("no global " + name));
    }

    @ParameterizedTest(name = "{0} core{1}")
    @MethodSource("cores")
    void valuesChangedAtRunTimeComeFromTheCore(String version, String variant) throws IOException {
        GoCore core = CorpusCoreTest.open(version, variant);
        GoValue counter = core.global("main.GlobalCounter").orElseThrow();
        assertThat(counter.type()).isEqualTo("int64");
        assertThat(counter.size()).isEqualTo(8);
        assertThat(counter.toGoSyntax()).isEqualTo("424242");
        // main.go initializes it to 1: the binary's .data still says so, the core has the store.
        var symbol = core.binary().symbols().stream().filter(s -> s.name().equals("main.GlobalCounter")).findFirst()
                .orElseThrow();
        assertThat(symbol.address()).isEqualTo(counter.address());
        GoValue limits = core.global("main.GlobalConfig").orElseThrow().field("Limits").orElseThrow();
        assertThat(limits.toGoSyntax()).isEqualTo("[3]int16{-1, 512, 9}");
        assertThat(limits.toString()).isEqualTo("main.GlobalConfig.Limits [3]int16 @0x"
                + Long.toHexString(limits.address()));
    }

    /**
     * Every package variable of the binary (the runtime's several hundred among them: schedulers, heaps, locks,
     * atomics, funcs, anonymous structs) prints or is refused with a {@link GoParseException}, nothing else; only
     * values too large to print or lying in memory the core lacks may be refused.
     */
    @ParameterizedTest(name = "{0} core{1}")
    @MethodSource("cores")
    void everyGlobalPrintsOrIsRefused(String version, String variant) throws IOException {
        GoCore core = CorpusCoreTest.open(version, variant);
        int printed = 0;
        java.util.List<String> refused = new java.util.ArrayList<>();
        for (String name : core.dwarf().names(dev.gopherlens.pclntab.internal.dwarf.Dwarf.Names.VARIABLES)) {
            var v = core.global(name);
            if (v.isEmpty()) {
                continue;
            }
            try {
                assertThat(v.get().toGoSyntax()).isNotEmpty();
                printed++;
            } catch (dev.gopherlens.core.GoParseException e) {
                refused.add(name + ": " + e.getMessage());
            }
        }
        assertThat(printed).isGreaterThan(500);
        // runtime.firstmoduledata (and lastmoduledatap, which points to it) holds the pclntab as a []byte of more
        // than a million elements; runtime.mheap_ has a slice into a PROT_NONE reservation the core did not dump.
        assertThat(refused).as("refused").hasSizeLessThanOrEqualTo(3).allSatisfy(r -> assertThat(r)
                .matches("(runtime\\.firstmoduledata|runtime\\.lastmoduledatap): .*at most 1048576 elements.*"
                        + "|runtime\\.mheap_: .*readable elements.*"));
    }

    @ParameterizedTest(name = "{0} core{1}")
    @MethodSource("cores")
    void navigationRefusesWhatIsNotThere(String version, String variant) throws IOException {
        GoCore core = CorpusCoreTest.open(version, variant);
        assertThat(core.global("main.NoSuchGlobal")).isEmpty();
        GoValue cfg = core.global("main.GlobalConfig").orElseThrow();
        assertThat(cfg.field("NoSuchField")).isEmpty();
        assertThatThrownBy(cfg::deref).isInstanceOf(IllegalStateException.class).hasMessageContaining("main.Config");
        GoValue name = cfg.field("Name").orElseThrow();
        assertThatThrownBy(() -> name.field("x")).isInstanceOf(IllegalStateException.class);
        // The runtime's own globals read the same way: dlv.txt prints runtime.allglen (a uintptr, which %#v prints
        // in hex) in decimal right after main.GlobalArray.
        java.util.List<String> dlv = Files.readAllLines(Corpus.file("core/" + version + "/dlv" + variant + ".txt"));
        int array = -1;
        for (int i = 0; i < dlv.size(); i++) {
            if (dlv.get(i).startsWith("[6]uint16 [")) {
                array = i;
            }
        }
        assertThat(array).as("dlv's print of main.GlobalArray").isPositive();
        assertThat(core.global("runtime.allglen").orElseThrow().toGoSyntax()).isEqualTo("0x" + Long.toHexString(Long.parseLong(dlv.get(array + 1))));
    }
}
