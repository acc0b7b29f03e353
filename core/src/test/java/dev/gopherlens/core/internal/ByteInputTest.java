package dev.gopherlens.core.internal;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.core.TruncatedInputException;
import dev.gopherlens.core.testing.InputKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The contract of {@link ByteInput}, over every input kind. */
class ByteInputTest {

    /** Values at every boundary of the varint encoding and of the fixed widths. */
    static final long[] BOUNDARIES = boundaries();

    private static long[] boundaries() {
        List<Long> v = new ArrayList<>(List.of(0L, 1L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, 0xFFL, 0xFFFFL,
                0xFFFF_FFFFL, 0x1_0000_0000L, Integer.MAX_VALUE + 0L, Integer.MIN_VALUE + 0L));
        for (int bits = 7; bits < 64; bits += 7) {
            long p = 1L << bits;
            v.add(p - 1);
            v.add(p);
            v.add(-p);
            v.add(-p + 1);
        }
        return v.stream().mapToLong(Long::longValue).toArray();
    }

    /** An independent reference encoder: LEB128 through BigInteger, not through {@link Varint}. */
    static byte[] referenceUvarint(long value) {
        BigInteger x = new BigInteger(Long.toUnsignedString(value));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BigInteger mask = BigInteger.valueOf(0x7f);
        do {
            int low = x.and(mask).intValue();
            x = x.shiftRight(7);
            out.write(x.signum() == 0 ? low : low | 0x80);
        } while (x.signum() != 0);
        return out.toByteArray();
    }

