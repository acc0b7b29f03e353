package dev.gopherlens.pclntab.internal.dwarf;

import dev.gopherlens.core.GoParseException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The DWARF 5 forms Go's linker does not write but other producers do ({@code strx1}, {@code line_strp},
 * {@code strp}, {@code implicit_const}, {@code data16}, {@code ref_udata}, {@code DW_OP_addrx} through
 * {@code .debug_addr}), on a hand-made unit laid out per DWARF 5 §7.5.1, §7.26 and §7.27.
 */
class Dwarf5FormsTest {

    private static byte[] bytes(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = (byte) b[i];
        }
        return out;
    }

    private static final byte[] ABBREV = bytes(
            1, 0x11, 1, 0x03, 0x25, 0x72, 0x17, 0x73, 0x17, 0, 0,            // compile unit: strx1 name, bases
            2, 0x34, 0, 0x03, 0x1f, 0x02, 0x18, 0x49, 0x15, 0, 0,            // variable: line_strp, exprloc, ref_udata
            3, 0x24, 0, 0x03, 0x25, 0x0b, 0x21, 4, 0x80, 0x40, 0x1e, 0, 0,   // base type: strx1, implicit 4, data16
            0);

    private static Map<String, byte[]> sections() {
        ByteArrayOutputStream dies = new ByteArrayOutputStream();
        dies.writeBytes(bytes(1, 0, 8, 0, 0, 0, 8, 0, 0, 0));                // root at 12: "pkg", bases 8 and 8
        dies.writeBytes(bytes(3, 1));                                        // base type at 22: "u32"
        dies.writeBytes(new byte[16]);                                       //   an unknown attribute as data16
        dies.writeBytes(bytes(2, 2, 0, 0, 0, 2, 0xa1, 1, 22));               // variable at 40: "main.X", addrx 1
        dies.write(0);
        byte[] d = dies.toByteArray();
        ByteBuffer info = ByteBuffer.allocate(12 + d.length).order(ByteOrder.LITTLE_ENDIAN);
        info.putInt(8 + d.length).putShort((short) 5).put((byte) 1).put((byte) 8).putInt(0).put(d);
        ByteBuffer strOffsets = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        strOffsets.putInt(12).putShort((short) 5).putShort((short) 0).putInt(1).putInt(5);
        ByteBuffer addr = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        addr.putInt(20).putShort((short) 5).put((byte) 8).put((byte) 0).putLong(0x401000).putLong(0x402000);
        return Map.of("info", info.array(), "abbrev", ABBREV, "str", "\0pkg\0u32\0".getBytes(),
                "line_str", "\0\0main.X\0".getBytes(), "str_offsets", strOffsets.array(), "addr", addr.array());
    }

    @Test
    void indexedStringsAddressesAndImplicitConstants() throws GoParseException {
        Dwarf d = Dwarf.of(sections(), false);
        assertThat(d.version()).isEqualTo(5);
        Variable x = d.global("main.X").orElseThrow();
        assertThat(x.address()).isEqualTo(0x402000);
        assertThat(x.type().name()).isEqualTo("u32");
        assertThat(x.type().resolve()).isEqualTo(new BaseType("u32", 4, 0, GoKind.INVALID, 22));
    }

    @Test
    void aStringIndexBeyondTheOffsetsTableIsMalformed() {
        Map<String, byte[]> s = new java.util.HashMap<>(sections());
        s.put("str_offsets", java.util.Arrays.copyOf(s.get("str_offsets"), 12));
        assertThatThrownBy(() -> Dwarf.of(s, false).names(Dwarf.Names.TYPES)).isInstanceOf(GoParseException.class)
                .hasMessageContaining("str_offsets");
    }

    @Test
    void anAddressIndexBeyondDebugAddrIsMalformed() {
        Map<String, byte[]> s = new java.util.HashMap<>(sections());
        s.put("addr", java.util.Arrays.copyOf(s.get("addr"), 16));
        assertThatThrownBy(() -> Dwarf.of(s, false).global("main.X")).isInstanceOf(GoParseException.class)
                .hasMessageContaining("debug_addr");
    }
}
