package dev.gopherlens.core;

import dev.gopherlens.core.testing.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Conformance: every file the Go runtime and toolchain wrote in the corpus is identified as what it is. */
class CorpusIdentifyTest {

    static List<Corpus.GoVersion> versions() {
        return Corpus.versions();
    }

    /** The corpus README: the header each toolchain writes ("1.23 and 1.24 write go 1.23", …). */
    private static final Map<Integer, String> TRACE_HEADER = Map.of(15, "1.11", 19, "1.19", 21, "1.21",
            22, "1.22", 23, "1.23", 24, "1.23", 25, "1.25", 26, "1.26", 27, "1.26");

    @ParameterizedTest
    @MethodSource("versions")
    void everyFileOfAVersion(Corpus.GoVersion v) throws IOException {
        try (Stream<Path> files = Files.list(v.file("data"))) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                Identification id = Inputs.identify(f);
                if (name.endsWith(".pprof")) {
                    assertThat(id).as(name).isEqualTo(new Identification(Format.PPROF, Compression.GZIP, "", ""));
                } else if (name.equals("trace.out")) {
                    assertThat(id.format()).as(name).isEqualTo(Format.GO_TRACE);
                    assertThat(id.version()).as(name).isEqualTo(TRACE_HEADER.get(v.minor()));
                } else if (name.equals("goroutine.debug2.txt")) {
                    assertThat(id.format()).as(name).isEqualTo(Format.GOROUTINE_DUMP);
                } else if (name.endsWith(".debug1.txt")) {
                    assertThat(id.format()).as(name).isEqualTo(Format.PPROF_LEGACY);
                }
            }
        }
        try (Stream<Path> bins = Files.list(v.file("bin"))) {
            for (Path b : bins.toList()) {
                assertThat(Inputs.identify(b)).as(b.toString()).isEqualTo(new Identification(Format.ELF,
                        Compression.GZIP, "", "ELF64 little-endian x86-64 " + (b.toString().contains("pie")
                        ? "shared object" : "executable")));
            }
        }
    }

    @Test
    void googlePprofLegacyTestdata() throws IOException {
        Path dir = Corpus.file("pprof-testdata");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> !p.toString().endsWith(".string")).toList()) {
                assertThat(Inputs.identify(f).format()).as(f.getFileName().toString()).isEqualTo(Format.PPROF_LEGACY);
            }
        }
    }

    @Test
    void coreDumps() throws IOException {
        Path dir = Corpus.file("core");
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> cores = files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().matches("core(-panic)?\\.gz")).toList();
            assertThat(cores).isNotEmpty();
            for (Path c : cores) {
                Identification id = Inputs.identify(c);
                assertThat(id.format()).as(c.toString()).isEqualTo(Format.CORE_DUMP);
                assertThat(id.compression()).isEqualTo(Compression.GZIP);
            }
        }
    }
}
