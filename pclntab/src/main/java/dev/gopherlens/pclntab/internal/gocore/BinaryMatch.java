package dev.gopherlens.pclntab.internal.gocore;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.pclntab.gocore.AuxvEntry;
import dev.gopherlens.pclntab.gocore.MappedFile;
import dev.gopherlens.pclntab.gocore.Note;
import dev.gopherlens.pclntab.gocore.Segment;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Decides whether a core was written by a binary, and where the binary was loaded (docs/core-dump-notes.md §1.6):
 * the machine; the core's copy of the binary's first page (ELF header, program headers and build-id notes) byte
 * for byte when the core holds it; {@code AT_ENTRY} against the entry point; and every {@code NT_FILE} mapping of
 * the executable against the binary's segments. A core that fails any check is refused with the reason, never
 * misread. Immutable.
 *
 * @param bias        the load bias: 0 for a static executable, the base of a position-independent one
 * @param path        the binary's path as the process saw it, or empty when the core has no {@code NT_FILE}
 * @param files       the {@code NT_FILE} mappings of the binary
 * @param goBuildId   the binary's Go build id ({@code .note.go.buildid}), or empty
 * @param gnuBuildId  the binary's GNU build id in hex ({@code .note.gnu.build-id}), or empty
 */
public record BinaryMatch(long bias, String path, List<MappedFile> files, String goBuildId, String gnuBuildId) {
    private static final String F = "core";
    private static final int ET_EXEC = 2;
    private static final int ET_DYN = 3;

    /**
     * Copies the list.
     *
     * @param bias       the load bias
     * @param path       the binary's path, or empty
     * @param files      the binary's mappings
     * @param goBuildId  the Go build id, or empty
     * @param gnuBuildId the GNU build id, or empty
     */
    public BinaryMatch {
        files = List.copyOf(files);
    }

    /**
     * Checks a core against a binary.
     *
     * @param core   the core
     * @param exe    the binary's bytes
     * @param header the binary's headers
     * @return where the binary lies in the core's address space
     * @throws GoParseException if the binary is no executable, or the core was not written by it
     */
    public static BinaryMatch of(CoreFile core, ByteSource exe, ElfHeader header) throws GoParseException {
        return of(core, exe, header, List.of());
    }

    /**
     * Checks a core against a binary whose note sections are known.
     *
     * @param core         the core
     * @param exe          the binary's bytes
     * @param header       the binary's headers
     * @param noteSections the binary's note sections as {offset, size} pairs: the GNU build id has a section but
     *                     no segment of its own
     * @return where the binary lies in the core's address space
     * @throws GoParseException if the binary is no executable, or the core was not written by it
     */
    public static BinaryMatch of(CoreFile core, ByteSource exe, ElfHeader header, List<long[]> noteSections)
            throws GoParseException {
        if (header.type() != ET_EXEC && header.type() != ET_DYN) {
            throw GoParseException.malformed("binary", 16, "expected an executable (e_type 2 or 3), found e_type "
                    + header.type());
        }
        if (header.machine() != core.layout().machine()) {
            throw GoParseException.malformed(F, 18, "the core was not written by this binary: the core is of"
                    + " e_machine " + core.layout().machine() + ", the binary of " + header.machine());
        }
        String[] ids = buildIds(exe, header, noteSections, exe.size());
        long page = core.pageSize() > 0 ? core.pageSize() : 4096;
        Long atEntry = null;
        for (AuxvEntry e : core.auxv()) {
            if (e.type() == AuxvEntry.AT_ENTRY) {
                atEntry = e.value();
            }
        }
        ElfHeader.Program first = null;
        for (ElfHeader.Program p : header.programs()) {
            if (p.type() == ElfHeader.PT_LOAD && p.offset() == 0) {
                first = p;
                break;
            }
        }
        // The executable's mappings: those of the file that holds the entry point.
        String path = "";
        for (MappedFile f : core.files()) {
            boolean holdsEntry = atEntry != null && f.contains(atEntry);
            boolean firstPage = atEntry == null && header.type() == ET_EXEC && first != null && f.fileOffset() == 0
                    && f.start() == (first.vaddr() & -page);
            if (holdsEntry || firstPage) {
                path = f.path();
                break;
            }
        }
        List<MappedFile> files = new ArrayList<>();
        for (MappedFile f : core.files()) {
            if (!path.isEmpty() && f.path().equals(path)) {
                files.add(f);
            }
        }
        for (MappedFile f : files) {
            if (f.fileOffset() == 0) {
                compareFirstPage(core, exe, header, noteSections, f.start(), page, ids);
                break;
            }
        }
        long bias;
        if (atEntry != null) {
            bias = atEntry - header.entry();
        } else {
            bias = 0;
            for (MappedFile f : files) {
                if (f.fileOffset() == 0 && first != null) {
                    bias = f.start() - (first.vaddr() & -page);
                }
            }
        }
        long auxvOffset = noteOffset(core, Note.NT_AUXV);
        if (header.type() == ET_EXEC && bias != 0) {
            throw GoParseException.malformed(F, auxvOffset, "the core was not written by this binary: its AT_ENTRY"
                    + " is 0x" + Long.toHexString(atEntry == null ? 0 : atEntry) + ", the binary's entry 0x"
                    + Long.toHexString(header.entry()) + describe(ids));
        }
        if ((bias & (page - 1)) != 0) {
            throw GoParseException.malformed(F, auxvOffset, "the core was not written by this binary: its AT_ENTRY"
                    + " 0x" + Long.toHexString(atEntry == null ? 0 : atEntry) + " is the binary's entry 0x"
                    + Long.toHexString(header.entry()) + " moved by 0x" + Long.toHexString(bias)
                    + ", not by whole pages" + describe(ids));
        }
        for (MappedFile f : files) {
            if (!matchesSegment(f, header, bias, page)) {
                throw GoParseException.malformed(F, noteOffset(core, Note.NT_FILE), "the core was not written by"
                        + " this binary: the mapping " + f + " matches no segment of the binary at load bias 0x"
                        + Long.toHexString(bias) + describe(ids));
            }
        }
        return new BinaryMatch(bias, path, files, ids[0], ids[1]);
    }

