package dev.gopherlens.core;

import dev.gopherlens.core.testing.InputKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

class InputsTest {
    private static final byte[] DUMP = ("goroutine 1 [running]:\nmain.main()\n\t/src/main.go:5 +0x1d\n")
            .getBytes(StandardCharsets.US_ASCII);

    static Stream<Arguments> compressionsAndKinds() {
        return Arrays.stream(Compression.values())
                .flatMap(c -> Arrays.stream(InputKind.values()).map(k -> Arguments.of(c, k)));
    }

    private static byte[] sample(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        for (int i = 0; i < size; i += 3) {
            data[i] = 'a'; // compressible
        }
        return data;
    }

    @ParameterizedTest
    @MethodSource("compressionsAndKinds")
    void decompressesTransparently(Compression c, InputKind kind) throws IOException {
        byte[] data = sample(200_000);
        byte[] packed = Compressors.compress(c, data);
        try (Input in = kind.open(packed, Limits.DEFAULT)) {
            assertThat(in.compression()).isEqualTo(c);
            ByteBuffer b = in.buffer();
            byte[] out = new byte[b.remaining()];
            b.get(out);
            assertThat(out).isEqualTo(data);
        }
        try (Input in = kind.open(packed, Limits.DEFAULT); InputStream s = in.stream()) {
            assertThat(s.readAllBytes()).isEqualTo(data);
        }
    }

    @ParameterizedTest
    @MethodSource("compressionsAndKinds")
    void identifiesThroughCompressionWithoutConsuming(Compression c, InputKind kind) throws IOException {
        byte[] packed = Compressors.compress(c, DUMP);
        try (Input in = kind.open(packed, Limits.DEFAULT)) {
            Identification id = in.identify();
            assertThat(id.format()).isEqualTo(Format.GOROUTINE_DUMP);
            assertThat(id.compression()).isEqualTo(c);
            assertThat(in.identify()).isSameAs(id);
            try (InputStream s = in.stream()) {
                assertThat(s.readAllBytes()).isEqualTo(DUMP);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("compressionsAndKinds")
    void decompressionIsCappedByLimits(Compression c, InputKind kind) throws IOException {
        byte[] zeros = new byte[1 << 20];
        byte[] packed = Compressors.compress(c, zeros);
        Limits small = Limits.DEFAULT.withMaxDecompressedSize(100_000);
        try (Input in = kind.open(packed, small)) {
            if (c == Compression.NONE) {
                assertThat(in.buffer().remaining()).isEqualTo(zeros.length); // nothing to decompress
                return;
            }
            assertThatThrownBy(in::buffer).isInstanceOf(LimitExceededException.class)
                    .hasMessageContaining("maxDecompressedSize is 100000");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void corruptCompressedDataGivesParseErrors(Compression c) {
        byte[] packed = Compressors.compress(c, sample(50_000));
        Random random = new Random(7);
        for (int round = 0; round < 60; round++) {
            byte[] bad = packed.clone();
            int flips = 1 + random.nextInt(4);
            for (int i = 0; i < flips; i++) {
                int at = Compression.MAGIC_LENGTH + random.nextInt(bad.length - Compression.MAGIC_LENGTH);
                bad[at] ^= (byte) (1 << random.nextInt(8));
            }
            Throwable t = catchThrowable(() -> {
                try (Input in = Inputs.open(bad)) {
                    in.buffer();
                }
            });
            // A flip in a gzip member's data may go unnoticed by the codec only when it also passes the CRC,
            // which a single flipped bit never does; every other outcome must be a parse error.
            if (t != null) {
                assertThat(t).as("%s round %d", c, round).isInstanceOf(GoParseException.class);
                assertThat(((GoParseException) t).format()).isEqualTo(c.name().toLowerCase(java.util.Locale.ROOT));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void truncatedCompressedDataGivesParseErrors(Compression c) {
        byte[] packed = Compressors.compress(c, sample(10_000));
        for (int cut = 0; cut < packed.length; cut += Math.max(1, packed.length / 97)) {
            byte[] prefix = Arrays.copyOf(packed, cut);
            Throwable t = catchThrowable(() -> {
                try (Input in = Inputs.open(prefix)) {
                    in.buffer();
                }
            });
            if (cut >= Compression.MAGIC_LENGTH || cut >= 4 && c != Compression.XZ) {
                assertThat(t).as("%s cut at %d", c, cut).isInstanceOf(GoParseException.class);
            }
        }
    }

    @Test
    void uncompressedArrayIsNotCopied() throws IOException {
        byte[] data = "plain".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = Inputs.open(data).buffer();
        assertThat(b.hasArray()).isTrue();
        assertThat(b.array()).isSameAs(data);
    }

    @Test
    void largeFilesAreMappedAndSmallOnesRead(@TempDir Path dir) throws IOException {
        Path big = dir.resolve("big.bin");
        Files.write(big, sample(2 << 20));
        Path small = dir.resolve("small.bin");
        Files.write(small, DUMP);
        try (Input in = Inputs.open(big)) {
            assertThat(in.buffer()).isInstanceOf(MappedByteBuffer.class);
            assertThat(in.name()).endsWith("big.bin");
        }
        assertThat(Inputs.open(small).buffer().hasArray()).isTrue();
        assertThat(Inputs.identify(small).format()).isEqualTo(Format.GOROUTINE_DUMP);
        Path gz = dir.resolve("dump.txt.gz");
        Files.write(gz, Compressors.compress(Compression.GZIP, DUMP));
        try (Input in = Inputs.open(gz)) {
            assertThat(in).hasToString("Input[" + gz + ", gzip]");
            assertThat(in.identify()).hasToString("goroutine dump (gzip)");
            assertThat(in.stream().readAllBytes()).isEqualTo(DUMP);
            assertThat(in.stream().readAllBytes()).isEqualTo(DUMP); // a file can be read again
        }
    }

    @Test
    void aStreamIsReadOnce() throws IOException {
        try (Input in = Inputs.open(new java.io.ByteArrayInputStream(DUMP))) {
            in.identify();
            in.stream().readAllBytes();
            assertThatThrownBy(in::stream).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(in::buffer).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void identifyOfAStreamConsumesOnlyItsPrefix() throws IOException {
        byte[] big = new byte[100_000];
        System.arraycopy(DUMP, 0, big, 0, DUMP.length);
        Arrays.fill(big, DUMP.length, big.length, (byte) 'x');
        java.io.ByteArrayInputStream s = new java.io.ByteArrayInputStream(big);
        assertThat(Inputs.identify(s).format()).isEqualTo(Format.GOROUTINE_DUMP);
        assertThat(s.available()).isPositive();
        assertThat(Inputs.identify(ByteBuffer.wrap(DUMP)).format()).isEqualTo(Format.GOROUTINE_DUMP);
    }

    @Test
    void nullsAreRejected() {
        assertThatThrownBy(() -> Inputs.open((byte[]) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Inputs.open(DUMP, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Inputs.open((Path) null)).isInstanceOf(NullPointerException.class);
    }
}
