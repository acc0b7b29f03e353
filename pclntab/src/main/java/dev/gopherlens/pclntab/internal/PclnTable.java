package dev.gopherlens.pclntab.internal;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.pclntab.PclntabVersion;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The Go runtime's pc-line table of one binary, every layout (runtime/symtab.go, internal/abi/symtab.go,
 * cmd/link/internal/ld/pcln.go): the function table, each function's {@code _func} record, the pc-value programs
 * (line, file, sp, pcdata) and the name and file tables. Reads bytes only when asked; every offset is checked
 * against the table before it is followed, so a corrupt table gives {@link GoParseException}.
 *
 * <p>Not thread-safe for the name caches; {@link dev.gopherlens.pclntab.GoBinary} guards it.
 */
public final class PclnTable {
    static final String FORMAT = "pclntab";
    private static final int NO_FILE = -1;

    private final ByteBuffer b;
    private final long tableOffset;
    final PclntabVersion version;
    final int ptrSize;
    final int quantum;
    /** The Go minor version when known (build info), else 0; picks between same-magic layouts. */
    final int goMinor;
    private final long textStart;
    final int nfunc;
    private final int funcnameOff;
    private final int cuOff;
    private final int filetabOff;
    private final int pctabOff;
    private final int functabOff;
    /** Where {@code _func} offsets count from: the table (Go 1.2-1.15) or the functab (1.16+). */
    private final int funcBase;
    private final String[] names;
    /** File names by their index in the compilation-unit table (Go 1.16+) or their number (1.2), decoded once. */
    private final String[] files;

    /**
     * Reads a pclntab's header.
     *
     * @param tab         the pclntab's bytes from its header to the end of its section
     * @param tableOffset the file offset of the header, for errors
     * @param textStart   the address of the first text byte ({@code runtime.text}); used from Go 1.18 on
     * @param goMinor     the Go minor version from the build info, 0 when unknown
     * @throws GoParseException if the header is not a valid pclntab header
     */
    public PclnTable(ByteBuffer tab, long tableOffset, long textStart, int goMinor) throws GoParseException {
        byte[] head = new byte[Math.min(8, tab.capacity())];
        tab.get(0, head);
        PclntabVersion.Header h = PclntabVersion.readHeader(head, 0);
        this.b = tab.slice().order(h.order());
        this.tableOffset = tableOffset;
        this.version = h.version();
        this.ptrSize = h.ptrSize();
        this.quantum = h.quantum();
        this.goMinor = goMinor;
        this.textStart = textStart;
        long n = word(8);
        int p = ptrSize;
        if (version == PclntabVersion.GO_1_2) {
            functabOff = 8 + p;
            funcBase = 0;
            funcnameOff = 0;
            pctabOff = 0;
            cuOff = 0;
            checkCount(n, 2L * p, functabOff);
            filetabOff = (int) u32(functabOff + (int) n * 2 * p + p);
        } else {
            boolean v116 = version == PclntabVersion.GO_1_16;
            int f = v116 ? 8 + 2 * p : 8 + 3 * p;
            funcnameOff = offset(word(f), "funcnameOffset");
            cuOff = offset(word(f + p), "cuOffset");
            filetabOff = offset(word(f + 2 * p), "filetabOffset");
            pctabOff = offset(word(f + 3 * p), "pctabOffset");
            functabOff = offset(word(f + 4 * p), "pclnOffset");
            funcBase = functabOff;
            checkCount(n, version.compareTo(PclntabVersion.GO_1_18) >= 0 ? 8 : 2L * p, functabOff);
        }
        this.nfunc = (int) n;
        this.names = new String[nfunc];
        int fileSlots = version == PclntabVersion.GO_1_2 ? (int) Math.min(u32(filetabOff), 1 << 24)
                : Math.max(0, (filetabOff - cuOff) / 4);
        this.files = new String[Math.max(0, fileSlots)];
    }

    private void checkCount(long n, long entrySize, int at) throws GoParseException {
        if (n < 0 || n > (b.capacity() - at) / entrySize) {
            throw GoParseException.malformed(FORMAT, tableOffset + 8, "expected a function count that fits the table, found "
                    + Long.toUnsignedString(n));
        }
    }

