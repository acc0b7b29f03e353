package dev.gopherlens.pclntab;

import dev.gopherlens.core.Frame;
import dev.gopherlens.core.GoParseException;
import dev.gopherlens.core.Input;
import dev.gopherlens.core.Inputs;
import dev.gopherlens.pclntab.internal.BuildInfoReader;
import dev.gopherlens.pclntab.internal.Container;
import dev.gopherlens.pclntab.internal.InlineTree;
import dev.gopherlens.pclntab.internal.ModuleData;
import dev.gopherlens.pclntab.internal.PclnTable;
import dev.gopherlens.pclntab.internal.PclntabLocator;
import dev.gopherlens.pclntab.internal.elf.ElfFile;
import dev.gopherlens.pclntab.internal.macho.MachOFile;
import dev.gopherlens.pclntab.internal.pe.PeFile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Go binary: its functions, the source position of every pc with inlined calls expanded, its symbols and its
 * build info, read from the runtime's own tables (pclntab, moduledata, build info), so that stripped binaries
 * answer too. The entry point of the {@code pclntab} module.
 *
 * <pre>{@code
 * GoBinary bin = GoBinary.open(Path.of("server"));
 * List<Frame> frames = bin.frames(0x4a1b2c);          // innermost inlined call first
 * System.out.print(bin.buildInfo().orElseThrow().format("server"));   // as go version -m prints it
 * }</pre>
 *
 * <p>Files are memory-mapped (or decompressed when gzipped, zstd-, xz- or bzip2-compressed); tables are decoded
 * lazily, when first used. Thread-safe: lookups only read the file, and the caches they fill (decoded names and
 * pc tables) are safe to race on.
 */
public final class GoBinary {
    private final Container container;
    private final Optional<BuildInfo> buildInfo;
    private final PclnTable table;
    private final InlineTree inline;
    private final long pclntabAddress;
    private final long maxpc;
    private int lastFound = -1;
    /** file to line to pcs, built by the first {@link #pcs(String, int)}. */
    private volatile java.util.Map<String, java.util.Map<Integer, List<Long>>> lineIndex;

    private GoBinary(Container c) throws GoParseException {
        this.container = c;
        this.buildInfo = BuildInfoReader.read(c);
        int goMinor = buildInfo.map(BuildInfo::goMinor).orElse(0);
        PclntabLocator.Found found = PclntabLocator.find(c);
        this.pclntabAddress = found.address();
        // A first read of the header without a text start, to learn the layout and where the tables lie.
        PclnTable probe = new PclnTable(found.bytes(), found.offset(), 0, goMinor);
        long textStart = 0;
        long gofunc = 0;
        Optional<ModuleData> md = ModuleData.find(c, found.address(), probe.functabOffset(), probe.funcCount(),
                goMinor);
        if (probe.version().compareTo(PclntabVersion.GO_1_18) >= 0) {
            long headerText = c.pointer(found.address() + 8 + 2L * probe.ptrSize());
            textStart = md.map(ModuleData::text).filter(t -> t != 0).orElse(headerText);
            gofunc = md.map(ModuleData::gofunc).orElse(0L);
            if (textStart == 0) {
                textStart = symbol("runtime.text").orElse(c.section(".text").map(s -> s.address()).orElse(0L));
            }
            if (gofunc == 0) {
                Optional<Long> sym = symbol("go:func.*");
                gofunc = (sym.isPresent() ? sym : symbol("go.func.*")).orElse(0L);
            }
        }
        this.table = new PclnTable(found.bytes(), found.offset(), textStart, goMinor);
        // The runtime's findfunc stops at moduledata.maxpc, which can lie before the function table's end.
        this.maxpc = md.map(ModuleData::maxpc).filter(m -> m != 0).orElse(0L);
        this.inline = new InlineTree(table, c, goMinor, gofunc);
    }

    /** The address of the first symbol of a name, found without decoding the whole table. */
    private Optional<Long> symbol(String name) throws GoParseException {
        return container.symbolAddresses(name).stream().findFirst();
    }

    /**
     * Opens a binary file; gzipped or otherwise compressed files are decompressed into memory, others mapped.
     *
     * @param path the file
     * @return the binary
     * @throws IOException if the file cannot be read, or {@link GoParseException} if it is no Go binary
     */
    public static GoBinary open(Path path) throws IOException {
        try (Input in = Inputs.open(path)) {
            return open(in.buffer());
        }
    }

