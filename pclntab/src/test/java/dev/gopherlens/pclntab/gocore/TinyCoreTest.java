package dev.gopherlens.pclntab.gocore;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.core.LimitExceededException;
import dev.gopherlens.core.Limits;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Unit tests on {@link TinyCore}: every value is known because the test wrote it. */
class TinyCoreTest {

    static GoCore open(TinyCore t) throws IOException {
        return GoCore.open(t.core(), TinyCore.binary());
    }

    @Test
    void threadsAndRegisters() throws IOException {
        GoCore core = open(new TinyCore());
        assertThat(core.arch()).isEqualTo("amd64");
        assertThat(core.threads()).extracting(Thread::lwp).containsExactly(100, 101);
        assertThat(core.threads()).extracting(Thread::index).containsExactly(1, 2);
        Thread t = core.thread(101).orElseThrow();
        Registers r = t.registers();
        assertThat(r.names()).hasSize(27).startsWith("r15", "r14").endsWith("fs", "gs");
        for (int i = 0; i < 27; i++) {
            assertThat(r.get(r.names().get(i))).isEqualTo(TinyCore.register(101, i));
        }
        assertThat(t.pc()).isEqualTo(TinyCore.register(101, 16)).isEqualTo(r.get("rip"));
        assertThat(t.sp()).isEqualTo(TinyCore.register(101, 19)).isEqualTo(r.get("rsp"));
        assertThat(t.fp()).isEqualTo(TinyCore.register(101, 4)).isEqualTo(r.get("rbp"));
        assertThat(r.find("x29")).isEmpty();
        assertThatThrownBy(() -> r.get("pc")).isInstanceOf(IllegalArgumentException.class);
        assertThat(r.asMap()).hasSize(27).containsEntry("gs", TinyCore.register(101, 26));
        assertThat(t.signal()).isEqualTo(11);
        assertThat(t.info().name()).isEqualTo("SIGSEGV");
        // Each thread's register-set notes stay with it; the process notes and unknown notes do not.
        assertThat(core.thread(100).orElseThrow().notes()).extracting(Note::typeName)
                .containsExactly("NT_PRSTATUS", "NT_FPREGSET");
        assertThat(t.notes()).extracting(Note::typeName).containsExactly("NT_PRSTATUS", "NT_X86_XSTATE");
        assertThat(core.noteBytes(t.notes().get(1))).hasSize(64);
        assertThat(core.notes()).hasSize(9).last().satisfies(n -> {
            assertThat(n.owner()).isEqualTo("ACME.CORP");
            assertThat(n.type()).isEqualTo(77);
            assertThat(n.size()).isEqualTo(3);
        });
        assertThat(t.toString()).startsWith("Thread 2 (LWP 101) pc=0x65010");
        assertThat(r.toString()).startsWith("rip=0x65010 rsp=0x65013 rbp=0x65004 r15=0x65000");
    }

    @Test
    void arm64RegistersByRole() throws IOException {
        TinyCore t = new TinyCore();
        t.machine = 183;
        GoCore core = GoCore.open(t.core(), TinyCore.binary(183));
        assertThat(core.arch()).isEqualTo("arm64");
        Registers r = core.thread(100).orElseThrow().registers();
        assertThat(r.names()).hasSize(34).startsWith("x0", "x1").endsWith("x30", "sp", "pc", "pstate");
        // x/sys/unix PtraceRegs: Regs[31], Sp, Pc, Pstate; the frame pointer is x29.
        assertThat(r.pc()).isEqualTo(TinyCore.register(100, 32)).isEqualTo(r.get("pc"));
        assertThat(r.sp()).isEqualTo(TinyCore.register(100, 31));
        assertThat(r.fp()).isEqualTo(TinyCore.register(100, 29)).isEqualTo(r.get("x29"));
        assertThat(core.memory().u8(TinyCore.BIAS + 0x1001)).isEqualTo((0x1001 * 7) & 0xff);
        // An amd64 binary does not belong to an arm64 core.
        assertThatThrownBy(() -> GoCore.open(t.core(), TinyCore.binary(62))).isInstanceOf(GoParseException.class)
                .hasMessageContaining("the core is of e_machine 183, the binary of 62");
        // An amd64-sized NT_PRSTATUS is too short for arm64.
        TinyCore amd = new TinyCore();
        byte[] c = amd.core();
        c[18] = (byte) 183;
        assertThatThrownBy(() -> GoCore.open(c, TinyCore.binary(183))).isInstanceOf(GoParseException.class)
                .hasMessageContaining("expected an NT_PRSTATUS of at least 384 bytes for arm64");
    }