    private int offset(long v, String what) throws GoParseException {
        if (v < 0 || v > b.capacity()) {
            throw GoParseException.malformed(FORMAT, tableOffset, "expected " + what + " within the table ("
                    + b.capacity() + " bytes), found " + Long.toUnsignedString(v));
        }
        return (int) v;
    }

    private void check(long at, int n, String what) throws GoParseException {
        if (at < 0 || at > b.capacity() - n) {
            throw GoParseException.truncated(FORMAT, tableOffset + Math.max(0, Math.min(at, b.capacity())), what, n,
                    Math.max(0, b.capacity() - at));
        }
    }

    long u32(long at) throws GoParseException {
        check(at, 4, "u32");
        return Integer.toUnsignedLong(b.getInt((int) at));
    }

    int u8(long at) throws GoParseException {
        check(at, 1, "u8");
        return b.get((int) at) & 0xff;
    }

    long word(long at) throws GoParseException {
        if (ptrSize == 8) {
            check(at, 8, "u64");
            return b.getLong((int) at);
        }
        return u32(at);
    }

    /** {@return the layout} */
    public PclntabVersion version() {
        return version;
    }

    /** {@return the pc quantum} */
    public int quantum() {
        return quantum;
    }

    /** {@return how many entries the function table has} */
    public int funcCount() {
        return nfunc;
    }

    /**
     * Returns the entry pc of function i.
     *
     * @param i the index in the function table
     * @return the entry address
     * @throws GoParseException if the table is truncated
     */
    public long entry(int i) throws GoParseException {
        if (version.compareTo(PclntabVersion.GO_1_18) >= 0) {
            return textStart + u32(functabOff + 8L * i);
        }
        return word(functabOff + 2L * ptrSize * i);
    }

    /**
     * Returns the end pc of function i: the next function's entry, or the table's end pc for the last.
     *
     * @param i the index
     * @return the address after the function's last byte
     * @throws GoParseException if the table is truncated
     */
    public long end(int i) throws GoParseException {
        if (i + 1 < nfunc) {
            return entry(i + 1);
        }
        if (version.compareTo(PclntabVersion.GO_1_18) >= 0) {
            return textStart + u32(functabOff + 8L * nfunc);
        }
        return word(functabOff + 2L * ptrSize * nfunc);
    }

    /** {@return the offset of function i's {@code _func} record in the table} */
    int funcAt(int i) throws GoParseException {
        long off = version.compareTo(PclntabVersion.GO_1_18) >= 0 ? u32(functabOff + 8L * i + 4)
                : word(functabOff + 2L * ptrSize * i + ptrSize);
        long at = funcBase + off;
        check(at, fixedSize(), "_func");
        return (int) at;
    }