    /**
     * Whether a mapping is a page run of one of the binary's segments at the same distance into the segment in
     * memory and in the file. Usually it is the whole segment, but a mapping may start inside one: the dynamic
     * loader makes the relocation-read-only head of an externally linked binary's data segment (GNU_RELRO, cgo
     * binaries) read-only after relocating it, which splits the segment's mapping in two.
     */
    private static boolean matchesSegment(MappedFile f, ElfHeader header, long bias, long page) {
        for (ElfHeader.Program p : header.programs()) {
            if (p.type() != ElfHeader.PT_LOAD) {
                continue;
            }
            long intoMemory = f.start() - bias - (p.vaddr() & -page);
            long intoFile = f.fileOffset() - (p.offset() & -page);
            long fileSpan = (p.offset() & (page - 1)) + p.filesz();
            if (intoMemory == intoFile && intoMemory >= 0 && (intoMemory == 0 || intoMemory < fileSpan)) {
                return true;
            }
        }
        return false;
    }

    private static long noteOffset(CoreFile core, int type) {
        for (Note n : core.notes()) {
            if (n.type() == type && n.owner().equals("CORE")) {
                return n.offset();
            }
        }
        return -1;
    }

    /** Compares the core's copy of the binary's first page, when the core wrote it, with the binary's bytes. */
    private static void compareFirstPage(CoreFile core, ByteSource exe, ElfHeader header, List<long[]> sections,
                                         long start, long page, String[] ids) throws GoParseException {
        long n = Math.min(page, exe.size());
        for (Segment s : core.segments()) {
            if (!s.contains(start) || Long.compareUnsigned(start - s.address() + n, s.fileSize()) > 0) {
                continue;
            }
            long coreOffset = s.fileOffset() + (start - s.address());
            byte[] copy = core.source().bytes(coreOffset, n, "the binary's first page");
            byte[] real = exe.bytes(0, n, "first page");
            int diff = java.util.Arrays.mismatch(copy, real);
            if (diff >= 0) {
                String[] coreIds = buildIds(ByteSource.of(F, ByteBuffer.wrap(copy)), header, sections, n);
                throw GoParseException.malformed(F, coreOffset + diff, "the core was not written by this binary: the"
                        + " core's copy of its first page (at 0x" + Long.toHexString(start) + ") differs from the"
                        + " binary at byte 0x" + Long.toHexString(diff) + "; build ids in the core: "
                        + idText(coreIds) + ", in the binary: " + idText(ids));
            }
            return;
        }
    }

    private static String describe(String[] ids) {
        return ids[0].isEmpty() && ids[1].isEmpty() ? "" : " (binary build ids " + idText(ids) + ")";
    }

    private static String idText(String[] ids) {
        if (ids[0].isEmpty() && ids[1].isEmpty()) {
            return "none";
        }
        return (ids[0].isEmpty() ? "" : "Go " + ids[0]) + (ids[0].isEmpty() || ids[1].isEmpty() ? "" : ", ")
                + (ids[1].isEmpty() ? "" : "GNU " + ids[1]);
    }

    /**
     * Reads the Go and GNU build ids from the binary's note segments that lie within a prefix of the file bytes.
     * Corrupt notes give empty ids: the ids only explain a refusal.
     */
    private static String[] buildIds(ByteSource bytes, ElfHeader header, List<long[]> sections, long limit) {
        String[] ids = {"", ""};
        List<long[]> ranges = new ArrayList<>(sections);
        for (ElfHeader.Program p : header.programs()) {
            if (p.type() == ElfHeader.PT_NOTE) {
                ranges.add(new long[] {p.offset(), p.filesz()});
            }
        }
        for (long[] r : ranges) {
            if (r[0] < 0 || r[1] < 0 || r[1] > limit || r[0] > limit - r[1]) {
                continue;
            }
            List<Note> notes = new ArrayList<>();
            try {
                CoreFile.readNotes(bytes, "binary", r[0], r[1], notes, 64);
                for (Note n : notes) {
                    if (n.owner().equals("Go") && n.type() == 4 && n.size() <= 1024) {
                        ids[0] = new String(bytes.bytes(n.offset(), n.size(), "Go build id"),
                                StandardCharsets.UTF_8).replace("\0", "");
                    } else if (n.owner().equals("GNU") && n.type() == 3 && n.size() <= 1024) {
                        ids[1] = HexFormat.of().formatHex(bytes.bytes(n.offset(), n.size(), "GNU build id"));
                    }
                }
            } catch (GoParseException e) {
                // Leave the ids empty: a refusal names what it can.
            }
        }
        return ids;
    }
}