    static byte[] referenceSleb128(long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BigInteger x = BigInteger.valueOf(value);
        while (true) {
            int low = x.and(BigInteger.valueOf(0x7f)).intValue();
            x = x.shiftRight(7); // arithmetic shift for BigInteger
            boolean done = (x.signum() == 0 && (low & 0x40) == 0) || (x.equals(BigInteger.valueOf(-1)) && (low & 0x40) != 0);
            out.write(done ? low : low | 0x80);
            if (done) {
                return out.toByteArray();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(InputKind.class)
    void fixedWidthAtBoundaries(InputKind kind) throws IOException {
        ByteBuffer le = ByteBuffer.allocate(BOUNDARIES.length * 30).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : BOUNDARIES) {
            le.put((byte) v);
            le.order(ByteOrder.LITTLE_ENDIAN).putShort((short) v).putInt((int) v).putLong(v);
            le.order(ByteOrder.BIG_ENDIAN).putShort((short) v).putInt((int) v).putLong(v);
        }
        byte[] bytes = java.util.Arrays.copyOf(le.array(), le.position());
        ByteInput r = kind.reader("test", bytes);
        for (long v : BOUNDARIES) {
            assertThat(r.u8()).isEqualTo((int) (v & 0xff));
            assertThat(r.u16le()).isEqualTo((int) (v & 0xffff));
            assertThat(r.u32le()).isEqualTo(v & 0xFFFF_FFFFL);
            assertThat(r.i64le()).isEqualTo(v);
            assertThat(r.u16be()).isEqualTo((int) (v & 0xffff));
            assertThat(r.i32be()).isEqualTo((int) v);
            assertThat(r.i64be()).isEqualTo(v);
        }
        assertThat(r.hasRemaining()).isFalse();
        assertThat(r.offset()).isEqualTo(bytes.length);
    }

    @ParameterizedTest
    @EnumSource(InputKind.class)
    void varintsAtBoundaries(InputKind kind) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (long v : BOUNDARIES) {
            out.writeBytes(referenceUvarint(v));
            out.writeBytes(referenceUvarint(Varint.zigzag(v)));
            out.writeBytes(referenceSleb128(v));
        }
        byte[] bytes = out.toByteArray();
        ByteInput r = kind.reader("test", bytes);
        for (long v : BOUNDARIES) {
            long at = r.offset();
            assertThat(r.uvarint()).as("uvarint %d", v).isEqualTo(v);
            assertThat(r.offset() - at).isEqualTo(referenceUvarint(v).length);
            assertThat(r.varint()).as("zigzag %d", v).isEqualTo(v);
            assertThat(r.sleb128()).as("sleb128 %d", v).isEqualTo(v);
        }
        assertThat(r.hasRemaining()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(InputKind.class)
    void varintWriterMatchesReference(InputKind kind) throws IOException {
        for (long v : BOUNDARIES) {
            byte[] buf = new byte[Varint.MAX_LENGTH];
            int n = Varint.write(buf, 0, v);
            assertThat(java.util.Arrays.copyOf(buf, n)).isEqualTo(referenceUvarint(v));
            assertThat(Varint.size(v)).isEqualTo(n);
            assertThat(kind.reader("test", java.util.Arrays.copyOf(buf, n)).uvarint()).isEqualTo(v);
        }
    }

    @ParameterizedTest
    @EnumSource(InputKind.class)
    void nonMinimalVarintsAreAccepted(InputKind kind) throws IOException {
        // Go's binary.Uvarint accepts padding with continuation bytes, so must we.
        assertThat(kind.reader("test", new byte[] {(byte) 0x80, 0}).uvarint()).isZero();
        assertThat(kind.reader("test", new byte[] {(byte) 0x81, (byte) 0x80, 0}).uvarint()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(InputKind.class)
    void overlongVarintsAreRejected(InputKind kind) {
        byte[] eleven = new byte[11];
        java.util.Arrays.fill(eleven, (byte) 0x80);
        eleven[10] = 1;
        assertThatThrownBy(() -> kind.reader("test", eleven).uvarint())
                .isExactlyInstanceOf(GoParseException.class)
                .hasMessageContaining("at most 64 bits").hasMessageEndingWith("at offset 0x0 (0)");
        byte[] tenthTooBig = new byte[10];
        java.util.Arrays.fill(tenthTooBig, (byte) 0xff);
        tenthTooBig[9] = 2;
        assertThatThrownBy(() -> kind.reader("test", tenthTooBig).uvarint())
                .isExactlyInstanceOf(GoParseException.class);
        byte[] sleb = new byte[10];
        java.util.Arrays.fill(sleb, (byte) 0x80);
        sleb[9] = 0x01;
        assertThatThrownBy(() -> kind.reader("test", sleb).sleb128()).isExactlyInstanceOf(GoParseException.class);
    }

    @ParameterizedTest
    @EnumSource(InputKind.class)
    void uvarint32RejectsWideValues(InputKind kind) throws IOException {
        assertThat(kind.reader("test", referenceUvarint(0xFFFF_FFFFL)).uvarint32()).isEqualTo(-1);
        ByteInput r = kind.reader("test", referenceUvarint(0x1_0000_0000L));
        assertThatThrownBy(r::uvarint32).isExactlyInstanceOf(GoParseException.class)
                .hasMessageContaining("at most 32 bits");
    }

    @ParameterizedTest
    @EnumSource(InputKind.class)
    void stringsAndSkips(InputKind kind) throws IOException {
        byte[] bytes = "héllo\0world\0tail".getBytes(StandardCharsets.UTF_8);
        ByteInput r = kind.reader("test", bytes);
        assertThat(r.cstring(100)).isEqualTo("héllo");
        assertThat(r.string(5)).isEqualTo("world");
        r.skip(1);
        assertThat(r.bytes(4)).isEqualTo("tail".getBytes(StandardCharsets.UTF_8));
        assertThat(r.hasRemaining()).isFalse();
        assertThat(r.bytes(0)).isEmpty();
        r.skip(0);
    }

    @ParameterizedTest
    @EnumSource(InputKind.class)
    void cstringLimitAndTruncation(InputKind kind) {
        byte[] bytes = "abcdef\0".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> kind.reader("test", bytes).cstring(3))
                .isInstanceOf(dev.gopherlens.core.LimitExceededException.class);
        assertThatThrownBy(() -> kind.reader("test", "abc".getBytes(StandardCharsets.UTF_8)).cstring(10))
                .isInstanceOf(TruncatedInputException.class);
    }

    @ParameterizedTest
    @EnumSource(InputKind.class)
    void hostileLengthsThrowBeforeAllocating(InputKind kind) {
        byte[] small = new byte[100];
        assertThatThrownBy(() -> kind.reader("test", small).bytes(Integer.MAX_VALUE - 16))
                .isInstanceOf(TruncatedInputException.class)
                .satisfies(e -> assertThat(((TruncatedInputException) e).needed()).isEqualTo(Integer.MAX_VALUE - 16));
        assertThatThrownBy(() -> kind.reader("test", small).skip(Long.MAX_VALUE))
                .isInstanceOf(TruncatedInputException.class);
        assertThatThrownBy(() -> kind.reader("test", small).bytes(-1)).isInstanceOf(TruncatedInputException.class);
        assertThatThrownBy(() -> kind.reader("test", small).skip(-1)).isInstanceOf(TruncatedInputException.class);
    }

    /** One read of every kind, to be cut at every offset. */
    private static void readEverything(ByteInput r) throws IOException {
        r.u8();
        r.u16le();
        r.u16be();
        r.i32le();
        r.i32be();
        r.i64le();
        r.i64be();
        r.uvarint();
        r.varint();
        r.sleb128();
        r.uvarint32();
        r.string(3);
        r.cstring(10);
        r.skip(2);
        r.bytes(4);
    }

    private static byte[] everything() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {1, 2, 3, 4, 5});
        out.writeBytes(new byte[8]);
        out.writeBytes(new byte[16]);
        out.writeBytes(referenceUvarint(-1));
        out.writeBytes(referenceUvarint(Varint.zigzag(-300)));
        out.writeBytes(referenceSleb128(-123456789));
        out.writeBytes(referenceUvarint(0xFFFF_FFFFL));
        out.writeBytes("abcxyz\0".getBytes(StandardCharsets.UTF_8));
        out.writeBytes(new byte[] {9, 9, 7, 7, 7, 7});
        return out.toByteArray();
    }

    @ParameterizedTest
    @EnumSource(InputKind.class)
    void truncationAtEveryOffsetGivesTruncatedInput(InputKind kind) throws IOException {
        byte[] whole = everything();
        readEverything(kind.reader("test", whole));
        for (int cut = 0; cut < whole.length; cut++) {
            byte[] prefix = java.util.Arrays.copyOf(whole, cut);
            Throwable t = catchThrowable(() -> readEverything(kind.reader("test", prefix)));
            assertThat(t).as("cut at %d", cut).isInstanceOf(TruncatedInputException.class);
            GoParseException e = (GoParseException) t;
            assertThat(e.offset()).as("cut at %d", cut).isBetween(0L, (long) cut);
            assertThat(e.getMessage()).startsWith("test: truncated input").contains("at offset 0x");
        }
    }

    @ParameterizedTest
    @EnumSource(InputKind.class)
    void randomBytesNeverEscapeAsAnotherException(InputKind kind) {
        Random random = new Random(42);
        for (int round = 0; round < 300; round++) {
            byte[] bytes = new byte[random.nextInt(40)];
            random.nextBytes(bytes);
            Throwable t = catchThrowable(() -> {
                ByteInput r = kind.reader("test", bytes);
                while (r.hasRemaining()) {
                    switch (random.nextInt(6)) {
                        case 0 -> r.uvarint();
                        case 1 -> r.sleb128();
                        case 2 -> r.i64be();
                        case 3 -> r.cstring(8);
                        case 4 -> r.bytes(random.nextInt(10));
                        default -> r.u16le();
                    }
                }
            });
            if (t != null) {
                assertThat(t).isInstanceOf(GoParseException.class);
            }
        }
    }
}