    /**
     * Finds the function whose range holds a pc.
     *
     * @param pc the address
     * @return its index, or -1 when the pc lies outside every function
     * @throws GoParseException if the table is truncated
     */
    public int find(long pc) throws GoParseException {
        if (nfunc == 0 || Long.compareUnsigned(pc, entry(0)) < 0 || Long.compareUnsigned(pc, end(nfunc - 1)) >= 0) {
            return -1;
        }
        int lo = 0;
        int hi = nfunc - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (Long.compareUnsigned(entry(mid), pc) <= 0) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    // ---- _func fields ----

    /** The size of the fixed part of {@code _func}. */
    private int fixedSize() {
        return switch (version) {
            case GO_1_2 -> ptrSize + 32;
            case GO_1_16 -> ptrSize + 36;
            case GO_1_18 -> 40;
            case GO_1_20 -> 44;
        };
    }

    /** The n-th 32-bit field after the entry (1 = nameoff, 2 = args, 3 = deferreturn, 4 = pcsp, 5 = pcfile, …). */
    long field(int func, int n) throws GoParseException {
        int sz0 = version.compareTo(PclntabVersion.GO_1_18) >= 0 ? 4 : ptrSize;
        return u32(func + sz0 + (n - 1) * 4L);
    }

    /**
     * Returns function i's name.
     *
     * @param i the index
     * @return the name
     * @throws GoParseException if the name lies outside the table
     */
    public String name(int i) throws GoParseException {
        String s = names[i];
        if (s == null) {
            s = nameAt(field(funcAt(i), 1));
            names[i] = s;
        }
        return s;
    }

    /** A name, its offset in the function-name table, and the name the runtime prints. */
    private record Name(long off, String name, String printed) {
    }

    /** Names of inlined functions, by offset, decoded once each (direct-mapped; published atomically). */
    private final java.util.concurrent.atomic.AtomicReferenceArray<Name> inlineNames =
            new java.util.concurrent.atomic.AtomicReferenceArray<>(1 << 12);

    /** A name by its offset in the function-name table. */
    String nameAt(long nameOff) throws GoParseException {
        int slot = (int) ((nameOff * 0x9E3779B97F4A7C15L) >>> 52);
        Name n = inlineNames.get(slot);
        if (n == null || n.off != nameOff) {
            String raw = cstring(funcnameOff + nameOff);
            n = new Name(nameOff, raw, InlineTree.printName(raw));
            inlineNames.set(slot, n);
        }
        return n.name;
    }

    /** {@link #nameAt} as the runtime prints it: type arguments as {@code [...]}. */
    String printedNameAt(long nameOff) throws GoParseException {
        nameAt(nameOff);
        int slot = (int) ((nameOff * 0x9E3779B97F4A7C15L) >>> 52);
        Name n = inlineNames.get(slot);
        return n != null && n.off == nameOff ? n.printed : InlineTree.printName(nameAt(nameOff));
    }

    /** Function names as the runtime prints them, made once each (benign races: Strings are immutable). */
    private String[] printedNames;

    /** {@link #name} as the runtime prints it: type arguments as {@code [...]}. */
    String printedName(int i) throws GoParseException {
        String[] p = printedNames;
        if (p == null) {
            p = new String[nfunc];
            printedNames = p;
        }
        String s = p[i];
        if (s == null) {
            s = InlineTree.printName(name(i));
            p[i] = s;
        }
        return s;
    }

    /**
     * What lookups at many pcs of one function read again and again: its record's offsets, decoded once.
     *
     * @param index    the function's index
     * @param entry    its entry pc
     * @param lineOff  its line program's offset
     * @param fileOff  its file program's offset
     * @param cu       its compilation unit's offset in the file table
     * @param inlOff   its inline-tree-index program's offset, 0 when none
     * @param inlineTbl the pcdata index the inline-tree-index program was read from
     * @param funcId    its abi.FuncID
     * @param startLine the line of its {@code func} keyword (Go 1.20+), else 0
     */
    public record Fn(int index, long entry, long lineOff, long fileOff, long cu, long inlOff, int inlineTbl,
                     int funcId, int startLine) {
    }

    /**
     * Reads function i's offsets for repeated lookups.
     *
     * @param i         the function's index
     * @param inlineTbl the pcdata index of the inline-tree index, by Go version
     * @return the offsets
     */
    public Fn fn(int i, int inlineTbl) throws GoParseException {
        Fn[] cache = fns;
        if (cache == null) {
            cache = new Fn[funcCount()];
            fns = cache;
        }
        Fn fn = i >= 0 && i < cache.length ? cache[i] : null;
        if (fn != null && fn.inlineTbl == inlineTbl) {
            return fn;
        }
        int f = funcAt(i);
        fn = new Fn(i, entry(i), field(f, 6), field(f, 5), cuOffset(f), pcdataOffset(f, inlineTbl), inlineTbl,
                funcId(i), startLine(i));
        if (i >= 0 && i < cache.length) {
            cache[i] = fn;
        }
        return fn;
    }

    /**
     * Each function's offsets, read on first use: an inline expansion asks for them once per frame, and reading
     * them is six reads of the function table. Fn is immutable, so a racy read of the array sees one whole or
     * null.
     */
    private volatile Fn[] fns;

    /** {@return the line at a pc of a function, or -1 when not covered} */
    public int line(Fn f, long pc) throws GoParseException {
        int v = cachedValue(f.lineOff(), f.entry(), pc);
        return v == Integer.MIN_VALUE ? -1 : v;
    }

    /** {@return the file at a pc of a function, or null when not covered} */
    public String file(Fn f, long pc) throws GoParseException {
        int fno = cachedValue(f.fileOff(), f.entry(), pc);
        return fno == Integer.MIN_VALUE ? null : fileName(f.cu(), fno);
    }

    /** {@return the inline-tree index at a pc of a function, or -1} */
    public int inlineIndex(Fn f, long pc) throws GoParseException {
        int v = cachedValue(f.inlOff(), f.entry(), pc);
        return v == Integer.MIN_VALUE ? -1 : v;
    }

    /**
     * A function's line, file and inline-tree-index programs decoded together, on the boundaries of all three, so
     * that one search answers the three questions an inline expansion asks at each pc. Immutable but for a racy hint,
     * checked before use.
     */
    public static final class Lines {
        private final long entry;
        /** Where each run ends, relative to the entry, in address order. */
        private final long[] ends;
        private final int[] lines;
        private final int[] files;
        private final int[] inlines;
        private int hint;

        private Lines(long entry, long[] ends, int[] lines, int[] files, int[] inlines) {
            this.entry = entry;
            this.ends = ends;
            this.lines = lines;
            this.files = files;
            this.inlines = inlines;
        }

        /** {@return the run holding a pc, or -1 when the programs do not cover it} */
        public int run(long pc) {
            long target = pc - entry;
            long[] e = ends;
            int h = hint;
            if (holds(e, h, target)) {
                return h;
            }
            int lo = runAt(e, target);
            if (lo == e.length) {
                return -1;
            }
            hint = lo;
            return lo;
        }

        /** {@return the line in a run, or -1 when not covered} */
        public int line(int run) {
            return run < 0 || lines[run] == Integer.MIN_VALUE ? -1 : lines[run];
        }

        /** {@return the inline-tree index in a run, or -1} */
        public int inlineIndex(int run) {
            return run < 0 || inlines[run] == Integer.MIN_VALUE ? -1 : inlines[run];
        }

        /** {@return the file number in a run, or {@link Integer#MIN_VALUE} when not covered} */
        int fileNumber(int run) {
            return run < 0 ? Integer.MIN_VALUE : files[run];
        }
    }

    /** {@return whether run h, a racy hint that may be out of range, holds an offset from the entry} */
    private static boolean holds(long[] ends, int h, long target) {
        return h >= 0 && h < ends.length && Long.compareUnsigned(target, ends[h]) < 0
                && (h == 0 || Long.compareUnsigned(target, ends[h - 1]) >= 0);
    }

    /** {@return the first run whose end lies past an offset from the entry: ends.length when none does} */
    private static int runAt(long[] ends, long target) {
        int lo = 0;
        int hi = ends.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(target, ends[mid]) < 0) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** {@return the file in a run of a function's {@link Lines}, or null when not covered} */
    public String file(Fn f, Lines lines, int run) throws GoParseException {
        int fno = lines.fileNumber(run);
        return fno == Integer.MIN_VALUE ? null : fileName(f.cu(), fno);
    }

    // Implementation note: an inline expansion asks for the inline-tree index, the file and the line at each pc of a
    // stack of inlined calls, three searches per pc in three programs; a function met again has the three decoded
    // together, so that one search answers them. A function met once keeps to the programs' own cache, which runs
    // each only as far as its pc. Measured by PclntabBenchmark.pcToInlinedFrames; see benchmarks/RESULTS.md.
    private static final int LINES_BITS = 12;
    /** Made by the first {@link #lines} call, so that opening a binary does not pay for it. */
    private volatile Lines[] lines;
    /** For each slot of {@link #lines}, the function met there once, plus one: it is decoded the next time. */
    private volatile int[] linesSeen;

    /**
     * Returns a function's line, file and inline-index programs decoded together, once it has been asked for
     * before; null the first time.
     *
     * @param f the function
     * @return its lines, or null
     * @throws GoParseException if a program is malformed
     */
    public Lines lines(Fn f) throws GoParseException {
        Lines[] cache = lines;
        int[] seen = linesSeen;
        if (cache == null || seen == null) {
            // Racing first calls may each make arrays; one pair wins and the other's entries are only lost hints.
            seen = new int[1 << LINES_BITS];
            linesSeen = seen;
            cache = new Lines[1 << LINES_BITS];
            lines = cache;
        }
        int slot = f.index() & ((1 << LINES_BITS) - 1);
        Lines l = cache[slot];
        if (l != null && l.entry == f.entry()) {
            return l;
        }
        if (seen[slot] != f.index() + 1) {
            seen[slot] = f.index() + 1;
            return null;
        }
        l = merge(f.entry(), runs(f.lineOff(), 0), runs(f.fileOff(), 0), runs(f.inlOff(), 0));
        cache[slot] = l;
        return l;
    }

    /** Merges three programs' runs on the union of their boundaries. */
    private static Lines merge(long entry, long[][] line, long[][] file, long[][] inl) {
        long[] a = line[0];
        long[] b = file[0];
        long[] c = inl[0];
        int n = 0;
        long[] ends = new long[a.length + b.length + c.length];
        int i = 0;
        int j = 0;
        int k = 0;
        int[] lv = new int[ends.length];
        int[] fv = new int[ends.length];
        int[] iv = new int[ends.length];
        while (i < a.length || j < b.length || k < c.length) {
            long end = -1; // the smallest next end, unsigned
            if (i < a.length) {
                end = a[i];
            }
            if (j < b.length && Long.compareUnsigned(b[j], end) < 0) {
                end = b[j];
            }
            if (k < c.length && Long.compareUnsigned(c[k], end) < 0) {
                end = c[k];
            }
            ends[n] = end;
            lv[n] = i < a.length ? (int) line[1][i] : Integer.MIN_VALUE;
            fv[n] = j < b.length ? (int) file[1][j] : Integer.MIN_VALUE;
            iv[n] = k < c.length ? (int) inl[1][k] : Integer.MIN_VALUE;
            n++;
            if (i < a.length && a[i] == end) {
                i++;
            }
            if (j < b.length && b[j] == end) {
                j++;
            }
            if (k < c.length && c[k] == end) {
                k++;
            }
        }
        return new Lines(entry, java.util.Arrays.copyOf(ends, n), java.util.Arrays.copyOf(lv, n),
                java.util.Arrays.copyOf(fv, n), java.util.Arrays.copyOf(iv, n));
    }

    private String cstring(long at) throws GoParseException {
        check(at, 0, "string");
        int start = (int) at;
        int p = start;
        int end = b.capacity();
        while (p < end && b.get(p) != 0) {
            p++;
        }
        if (p == end) {
            throw GoParseException.truncated(FORMAT, tableOffset + start, "NUL-terminated string", end - start + 1L,
                    end - start);
        }
        byte[] bytes = new byte[p - start];
        b.get(start, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** {@return function i's argument size in bytes} */
    public int args(int i) throws GoParseException {
        return (int) field(funcAt(i), 2);
    }

    private boolean layout112() throws GoParseException {
        // Go 1.12-1.15 keep funcID and nfuncdata as bytes where 1.2-1.11 kept an int32 nfuncdata.
        return goMinor == 0 || goMinor >= 12;
    }

    /** {@return function i's funcID, as the runtime's abi.FuncID of its version} */
    public int funcId(int i) throws GoParseException {
        int f = funcAt(i);
        return switch (version) {
            case GO_1_2 -> layout112() ? u8(f + ptrSize + 28L) : goMinor == 11 ? (int) field(f, 3) : 0;
            case GO_1_16 -> u8(f + ptrSize + 32L);
            case GO_1_18 -> u8(f + 36L);
            case GO_1_20 -> u8(f + 40L);
        };
    }

    /** {@return function i's flags (1 top frame, 2 SP write, 4 assembly), 0 before Go 1.17} */
    public int flags(int i) throws GoParseException {
        int f = funcAt(i);
        return switch (version) {
            case GO_1_2 -> 0;
            case GO_1_16 -> goMinor >= 17 ? u8(f + ptrSize + 33L) : 0;
            case GO_1_18 -> u8(f + 37L);
            case GO_1_20 -> u8(f + 41L);
        };
    }

    /** {@return the line of function i's {@code func} keyword (Go 1.20+), else 0} */
    public int startLine(int i) throws GoParseException {
        return version == PclntabVersion.GO_1_20 ? (int) field(funcAt(i), 9) : 0;
    }

    private int npcdata(int f) throws GoParseException {
        return (int) field(f, 7);
    }

    private int nfuncdata(int f) throws GoParseException {
        return switch (version) {
            case GO_1_2 -> layout112() ? u8(f + ptrSize + 31L) : (int) field(f, 8);
            case GO_1_16 -> u8(f + ptrSize + 35L);
            case GO_1_18 -> u8(f + 39L);
            case GO_1_20 -> u8(f + 43L);
        };
    }

    private long cuOffset(int f) throws GoParseException {
        return version == PclntabVersion.GO_1_2 ? 0 : field(f, 8);
    }

    /** The offset of a pc-value program, 0 when absent. */
    long pcdataOffset(int f, int table) throws GoParseException {
        if (table >= npcdata(f)) {
            return 0;
        }
        return u32(f + fixedSize() + 4L * table);
    }

    /**
     * Returns the raw funcdata word of slot k: an address (Go 1.2-1.17) or an offset from the gofunc symbol
     * (1.18+), or -1 when absent.
     */
    long funcdata(int f, int k) throws GoParseException {
        int nf = nfuncdata(f);
        if (k >= nf) {
            return -1;
        }
        long at = f + fixedSize() + 4L * npcdata(f);
        if (version.compareTo(PclntabVersion.GO_1_18) >= 0) {
            long v = u32(at + 4L * k);
            return v == 0xFFFF_FFFFL ? -1 : v;
        }
        at = (at + ptrSize - 1) & -ptrSize;
        long v = word(at + (long) ptrSize * k);
        return v == 0 ? -1 : v;
    }

    // ---- pc-value programs ----

    /**
     * Decodes a whole pc-value program: the value of each run and the pc where the run ends.
     *
     * @param off   the program's offset
     * @param entry the function's entry
     * @return {ends, values} as parallel arrays in address order; empty when the program is absent
     */
    long[][] runs(long off, long entry) throws GoParseException {
        Runs runs = new Runs();
        if (off != 0) {
            scan(off, entry, 0, runs);
        }
        return new long[][] {java.util.Arrays.copyOf(runs.ends, runs.n), java.util.Arrays.copyOf(runs.values, runs.n)};
    }

    /** The runs of a program being decoded whole. */
    private static final class Runs {
        long[] ends = new long[16];
        long[] values = new long[16];
        int n;

        void add(long end, long value, long at) throws GoParseException {
            if (n == ends.length) {
                if (n >= 1 << 24) {
                    throw GoParseException.malformed(FORMAT, at, "expected a pc-value program to end");
                }
                ends = java.util.Arrays.copyOf(ends, 2 * n);
                values = java.util.Arrays.copyOf(values, 2 * n);
            }
            ends[n] = end;
            values[n++] = value;
        }
    }

    /**
     * Runs a program from the entry (runtime/symtab.go pcvalue): as far as the target pc, returning its value, or,
     * given a {@link Runs}, to its end, recording every run.
     *
     * @return the value at target, or {@link Integer#MIN_VALUE} when the program ends first (always when recording)
     */
    private int scan(long off, long entry, long target, Runs record) throws GoParseException {
        long p = pctabOff + off;
        int val = -1;
        long pc = entry;
        for (boolean first = true; ; first = false) {
            long r = varint32(p);
            long uv = r >>> 32;
            p = r & 0xFFFF_FFFFL;
            if (uv == 0 && !first) {
                return Integer.MIN_VALUE;
            }
            val += (int) ((uv & 1) != 0 ? ~(uv >>> 1) : (uv >>> 1));
            r = varint32(p);
            p = r & 0xFFFF_FFFFL;
            pc += (r >>> 32) * quantum;
            if (record != null) {
                record.add(pc, val, tableOffset + p);
            } else if (Long.compareUnsigned(target, pc) < 0) {
                return val;
            }
        }
    }

    /**
     * Reads one varint of a pc-value program as the runtime does (runtime/symtab.go readvarint): into 32 bits, the
     * bits past them dropped.
     *
     * @param p where it starts
     * @return the value in the high 32 bits and the position after it in the low 32
     */
    private long varint32(long p) throws GoParseException {
        int cap = b.capacity();
        long v = 0;
        for (int shift = 0; ; shift += 7) {
            if (p >= cap) {
                throw GoParseException.truncated(FORMAT, tableOffset + cap, "pc-value program", 1, 0);
            }
            if (shift > 63) {
                throw GoParseException.malformed(FORMAT, tableOffset + p, "expected a varint of at most 10 bytes");
            }
            int x = b.get((int) p++);
            v |= (long) (x & 0x7f) << (shift & 31);
            if (x >= 0) {
                return (v & 0xFFFF_FFFFL) << 32 | p;
            }
        }
    }

    /** {@return the {ends, values} runs of function i's line (6) or file (5) program} */
    public long[][] runs(int i, int field) throws GoParseException {
        return runs(field(funcAt(i), field), entry(i));
    }

    /** {@return a file name from function i's compilation unit and a file number, or null} */
    public String file(int i, int fno) throws GoParseException {
        return fileName(cuOffset(funcAt(i)), fno);
    }

    /**
     * A decoded pc-value program, keyed by its offset; run ends are relative to the function's entry, because the
     * linker shares one program among functions whose tables are equal.
     */
    private static final class Decoded {
        // Final fields: a Decoded seen through a racy read of the cache array is seen whole.
        final long off;
        final long[] ends;
        final long[] values;
        /**
         * The runs found by the last two lookups, where the next most likely falls (inline expansion alternates
         * between a pc and its call site); racy hints, checked before use.
         */
        int hint;
        int hint2;

        Decoded(long off, long[] ends, long[] values) {
            this.off = off;
            this.ends = ends;
            this.values = values;
        }
    }

    // Implementation note: lookups of nearby pcs (a profile's, a debugger's) hit the same few functions, so a
    // program looked up a second time is decoded whole and kept, and later lookups search it instead of running
    // it again, as the runtime's pcvalueCache does; a program met once is run only as far as its pc, which is
    // cheaper for lookups spread over many functions. Measured by PclntabBenchmark (dense and sparse sweeps).
    // The cache is two-way: each program may sit in either slot of its pair, the one used last first. With one
    // slot per program, two programs of a sweep that hash alike evicted each other on every pass and were decoded
    // again each time.
    private static final int CACHE_BITS = 12;
    private final Decoded[] decoded = new Decoded[2 << CACHE_BITS];

    /**
     * Returns a pc-value program's value at a pc (runtime/symtab.go pcvalue), through the cache of decoded
     * programs.
     *
     * @param off    the program's offset (relative to pctab, or to the table before Go 1.16), 0 when absent
     * @param entry  the function's entry
     * @param target the pc
     * @return the value, or {@link Integer#MIN_VALUE} when the program does not cover the pc
     */
    int cachedValue(long off, long entry, long target) throws GoParseException {
        if (off == 0) {
            return Integer.MIN_VALUE;
        }
        int slot = (int) ((off * 0x9E3779B97F4A7C15L) >>> (64 - CACHE_BITS)) << 1;
        Decoded d = decoded[slot];
        if (d == null || d.off != off) {
            Decoded other = decoded[slot + 1];
            if (other != null && other.off == off) {
                decoded[slot + 1] = d; // the pair's most recently used first
                decoded[slot] = other;
                d = other;
            } else {
                decoded[slot + 1] = d;
                decoded[slot] = new Decoded(off, null, null);
                return scan(off, entry, target, null);
            }
        }
        if (d.ends == null) {
            long[][] r = runs(off, 0);
            d = new Decoded(off, r[0], r[1]);
            decoded[slot] = d;
        }
        long[] ends = d.ends;
        target -= entry;
        int h = d.hint;
        if (holds(ends, h, target)) {
            return (int) d.values[h];
        }
        int h2 = d.hint2;
        if (holds(ends, h2, target)) {
            d.hint2 = h;
            d.hint = h2;
            return (int) d.values[h2];
        }
        int lo = runAt(ends, target);
        d.hint2 = h;
        d.hint = lo;
        return lo < ends.length ? (int) d.values[lo] : Integer.MIN_VALUE;
    }

    /** {@return the line at a pc of function i, or -1 when the line table does not cover it} */
    public int line(int i, long pc) throws GoParseException {
        int f = funcAt(i);
        int v = cachedValue(field(f, 6), entry(i), pc);
        return v == Integer.MIN_VALUE ? -1 : v;
    }

    /** {@return the file at a pc of function i, or null when the file table does not cover it} */
    public String file(int i, long pc) throws GoParseException {
        int f = funcAt(i);
        int fno = cachedValue(field(f, 5), entry(i), pc);
        if (fno == Integer.MIN_VALUE) {
            return null;
        }
        return fileName(cuOffset(f), fno);
    }

    /** A file's name from its number, within a compilation unit (Go 1.16+) or globally. */
    String fileName(long cu, int fno) throws GoParseException {
        if (fno < 0) {
            return null;
        }
        long slot = version == PclntabVersion.GO_1_2 ? fno : cu + fno;
        if (slot < files.length && files[(int) slot] != null) {
            return files[(int) slot];
        }
        String name;
        if (version == PclntabVersion.GO_1_2) {
            long nfiles = u32(filetabOff);
            if (fno == 0 || fno >= nfiles) {
                return null;
            }
            name = cstring(u32(filetabOff + 4L * fno));
        } else {
            long off = u32(cuOff + 4 * (cu + fno));
            if (off == 0xFFFF_FFFFL) {
                return null;
            }
            name = cstring(filetabOff + off);
        }
        if (slot < files.length) {
            files[(int) slot] = name;
        }
        return name;
    }

    /** {@return the stack-pointer delta (the frame size in use) at a pc of function i, or -1 when not covered} */
    public int spDelta(int i, long pc) throws GoParseException {
        int f = funcAt(i);
        int v = cachedValue(field(f, 4), entry(i), pc);
        return v == Integer.MIN_VALUE ? -1 : v;
    }

    /** {@return how many pcdata tables function i has} */
    public int pcdataCount(int i) throws GoParseException {
        return npcdata(funcAt(i));
    }

    /** {@return how many funcdata slots function i has} */
    public int funcdataCount(int i) throws GoParseException {
        return nfuncdata(funcAt(i));
    }

    /** {@return funcdata slot k of function i: an address (Go 1.2-1.17) or a gofunc offset (1.18+), or -1} */
    public long funcdataOf(int i, int k) throws GoParseException {
        return funcdata(funcAt(i), k);
    }

    /** {@return the value of pcdata table k at a pc of function i, or -1 when absent} */
    public int pcdata(int i, int k, long pc) throws GoParseException {
        int f = funcAt(i);
        int v = cachedValue(pcdataOffset(f, k), entry(i), pc);
        return v == Integer.MIN_VALUE ? -1 : v;
    }

    /** {@return the byte order of the table} */
    public ByteOrder order() {
        return b.order();
    }

    /** {@return the pointer size} */
    public int ptrSize() {
        return ptrSize;
    }

    /** {@return the table's bytes} */
    ByteBuffer bytes() {
        return b;
    }

    /** {@return the offset of the function table, from the header} */
    public int functabOffset() {
        return functabOff;
    }
}
