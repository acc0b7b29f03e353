package dev.gopherlens.core;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import dev.gopherlens.core.internal.BufferReader;
import dev.gopherlens.core.internal.ByteInput;
import dev.gopherlens.core.internal.ByteReader;
import dev.gopherlens.core.internal.StreamReader;
import dev.gopherlens.core.testing.OneByteInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz targets for core. In the normal build they run once over the seed files in
 * {@code src/test/resources/dev/gopherlens/core/InputsFuzzTestInputs/}; with {@code JAZZER_FUZZ=1} they fuzz
 * (see the README).
 */
class InputsFuzzTest {
    private static final Limits SMALL = Limits.DEFAULT.withMaxDecompressedSize(1 << 20);

    /** Any bytes: identifying and reading them fails only with a {@link GoParseException}. */
    @FuzzTest(maxDuration = "30s")
    void openAnything(byte[] data) throws IOException {
        try (Input in = Inputs.open(data, SMALL)) {
            Identification id = in.identify();
            assertThat(id).isNotNull();
            ByteBuffer all = in.buffer();
            assertThat(all.remaining()).isLessThanOrEqualTo(1 << 20);
        } catch (GoParseException expected) {
            assertThat(expected.getMessage()).contains(" at offset ");
        }
    }

    /** The three readers agree, value for value and error for error, on any bytes and any sequence of reads. */
    @FuzzTest(maxDuration = "30s")
    void readersAgree(FuzzedDataProvider fuzz) throws IOException {
        int[] ops = new int[fuzz.consumeInt(0, 64)];
        for (int i = 0; i < ops.length; i++) {
            ops[i] = fuzz.consumeInt(0, 11);
        }
        byte[] data = fuzz.consumeRemainingAsBytes();
        String expected = run(ByteReader.of("f", data), ops);
        assertThat(run(BufferReader.of("f", ByteBuffer.wrap(data)), ops)).isEqualTo(expected);
        ByteBuffer direct = ByteBuffer.allocateDirect(data.length).put(data).flip();
        assertThat(run(BufferReader.of("f", direct), ops)).isEqualTo(expected);
        try (InputStream s = new OneByteInputStream(data)) {
            assertThat(run(StreamReader.of("f", s), ops)).isEqualTo(expected);
        }
    }

    /** Runs reads and describes what they returned, ending with the error's class and offset if one came. */
    private static String run(ByteInput r, int[] ops) throws IOException {
        StringBuilder out = new StringBuilder();
        try {
            for (int op : ops) {
                Object v = switch (op) {
                    case 0 -> r.u8();
                    case 1 -> r.u16le();
                    case 2 -> r.u16be();
                    case 3 -> r.i32le();
                    case 4 -> r.i32be();
                    case 5 -> r.i64le();
                    case 6 -> r.i64be();
                    case 7 -> r.uvarint();
                    case 8 -> r.sleb128();
                    case 9 -> r.uvarint32();
                    case 10 -> Arrays.toString(r.bytes(3));
                    default -> r.cstring(5);
                };
                out.append(Objects.toString(v)).append(' ');
            }
        } catch (GoParseException e) {
            out.append(e.getClass().getSimpleName()).append('@').append(e.offset());
        }
        return out.append(" end@").append(r.offset()).toString();
    }
}
