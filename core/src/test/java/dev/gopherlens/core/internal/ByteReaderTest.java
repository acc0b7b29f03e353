package dev.gopherlens.core.internal;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.core.TruncatedInputException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What only {@link ByteReader} and {@link BufferReader} do: windows, limits, positions. */
class ByteReaderTest {

    @Test
    void windowReportsAbsoluteOffsets() {
        byte[] bytes = {9, 9, 9, 1, 2};
        ByteReader r = ByteReader.of("test", bytes, 3, 5, 0x1000);
        assertThat(r.offset()).isEqualTo(0x1000);
        assertThatThrownBy(r::i32le).isInstanceOf(TruncatedInputException.class)
                .hasMessage("test: truncated input: u32 needs 4 bytes, 2 remain at offset 0x1000 (4096)");
    }

    @Test
    void pushAndPopLimitFrameARecord() throws IOException {
        byte[] bytes = {3, 1, 2, 3, 7};
        ByteReader r = ByteReader.of("test", bytes);
        int len = (int) r.uvarint();
        int old = r.pushLimit(len);
        int sum = 0;
        while (r.hasRemaining()) {
            sum += r.u8();
        }
        assertThat(sum).isEqualTo(6);
        assertThatThrownBy(r::u8).isInstanceOf(TruncatedInputException.class);
        r.popLimit(old);
        assertThat(r.u8()).isEqualTo(7);
    }

    @Test
    void pushLimitRejectsLengthsPastTheEnd() throws IOException {
        ByteReader r = ByteReader.of("pprof", new byte[] {(byte) 0xff, (byte) 0xff, 0x03, 0});
        long len = r.uvarint();
        assertThatThrownBy(() -> r.pushLimit(len)).isInstanceOf(TruncatedInputException.class)
                .hasMessageContaining("record of 65535 bytes");
        assertThatThrownBy(() -> r.pushLimit(-1)).isInstanceOf(TruncatedInputException.class);
    }

    @Test
    void sliceSharesTheArrayAndKeepsOffsets() throws IOException {
        ByteReader r = ByteReader.of("test", new byte[] {1, 2, 3, 4, 5});
        r.u8();
        ByteReader s = r.slice(2);
        assertThat(s.offset()).isEqualTo(1);
        assertThat(s.u16be()).isEqualTo(0x0203);
        assertThat(s.hasRemaining()).isFalse();
        assertThat(r.u8()).isEqualTo(4);
        assertThatThrownBy(() -> r.slice(5)).isInstanceOf(TruncatedInputException.class);
    }

    @Test
    void positionAndAbsoluteReads() throws IOException {
        ByteReader r = ByteReader.of("test", new byte[] {1, 0, 0, 0, 2, 0, 0, 0});
        assertThat(r.i32leAt(4)).isEqualTo(2);
        assertThatThrownBy(() -> r.i32leAt(5)).isInstanceOf(TruncatedInputException.class);
        assertThatThrownBy(() -> r.i32leAt(-1)).isInstanceOf(TruncatedInputException.class);
        r.position(4);
        assertThat(r.i32le()).isEqualTo(2);
        assertThatThrownBy(() -> r.position(9)).isInstanceOf(GoParseException.class);
        assertThat(r.toString()).isEqualTo("ByteReader[test at 0x8, 0 remain]");
    }

    @Test
    void heapBufferIsReadWithoutCopying() throws IOException {
        byte[] array = {0, 0, 5, 6};
        ByteReader r = ByteReader.of("test", ByteBuffer.wrap(array, 2, 2));
        assertThat(r.array()).isSameAs(array);
        assertThat(r.offset()).isZero();
        assertThat(r.u8()).isEqualTo(5);
    }

    @Test
    void bufferReaderSeeksWithinItsBuffer() throws IOException {
        ByteBuffer b = ByteBuffer.allocateDirect(8);
        b.putInt(0, 0x01020304);
        BufferReader r = BufferReader.of("elf", b, 0x400);
        r.position(2);
        assertThat(r.offset()).isEqualTo(0x402);
        assertThat(r.u16be()).isEqualTo(0x0304);
        assertThat(r.remaining()).isEqualTo(4);
        assertThatThrownBy(() -> r.position(9)).isInstanceOf(TruncatedInputException.class);
        assertThat(b.position()).isZero();
    }
}