    /**
     * Reads a binary from an array, which is not copied.
     *
     * @param bytes the binary
     * @return the binary
     * @throws IOException if it is compressed and corrupt, or {@link GoParseException} if it is no Go binary
     */
    public static GoBinary open(byte[] bytes) throws IOException {
        try (Input in = Inputs.open(bytes)) {
            return open(in.buffer());
        }
    }

    /**
     * Reads a binary from a buffer's remaining bytes, which are not copied.
     *
     * @param buffer the binary, uncompressed
     * @return the binary
     * @throws GoParseException if it is no Go binary or its tables are malformed
     */
    public static GoBinary open(ByteBuffer buffer) throws GoParseException {
        return new GoBinary(container(buffer.slice(), 0));
    }

    /**
     * Reads one architecture of a universal (fat) Mach-O file; for other files, the file itself.
     *
     * @param buffer the binary, uncompressed
     * @param slice  the architecture's position in the fat header, from 0
     * @return the binary
     * @throws GoParseException if it is no Go binary, or has no such architecture
     */
    public static GoBinary open(ByteBuffer buffer, int slice) throws GoParseException {
        return new GoBinary(container(buffer.slice(), slice));
    }

    private static Container container(ByteBuffer b, int slice) throws GoParseException {
        if (b.remaining() >= 4 && b.get(0) == 0x7f && b.get(1) == 'E' && b.get(2) == 'L' && b.get(3) == 'F') {
            return ElfFile.read(b);
        }
        if (b.remaining() >= 8) {
            int be = b.duplicate().order(ByteOrder.BIG_ENDIAN).getInt(0);
            int le = Integer.reverseBytes(be);
            if ((be == 0xcafebabe || be == 0xcafebabf)) {
                List<MachOFile> slices = MachOFile.slices(b);
                if (slice < 0 || slice >= slices.size()) {
                    throw GoParseException.malformed("macho", 4, "expected architecture " + slice + " of "
                            + slices.size());
                }
                return slices.get(slice);
            }
            if (be == 0xfeedface || be == 0xfeedfacf || le == 0xfeedface || le == 0xfeedfacf) {
                return MachOFile.read(b);
            }
            if (b.get(0) == 'M' && b.get(1) == 'Z') {
                return PeFile.read(b);
            }
        }
        throw GoParseException.malformed("binary", 0, "expected an ELF, Mach-O or PE file");
    }

    /** {@return the container format: {@code elf}, {@code macho} or {@code pe}} */
    public String format() {
        return container.format();
    }

    /** {@return Go's name for the target architecture, such as {@code amd64}, or empty} */
    public String goarch() {
        return container.goarch();
    }

    /** {@return the target's byte order} */
    public ByteOrder byteOrder() {
        return container.order();
    }

    /** {@return the target's pointer size, 4 or 8} */
    public int ptrSize() {
        return container.ptrSize();
    }

    /** {@return the build info, absent for binaries older than Go 1.13} */
    public Optional<BuildInfo> buildInfo() {
        return buildInfo;
    }

    /** {@return the pclntab's layout} */
    public PclntabVersion pclntabVersion() {
        return table.version();
    }

    /** {@return the pclntab's address} */
    public long pclntabAddress() {
        return pclntabAddress;
    }

    /**
     * Returns the binary's symbol table, as {@code go tool nm} reads it.
     *
     * @return the symbols in table order; empty for a stripped binary
     * @throws GoParseException if the symbol table is malformed
     */
    public List<Symbol> symbols() throws GoParseException {
        return container.symbols();
    }

    /** {@return the pclntab reader, for tests in this package that check its internals against each other} */
    PclnTable pclnTable() {
        return table;
    }

    /** {@return how many entries the function table has} */
    public int funcCount() {
        return table.funcCount();
    }

    /**
     * Returns the function at a position of the function table.
     *
     * @param index the position, from 0
     * @return the function
     * @throws GoParseException if the table is malformed
     * @throws IndexOutOfBoundsException if there is no such position
     */
    public Func func(int index) throws GoParseException {
        java.util.Objects.checkIndex(index, table.funcCount());
        return new Func(table.name(index), table.entry(index), table.end(index), table.args(index),
                table.funcId(index), table.flags(index), table.startLine(index), index);
    }

    /**
     * Returns every function, in address order.
     *
     * @return the functions
     * @throws GoParseException if the table is malformed
     */
    public List<Func> functions() throws GoParseException {
        List<Func> out = new ArrayList<>(table.funcCount());
        for (int i = 0; i < table.funcCount(); i++) {
            out.add(func(i));
        }
        return List.copyOf(out);
    }

