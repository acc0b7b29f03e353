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
 * layers count only where the core has a mapping or {@code NT_FILE} says the binary was mapped, and nothing else is
 * readable: a core's {@code p_filesz <
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
     */
    public static MemoryMap build(CoreFile core, ByteSource binary, ElfHeader binaryHeader, long bias,
                                  List<MappedFile> binaryFiles) {
        // Layers in priority order: a run's index in this list is its priority, lower wins.
        List<Run> layers = new ArrayList<>();
        List<Run> mapped = new ArrayList<>();
        for (Segment s : core.segments()) {
            if (s.memorySize() != 0) {
                mapped.add(new Run(s.address(), s.end(), CORE, s.fileOffset()));
            }
            if (s.fileSize() != 0) {
                layers.add(new Run(s.address(), s.address() + s.fileSize(), CORE, s.fileOffset()));
            }
        }
        List<Run> zeros = new ArrayList<>();
        for (ElfHeader.Program p : binaryHeader.programs()) {
            if (p.type() != ElfHeader.PT_LOAD) {
                continue;
            }
            long start = p.vaddr() + bias;
            if (p.filesz() != 0) {
                layers.add(new Run(start, start + p.filesz(), BINARY, p.offset()));
            }
            if (p.memsz() != p.filesz()) {
                zeros.add(new Run(start + p.filesz(), start + p.memsz(), ZERO, 0));
            }
        }
        layers.addAll(zeros);
        for (MappedFile f : binaryFiles) {
            long avail = binary.size() - Math.min(binary.size(), f.fileOffset());
            long len = Math.min(avail, f.end() - f.start());
            if (f.fileOffset() >= 0 && len > 0) {
                layers.add(new Run(f.start(), f.start() + len, BINARY, f.fileOffset()));
            }
            // NT_FILE's word that the binary was mapped there is as good as a segment header: gdb's gcore writes
            // no PT_LOAD at all for a read-only mapping of a file (the binary's rodata), where the kernel writes
            // one with p_filesz 0.
            mapped.add(new Run(f.start(), f.end(), BINARY, f.fileOffset()));
        }
        return new MemoryMap(core.source(), binary, sweep(layers, mapped));
    }

    /**
     * Resolves the layers into disjoint runs in one sweep over their sorted boundaries, O(n log n) whatever the
     * overlaps: at each point the lowest-indexed active layer wins, and a layer from the binary counts only where
     * a core mapping is active too.
     */
    private static List<Run> sweep(List<Run> layers, List<Run> mapped) {
        int n = layers.size();
        int m = mapped.size();
        // Events: {address, +1 start / -1 end, layer index (mapped ones after the layers)}.
        List<long[]> events = new ArrayList<>(2 * (n + m));
        for (int i = 0; i < n + m; i++) {
            Run r = i < n ? layers.get(i) : mapped.get(i - n);
            if (Long.compareUnsigned(r.start, r.end) < 0) { // empty or wrapped by a corrupt size or bias: ignored
                events.add(new long[] {r.start, 1, i});
                events.add(new long[] {r.end, -1, i});
            }
        }
        events.sort((a, b) -> Long.compareUnsigned(a[0], b[0]));
        java.util.TreeSet<Integer> active = new java.util.TreeSet<>();
        int mappedActive = 0;
        List<Run> out = new ArrayList<>();
        int lastLayer = -1;
        int e = 0;
        long prev = 0;
        while (e < events.size()) {
            long at = events.get(e)[0];
            if (e > 0 && at != prev && !active.isEmpty()) {
                int top = active.first();
                Run r = layers.get(top);
                if (r.kind == CORE || mappedActive > 0) {
                    Run last = out.isEmpty() ? null : out.get(out.size() - 1);
                    if (last != null && lastLayer == top && last.end == prev) {
                        out.set(out.size() - 1, new Run(last.start, at, last.kind, last.offset));
                    } else {
                        out.add(r.clip(prev, at));
                        lastLayer = top;
                    }
                }
            }
            for (; e < events.size() && events.get(e)[0] == at; e++) {
                long[] ev = events.get(e);
                int i = (int) ev[2];
                if (i >= n) {
                    mappedActive += (int) ev[1];
                } else if (ev[1] > 0) {
                    active.add(i);
                } else {
                    active.remove(i);
                }
            }
            prev = at;
        }
        return out;
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
