package dev.gopherlens.pclntab;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.core.TruncatedInputException;
import dev.gopherlens.core.testing.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PclntabVersionTest {

    private static byte[] header(int magic, ByteOrder order, int quantum, int ptrSize) {
        ByteBuffer b = ByteBuffer.allocate(12).order(order);
        b.putInt(2, magic).put(8, (byte) quantum).put(9, (byte) ptrSize);
        return b.array();
    }

    @Test
    void everyLayoutInBothByteOrders() throws GoParseException {
        for (PclntabVersion v : PclntabVersion.values()) {
            for (ByteOrder o : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
                assertThat(PclntabVersion.readHeader(header(v.magic(), o, 4, 8), 2))
                        .isEqualTo(new PclntabVersion.Header(v, o, 4, 8));
            }
        }
    }

    @Test
    void badHeadersAreRejectedWithTheirOffset() {
        assertThatThrownBy(() -> PclntabVersion.readHeader(header(0xfffffffc, ByteOrder.LITTLE_ENDIAN, 1, 8), 2))
                .isExactlyInstanceOf(GoParseException.class).hasMessageContaining("found 0xfffffffc")
                .hasMessageEndingWith("at offset 0x2 (2)");
        assertThatThrownBy(() -> PclntabVersion.readHeader(header(0xfffffff1, ByteOrder.LITTLE_ENDIAN, 3, 8), 2))
                .hasMessageContaining("quantum of 1, 2 or 4, found 3");
        assertThatThrownBy(() -> PclntabVersion.readHeader(header(0xfffffff1, ByteOrder.LITTLE_ENDIAN, 1, 2), 2))
                .hasMessageContaining("pointer size of 4 or 8, found 2");
        byte[] padded = header(0xfffffff1, ByteOrder.LITTLE_ENDIAN, 1, 8);
        padded[6] = 1;
        assertThatThrownBy(() -> PclntabVersion.readHeader(padded, 2)).hasMessageContaining("two zero bytes");
        assertThatThrownBy(() -> PclntabVersion.readHeader(new byte[5], 0)).isInstanceOf(TruncatedInputException.class);
        assertThatThrownBy(() -> PclntabVersion.readHeader(new byte[12], 9)).isInstanceOf(TruncatedInputException.class);
        assertThatThrownBy(() -> PclntabVersion.readHeader(new byte[12], -1)).isInstanceOf(TruncatedInputException.class);
    }

    static List<Corpus.GoVersion> versions() {
        return Corpus.versions();
    }

    private static final Map<Integer, PclntabVersion> WRITTEN = Map.of(15, PclntabVersion.GO_1_2,
            19, PclntabVersion.GO_1_18);

    /** The corpus binaries hold exactly one pclntab header of the layout their toolchain writes. */
    @ParameterizedTest
    @MethodSource("versions")
    void corpusBinariesHoldTheirToolchainsLayout(Corpus.GoVersion v) throws IOException {
        byte[] binary;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(v.file("bin/corpusgen.gz")))) {
            binary = in.readAllBytes();
        }
        PclntabVersion expected = WRITTEN.getOrDefault(v.minor(), PclntabVersion.GO_1_20);
        int found = 0;
        for (int i = 0; i + 8 <= binary.length; i++) {
            if ((binary[i] & 0xff) == (expected.magic() & 0xff) && (binary[i + 1] & 0xff) == 0xff
                    && (binary[i + 2] & 0xff) == 0xff && (binary[i + 3] & 0xff) == 0xff
                    && binary[i + 4] == 0 && binary[i + 5] == 0) {
                try {
                    PclntabVersion.Header h = PclntabVersion.readHeader(binary, i);
                    assertThat(h).isEqualTo(new PclntabVersion.Header(expected, ByteOrder.LITTLE_ENDIAN, 1, 8));
                    found++;
                } catch (GoParseException notAHeader) {
                    // the magic's bytes also occur as data; only a valid header counts
                }
            }
        }
        assertThat(found).as(v.name()).isGreaterThanOrEqualTo(1);
    }
}
