package dev.gopherlens.pclntab.internal;

import dev.gopherlens.core.Frame;
import dev.gopherlens.core.GoParseException;
import dev.gopherlens.pclntab.PclntabVersion;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Expands a pc into the frames of the calls inlined there, innermost first, as the runtime's inlineUnwinder does
 * (runtime/symtabinl.go): the pc's inline-tree index names the innermost inlined function; its {@code parentPc}
 * leads to the call site in the function it was inlined into, and so on out to the physical function.
 */
public final class InlineTree {
    private final PclnTable t;
    private final Container c;
    private final int goMinor;
    private final long gofunc;
    private final int pcdataSlot;
    private final int funcdataSlot;
    private final boolean elideTypeArguments;
    /** Marks a function without an inline tree in {@link #trees}. */
    private static final ByteBuffer NONE = ByteBuffer.allocate(0);
    /** Each function's inline tree, found on first use; published through the atomic array across threads. */
    private final java.util.concurrent.atomic.AtomicReferenceArray<ByteBuffer> trees;
    /** The runtime's FuncID values that matter for eliding wrappers; computed on first use. */
    private volatile int[] funcIds;

    /**
     * Prepares inline expansion.
     *
     * @param t       the pclntab
     * @param c       the binary, to read the trees
     * @param goMinor the Go minor version, 0 when unknown
     * @param gofunc  the gofunc base (Go 1.18+), else 0
     */
    public InlineTree(PclnTable t, Container c, int goMinor, long gofunc) {
        this.t = t;
        this.c = c;
        int minor = goMinor > 0 ? goMinor : switch (t.version()) {
            case GO_1_2 -> 15;
            case GO_1_16 -> 17;
            case GO_1_18 -> 19;
            case GO_1_20 -> 20;
        };
        this.goMinor = minor;
        this.gofunc = gofunc;
        // runtime/symtab.go PCDATA_InlTreeIndex and FUNCDATA_InlTree, by version.
        this.pcdataSlot = minor <= 12 ? 1 : 2;
        this.funcdataSlot = minor <= 12 ? 2 : minor <= 15 ? 4 : 3;
        this.elideTypeArguments = minor >= 18;
        this.trees = new java.util.concurrent.atomic.AtomicReferenceArray<>(t.funcCount());
    }

    /**
     * The name the runtime prints for a function (runtime/symtab.go funcNamePiecesForPrint, Go 1.18+): what
     * lies between the first {@code [} and the last {@code ]} becomes {@code ...}, so that
     * {@code F[go.shape.int]} prints as {@code F[...]}.
     *
     * @param name the linker's name
     * @return the printed name
     */
    public static String printName(String name) {
        int i = name.indexOf('[');
        if (i < 0) {
            return name;
        }
        int j = name.lastIndexOf(']');
        if (j <= i) {
            return name;
        }
        return name.substring(0, i) + "[...]" + name.substring(j + 1);
    }

    /**
     * Returns the frames at a pc of a function, innermost first.
     *
     * @param fn the function's index
     * @param pc the pc
     * @return the frames; the last is the physical function
     * @throws GoParseException if the tables are malformed
     */
    public List<Frame> frames(int fn, long pc) throws GoParseException {
        Expansion e = new Expansion(false);
        collect(fn, pc, e);
        elideWrappers(e);
        return new FrameList(e.frames, e.n);
    }

    /**
     * Returns the frames at a pc of a function, innermost first, wrappers kept: what a crash traceback
     * ({@code GOTRACEBACK=system} and above) prints, where {@link #frames} follows {@code runtime.CallersFrames}.
     *
     * @param fn the function's index
     * @param pc the pc
     * @return the frames; the last is the physical function
     * @throws GoParseException if the tables are malformed
     */
    public List<Frame> allFrames(int fn, long pc) throws GoParseException {
        Expansion e = new Expansion(false);
        collect(fn, pc, e);
        return new FrameList(e.frames, e.n);
    }

    /**
     * One frame of an expansion with what the runtime knows of its function.
     *
     * @param frame     the frame
     * @param funcId    the function's abi.FuncID
     * @param startLine the line of the function's {@code func} keyword (Go 1.20+), else 0
     */
    public record Call(Frame frame, int funcId, int startLine) {
    }