    @Test
    void processSignalAuxvAndFiles() throws IOException {
        GoCore core = open(new TinyCore());
        ProcessInfo p = core.process().orElseThrow();
        assertThat(p).isEqualTo(new ProcessInfo('R', 100, 1, 1000, 1001, "tiny", "./tiny -v serve"));
        SignalInfo s = core.signal().orElseThrow();
        assertThat(s.isFault()).isTrue();
        assertThat(s.address()).isEqualTo(0xdead);
        assertThat(s.toString()).isEqualTo("SIGSEGV code 1 addr 0xdead");
        assertThat(core.auxv()).extracting(AuxvEntry::name)
                .containsExactly("AT_PHDR", "AT_PAGESZ", "AT_ENTRY", "AT_RANDOM");
        assertThat(core.auxv(AuxvEntry.AT_ENTRY)).hasValue(TinyCore.BIAS + TinyCore.ENTRY);
        assertThat(core.auxv(AuxvEntry.AT_BASE)).isEmpty();
        assertThat(core.mappedFiles()).containsExactly(
                new MappedFile(TinyCore.BIAS, TinyCore.BIAS + 0x2000, 0, TinyCore.PATH),
                new MappedFile(TinyCore.BIAS + 0x3000, TinyCore.BIAS + 0x4000, 0x2000, TinyCore.PATH));
        assertThat(core.binaryPath()).isEqualTo(TinyCore.PATH);
        assertThat(core.loadBias()).isEqualTo(TinyCore.BIAS);
        assertThat(core.segments()).hasSize(5);
        assertThat(core.segments().get(4).permissions()).isEqualTo("---");
        assertThat(core.toString()).isEqualTo("GoCore[amd64 pid 100 \"./tiny -v serve\" SIGSEGV code 1, 2 threads,"
                + " 5 segments]");
    }

    /**
     * gdb's gcore writes no segment header for a file mapping it does not dump (a Go binary's rodata); the core's
     * NT_FILE still says the binary was mapped there, which is enough to read it from the binary.
     */
    @Test
    void aFileMappingWithoutASegmentHeaderIsReadFromTheBinaryWhereNtFileSaysItWasMapped() throws IOException {
        TinyCore t = new TinyCore();
        t.gcoreStyle = true;
        GoCore core = open(t);
        assertThat(core.segments()).hasSize(4);
        Memory m = core.memory();
        long b = TinyCore.BIAS;
        assertThat(m.u8(b + 0x3000)).isEqualTo((0x2000 * 7) & 0xff);
        assertThat(m.u64(b + 0x3100)).isZero();
        // Only what NT_FILE or a segment covers: the page between is still not mapped.
        assertThatThrownBy(() -> m.u8(b + 0x2000)).isInstanceOf(UnmappedAddressException.class);
        assertThatThrownBy(() -> m.u8(TinyCore.RESERVED)).isInstanceOf(UnmappedAddressException.class);
    }

    /**
     * The dynamic loader splits a segment's mapping where it makes its relocation-read-only head read-only (cgo
     * binaries); the second mapping starts inside the segment at the same distance in memory and in the file.
     * One whose file offset does not follow is still refused.
     */
    @Test
    void aSegmentMappedInTwoPartsMatchesTheBinary() throws IOException {
        TinyCore t = new TinyCore();
        t.splitText = true;
        GoCore core = open(t);
        assertThat(core.mappedFiles()).hasSize(3);
        assertThat(core.memory().u8(TinyCore.BIAS + 0x1201)).isEqualTo((0x1201 * 7) & 0xff);
        TinyCore wrong = new TinyCore();
        wrong.splitText = true;
        wrong.textSplitOffset = 2;
        assertThatThrownBy(() -> open(wrong)).isInstanceOf(GoParseException.class)
                .hasMessageContaining("matches no segment of the binary");
    }

