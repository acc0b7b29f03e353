package dev.gopherlens.pprof;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.core.LimitExceededException;
import dev.gopherlens.core.Limits;
import dev.gopherlens.core.TruncatedInputException;
import dev.gopherlens.core.internal.Varint;
import dev.gopherlens.core.testing.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Bad input gives a {@link GoParseException} naming where, and nothing else. */
class MalformedProfileTest {

    /** Reads fully, through every tier; returns the failure, if any. */
    private static Throwable attempt(byte[] bytes) {
        return catchThrowable(() -> {
            Profile p = Pprof.read(bytes);
            p.toRawText();
            try (SampleCursor c = Pprof.cursor(bytes)) {
                while (c.next()) {
                    for (int i = 0; i < c.labelCount(); i++) {
                        c.labelKey(i);
                    }
                }
            }
        });
    }

    private static void assertParsesOrRejects(byte[] bytes, String what) {
        Throwable t = attempt(bytes);
        if (t != null) {
            assertThat(t).as(what).isInstanceOf(GoParseException.class);
            GoParseException e = (GoParseException) t;
            assertThat(e.offset()).as(what).isBetween(-1L, (long) bytes.length);
            assertThat(e.getMessage()).as(what).startsWith("pprof: ").contains(" at offset ");
        }
    }

    static Stream<byte[]> inputs() {
        List<byte[]> all = new java.util.ArrayList<>();
        all.add(Pprof.encode(Fixtures.everyField()));
        Corpus.versions().forEach(v -> {
            for (String name : RawTextConformanceTest.PROFILES) {
                all.add(Fixtures.gunzip(v.file("data/" + name + ".pprof")));
            }
        });
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("inputs")
    void everyTruncationParsesOrRejects(byte[] whole) {
        for (int cut = 0; cut < whole.length; cut++) {
            assertParsesOrRejects(Arrays.copyOf(whole, cut), "cut at " + cut);
        }
    }

    @ParameterizedTest
    @MethodSource("inputs")
    void randomByteFlipsParseOrReject(byte[] whole) {
        Random random = new Random(whole.length);
        for (int round = 0; round < 400; round++) {
            byte[] bad = whole.clone();
            for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
                bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
            }
            assertParsesOrRejects(bad, "round " + round);
        }
    }

    private static byte[] proto(int... bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = (byte) bytes[i];
        }
        return out;
    }

    private static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] varint(long v) {
        byte[] b = new byte[10];
        return Arrays.copyOf(b, Varint.write(b, 0, v));
    }

    @Test
    void lengthsPastTheEndAreRejectedBeforeAllocating() {
        // sample { location_id: packed, claiming 2^31 bytes }
        byte[] hostile = cat(proto(0x12), varint(0x7fff_fff0L), proto(0x0a), varint(0x7fff_ffe0L), proto(1, 2, 3));
        assertThatThrownBy(() -> Pprof.read(hostile)).isInstanceOf(TruncatedInputException.class)
                .hasMessage("pprof: truncated input: sample of 2147483632 bytes needs 2147483632 bytes, 9 remain"
                        + " at offset 0x6 (6)");
    }

    @Test
    void limitsAreEnforced() {
        byte[] raw = Pprof.encode(Fixtures.everyField());
        assertThatThrownBy(() -> Pprof.read(raw, Limits.DEFAULT.withMaxStringLength(5)))
                .isInstanceOf(LimitExceededException.class).hasMessageContaining("maxStringLength is 5");
        assertThatThrownBy(() -> Pprof.read(raw, Limits.DEFAULT.withMaxTableEntries(2)))
                .isInstanceOf(LimitExceededException.class).hasMessageContaining("maxTableEntries is 2");
        assertThatThrownBy(() -> Pprof.read(raw, Limits.DEFAULT.withMaxStackDepth(1)))
                .isInstanceOf(LimitExceededException.class).hasMessageContaining("maxStackDepth is 1")
                .hasMessageContaining("in sample[0]");
    }

    @Test
    void validationNamesTheElement() {
        // string_table "", "x"; sample_type {1,1}; sample with two values
        byte[] strings = proto(0x32, 0, 0x32, 1, 'x');
        byte[] type = proto(0x0a, 4, 0x08, 1, 0x10, 1);
        byte[] twoValues = proto(0x12, 4, 0x10, 1, 0x10, 2);
        assertThatThrownBy(() -> Pprof.read(cat(type, twoValues, strings))).isInstanceOf(GoParseException.class)
                .hasMessageStartingWith("pprof: expected 1 values, one per sample type, found 2 in sample[0]");
        byte[] unknownLocation = proto(0x12, 4, 0x08, 9, 0x10, 1);
        assertThatThrownBy(() -> Pprof.read(cat(type, unknownLocation, strings)))
                .hasMessageContaining("expected the id of a location in the profile, found 9 in sample[0].location_id[0]");
        byte[] badString = proto(0x0a, 4, 0x08, 7, 0x10, 1);
        assertThatThrownBy(() -> Pprof.read(cat(badString, strings)))
                .hasMessageContaining("expected a string index below 2, found 7 in sample_type[0]");
        byte[] function = proto(0x2a, 4, 0x08, 1, 0x10, 1);
        assertThatThrownBy(() -> Pprof.read(cat(function, function, strings)))
                .hasMessageContaining("unique function ids, found 1 again in function[1]");
        byte[] zeroId = proto(0x22, 2, 0x18, 5);
        assertThatThrownBy(() -> Pprof.read(cat(zeroId, strings)))
                .hasMessageContaining("nonzero location id in location[0]");
        assertThatThrownBy(() -> Pprof.read(cat(proto(0x12, 0), strings)))
                .hasMessageContaining("missing sample type information");
        assertThatThrownBy(() -> Pprof.read(cat(proto(0x32, 1, 'a'))))
                .hasMessageContaining("string_table[0] to be the empty string");
        assertThatThrownBy(() -> Pprof.read(cat(proto(0x10, 1), strings)))
                .hasMessageContaining("expected wire type 2 for sample, found 0");
        assertThatThrownBy(() -> Pprof.read(cat(proto(0x83, 0x01), strings)))
                .hasMessageContaining("expected wire type 0, 1, 2 or 5 for an unknown field, found 3");
    }

    @Test
    void unknownFieldsAreSkippedAndEmptyInputIsAnEmptyProfile() throws IOException {
        byte[] unknown = proto(0x88, 0x01, 5, 0x91, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 0x9d, 0x01, 1, 2, 3, 4,
                0xa2, 0x01, 2, 9, 9);
        Profile p = Pprof.read(cat(unknown, proto(0x60, 10)));
        assertThat(p.period()).isEqualTo(10);
        assertThat(Pprof.read(new byte[0]).samples()).isEmpty();
    }

    @Test
    void referencesToUnknownMappingsAndFunctionsStayEmptyAsInGooglePprof() throws IOException {
        // location {id 1, mapping_id 9, line {function_id 4, line 3}}
        byte[] loc = proto(0x22, 10, 0x08, 1, 0x10, 9, 0x22, 4, 0x08, 4, 0x10, 3);
        Profile p = Pprof.read(loc);
        assertThat(p.locations().get(0).mapping()).isNull();
        assertThat(p.locations().get(0).lines().get(0).function()).isNull();
        assertThat(p.toRawText()).contains("     1: 0x0 ??\n");
    }
}