    /**
     * Finds the function whose address range holds a pc (the outermost one, when calls were inlined there).
     *
     * @param pc the address
     * @return the function, or empty outside every function
     * @throws GoParseException if the table is malformed
     */
    public Optional<Func> funcAt(long pc) throws GoParseException {
        int i = find(pc);
        return i < 0 ? Optional.empty() : Optional.of(func(i));
    }

    /**
     * Finds a function by its name.
     *
     * @param name the linker's name
     * @return the first function so named
     * @throws GoParseException if the table is malformed
     */
    public Optional<Func> func(String name) throws GoParseException {
        for (int i = 0; i < table.funcCount(); i++) {
            if (table.name(i).equals(name)) {
                return Optional.of(func(i));
            }
        }
        return Optional.empty();
    }

    /**
     * Returns the source position of a pc as {@code go tool addr2line} does: the containing function and the
     * file and line of the instruction.
     *
     * @param pc the address
     * @return the position, or empty outside every function
     * @throws GoParseException if the tables are malformed
     */
    public Optional<SourceLine> lineAt(long pc) throws GoParseException {
        int i = find(pc);
        if (i < 0) {
            return Optional.empty();
        }
        String file = table.file(i, pc);
        int line = table.line(i, pc);
        return Optional.of(new SourceLine(table.name(i), file == null ? "?" : file, Math.max(0, line)));
    }

    /**
     * Returns the frames at a pc, innermost first: one for each call inlined at that pc, then the physical
     * function, as {@code runtime.CallersFrames} reports them for the pc of an instruction. Names are printed as
     * the runtime prints them: from Go 1.18 on, type arguments show as {@code [...]}.
     *
     * @param pc the address of an instruction (for a return address, pass the address of the call)
     * @return the frames; empty outside every function
     * @throws GoParseException if the tables are malformed
     */
    public List<Frame> frames(long pc) throws GoParseException {
        int i = find(pc);
        if (i < 0) {
            return List.of();
        }
        return inline.frames(i, pc);
    }

    /**
     * Returns the frames at a pc as a crash traceback ({@code GOTRACEBACK=system} or {@code crash}) prints them:
     * like {@link #frames(long)}, but a wrapper that a call was inlined into ({@code gowrap}, method-value thunks)
     * is kept, where {@code runtime.CallersFrames} leaves it out.
     *
     * @param pc the address of an instruction
     * @return the frames, innermost first; empty outside every function
     * @throws GoParseException if the tables are malformed
     */
    public List<Frame> tracebackFrames(long pc) throws GoParseException {
        int i = find(pc);
        if (i < 0) {
            return List.of();
        }
        return inline.allFrames(i, pc);
    }

    /**
     * Returns the stack-pointer delta at a pc: how many bytes of its frame the function has allocated there (the
     * runtime's pcsp table), which a debugger needs to unwind.
     *
     * @param pc the address
     * @return the delta, or -1 outside every function or where the table does not cover the pc
     * @throws GoParseException if the tables are malformed
     */
    public int spDelta(long pc) throws GoParseException {
        int i = find(pc);
        return i < 0 ? -1 : table.spDelta(i, pc);
    }

    /**
     * Returns the value of one of a function's pcdata tables at a pc (runtime/symtab.go pcdatavalue): stack map
     * indexes, unsafe points, inline-tree indexes; which table is which depends on the Go version.
     *
     * @param pc    the address
     * @param index the pcdata table's index
     * @return the value, or -1 where the function has no such table or it does not cover the pc
     * @throws GoParseException if the tables are malformed
     */
    public int pcdata(long pc, int index) throws GoParseException {
        int i = find(pc);
        return i < 0 || index < 0 || index >= table.pcdataCount(i) ? -1 : table.pcdata(i, index, pc);
    }

    /**
     * Returns one of a function's funcdata words: an address (Go 1.2-1.17) or an offset from the gofunc symbol
     * (Go 1.18+) of data such as stack maps and the inline tree; which slot is which depends on the Go version.
     *
     * @param f    the function
     * @param slot the funcdata slot
     * @return the word, or -1 when the function has no such funcdata
     * @throws GoParseException if the tables are malformed
     */
    public long funcdata(Func f, int slot) throws GoParseException {
        return slot < 0 || slot >= table.funcdataCount(f.index()) ? -1 : table.funcdataOf(f.index(), slot);
    }

