package dev.gopherlens.pclntab;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Go 1.16/1.17 pclntab layout (magic 0xfffffffa), which no corpus toolchain writes: esbuild 0.11.0's Go 1.16.2
 * binary from the npm package {@code esbuild-linux-64@0.11.0}, too large to commit. {@code .ci/run} fetches it with
 * {@code npm pack} into {@code ~/.cache/gopherlens/esbuild-0.11.0/package/bin/esbuild}, where this test looks
 * unless {@code -Dgopherlens.esbuild=FILE} says otherwise; the oracle files beside the fixtures hold Go 1.27's
 * {@code go version -m} and {@code go tool addr2line} for it.
 */
class Go116BinaryTest {

    private static Path binary() throws IOException {
        String configured = System.getProperty("gopherlens.esbuild");
        Path p = configured != null ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".cache",
                "gopherlens", "esbuild-0.11.0", "package", "bin", "esbuild");
        if (!Files.isRegularFile(p)) {
            String message = "esbuild 0.11.0 (a Go 1.16 binary) not found; fetch it with "
                    + "npm pack esbuild-linux-64@0.11.0 (as .ci/run does) or pass -Dgopherlens.esbuild=FILE";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(message);
            }
            Assumptions.abort(message);
        }
        return p;
    }

    @Test
    void go116LayoutAnswersAsGoToolsDo() throws IOException, NoSuchAlgorithmException {
        Path file = binary();
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        String recorded = Files.readString(FixtureBinaryTest.DIR.resolve("esbuild-0.11.0.sha256"), StandardCharsets.UTF_8);
        assertThat(recorded).startsWith(sha);
        GoBinary b = GoBinary.open(file);
        assertThat(b.pclntabVersion()).isEqualTo(PclntabVersion.GO_1_16);
        assertThat(b.buildInfo().orElseThrow().format("esbuild-0.11.0")).isEqualTo(
                Files.readString(FixtureBinaryTest.DIR.resolve("esbuild-0.11.0.buildinfo.txt"), StandardCharsets.UTF_8));
        FixtureBinaryTest.assertAddr2line(b, FixtureBinaryTest.DIR.resolve("esbuild-0.11.0.addr2line.in"),
                FixtureBinaryTest.DIR.resolve("esbuild-0.11.0.addr2line.txt"));
        for (Func f : b.functions()) {
            assertThat(b.funcAt(f.entry())).contains(f);
        }
    }
}
