package dev.gopherlens.pclntab.gocore;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A small synthetic position-independent "binary" and a core it "wrote", built byte by byte per the ELF gABI and
 * linux's elfcore.h, so that unit tests know every value: two threads, every process note, an unknown note, and
 * segments that exercise each layer of the memory image (core bytes, binary bytes, .bss zeros, undumped memory).
 *
 * <p>Binary: text segment file 0x0–0x2000 at vaddr 0 (entry 0x100), data segment file 0x2000–0x2100 at vaddr
 * 0x3000 with memsz 0x2000 (.bss to 0x5000). Loaded at {@link #BIAS}. Byte at binary offset i is {@code i * 7}.
 *
 * <p>Core segments: text page 0 dumped (a copy of the binary's first page), page 1 not; data page not dumped; the
 * .bss page at 0x4000 dumped with bytes {@code 0xB0 + i}; a heap at {@link #HEAP} of two pages of which the first is
 * dumped with bytes {@code 0xC0 ^ i}; a PROT_NONE reservation at {@link #RESERVED}.
 */
final class TinyCore {
    static final long BIAS = 0x7f00_0000_0000L;
    static final long HEAP = 0x1000_0000L;
    static final long RESERVED = 0x2000_0000L;
    static final long ENTRY = 0x100;
    static final int BINARY_SIZE = 0x2100;
    static final String PATH = "/srv/app/tiny";

    /** What to spoil, for the refusal tests. */
    long atEntry = BIAS + ENTRY;
    long dataPageOffset = 2;
    int firstPageFlip = -1;
    /**
     * Write no segment header for the binary's data page, which the core did not dump, as gdb's gcore does for a
     * file mapping it leaves out; NT_FILE still lists it.
     */
    boolean gcoreStyle;
    /**
     * List the text segment as two mappings, split at its second page, as the dynamic loader leaves a segment whose
     * head it made read-only after relocation (GNU_RELRO); {@link #textSplitOffset} is the second one's file offset
     * in pages of {@code 0x1000}.
     */
    boolean splitText;
    long textSplitOffset = 1;
    /** The ELF machine: 62 x86-64 or 183 AArch64. */
    int machine = 62;

    /** {@return the number of general registers in the machine's NT_PRSTATUS} */
    int registerCount() {
        return machine == 183 ? 34 : 27;
    }

    static byte[] binary() {
        return binary(62);
    }

    static byte[] binary(int machine) {
        ByteBuffer b = ByteBuffer.allocate(BINARY_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < BINARY_SIZE; i++) {
            b.put(i, (byte) (i * 7));
        }
        elfHeader(b, 3, ENTRY, 2, machine);
        phdr(b, 64, 1, 5, 0, 0, 0x2000, 0x2000);
        phdr(b, 64 + 56, 1, 6, 0x2000, 0x3000, 0x100, 0x2000);
        return b.array();
    }

    private static void elfHeader(ByteBuffer b, int type, long entry, int phnum, int machine) {
        b.putInt(0, 0x464c457f);
        b.put(4, (byte) 2);
        b.put(5, (byte) 1);
        b.put(6, (byte) 1);
        for (int i = 7; i < 16; i++) {
            b.put(i, (byte) 0);
        }
        b.putShort(16, (short) type);
        b.putShort(18, (short) machine);
        b.putInt(20, 1);
        b.putLong(24, entry);
        b.putLong(32, 64);
        b.putLong(40, 0);
        b.putInt(48, 0);
        b.putShort(52, (short) 64);
        b.putShort(54, (short) 56);
        b.putShort(56, (short) phnum);
        b.putShort(58, (short) 64);
        b.putShort(60, (short) 0);
        b.putShort(62, (short) 0);
    }

    private static void phdr(ByteBuffer b, int at, int type, int flags, long offset, long vaddr, long filesz,
                             long memsz) {
        b.putInt(at, type);
        b.putInt(at + 4, flags);
        b.putLong(at + 8, offset);
        b.putLong(at + 16, vaddr);
        b.putLong(at + 24, vaddr);
        b.putLong(at + 32, filesz);
        b.putLong(at + 40, memsz);
        b.putLong(at + 48, 0x1000);
    }

    /** Registers of a thread: r15 = lwp, r14 = lwp + 1, … in user_regs_struct order. */
    static long register(int lwp, int index) {
        return lwp * 0x1000L + index;
    }

    static byte[] note(String owner, int type, byte[] desc) {
        byte[] name = (owner + "\0").getBytes(StandardCharsets.ISO_8859_1);
        int nameLen = (name.length + 3) & ~3;
        int descLen = (desc.length + 3) & ~3;
        ByteBuffer b = ByteBuffer.allocate(12 + nameLen + descLen).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(name.length).putInt(desc.length).putInt(type);
        b.put(name);
        b.position(12 + nameLen);
        b.put(desc);
        return b.array();
    }

    byte[] prstatus(int lwp) {
        int count = registerCount();
        ByteBuffer d = ByteBuffer.allocate(112 + 8 * count + 8).order(ByteOrder.LITTLE_ENDIAN);
        d.putInt(0, 11).putInt(4, 1).putInt(8, 0);
        d.putShort(12, (short) 11);
        d.putInt(32, lwp).putInt(36, 1).putInt(40, lwp).putInt(44, lwp);
        for (int i = 0; i < count; i++) {
            d.putLong(112 + 8 * i, register(lwp, i));
        }
        return d.array();
    }

    static byte[] prpsinfo() {
        ByteBuffer d = ByteBuffer.allocate(136).order(ByteOrder.LITTLE_ENDIAN);
        d.put(0, (byte) 0).put(1, (byte) 'R');
        d.putInt(16, 1000).putInt(20, 1001).putInt(24, 100).putInt(28, 1);
        d.put(40, "tiny".getBytes(StandardCharsets.US_ASCII));
        d.put(56, "./tiny -v serve".getBytes(StandardCharsets.US_ASCII));
        return d.array();
    }

    static byte[] siginfo() {
        ByteBuffer d = ByteBuffer.allocate(128).order(ByteOrder.LITTLE_ENDIAN);
        d.putInt(0, 11).putInt(4, 0).putInt(8, 1).putLong(16, 0xdead);
        return d.array();
    }

    byte[] auxv() {
        ByteBuffer d = ByteBuffer.allocate(16 * 5).order(ByteOrder.LITTLE_ENDIAN);
        d.putLong(3).putLong(BIAS + 64).putLong(6).putLong(0x1000).putLong(9).putLong(atEntry).putLong(25)
                .putLong(HEAP + 0x10).putLong(0).putLong(0);
        return d.array();
    }

    byte[] files() {
        byte[] path = (PATH + "\0").getBytes(StandardCharsets.UTF_8);
        int n = splitText ? 3 : 2;
        ByteBuffer d = ByteBuffer.allocate(16 + n * 24 + n * path.length).order(ByteOrder.LITTLE_ENDIAN);
        d.putLong(n).putLong(0x1000);
        if (splitText) {
            d.putLong(BIAS).putLong(BIAS + 0x1000).putLong(0);
            d.putLong(BIAS + 0x1000).putLong(BIAS + 0x2000).putLong(textSplitOffset);
        } else {
            d.putLong(BIAS).putLong(BIAS + 0x2000).putLong(0);
        }
        d.putLong(BIAS + 0x3000).putLong(BIAS + 0x4000).putLong(dataPageOffset);
        for (int i = 0; i < n; i++) {
            d.put(path);
        }
        return d.array();
    }

    /** The notes in the kernel's order: thread 1 with the process notes, then thread 2, then an unknown note. */
    byte[] notes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(note("CORE", 1, prstatus(100)));
        out.writeBytes(note("CORE", 3, prpsinfo()));
        out.writeBytes(note("CORE", 0x53494749, siginfo()));
        out.writeBytes(note("CORE", 6, auxv()));
        out.writeBytes(note("CORE", 0x46494c45, files()));
        out.writeBytes(note("CORE", 2, new byte[512]));
        out.writeBytes(note("CORE", 1, prstatus(101)));
        out.writeBytes(note("LINUX", 0x202, new byte[64]));
        out.writeBytes(note("ACME.CORP", 77, new byte[] {1, 2, 3}));
        return out.toByteArray();
    }

    /** The core file. */
    byte[] core() {
        byte[] notes = notes();
        byte[] bin = binary(machine);
        record Load(long vaddr, long memsz, int flags, byte[] bytes) {
        }
        byte[] textPage = java.util.Arrays.copyOf(bin, 0x1000);
        if (firstPageFlip >= 0) {
            textPage[firstPageFlip] ^= 0x55;
        }
        byte[] bss = new byte[0x1000];
        for (int i = 0; i < bss.length; i++) {
            bss[i] = (byte) (0xB0 + i);
        }
        byte[] heap = new byte[0x1000];
        for (int i = 0; i < heap.length; i++) {
            heap[i] = (byte) (0xC0 ^ i);
        }
        List<Load> loads = new ArrayList<>();
        loads.add(new Load(BIAS, 0x2000, 5, textPage));
        if (!gcoreStyle) {
            loads.add(new Load(BIAS + 0x3000, 0x1000, 6, new byte[0]));
        }
        loads.add(new Load(BIAS + 0x4000, 0x1000, 6, bss));
        loads.add(new Load(HEAP, 0x2000, 6, heap));
        loads.add(new Load(RESERVED, 0x1000, 0, new byte[0]));
        int phnum = 1 + loads.size();
        long notesOffset = 64 + 56L * phnum;
        long dataOffset = (notesOffset + notes.length + 0xfff) & ~0xfffL;
        long size = dataOffset;
        for (Load l : loads) {
            size += l.bytes.length;
        }
        ByteBuffer b = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        elfHeader(b, 4, 0, phnum, machine);
        phdr(b, 64, 4, 0, notesOffset, 0, notes.length, 0);
        b.put((int) notesOffset, notes);
        long off = dataOffset;
        for (int i = 0; i < loads.size(); i++) {
            Load l = loads.get(i);
            phdr(b, 64 + 56 * (i + 1), 1, l.flags, l.bytes.length == 0 ? 0 : off, l.vaddr, l.bytes.length, l.memsz);
            b.put((int) off, l.bytes);
            off += l.bytes.length;
        }
        return b.array();
    }

    /** {@return where the notes start in {@link #core()}} */
    long notesOffset() {
        return 64 + 56L * (gcoreStyle ? 5 : 6);
    }
}