    @Test
    void memoryLayers() throws IOException {
        GoCore core = open(new TinyCore());
        Memory m = core.memory();
        long b = TinyCore.BIAS;
        // Page 0 of text from the core (a copy of the binary), page 1 from the binary at the load bias.
        assertThat(m.u8(b + 0x201)).isEqualTo((0x201 * 7) & 0xff);
        assertThat(m.read(b + 0x1ffe, 2)).containsExactly((byte) (0x1ffe * 7), (byte) (0x1fff * 7));
        // A read across the core/binary boundary.
        byte[] across = m.read(b + 0xff8, 16);
        for (int i = 0; i < 16; i++) {
            assertThat(across[i]).isEqualTo((byte) ((0xff8 + i) * 7));
        }
        // Initial .data from the binary's data segment (file 0x2000), then its .bss as zeros, then the core's page.
        assertThat(m.u8(b + 0x3000)).isEqualTo((0x2000 * 7) & 0xff);
        assertThat(m.u64(b + 0x3100)).isZero();
        assertThat(m.u8(b + 0x3fff)).isZero();
        assertThat(m.u8(b + 0x4001)).isEqualTo(0xB1);
        assertThat(m.u16(b + 0x4000)).isEqualTo(0xB1B0);
        assertThat(m.u32(b + 0x4000)).isEqualTo(0xB3B2B1B0L);
        assertThat(m.i32(b + 0x4000)).isEqualTo(0xB3B2B1B0);
        assertThat(m.u64(b + 0x4000)).isEqualTo(0xB7B6B5B4B3B2B1B0L);
        // The heap's first page is in the core, its second is mapped but unwritten.
        assertThat(m.u8(TinyCore.HEAP + 3)).isEqualTo(0xC3);
        assertThat(m.isReadable(TinyCore.HEAP + 0xff8, 8)).isTrue();
        assertThat(m.isReadable(TinyCore.HEAP + 0xff8, 9)).isFalse();
        assertThatThrownBy(() -> m.u64(TinyCore.HEAP + 0xffc)).isInstanceOf(UnmappedAddressException.class)
                .hasMessageContaining("0x10001000 is mapped (0x10000000-0x10002000 rw- dumped 0x1000) but neither")
                .satisfies(e -> assertThat(((UnmappedAddressException) e).address()).isEqualTo(TinyCore.HEAP + 0x1000));
        assertThatThrownBy(() -> m.u8(TinyCore.RESERVED)).isInstanceOf(UnmappedAddressException.class);
        assertThatThrownBy(() -> m.u8(b + 0x2000)).isInstanceOf(UnmappedAddressException.class)
                .hasMessageContaining("is not mapped");
        assertThatThrownBy(() -> m.u8(-1L)).isInstanceOf(UnmappedAddressException.class);
        assertThatThrownBy(() -> m.read(0, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.read(b, Integer.MAX_VALUE)).isInstanceOf(GoParseException.class);
        assertThat(m.regions()).extracting(MemoryRegion::toString).containsExactly(
                "0x10000000-0x10001000 CORE",
                "0x7f0000000000-0x7f0000001000 CORE",
                "0x7f0000001000-0x7f0000002000 BINARY",
                "0x7f0000003000-0x7f0000003100 BINARY",
                "0x7f0000003100-0x7f0000004000 ZERO",
                "0x7f0000004000-0x7f0000005000 CORE");
    }

    @Test
    void inputKindsAgree() throws IOException {
        TinyCore t = new TinyCore();
        GoCore fromArrays = GoCore.open(t.core(), TinyCore.binary());
        GoCore fromHeap = GoCore.open(ByteBuffer.wrap(t.core()), ByteBuffer.wrap(TinyCore.binary()));
        ByteBuffer direct = ByteBuffer.allocateDirect(t.core().length).put(t.core()).flip();
        GoCore fromDirect = GoCore.open(direct, ByteBuffer.wrap(TinyCore.binary()));
        GoCore fromStreams = GoCore.open(new java.io.ByteArrayInputStream(t.core()),
                new java.io.ByteArrayInputStream(TinyCore.binary()));
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (var z = new java.util.zip.GZIPOutputStream(gz)) {
            z.write(t.core());
        }
        GoCore fromGzipArray = GoCore.open(gz.toByteArray(), TinyCore.binary());
        for (GoCore c : List.of(fromHeap, fromDirect, fromStreams, fromGzipArray)) {
            assertThat(c.threads()).isEqualTo(fromArrays.threads());
            assertThat(c.memory().regions()).isEqualTo(fromArrays.memory().regions());
            assertThat(c.memory().read(TinyCore.BIAS + 0xf00, 0x300))
                    .isEqualTo(fromArrays.memory().read(TinyCore.BIAS + 0xf00, 0x300));
        }
    }

    @Test
    void refusesAMovedEntry() {
        TinyCore t = new TinyCore();
        t.atEntry = TinyCore.BIAS + TinyCore.ENTRY + 0x10;
        assertThatThrownBy(() -> open(t)).isInstanceOf(GoParseException.class)
                .hasMessageContaining("the core was not written by this binary")
                .hasMessageContaining("not by whole pages");
    }

    @Test
    void refusesAMappingNoSegmentExplains() {
        TinyCore t = new TinyCore();
        t.dataPageOffset = 5;
        assertThatThrownBy(() -> open(t)).isInstanceOf(GoParseException.class)
                .hasMessageContaining("the mapping 0x7f0000003000-0x7f0000004000 0x5000 /srv/app/tiny matches no"
                        + " segment");
    }

    @Test
    void refusesAnotherFirstPage() {
        TinyCore t = new TinyCore();
        t.firstPageFlip = 0x300;
        long pageOffset = (t.notesOffset() + t.notes().length + 0xfff) & ~0xfffL;
        assertThatThrownBy(() -> open(t)).isInstanceOf(GoParseException.class)
                .hasMessageContaining("differs from the binary at byte 0x300")
                .satisfies(e -> assertThat(((GoParseException) e).offset()).isEqualTo(pageOffset + 0x300));
    }

    /** 200,000 nested mappings: the image is built in one sweep, not by comparing every pair. */
    @Test
    void manyOverlappingSegmentsStayFast() throws IOException {
        int n = 200_000;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(64 + 56 * n).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 0x464c457f).put(4, (byte) 2).put(5, (byte) 1).put(6, (byte) 1);
        b.putShort(16, (short) 4).putShort(18, (short) 62).putLong(32, 64).putShort(54, (short) 56);
        b.putShort(56, (short) 0xffff); // PN_XNUM: the count is in section header 0
        b.putLong(40, 0).putShort(58, (short) 64);
        byte[] head = new byte[64 + 56 * n + 64];
        b.get(0, head, 0, 64 + 56 * n);
        java.nio.ByteBuffer h = java.nio.ByteBuffer.wrap(head).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long shoff = 64 + 56L * n;
        h.putLong(40, shoff).putInt((int) shoff + 44, n);
        for (int i = 0; i < n; i++) {
            int at = 64 + 56 * i;
            h.putInt(at, 1).putInt(at + 4, 6).putLong(at + 16, 0x1000L * i).putLong(at + 40, 0x1000L * (n - i));
        }
        long t0 = System.nanoTime();
        GoCore core = GoCore.open(head, TinyCore.binary());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(core.segments()).hasSize(n);
        assertThat(core.memory().regions()).extracting(MemoryRegion::toString).containsExactly(
                "0x0-0x2000 BINARY", "0x3000-0x3100 BINARY", "0x3100-0x5000 ZERO");
        assertThat(ms).as("milliseconds to open").isLessThan(10_000);
    }

    @Test
    void limitsBoundTheNotes() throws IOException {
        TinyCore t = new TinyCore();
        Limits eight = Limits.DEFAULT.withMaxTableEntries(8);
        assertThatThrownBy(() -> GoCore.open(t.core(), TinyCore.binary(), eight))
                .isInstanceOf(LimitExceededException.class).hasMessageContaining("maxTableEntries");
        assertThat(GoCore.open(t.core(), TinyCore.binary(), Limits.DEFAULT.withMaxTableEntries(9)).notes())
                .hasSize(9);
    }

    @Test
    void refusesWhatIsNoCore() {
        assertThatThrownBy(() -> GoCore.open(TinyCore.binary(), TinyCore.binary())).isInstanceOf(
                GoParseException.class).hasMessageContaining("expected an ELF core file (e_type 4), found e_type 3");
        TinyCore t = new TinyCore();
        assertThatThrownBy(() -> GoCore.open(t.core(), t.core())).isInstanceOf(GoParseException.class)
                .hasMessageContaining("expected an executable");
        assertThatThrownBy(() -> GoCore.open(new byte[10], TinyCore.binary())).isInstanceOf(GoParseException.class)
                .hasMessageContaining("ELF header");
    }
}
