package dev.gopherlens.pclntab.internal.gocore;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.core.Limits;
import dev.gopherlens.pclntab.gocore.AuxvEntry;
import dev.gopherlens.pclntab.gocore.MappedFile;
import dev.gopherlens.pclntab.gocore.Note;
import dev.gopherlens.pclntab.gocore.ProcessInfo;
import dev.gopherlens.pclntab.gocore.Segment;
import dev.gopherlens.pclntab.gocore.SignalInfo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A Linux ELF core file without its binary: the segments and the notes decoded (threads, process, signal, auxv,
 * mapped files), per linux fs/binfmt_elf.c and include/uapi/linux/elfcore.h. Every note is framed by its declared
 * sizes, 4-byte aligned per the gABI, and unknown notes are skipped; every size is checked against the bytes that
 * remain before anything is allocated. Immutable after {@link #read}.
 *
 * @param source    the core's bytes
 * @param layout    the machine's register layout
 * @param segments  the {@code PT_LOAD} segments, in file order
 * @param notes     every note, in file order
 * @param threads   one per {@code NT_PRSTATUS}, in file order
 * @param process   the {@code NT_PRPSINFO} note, or null
 * @param signal    the {@code NT_SIGINFO} note, or null
 * @param auxv      the auxiliary vector up to {@code AT_NULL}, empty without {@code NT_AUXV}
 * @param files     the {@code NT_FILE} mappings, in note order
 * @param pageSize  the {@code NT_FILE} page size, or 0 without that note
 */
public record CoreFile(ByteSource source, RegisterLayout layout, List<Segment> segments, List<Note> notes,
                       List<RawThread> threads, ProcessInfo process, SignalInfo signal, List<AuxvEntry> auxv,
                       List<MappedFile> files, long pageSize) {
    private static final String F = "core";
    private static final int ET_CORE = 4;
    private static final int PRPSINFO_SIZE = 136;
    private static final int SIGINFO_MIN = 24;

    /**
     * A thread's {@code NT_PRSTATUS}, decoded, and the notes that follow it.
     *
     * @param lwp       {@code pr_pid}
     * @param cursig    {@code pr_cursig}
     * @param info      {@code pr_info}
     * @param registers the general registers, in the layout's order
     * @param notes     the {@code NT_PRSTATUS} note and the thread's other notes
     */
    public record RawThread(int lwp, int cursig, SignalInfo info, long[] registers, List<Note> notes) {
    }

    /**
     * Copies the lists.
     *
     * @param source   the core's bytes
     * @param layout   the register layout
     * @param segments the segments
     * @param notes    the notes
     * @param threads  the threads
     * @param process  the process note, or null
     * @param signal   the signal note, or null
     * @param auxv     the auxiliary vector
     * @param files    the mapped files
     * @param pageSize the page size of {@code NT_FILE}
     */
    public CoreFile {
        segments = List.copyOf(segments);
        notes = List.copyOf(notes);
        threads = List.copyOf(threads);
        auxv = List.copyOf(auxv);
        files = List.copyOf(files);
    }

    /**
     * Reads a core.
     *
     * @param in the core's bytes
     * @return the core
     * @throws GoParseException if it is no ELF core of a supported machine or a note is malformed
     */
    public static CoreFile read(ByteSource in) throws GoParseException {
        return read(in, Limits.DEFAULT);
    }

    /**
     * Reads a core within limits: at most {@link Limits#maxTableEntries()} notes and segments.
     *
     * @param in     the core's bytes
     * @param limits the limits
     * @return the core
     * @throws GoParseException if it is no ELF core of a supported machine, a note is malformed, or a limit is
     *                          exceeded
     */
    public static CoreFile read(ByteSource in, Limits limits) throws GoParseException {
        ElfHeader h = ElfHeader.read(in);
        if (h.programs().size() > limits.maxTableEntries()) {
            throw GoParseException.limitExceeded(F, 56, "maxTableEntries", h.programs().size(),
                    limits.maxTableEntries());
        }
        if (h.type() != ET_CORE) {
            throw GoParseException.malformed(F, 16, "expected an ELF core file (e_type 4), found e_type " + h.type());
        }
        RegisterLayout layout = RegisterLayout.forMachine(h.machine());
        if (layout == null) {
            throw GoParseException.unsupportedVersion(F, 18, "e_machine " + h.machine(), "x86-64 (62), AArch64 (183)");
        }
        List<Segment> segments = new ArrayList<>();
        List<Note> notes = new ArrayList<>();
        for (ElfHeader.Program p : h.programs()) {
            if (p.type() == ElfHeader.PT_LOAD) {
                segments.add(new Segment(p.vaddr(), p.memsz(), p.filesz(), p.offset(), p.flags()));
            } else if (p.type() == ElfHeader.PT_NOTE) {
                readNotes(in, F, p.offset(), p.filesz(), notes, limits.maxTableEntries());
            }
        }
        Builder b = new Builder(in, layout);
        for (Note n : notes) {
            b.add(n);
        }
        b.finish();
        return new CoreFile(in, layout, segments, notes, b.threads, b.process, b.signal, b.auxv, b.files,
                b.pageSize);
    }

    private static long align4(long n) {
        return (n + 3) & ~3L;
    }

    /**
     * Reads a note segment. gABI: namesz, descsz, type, then the name and the descriptor, each padded to 4 bytes.
     *
     * @param in    the file
     * @param f     the format name errors carry
     * @param start the segment's offset
     * @param size  its size
     * @param out   where the notes go
     * @param max   the most notes {@code out} may hold
     * @throws GoParseException if a note does not fit the segment, or there are more than {@code max}
     */
    static void readNotes(ByteSource in, String f, long start, long size, List<Note> out, int max)
            throws GoParseException {
        long end = start + size;
        long p = start;
        while (p < end) {
            if (end - p < 12) {
                throw GoParseException.truncated(f, p, "note header", 12, end - p);
            }
            long namesz = in.u32(p);
            long descsz = in.u32(p + 4);
            int type = in.i32(p + 8);
            long name = p + 12;
            long desc = name + align4(namesz);
            if (align4(namesz) > end - name || descsz > end - desc) {
                throw GoParseException.truncated(f, p, "note of name size " + namesz + " and descriptor size "
                        + descsz, 12 + align4(namesz) + descsz, end - p);
            }
            int n = (int) namesz;
            byte[] nb = in.bytes(name, n, "note name");
            while (n > 0 && nb[n - 1] == 0) {
                n--;
            }
            if (out.size() >= max) {
                throw GoParseException.limitExceeded(f, p, "maxTableEntries", out.size() + 1L, max);
            }
            out.add(new Note(new String(nb, 0, n, StandardCharsets.ISO_8859_1), type, desc, descsz));
            // The last descriptor may end unpadded at the segment's end.
            p = Math.min(end, desc + align4(descsz));
        }
    }

    /** Decodes the notes in order, attaching each thread's register sets to its NT_PRSTATUS. */
    private static final class Builder {
        private final ByteSource in;
        private final RegisterLayout layout;
        final List<RawThread> threads = new ArrayList<>();
        ProcessInfo process;
        SignalInfo signal;
        List<AuxvEntry> auxv = List.of();
        List<MappedFile> files = List.of();
        long pageSize;
        private RawThreadBuilder current;

        Builder(ByteSource in, RegisterLayout layout) {
            this.in = in;
            this.layout = layout;
        }

        void add(Note n) throws GoParseException {
            boolean core = n.owner().equals("CORE");
            if (core && n.type() == Note.NT_PRSTATUS) {
                finish();
                current = prstatus(n);
            } else if (core && n.type() == Note.NT_PRPSINFO) {
                process = prpsinfo(n);
            } else if (core && n.type() == Note.NT_SIGINFO) {
                if (signal == null) {
                    signal = siginfo(n);
                }
            } else if (core && n.type() == Note.NT_AUXV) {
                auxv = auxv(n);
            } else if (core && n.type() == Note.NT_FILE) {
                files = files(n);
            } else if (current != null && (core && n.type() == Note.NT_FPREGSET
                    || n.owner().equals("LINUX") && n.type() != 0x205)) {
                current.notes.add(n);
            }
        }

        void finish() {
            if (current != null) {
                threads.add(new RawThread(current.lwp, current.cursig, current.info, current.regs,
                        List.copyOf(current.notes)));
                current = null;
            }
        }

        private RawThreadBuilder prstatus(Note n) throws GoParseException {
            if (n.size() < layout.prstatusSize()) {
                throw GoParseException.malformed(F, n.offset(), "expected an NT_PRSTATUS of at least "
                        + layout.prstatusSize() + " bytes for " + layout.arch() + ", found " + n.size());
            }
            long d = n.offset();
            RawThreadBuilder t = new RawThreadBuilder();
            t.info = new SignalInfo(in.i32(d), in.i32(d + 4), in.i32(d + 8), 0, 0);
            t.cursig = in.u16(d + 12);
            t.lwp = in.i32(d + 32);
            int count = layout.names().size();
            t.regs = new long[count];
            for (int i = 0; i < count; i++) {
                t.regs[i] = in.u64(d + layout.registersOffset() + 8L * i);
            }
            t.notes.add(n);
            return t;
        }

        private ProcessInfo prpsinfo(Note n) throws GoParseException {
            if (n.size() < PRPSINFO_SIZE) {
                throw GoParseException.malformed(F, n.offset(), "expected an NT_PRPSINFO of " + PRPSINFO_SIZE
                        + " bytes, found " + n.size());
            }
            long d = n.offset();
            return new ProcessInfo((char) in.u8(d + 1), in.i32(d + 24), in.i32(d + 28), in.u32(d + 16),
                    in.u32(d + 20), in.cString(d + 40, 16), in.cString(d + 56, 80).strip());
        }

        private SignalInfo siginfo(Note n) throws GoParseException {
            if (n.size() < SIGINFO_MIN) {
                throw GoParseException.malformed(F, n.offset(), "expected an NT_SIGINFO of at least " + SIGINFO_MIN
                        + " bytes, found " + n.size());
            }
            long d = n.offset();
            int signo = in.i32(d);
            int errno = in.i32(d + 4);
            int code = in.i32(d + 8);
            SignalInfo probe = new SignalInfo(signo, code, errno, 0, 0);
            if (probe.isFault()) {
                return new SignalInfo(signo, code, errno, in.u64(d + 16), 0);
            }
            return new SignalInfo(signo, code, errno, 0, code <= 0 ? in.i32(d + 16) : 0);
        }

        private List<AuxvEntry> auxv(Note n) throws GoParseException {
            long count = n.size() / 16;
            List<AuxvEntry> list = new ArrayList<>((int) Math.min(count, 1024));
            for (long i = 0; i < count; i++) {
                long type = in.u64(n.offset() + 16 * i);
                if (type == 0) {
                    break;
                }
                list.add(new AuxvEntry(type, in.u64(n.offset() + 16 * i + 8)));
            }
            return list;
        }

        /** linux fs/binfmt_elf.c fill_files_note: count, page size, count × {start, end, pgoff}, then the names. */
        private List<MappedFile> files(Note n) throws GoParseException {
            long d = n.offset();
            if (n.size() < 16) {
                throw GoParseException.truncated(F, d, "NT_FILE header", 16, n.size());
            }
            long count = in.u64(d);
            pageSize = in.u64(d + 8);
            if (count < 0 || count > (n.size() - 16) / 24) {
                throw GoParseException.truncated(F, d, "NT_FILE table of " + Long.toUnsignedString(count)
                        + " entries", count < 0 ? Long.MAX_VALUE : 16 + count * 24, n.size());
            }
            if (pageSize <= 0 || pageSize > 1L << 30 || Long.bitCount(pageSize) != 1) {
                throw GoParseException.malformed(F, d + 8, "expected a power-of-two NT_FILE page size, found "
                        + Long.toUnsignedString(pageSize));
            }
            long names = d + 16 + count * 24;
            long end = d + n.size();
            List<MappedFile> list = new ArrayList<>((int) count);
            for (long i = 0; i < count; i++) {
                long e = d + 16 + 24 * i;
                long start = in.u64(e);
                long stop = in.u64(e + 8);
                long pgoff = in.u64(e + 16);
                long q = names;
                while (q < end && in.u8(q) != 0) {
                    q++;
                }
                if (q >= end) {
                    throw GoParseException.truncated(F, names, "NT_FILE name " + i, q - names + 1, end - names);
                }
                byte[] b = in.bytes(names, q - names, "NT_FILE name");
                if (Long.compareUnsigned(pgoff, Long.MAX_VALUE / pageSize) > 0) {
                    throw GoParseException.malformed(F, e + 16, "expected a file page offset below 2^63 bytes,"
                            + " found page 0x" + Long.toHexString(pgoff));
                }
                list.add(new MappedFile(start, stop, pgoff * pageSize, new String(b, StandardCharsets.UTF_8)));
                names = q + 1;
            }
            return list;
        }
    }

    private static final class RawThreadBuilder {
        int lwp;
        int cursig;
        SignalInfo info;
        long[] regs;
        final List<Note> notes = new ArrayList<>();
    }
}
