package dev.gopherlens.pclntab.internal.gocore;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.pclntab.gocore.MappedFile;
import dev.gopherlens.pclntab.gocore.MemoryRegion;
import dev.gopherlens.pclntab.gocore.Segment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The process's address space rebuilt from a core and its binary, as disjoint runs of addresses sorted unsigned,
 * each backed by core bytes, binary bytes or zeros. Layers, strongest first (docs/core-dump-notes.md §1.5): the
 * core's dumped bytes; the binary's {@code PT_LOAD} file bytes at their biased addresses; the binary's
 * {@code .bss} tail as zeros; the rest of the pages {@code NT_FILE} says were mapped from the binary. The binary's
 * layers count only where the core has a mapping, and nothing else is readable: a core's {@code p_filesz <
 * p_memsz} means "not written", not zeros. Immutable and thread-safe.
 */
public final class MemoryMap {
    private static final int CORE = 0;
    private static final int BINARY = 1;
    private static final int ZERO = 2;

    private final ByteSource core;
    private final ByteSource binary;
    private final long[] starts;
    private final long[] ends;
    private final int[] kinds;
    /** Per run: the file offset of its first byte in its source. */
    private final long[] offsets;

    private MemoryMap(ByteSource core, ByteSource binary, List<Run> runs) {
        this.core = core;
        this.binary = binary;
        int n = runs.size();
        starts = new long[n];
        ends = new long[n];
        kinds = new int[n];
        offsets = new long[n];
        for (int i = 0; i < n; i++) {
            Run r = runs.get(i);
            starts[i] = r.start;
            ends[i] = r.end;
            kinds[i] = r.kind;
            offsets[i] = r.offset;
        }
    }

    /** A run being built: [start, end) from a source at an offset. */
    private record Run(long start, long end, int kind, long offset) {
        Run clip(long s, long e) {
            return new Run(s, e, kind, offset + (s - start));
        }
    }

    /**
     * Builds the image.
     *
     * @param core          the core
     * @param binary        the binary's bytes
     * @param binaryHeader  the binary's program headers
     * @param bias          the binary's load bias
     * @param binaryFiles   the {@code NT_FILE} mappings of the binary
     * @return the image
     * @throws GoParseException if the core has more segments than can be sorted
     */
    public static MemoryMap build(CoreFile core, ByteSource binary, ElfHeader binaryHeader, long bias,
                                  List<MappedFile> binaryFiles) throws GoParseException {
        List<Run> painted = new ArrayList<>();
        List<Run> mapped = new ArrayList<>();
        for (Segment s : core.segments()) {
            if (s.memorySize() != 0) {
                mapped.add(new Run(s.address(), s.end(), CORE, s.fileOffset()));
            }
            if (s.fileSize() != 0) {
                paint(painted, new Run(s.address(), s.address() + s.fileSize(), CORE, s.fileOffset()));
            }
        }
        List<Run> fromBinary = new ArrayList<>();
        List<Run> zeros = new ArrayList<>();
        for (ElfHeader.Program p : binaryHeader.programs()) {
            if (p.type() != ElfHeader.PT_LOAD) {
                continue;
            }
            long start = p.vaddr() + bias;
            if (p.filesz() != 0) {
                fromBinary.add(new Run(start, start + p.filesz(), BINARY, p.offset()));
            }
            if (p.memsz() != p.filesz()) {
                zeros.add(new Run(start + p.filesz(), start + p.memsz(), ZERO, 0));
            }
        }
        for (MappedFile f : binaryFiles) {
            long avail = binary.size() - Math.min(binary.size(), f.fileOffset());
            long len = Math.min(avail, f.end() - f.start());
            if (f.fileOffset() >= 0 && len > 0) {
                zeros.add(new Run(f.start(), f.start() + len, BINARY, f.fileOffset()));
            }
        }
        for (Run r : fromBinary) {
            paintInside(painted, mapped, r);
        }
        for (Run r : zeros) {
            paintInside(painted, mapped, r);
        }
        painted.sort(Comparator.comparing(Run::start, Long::compareUnsigned));
        return new MemoryMap(core.source(), binary, painted);
    }