    /**
     * Returns the calls at a pc of a function, innermost first, wrappers elided as the runtime elides them.
     *
     * @param fn the function's index
     * @param pc the pc
     * @return the calls; the last is the physical function unless it is an elided wrapper
     * @throws GoParseException if the tables are malformed
     */
    public List<Call> calls(int fn, long pc) throws GoParseException {
        Expansion e = new Expansion(true);
        collect(fn, pc, e);
        elideWrappers(e);
        List<Call> out = new ArrayList<>(e.n);
        for (int k = 0; k < e.n; k++) {
            out.add(new Call(e.frames[k], e.funcIds[k], e.startLines[k]));
        }
        return out;
    }

    /**
     * The calls at a pc as parallel arrays, innermost first. A pc's expansion is a debugger's and a symbolizer's
     * inner loop, and a list of records per pc was most of what it allocated; these arrays become the result.
     */
    private static final class Expansion {
        Frame[] frames = new Frame[4];
        int[] funcIds = new int[4];
        /** Kept only for {@link #calls}: the frames alone do not need them. */
        int[] startLines;
        int n;

        Expansion(boolean withStartLines) {
            startLines = withStartLines ? new int[4] : null;
        }

        void add(Frame f, int funcId, int startLine) {
            if (n == frames.length) {
                frames = java.util.Arrays.copyOf(frames, 2 * n);
                funcIds = java.util.Arrays.copyOf(funcIds, 2 * n);
                if (startLines != null) {
                    startLines = java.util.Arrays.copyOf(startLines, 2 * n);
                }
            }
            frames[n] = f;
            funcIds[n] = funcId;
            if (startLines != null) {
                startLines[n] = startLine;
            }
            n++;
        }
    }

    /**
     * runtime.Frames.Next (Go 1.21+), walking out from the innermost call inlined at pc: a wrapper (method value,
     * go and defer statement thunks) that an inlined call was expanded into is left out, unless the frame below it
     * is a panic: elideWrapperCalling. The innermost frame is always kept. Compacts the expansion in place.
     */
    private void elideWrappers(Expansion e) throws GoParseException {
        if (e.n == 1) {
            return;
        }
        int[] ids = funcIds();
        if (ids[0] == 0) {
            return;
        }
        int kept = 0;
        int callee = 0;
        for (int k = 0; k < e.n; k++) {
            int id = e.funcIds[k];
            boolean calleePanics = callee == ids[1] || callee == ids[2] || callee == ids[3];
            if (k > 0 && ids[0] > 0 && id == ids[0] && !calleePanics) {
                continue;
            }
            e.frames[kept] = e.frames[k];
            e.funcIds[kept] = id;
            if (e.startLines != null) {
                e.startLines[kept] = e.startLines[k];
            }
            kept++;
            callee = id;
        }
        e.n = kept;
    }

    /** An immutable view of the first {@code n} frames of an array no one else holds. */
    private static final class FrameList extends java.util.AbstractList<Frame> implements java.util.RandomAccess {
        private final Frame[] frames;
        private final int n;

        FrameList(Frame[] frames, int n) {
            this.frames = frames;
            this.n = n;
        }

        @Override
        public Frame get(int index) {
            java.util.Objects.checkIndex(index, n);
            return frames[index];
        }

        @Override
        public int size() {
            return n;
        }
    }

    /**
     * The funcIDs of wrappers, gopanic, sigpanic and panicwrap in this binary. FuncIDWrapper is the last value
     * of the runtime's enumeration in every version, so it is the largest funcID in the table; the others are
     * read from the functions so named.
     */
    private int[] funcIds() throws GoParseException {
        int[] ids = funcIds;
        if (ids == null) {
            ids = new int[4];
            for (int i = 0; i < t.funcCount(); i++) {
                int id = t.funcId(i);
                ids[0] = Math.max(ids[0], id);
                if (id != 0) {
                    switch (t.name(i)) {
                        case "runtime.gopanic" -> ids[1] = id;
                        case "runtime.sigpanic" -> ids[2] = id;
                        case "runtime.panicwrap" -> ids[3] = id;
                        default -> {
                        }
                    }
                }
            }
            funcIds = ids;
        }
        return ids;
    }

