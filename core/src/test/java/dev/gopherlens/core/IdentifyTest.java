package dev.gopherlens.core;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Inputs#identify} on headers made here, one per format and variant. */
class IdentifyTest {

    private static Identification id(byte[] b) throws IOException {
        return Inputs.identify(b);
    }

    private static Identification id(String s) throws IOException {
        return id(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void traceHeadersGiveTheVersion() throws IOException {
        assertThat(id("go 1.11 trace\0\0\0\u0041\0")).isEqualTo(
                new Identification(Format.GO_TRACE, Compression.NONE, "1.11", ""));
        assertThat(id("go 1.22 trace\0\0\0").version()).isEqualTo("1.22");
        assertThat(id("go 1.26 trace\0\0\0").toString()).isEqualTo("Go execution trace, version 1.26");
        assertThat(id("go 1.22 trace!!!").format()).isNotEqualTo(Format.GO_TRACE);
    }

    private static byte[] elf(int cls, int data, int type, int machine) {
        ByteBuffer b = ByteBuffer.allocate(64).order(data == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', (byte) cls, (byte) data, 1});
        b.putShort(16, (short) type).putShort(18, (short) machine);
        return b.array();
    }

    @Test
    void elfHeaders() throws IOException {
        assertThat(id(elf(2, 1, 2, 62))).hasToString("ELF binary: ELF64 little-endian x86-64 executable");
        assertThat(id(elf(2, 1, 4, 183))).isEqualTo(new Identification(Format.CORE_DUMP, Compression.NONE, "",
                "ELF64 little-endian arm64 core file"));
        assertThat(id(elf(1, 2, 3, 8)).detail()).isEqualTo("ELF32 big-endian mips shared object");
        assertThat(id(elf(2, 2, 1, 22)).detail()).isEqualTo("ELF64 big-endian s390x relocatable");
    }

    @Test
    void machOHeaders() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xfeedfacf).putInt(0x0100000c);
        assertThat(id(b.array())).hasToString("Mach-O binary: 64-bit arm64");
        ByteBuffer fat = ByteBuffer.allocate(32).putInt(0xcafebabe).putInt(2);
        assertThat(id(fat.array()).format()).isEqualTo(Format.MACH_O);
        ByteBuffer javaClass = ByteBuffer.allocate(32).putInt(0xcafebabe).putInt(61);
        assertThat(id(javaClass.array()).format()).isEqualTo(Format.UNKNOWN);
    }

    @Test
    void peHeaders() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(0x100).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, (byte) 'M').put(1, (byte) 'Z').putInt(0x3c, 0x80);
        b.put(0x80, (byte) 'P').put(0x81, (byte) 'E').putShort(0x84, (short) 0x8664);
        assertThat(id(b.array())).hasToString("PE binary: x86-64");
        b.putInt(0x3c, 0x4000);
        assertThat(id(b.array()).detail()).contains("beyond");
    }

    @Test
    void textProfilesAndDumps() throws IOException {
        assertThat(id("goroutine profile: total 6\n5 @ 0x48a8ea\n").detail()).isEqualTo("goroutine profile (debug=1)");
        assertThat(id("heap profile: 3: 328272 [134: 3809872] @ heap/1048576\n").format())
                .isEqualTo(Format.PPROF_LEGACY);
        assertThat(id("--- mutex:\ncycles/second=1\n").format()).isEqualTo(Format.PPROF_LEGACY);
        assertThat(id("threadcreate profile: total 7\n").format()).isEqualTo(Format.PPROF_LEGACY);
        assertThat(id("goroutine 1 [running]:\nmain.main()\n").format()).isEqualTo(Format.GOROUTINE_DUMP);
        assertThat(id("panic: boom\n\ngoroutine 1 [running]:\nmain.main()\n"))
                .hasToString("goroutine dump: in a crash report");
        // Go 1.23+ with GOTRACEBACK=system prints goroutine addresses.
        assertThat(id("goroutine 1 gp=0xc000002380 m=0 mp=0x7ad5e0 [running]:\n").format())
                .isEqualTo(Format.GOROUTINE_DUMP);
        assertThat(id("hello, world\n")).hasToString("unknown: text");
    }

    @Test
    void legacyBinaryCpuProfiles() throws IOException {
        ByteBuffer b64 = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN).putLong(0).putLong(3).putLong(0);
        assertThat(id(b64.array()).detail()).isEqualTo("gperftools CPU profile");
        ByteBuffer b32 = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN).putInt(0).putInt(3).putInt(1);
        assertThat(id(b32.array()).format()).isEqualTo(Format.PPROF_LEGACY);
    }

    /** A minimal profile.proto message: sample_type {type: 1, unit: 2}, string_table "", "cpu", "ns", period 10. */
    static byte[] tinyProfile() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x0a, 4, 0x08, 1, 0x10, 2});
        out.writeBytes(new byte[] {0x32, 0});
        out.writeBytes(new byte[] {0x32, 3, 'c', 'p', 'u'});
        out.writeBytes(new byte[] {0x32, 2, 'n', 's'});
        out.writeBytes(new byte[] {0x60, 10});
        return out.toByteArray();
    }

    @Test
    void protobufProfiles() throws IOException {
        assertThat(id(tinyProfile())).isEqualTo(new Identification(Format.PPROF, Compression.NONE, "", ""));
        assertThat(id(Compressors.compress(Compression.GZIP, tinyProfile()))).hasToString("pprof profile (gzip)");
        byte[] wrongWire = tinyProfile();
        wrongWire[0] = 0x08; // sample_type as a varint: not profile.proto
        assertThat(id(wrongWire).format()).isEqualTo(Format.UNKNOWN);
        byte[] cut = java.util.Arrays.copyOf(tinyProfile(), 5); // the whole input ends inside a field
        assertThat(id(cut).format()).isEqualTo(Format.UNKNOWN);
    }

    @Test
    void emptyAndBinaryNoise() throws IOException {
        assertThat(id(new byte[0])).hasToString("unknown: empty");
        assertThat(id(new byte[] {(byte) 0xff, 0, 1, 2}).detail()).isEqualTo("binary");
    }
}
