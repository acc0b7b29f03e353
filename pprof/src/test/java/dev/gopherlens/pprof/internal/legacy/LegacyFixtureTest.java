package dev.gopherlens.pprof.internal.legacy;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.core.testing.OneByteInputStream;
import dev.gopherlens.pprof.Pprof;
import dev.gopherlens.pprof.Profile;
import dev.gopherlens.pprof.RawText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Small legacy profiles made for the quirks google/pprof applies (see {@code legacy/fixtures/make_fixtures.py}),
 * each read through every kind of input and compared line by line with what Go 1.27's
 * {@code go tool pprof -symbolize=none -raw} printed for it ({@code NAME.raw.txt}).
 */
class LegacyFixtureTest {
    static final List<String> FIXTURES = List.of("cpu64le.prof", "cpu64be.prof", "cpu32le.prof", "cpu32be.prof",
            "heap_v2.txt", "heapprofile.txt", "growth.txt", "mutex.txt", "threadz.txt", "goroutine.txt",
            "mutex.debug1.txt", "block.debug1.txt", "threadcreate.debug1.txt");
    static final List<String> KINDS = List.of("byte[]", "heap ByteBuffer", "direct ByteBuffer", "InputStream",
            "one-byte InputStream", "Path", "gzip");

    static byte[] resource(String name) throws IOException {
        try (InputStream in = LegacyFixtureTest.class.getResourceAsStream("/legacy/fixtures/" + name)) {
            assertThat(in).as(name).isNotNull();
            return Objects.requireNonNull(in).readAllBytes();
        }
    }

    static Stream<Arguments> cases() {
        return FIXTURES.stream().flatMap(f -> KINDS.stream().map(k -> Arguments.of(f, k)));
    }

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("cases")
    void printsAsGoToolPprof(String name, String kind) throws IOException {
        byte[] data = resource(name);
        String golden = new String(resource(name + ".raw.txt"), StandardCharsets.UTF_8);
        Profile p = read(data, kind);
        List<String> expected = golden.lines().filter(l -> !l.equals("                bytes:[0]")).toList();
        assertThat(p.toRawText(RawText.Style.CURRENT).lines().toList()).containsExactlyElementsOf(expected);
    }

    private Profile read(byte[] data, String kind) throws IOException {
        switch (kind) {
            case "byte[]":
                return Pprof.read(data);
            case "heap ByteBuffer": {
                // Not at position 0 of its array, and not moved by reading.
                byte[] padded = new byte[data.length + 7];
                System.arraycopy(data, 0, padded, 3, data.length);
                ByteBuffer b = ByteBuffer.wrap(padded, 3, data.length);
                Profile p = Pprof.read(b);
                assertThat(b.position()).isEqualTo(3);
                return p;
            }
            case "direct ByteBuffer": {
                ByteBuffer b = ByteBuffer.allocateDirect(data.length).put(data).flip();
                return Pprof.read(b);
            }
            case "InputStream":
                return Pprof.read(new ByteArrayInputStream(data));
            case "one-byte InputStream":
                return Pprof.read(new OneByteInputStream(data));
            case "Path": {
                Path f = tmp.resolve("profile");
                Files.write(f, data);
                return Pprof.read(f);
            }
            case "gzip": {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                    gz.write(data);
                }
                return Pprof.read(out.toByteArray());
            }
            default:
                throw new IllegalArgumentException(kind);
        }
    }

    @Test
    void aHeapSampleKeepsItsZeroBytesLabelInTheModel() throws IOException {
        Profile p = Pprof.read(resource("heap_v2.txt"));
        assertThat(p.samples().get(2).labels()).singleElement()
                .satisfies(l -> assertThat(l.key()).isEqualTo("bytes"))
                .satisfies(l -> assertThat(l.num()).isZero());
        assertThat(p.dropFrames()).startsWith("calloc|cfree|malloc|free|").contains("runtime\\..*");
        assertThat(p.keepFrames()).isEqualTo("runtime\\.panic|runtime\\.reflectcall|runtime\\.call[0-9]*");
    }

    @Test
    void framesToDropFollowTheKindOfProfile() throws IOException {
        assertThat(Pprof.read(resource("mutex.txt")).dropFrames()).startsWith("RecordLockProfileData|");
        assertThat(Pprof.read(resource("cpu64le.prof")).dropFrames())
                .isEqualTo("ProfileData::Add|ProfileData::prof_handler|CpuProfiler::prof_handler|"
                        + "__pthread_sighandler|__restore");
        assertThat(Pprof.read(resource("goroutine.txt")).keepFrames()).isEmpty();
    }

    @Test
    void aBinaryProfileDeclaringAHugeStackDoesNotAllocateIt() {
        ByteBuffer b = ByteBuffer.allocate(8 * 8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putLong(0).putLong(3).putLong(0).putLong(10000).putLong(0);
        b.putLong(1).putLong(Long.MAX_VALUE).putLong(0x400000);
        assertThatThrownBy(() -> Pprof.read(b.array())).isInstanceOf(GoParseException.class)
                .hasMessageContaining("stack depth").hasMessageContaining("offset 0x28");
    }

    @Test
    void aMalformedTextLineIsNamedByItsNumberAndOffset() {
        byte[] data = "heap profile: 1: 2 [3: 4] @ heap_v2/524288\n1: 2 [3: 4] @ 0x1\nnot a sample\n"
                .getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> Pprof.read(data)).isInstanceOf(GoParseException.class)
                .hasMessageContaining("line 3").hasMessageContaining("(61)");
    }

    @Test
    void aLargeTextProfileReadsFromAMappedFile() throws IOException {
        // Past 1 MiB, Pprof.read(Path) maps the file rather than reading it into an array.
        StringBuilder sb = new StringBuilder("goroutine profile: total 100000\n");
        for (int i = 0; i < 40_000; i++) {
            sb.append(1 + i % 7).append(" @ 0x").append(Integer.toHexString(0x400000 + i % 5000))
                    .append(" 0x401001 0x402001\n#\t0x401000\tmain.f+0x10\tmain.go:10\n");
        }
        Path f = tmp.resolve("big.txt");
        Files.writeString(f, sb, StandardCharsets.US_ASCII);
        assertThat(Files.size(f)).isGreaterThan(1 << 20);
        Profile p = Pprof.read(f);
        assertThat(p.samples()).hasSize(40_000);
        // 5,000 leaves (each address less one: the call), and 0x402000; 0x401000 is also a leaf's.
        assertThat(p.locations()).hasSize(5001);
        assertThat(p.samples().stream().mapToLong(s -> s.value(0)).sum()).isEqualTo(159_995L);
    }

    @Test
    void aMalformedJavaLineIsNamedByItsNumber() {
        byte[] data = "--- contentionz 1 ---\nformat = java\nresolution = microseconds\nsampling period = 1x\n"
                .getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> Pprof.read(data)).isInstanceOf(GoParseException.class)
                .hasMessageContaining("sampling period").hasMessageContaining("line 4").hasMessageContaining("(62)");
    }

    @Test
    void aLineThatWouldMakeTheMatcherBacktrackForeverFailsQuickly() {
        // Digits without the rest of a contention sample: Java's matcher backtracks over every split of them.
        String digits = "1".repeat(20_000);
        byte[] data = ("--- contentionz 1 ---\ncycles/second = 10\n" + digits + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> Pprof.read(data)).isInstanceOf(GoParseException.class);
        assertThat(System.nanoTime() - t0).isLessThan(20_000_000_000L);
    }
}