    private void collect(int fn, long pc, Expansion out) throws GoParseException {
        PclnTable.Fn ref = t.fn(fn, pcdataSlot);
        // A function met before has its three programs decoded together: one search per pc (see PclnTable.Lines).
        PclnTable.Lines lines = t.lines(ref);
        long entry = ref.entry();
        long at = pc;
        int run = lines == null ? -1 : lines.run(at);
        // Most pcs have no inlined call: look at the index before looking for the tree.
        int first = goMinor < 12 ? -1 : lines != null ? lines.inlineIndex(run) : t.inlineIndex(ref, at);
        ByteBuffer tree = first >= 0 ? tree(fn) : null;
        if (tree != null) {
            int idx = first;
            int guard = 0;
            while (idx >= 0) {
                if (++guard > 1 << 16) {
                    throw GoParseException.malformed(PclnTable.FORMAT, -1, "expected the inline tree of "
                            + t.name(fn) + " to end");
                }
                int size = t.version() == PclntabVersion.GO_1_20 ? 16 : 20;
                long off = (long) idx * size;
                if (off + size > tree.capacity()) {
                    // The tree's length is not stored; read lazily within the file, bounded by the buffer.
                    throw GoParseException.truncated(PclnTable.FORMAT, -1, "inline tree entry " + idx, size,
                            Math.max(0, tree.capacity() - off));
                }
                int o = (int) off;
                long nameOff;
                int parentPc;
                int funcId;
                int startLine = 0;
                if (size == 16) {
                    funcId = tree.get(o) & 0xff;
                    nameOff = Integer.toUnsignedLong(tree.getInt(o + 4));
                    parentPc = tree.getInt(o + 8);
                    startLine = tree.getInt(o + 12);
                } else {
                    funcId = tree.get(o + 2) & 0xff;
                    nameOff = Integer.toUnsignedLong(tree.getInt(o + 12));
                    parentPc = tree.getInt(o + 16);
                }
                String name = elideTypeArguments ? t.printedNameAt(nameOff) : t.nameAt(nameOff);
                out.add(frame(name, ref, at, lines, run), funcId, startLine);
                at = entry + parentPc;
                if (lines != null) {
                    run = lines.run(at);
                    idx = lines.inlineIndex(run);
                } else {
                    idx = t.inlineIndex(ref, at);
                }
            }
        }
        out.add(frame(elideTypeArguments ? t.printedName(fn) : t.name(fn), ref, at, lines, run), ref.funcId(),
                ref.startLine());
    }

    private Frame frame(String name, PclnTable.Fn fn, long pc, PclnTable.Lines lines, int run)
            throws GoParseException {
        String file;
        int line;
        if (lines != null) {
            file = t.file(fn, lines, run);
            line = lines.line(run);
        } else {
            file = t.file(fn, pc);
            line = t.line(fn, pc);
        }
        return new Frame(name, file == null ? "?" : file, Math.max(0, line), pc);
    }

    /** The function's inline tree as a buffer from its first entry to the end of its section, or null. */
    private ByteBuffer tree(int fn) throws GoParseException {
        ByteBuffer cached = trees.get(fn);
        if (cached == null) {
            cached = findTree(fn);
            trees.set(fn, cached == null ? NONE : cached);
        }
        return cached == NONE ? null : cached;
    }

    private ByteBuffer findTree(int fn) throws GoParseException {
        long fd = t.funcdata(t.funcAt(fn), funcdataSlot);
        if (fd < 0) {
            return null;
        }
        long va = t.version().compareTo(PclntabVersion.GO_1_18) >= 0 ? gofunc + fd : fd;
        long off = c.fileOffset(va);
        if (off < 0 || off >= c.data().capacity()) {
            throw GoParseException.malformed(PclnTable.FORMAT, -1, "expected the inline tree of " + t.name(fn)
                    + " at 0x" + Long.toHexString(va) + " in the file");
        }
        for (Section s : c.sections()) {
            if (s.fileSize() > 0 && s.contains(va)) {
                long avail = Math.min(s.offset() + s.fileSize(), c.data().capacity()) - off;
                return c.data().slice((int) off, (int) Math.min(avail, Integer.MAX_VALUE)).order(t.order());
            }
        }
        return null;
    }
}