    /**
     * Finds the pcs whose source position is a file and line, as a debugger sets a breakpoint: for each run of
     * instructions with that position (the calls inlined there included), its first pc, in address order. The
     * first call reads every function's line table and keeps an index.
     *
     * @param file the file, as the binary records it ({@code corpusgen/main.go})
     * @param line the line
     * @return the pcs; empty when no instruction has that position
     * @throws GoParseException if the tables are malformed
     */
    public List<Long> pcs(String file, int line) throws GoParseException {
        java.util.Map<String, java.util.Map<Integer, List<Long>>> index = lineIndex;
        if (index == null) {
            index = new java.util.HashMap<>();
            for (int i = 0; i < table.funcCount(); i++) {
                for (PcRange r : lines(func(i))) {
                    index.computeIfAbsent(r.file(), k -> new java.util.HashMap<>())
                            .computeIfAbsent(r.line(), k -> new ArrayList<>()).add(r.start());
                }
            }
            index.values().forEach(m -> m.replaceAll((k, v) -> List.copyOf(v)));
            lineIndex = index;
        }
        return index.getOrDefault(file, java.util.Map.of()).getOrDefault(line, List.of());
    }

    /** The calls at a pc with their functions' start lines, for the symbolizer; empty outside every function. */
    List<InlineTree.Call> calls(long pc) throws GoParseException {
        int i = find(pc);
        return i < 0 ? List.of() : inline.calls(i, pc);
    }

    /**
     * Returns the address the binary was linked at for a byte of it loaded at a run-time address, for
     * position-independent executables and shared libraries that the loader moved.
     *
     * @param runtimeAddress the address in the running process
     * @param mappingStart   where the mapping that holds it starts in the process
     * @param mappingOffset  the file offset that mappingStart maps
     * @return the link-time address, or the run-time address when no loaded section holds that file offset
     */
    public long linkAddress(long runtimeAddress, long mappingStart, long mappingOffset) {
        long fileOffset = runtimeAddress - mappingStart + mappingOffset;
        for (var s : container.sections()) {
            if (s.address() != 0 && s.fileSize() > 0 && fileOffset >= s.offset()
                    && fileOffset - s.offset() < s.fileSize()) {
                return s.address() + (fileOffset - s.offset());
            }
        }
        return runtimeAddress;
    }

    /**
     * Returns a function's line table: each run of instructions with one source position, in address order.
     *
     * @param f the function
     * @return the runs
     * @throws GoParseException if the tables are malformed
     */
    public List<PcRange> lines(Func f) throws GoParseException {
        long[][] lines = table.runs(f.index(), 6);
        long[][] files = table.runs(f.index(), 5);
        List<PcRange> out = new ArrayList<>();
        long pc = f.entry();
        int li = 0;
        int fi = 0;
        // Merge the two programs' runs: a new range starts wherever either value changes.
        while (li < lines[0].length && fi < files[0].length && Long.compareUnsigned(pc, f.end()) < 0) {
            long end = Long.compareUnsigned(lines[0][li], files[0][fi]) <= 0 ? lines[0][li] : files[0][fi];
            if (Long.compareUnsigned(end, f.end()) > 0) {
                end = f.end();
            }
            String file = table.file(f.index(), (int) files[1][fi]);
            int line = (int) lines[1][li];
            if (file != null && line >= 0 && Long.compareUnsigned(pc, end) < 0) {
                PcRange last = out.isEmpty() ? null : out.get(out.size() - 1);
                if (last != null && last.end() == pc && last.line() == line && last.file().equals(file)) {
                    out.set(out.size() - 1, new PcRange(last.start(), end, file, line));
                } else {
                    out.add(new PcRange(pc, end, file, line));
                }
            }
            pc = end;
            if (lines[0][li] == end) {
                li++;
            }
            if (fi < files[0].length && files[0][fi] == end) {
                fi++;
            }
        }
        return List.copyOf(out);
    }

    private int find(long pc) throws GoParseException {
        if (maxpc != 0 && Long.compareUnsigned(pc, maxpc) >= 0) {
            return -1;
        }
        // Lookups come in runs within one function (a sweep, a stack's inlined frames): try the last one first.
        // An int is read and written whole, so threads racing on it only lose the shortcut.
        int last = lastFound;
        if (last >= 0 && last < table.funcCount() && Long.compareUnsigned(pc, table.entry(last)) >= 0
                && Long.compareUnsigned(pc, table.end(last)) < 0) {
            return last;
        }
        int i = table.find(pc);
        lastFound = i;
        return i;
    }

    /** {@return the format, architecture, Go version and function count} */
    @Override
    public String toString() {
        return "GoBinary[" + format() + "/" + goarch() + ", " + buildInfo.map(BuildInfo::goVersion).orElse("go?")
                + ", pclntab " + table.version() + ", " + table.funcCount() + " functions]";
    }
}