    /** Paints the parts of a run that lie inside the core's mappings and are not painted yet. */
    private static void paintInside(List<Run> painted, List<Run> mapped, Run r) {
        if (Long.compareUnsigned(r.start, r.end) >= 0) {
            return; // empty, or wrapped past the top of the address space by a corrupt size or bias
        }
        for (Run m : mapped) {
            long s = Long.compareUnsigned(r.start, m.start) > 0 ? r.start : m.start;
            long e = Long.compareUnsigned(r.end, m.end) < 0 ? r.end : m.end;
            if (Long.compareUnsigned(s, e) < 0) {
                paint(painted, r.clip(s, e));
            }
        }
    }

    /** Adds the parts of a run not yet covered by a painted run. */
    private static void paint(List<Run> painted, Run r) {
        if (Long.compareUnsigned(r.start, r.end) >= 0) {
            return;
        }
        List<Run> pieces = new ArrayList<>();
        pieces.add(r);
        for (Run p : painted) {
            List<Run> next = new ArrayList<>();
            for (Run q : pieces) {
                if (Long.compareUnsigned(q.end, p.start) <= 0 || Long.compareUnsigned(p.end, q.start) <= 0) {
                    next.add(q);
                    continue;
                }
                if (Long.compareUnsigned(q.start, p.start) < 0) {
                    next.add(q.clip(q.start, p.start));
                }
                if (Long.compareUnsigned(p.end, q.end) < 0) {
                    next.add(q.clip(p.end, q.end));
                }
            }
            pieces = next;
            if (pieces.isEmpty()) {
                return;
            }
        }
        painted.addAll(pieces);
    }

    /** The run holding an address, or -1. */
    private int find(long address) {
        int lo = 0;
        int hi = starts.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(starts[mid], address) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return hi >= 0 && Long.compareUnsigned(address, ends[hi]) < 0 ? hi : -1;
    }

    /**
     * Copies the bytes at an address, as many as are readable without a gap.
     *
     * @param address the first address
     * @param dst     the destination
     * @param off     where in it
     * @param length  how many bytes are wanted
     * @return how many were copied, from 0 (the first address is unreadable) to {@code length}
     * @throws GoParseException if a source file is shorter than its headers said (checked when they were read)
     */
    public int copy(long address, byte[] dst, int off, int length) throws GoParseException {
        int done = 0;
        long a = address;
        int i = find(a);
        while (done < length && i >= 0) {
            long inRun = ends[i] - a;
            int n = (int) Math.min(length - done, Long.compareUnsigned(inRun, Integer.MAX_VALUE) > 0
                    ? Integer.MAX_VALUE : inRun);
            long src = offsets[i] + (a - starts[i]);
            switch (kinds[i]) {
                case CORE -> core.read(src, dst, off + done, n, "core memory");
                case BINARY -> binary.read(src, dst, off + done, n, "binary memory");
                default -> java.util.Arrays.fill(dst, off + done, off + done + n, (byte) 0);
            }
            done += n;
            a += n;
            i = i + 1 < starts.length && starts[i + 1] == a ? i + 1 : -1;
        }
        return done;
    }

    /**
     * Counts the bytes readable from an address without a gap, up to a length; reads nothing.
     *
     * @param address the first address
     * @param length  the most to count
     * @return from 0 (the first address is unreadable) to {@code length}
     */
    public long readable(long address, long length) {
        long done = 0;
        long a = address;
        int i = find(a);
        while (done < length && i >= 0) {
            long inRun = ends[i] - a;
            long n = Long.compareUnsigned(inRun, length - done) < 0 ? inRun : length - done;
            done += n;
            a += n;
            i = i + 1 < starts.length && starts[i + 1] == a ? i + 1 : -1;
        }
        return done;
    }

    /** {@return the runs, sorted by address} */
    public List<MemoryRegion> regions() {
        List<MemoryRegion> list = new ArrayList<>(starts.length);
        for (int i = 0; i < starts.length; i++) {
            list.add(new MemoryRegion(starts[i], ends[i], kinds[i] == CORE ? MemoryRegion.Source.CORE
                    : kinds[i] == BINARY ? MemoryRegion.Source.BINARY : MemoryRegion.Source.ZERO));
        }
        return List.copyOf(list);
    }

    @Override
    public String toString() {
        return "MemoryMap[" + starts.length + " runs]";
    }
}
