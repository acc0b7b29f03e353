package dev.gopherlens.pclntab.internal.dwarf;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.pclntab.internal.Container;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The DWARF of a Go binary: package-level variables, types, constants and functions by name, read from
 * {@code .debug_info} as Go's linker writes it (DWARF 4 up to Go 1.24, DWARF 5 from Go 1.25 on ELF).
 *
 * <p>Opening reads the unit headers and their abbreviation tables. The first query by name walks every entry once
 * and keeps only an offset per top-level name; types, variables and functions become records when asked for, and
 * types are cached. Type references are {@link TypeRef}s resolved on demand, since Go's types refer to each other in
 * cycles. Thread-safe: every query reads with its own cursor.
 *
 * <pre>{@code
 * Dwarf d = Dwarf.of(elf).orElseThrow();
 * long allgs = d.global("runtime.allgs").orElseThrow().address();
 * StructType g = (StructType) d.type("runtime.g").orElseThrow();
 * long sp = g.offsetOf("sched.sp");
 * }</pre>
 */
public final class Dwarf {
    private final Sections sections;
    private final List<Unit> units;
    private final int[] unitOffsets;
    private final Map<Long, Type> types = new ConcurrentHashMap<>();
    private volatile Index index;
    private volatile List<LineTable.Sequence> sequences;
    /** Functions by pc: sorted low pcs, their high pcs and entry offsets; built on the first {@link #functionAt}. */
    private volatile long[][] functionRanges;

    /** Offsets of the top-level entries by name; built once, then read-only. */
    private record Index(Map<String, Long> types, Map<String, Long> typedefs, Map<String, Long> variables,
                         Map<String, Long> constants, Map<String, Long> functions, Map<Long, Long> runtimeTypes) {
    }

    private Dwarf(Sections sections) throws GoParseException {
        this.sections = sections;
        this.units = readUnits(sections);
        this.unitOffsets = new int[units.size()];
        for (int i = 0; i < units.size(); i++) {
            unitOffsets[i] = units.get(i).offset();
        }
    }

    /**
     * Reads the DWARF of a binary.
     *
     * @param c the binary
     * @return its DWARF, or empty when it has none (a stripped binary, {@code -ldflags=-w})
     * @throws GoParseException if a DWARF section or unit header is malformed
     */
    public static Optional<Dwarf> of(Container c) throws GoParseException {
        Optional<Sections> s = Sections.of(c);
        return s.isEmpty() ? Optional.empty() : Optional.of(new Dwarf(s.get()));
    }

    /** Reads DWARF from decompressed sections by short name ({@code info}, {@code abbrev}, ...): for tests. */
    static Dwarf of(Map<String, byte[]> sections, boolean bigEndian) throws GoParseException {
        return new Dwarf(new Sections(sections, bigEndian));
    }

    private static List<Unit> readUnits(Sections s) throws GoParseException {
        DwarfInput in = s.input("info");
        DwarfInput abbrevIn = s.input("abbrev");
        Map<Long, Abbrev.Table> tables = new HashMap<>();
        long abbrevBytes = 0;
        List<Unit> out = new ArrayList<>();
        Die die = new Die(s);
        while (in.pos < in.limit) {
            int start = in.pos;
            long length = in.u32();
            int offSize = 4;
            if (length == 0xffff_ffffL) {
                length = in.u64();
                offSize = 8;
            } else if (length >= 0xffff_fff0L) {
                throw in.error(start, "a unit length below 0xfffffff0, found 0x" + Long.toHexString(length));
            }
            if (length < 0 || length > in.limit - in.pos) {
                throw GoParseException.truncated(DwarfInput.FORMAT, start, ".debug_info unit", length,
                        in.limit - in.pos);
            }
            int end = in.pos + (int) length;
            DwarfInput h = new DwarfInput(in.bytes(), ".debug_info", in.bigEndian(), in.pos, end);
            int version = h.u16();
            if (version < 2 || version > 5) {
                throw GoParseException.unsupportedVersion(DwarfInput.FORMAT, start + (offSize == 8 ? 12 : 4),
                        "DWARF " + version, "DWARF 2 to 5");
            }
            long abbrevOffset;
            int addrSize;
            if (version >= 5) {
                int unitType = h.u8();
                addrSize = h.u8();
                abbrevOffset = h.unsigned(offSize);
                if (unitType == 2 || unitType == 6) {
                    h.skip(8 + offSize); // type signature, type offset
                } else if (unitType == 4 || unitType == 5) {
                    h.skip(8); // dwo id
                }
            } else {
                abbrevOffset = h.unsigned(offSize);
                addrSize = h.u8();
            }
            if (addrSize != 4 && addrSize != 8 && addrSize != 2) {
                throw h.error(h.pos - 1, "an address size of 2, 4 or 8, found " + addrSize);
            }
            Abbrev.Table table = tables.get(abbrevOffset);
            if (table == null) {
                if (abbrevOffset < 0 || abbrevOffset >= abbrevIn.limit) {
                    throw in.error(start, "an abbreviation offset inside .debug_abbrev (" + abbrevIn.limit
                            + " bytes), found " + Long.toUnsignedString(abbrevOffset));
                }
                abbrevIn.pos = (int) abbrevOffset;
                table = Abbrev.Table.read(abbrevIn);
                tables.put(abbrevOffset, table);
                abbrevBytes += abbrevIn.pos - abbrevOffset;
                checkBudget(abbrevBytes, abbrevIn.limit, ".debug_abbrev", start);
            }
            Unit u = new Unit(start, end, h.pos, version, addrSize, offSize, table, -1, -1, -1, 0);
            if (h.pos < end) {
                die.read(u, h);
                u = u.withRoot(die.number(Dw.AT_ADDR_BASE, -1), die.number(Dw.AT_STR_OFFSETS_BASE, -1),
                        die.number(Dw.AT_STMT_LIST, -1));
                if (die.has(Dw.AT_LOW_PC)) {
                    die.unit = u; // an addrx low pc needs the base just read
                    u = u.withLowPc(die.address(Dw.AT_LOW_PC));
                }
            }
            out.add(u);
            in.pos = end;
        }
        return List.copyOf(out);
    }

    /**
     * Bounds the work of units that point into overlapping parts of a side section: Go's units never share bytes,
     * but crafted ones could make each unit re-read the whole section, which is quadratic.
     */
    private static void checkBudget(long bytesRead, long sectionSize, String section, long offset)
            throws GoParseException {
        long budget = Math.max(1L << 24, 16 * sectionSize);
        if (bytesRead > budget) {
            throw GoParseException.limitExceeded(DwarfInput.FORMAT, offset, "bytes of " + section
                    + " decoded for all units", bytesRead, budget);
        }
    }

    /** {@return the compile units' count} */
    public int unitCount() {
        return units.size();
    }

    /** {@return the highest DWARF version among the units, 0 when there are none} */
    public int version() {
        int v = 0;
        for (Unit u : units) {
            v = Math.max(v, u.version());
        }
        return v;
    }

    /** {@return the decompressed size of each DWARF section present, by short name ({@code info}, {@code line})} */
    public Map<String, Integer> sectionSizes() {
        return sections.sizes();
    }

    /** The unit whose entries hold an offset of {@code .debug_info}. */
    Unit unitAt(long offset) throws GoParseException {
        int lo = 0;
        int hi = unitOffsets.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (unitOffsets[mid] <= offset) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (hi >= 0) {
            Unit u = units.get(hi);
            if (offset >= u.dieStart() && offset < u.end()) {
                return u;
            }
        }
        throw GoParseException.malformed(DwarfInput.FORMAT, Math.max(0, offset), ".debug_info: expected a reference"
                + " to an entry inside a unit, found 0x" + Long.toHexString(offset));
    }

    private DwarfInput inputAt(Unit u, long offset) {
        return new DwarfInput(sections.info(), ".debug_info", sections.bigEndian(), (int) offset, u.end());
    }

    // ---- the name index -------------------------------------------------------------------------------------

    private Index index() throws GoParseException {
        Index i = index;
        if (i == null) {
            synchronized (this) {
                i = index;
                if (i == null) {
                    i = buildIndex();
                    index = i;
                }
            }
        }
        return i;
    }

    private Index buildIndex() throws GoParseException {
        // Sized for a Go binary's usual thousands of entries, so that the maps do not rehash while they fill.
        Map<String, Long> typeMap = new HashMap<>(8192);
        Map<String, Long> typedefMap = new HashMap<>(4096);
        Map<String, Long> varMap = new HashMap<>(2048);
        Map<String, Long> constMap = new HashMap<>(2048);
        Map<String, Long> funcMap = new HashMap<>(8192);
        Map<Long, Long> runtimeTypeMap = new HashMap<>(8192);
        Die d = new Die(sections);
        for (Unit u : units) {
            DwarfInput in = inputAt(u, u.dieStart());
            int depth = 0;
            // Every entry takes at least one byte, so the walk ends at the unit's end.
            while (in.pos < in.limit) {
                d.read(u, in);
                if (d.tag == 0) {
                    if (--depth <= 0) {
                        break; // the root's children are over; the rest is padding
                    }
                    continue;
                }
                if (depth == 1) {
                    switch (d.tag) {
                        case Dw.TAG_TYPEDEF -> {
                            putName(typedefMap, d);
                            putRuntimeType(runtimeTypeMap, d);
                        }
                        case Dw.TAG_BASE_TYPE, Dw.TAG_POINTER_TYPE, Dw.TAG_STRUCTURE_TYPE, Dw.TAG_UNION_TYPE,
                             Dw.TAG_CLASS_TYPE, Dw.TAG_ARRAY_TYPE, Dw.TAG_SUBROUTINE_TYPE, Dw.TAG_UNSPECIFIED_TYPE,
                             Dw.TAG_ENUMERATION_TYPE -> {
                            putName(typeMap, d);
                            putRuntimeType(runtimeTypeMap, d);
                        }
                        case Dw.TAG_VARIABLE -> putName(varMap, d);
                        case Dw.TAG_CONSTANT -> putName(constMap, d);
                        case Dw.TAG_SUBPROGRAM -> {
                            if (d.has(Dw.AT_LOW_PC)) {
                                String name = d.string(Dw.AT_NAME);
                                long origin = d.ref(Dw.AT_ABSTRACT_ORIGIN);
                                if (name == null && origin >= 0) {
                                    // The out-of-line copy of an inlinable function is named by its abstract entry.
                                    name = nameAt(origin);
                                }
                                if (name != null && !name.isEmpty()) {
                                    funcMap.putIfAbsent(name, d.offset);
                                }
                            }
                        }
                        default -> {
                        }
                    }
                }
                if (d.children) {
                    if (depth >= 1) {
                        d.skipChildren(in); // only the root's children are indexed
                    } else {
                        depth++;
                    }
                }
            }
        }
        // Wrapped, not copied: the maps are never changed after this, and copying them was an eighth of an open.
        return new Index(Collections.unmodifiableMap(typeMap), Collections.unmodifiableMap(typedefMap),
                Collections.unmodifiableMap(varMap), Collections.unmodifiableMap(constMap),
                Collections.unmodifiableMap(funcMap), Collections.unmodifiableMap(runtimeTypeMap));
    }

    /** The linker writes 0 for a type without a runtime descriptor, so 0 is not indexed. */
    private static void putRuntimeType(Map<Long, Long> m, Die d) {
        long rt = d.number(Dw.AT_GO_RUNTIME_TYPE, 0);
        if (rt > 0) {
            m.putIfAbsent(rt, d.offset);
        }
    }

    private static void putName(Map<String, Long> m, Die d) throws GoParseException {
        String name = d.string(Dw.AT_NAME);
        if (name != null) {
            m.putIfAbsent(name, d.offset);
        }
    }

    // ---- queries ---------------------------------------------------------------------------------------------

    /**
     * Finds a package-level variable.
     *
     * @param name the qualified name ({@code runtime.allgs})
     * @return the variable, or empty
     * @throws GoParseException if the DWARF is malformed
     */
    public Optional<Variable> global(String name) throws GoParseException {
        Long off = index().variables().get(name);
        return off == null ? Optional.empty() : Optional.of(variableAt(off));
    }

    /**
     * Finds a type by name. Go writes a named struct both as a struct and as a typedef of it; this returns the
     * definition (the struct) when there is one, else the typedef ({@code map[string]int}, {@code error}).
     *
     * @param name the name as the linker writes it ({@code runtime.g}, {@code *runtime.m}, {@code []string})
     * @return the type, or empty
     * @throws GoParseException if the DWARF is malformed
     */
    public Optional<Type> type(String name) throws GoParseException {
        Index i = index();
        Long off = i.types().get(name);
        if (off == null) {
            off = i.typedefs().get(name);
        }
        return off == null ? Optional.empty() : Optional.of(typeAt(off));
    }

    /**
     * Finds a typedef by name, which carries Go's map key and element types.
     *
     * @param name the name
     * @return the typedef, or empty
     * @throws GoParseException if the DWARF is malformed
     */
    public Optional<TypedefType> typedef(String name) throws GoParseException {
        Long off = index().typedefs().get(name);
        return off == null ? Optional.empty() : Optional.of((TypedefType) typeAt(off));
    }

    /**
     * Finds a struct type by name, following a typedef of the same name.
     *
     * @param name the name ({@code runtime.g})
     * @return the struct, or empty when there is none or it is not a struct
     * @throws GoParseException if the DWARF is malformed
     */
    public Optional<StructType> struct(String name) throws GoParseException {
        Optional<Type> t = type(name);
        if (t.isPresent() && t.get().underlying() instanceof StructType s) {
            return Optional.of(s);
        }
        return Optional.empty();
    }

    /**
     * Returns a type's {@code DW_AT_go_runtime_type}: the offset of its runtime type descriptor
     * ({@code internal/abi.Type}) from {@code runtime.firstmoduledata.types}, despite the attribute's address form.
     *
     * @param t a type of this DWARF
     * @return the offset (0 when the linker made no descriptor), or empty when the entry has none (typedefs of
     *         named structs, synthesized types)
     * @throws GoParseException if the entry is malformed
     */
    public java.util.OptionalLong runtimeTypeOffset(Type t) throws GoParseException {
        Unit u = unitAt(t.offset());
        Die d = new Die(sections);
        d.read(u, inputAt(u, t.offset()));
        long rt = d.number(Dw.AT_GO_RUNTIME_TYPE, -1);
        return rt < 0 ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(rt);
    }

    /**
     * Finds the type whose runtime descriptor lies at an offset from {@code runtime.firstmoduledata.types}: how an
     * interface's dynamic type ({@code eface._type}, {@code itab.Type}) becomes a layout.
     *
     * @param offset the descriptor's address minus the module's {@code types}
     * @return the type, or empty when no top-level type entry has that offset
     * @throws GoParseException if the DWARF is malformed
     */
    public Optional<Type> typeForRuntimeType(long offset) throws GoParseException {
        Long off = index().runtimeTypes().get(offset);
        return off == null ? Optional.empty() : Optional.of(typeAt(off));
    }

    /**
     * Finds a package constant.
     *
     * @param name the qualified name ({@code runtime._Gdead})
     * @return the constant, or empty
     * @throws GoParseException if the DWARF is malformed
     */
    public Optional<Constant> constant(String name) throws GoParseException {
        Long off = index().constants().get(name);
        return off == null ? Optional.empty() : Optional.of(constantAt(off));
    }

    /**
     * Returns the constants whose names start with a prefix, such as all {@code runtime.waitReason} values.
     *
     * @param prefix the name prefix
     * @return the constants, sorted by name
     * @throws GoParseException if the DWARF is malformed
     */
    public List<Constant> constants(String prefix) throws GoParseException {
        List<Constant> out = new ArrayList<>();
        for (String n : new TreeSet<>(index().constants().keySet())) {
            if (n.startsWith(prefix)) {
                out.add(constantAt(index().constants().get(n)));
            }
        }
        return List.copyOf(out);
    }

    /**
     * Finds a function with code (a subprogram with a low pc).
     *
     * @param name the qualified name ({@code main.main})
     * @return the function with its parameters and locals, or empty
     * @throws GoParseException if the DWARF is malformed
     */
    public Optional<Function> function(String name) throws GoParseException {
        Long off = index().functions().get(name);
        return off == null ? Optional.empty() : Optional.of(functionEntry(off));
    }

    /** The kinds of top-level entries indexed by name. */
    public enum Names {
        /** Type entries other than typedefs (structs, pointers, base types, arrays, funcs). */
        TYPES,
        /** Typedefs: named types, maps, channels, interfaces. */
        TYPEDEFS,
        /** Package-level variables. */
        VARIABLES,
        /** Package constants. */
        CONSTANTS,
        /** Functions with code. */
        FUNCTIONS
    }

    /**
     * Finds the function whose code holds a pc, for a frame's parameters and locals.
     *
     * @param pc the pc
     * @return the function, or empty when no subprogram covers it (assembly wrappers the linker made)
     * @throws GoParseException if the DWARF is malformed
     */
    public Optional<Function> functionAt(long pc) throws GoParseException {
        long[][] r = functionRanges();
        long[] lows = r[0];
        int lo = 0;
        int hi = lows.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(lows[mid], pc) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (hi < 0 || Long.compareUnsigned(pc, r[1][hi]) >= 0) {
            return Optional.empty();
        }
        return Optional.of(functionEntry(r[2][hi]));
    }

    private long[][] functionRanges() throws GoParseException {
        long[][] r = functionRanges;
        if (r == null) {
            synchronized (this) {
                r = functionRanges;
                if (r == null) {
                    List<long[]> all = new ArrayList<>();
                    Die d = new Die(sections);
                    for (long off : index().functions().values()) {
                        Unit u = unitAt(off);
                        d.read(u, inputAt(u, off));
                        long low = d.address(Dw.AT_LOW_PC);
                        int h = d.find(Dw.AT_HIGH_PC);
                        if (low == -1 || h < 0) {
                            continue;
                        }
                        int form = d.form(h);
                        long high = form == Dw.FORM_ADDR || form == Dw.FORM_ADDRX
                                || (form >= Dw.FORM_ADDRX1 && form <= Dw.FORM_ADDRX4)
                                ? d.address(Dw.AT_HIGH_PC) : low + d.number(Dw.AT_HIGH_PC, 0);
                        all.add(new long[] {low, high, off});
                    }
                    all.sort((a, b) -> Long.compareUnsigned(a[0], b[0]));
                    r = new long[3][all.size()];
                    for (int i = 0; i < all.size(); i++) {
                        r[0][i] = all.get(i)[0];
                        r[1][i] = all.get(i)[1];
                        r[2][i] = all.get(i)[2];
                    }
                    functionRanges = r;
                }
            }
        }
        return r;
    }

    /**
     * Lists the names of one kind of top-level entry.
     *
     * @param what which names
     * @return the names, sorted
     * @throws GoParseException if the DWARF is malformed
     */
    public List<String> names(Names what) throws GoParseException {
        Index i = index();
        Map<String, Long> m = switch (what) {
            case TYPES -> i.types();
            case TYPEDEFS -> i.typedefs();
            case VARIABLES -> i.variables();
            case CONSTANTS -> i.constants();
            case FUNCTIONS -> i.functions();
        };
        return List.copyOf(new TreeSet<>(m.keySet()));
    }

    // ---- line tables -----------------------------------------------------------------------------------------

    /**
     * Finds the source position of a pc through the units' line programs ({@code .debug_line}). The first call
     * lists every program's sequences; each lookup then decodes one sequence.
     *
     * @param pc the pc
     * @return the row covering it, or empty when no sequence does
     * @throws GoParseException if a line program is malformed
     */
    public Optional<LineRow> lineAt(long pc) throws GoParseException {
        List<LineTable.Sequence> seqs = sequences();
        int lo = 0;
        int hi = seqs.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(seqs.get(mid).low(), pc) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (hi < 0) {
            return Optional.empty();
        }
        LineTable.Sequence s = seqs.get(hi);
        if (Long.compareUnsigned(pc, s.high()) >= 0) {
            return Optional.empty();
        }
        return Optional.ofNullable(s.table().rowAt(s.start(), pc));
    }

    /**
     * Decodes the line program of the unit that holds an entry: every row of every sequence, in program order.
     *
     * @param entryOffset the offset in {@code .debug_info} of any entry of the unit
     * @return the rows, empty when the unit has no line program
     * @throws GoParseException if the program is malformed
     */
    public List<LineRow> lineRows(long entryOffset) throws GoParseException {
        Unit u = unitAt(entryOffset);
        if (u.stmtList() < 0) {
            return List.of();
        }
        LineTable t = LineTable.read(sections, u.stmtList(), u.addrSize());
        List<LineRow> out = new ArrayList<>();
        for (LineTable.Sequence s : t.sequences()) {
            out.addAll(t.rows(s.start()));
        }
        return List.copyOf(out);
    }

    private List<LineTable.Sequence> sequences() throws GoParseException {
        List<LineTable.Sequence> s = sequences;
        if (s == null) {
            synchronized (this) {
                s = sequences;
                if (s == null) {
                    List<LineTable.Sequence> all = new ArrayList<>();
                    java.util.Set<Long> seen = new java.util.HashSet<>();
                    long decoded = 0;
                    for (Unit u : units) {
                        if (u.stmtList() >= 0 && seen.add(u.stmtList())) {
                            LineTable t = LineTable.read(sections, u.stmtList(), u.addrSize());
                            decoded += t.end - t.offset;
                            checkBudget(decoded, sections.input("line").limit, ".debug_line", u.offset());
                            all.addAll(t.sequences());
                        }
                    }
                    all.sort((a, b) -> Long.compareUnsigned(a.low(), b.low()));
                    s = List.copyOf(all);
                    sequences = s;
                }
            }
        }
        return s;
    }

    // ---- entries to records --------------------------------------------------------------------------------------

    /**
     * Reads the type entry at an offset of {@code .debug_info} (cached).
     *
     * @param offset the entry's offset
     * @return the type
     * @throws GoParseException if the entry is malformed or not a type
     */
    public Type typeAt(long offset) throws GoParseException {
        Type t = types.get(offset);
        if (t == null) {
            t = readType(offset);
            types.put(offset, t);
        }
        return t;
    }

    private Type readType(long offset) throws GoParseException {
        Unit u = unitAt(offset);
        DwarfInput in = inputAt(u, offset);
        Die d = new Die(sections);
        d.read(u, in);
        String name = orEmpty(d.string(Dw.AT_NAME));
        GoKind kind = GoKind.of(d.number(Dw.AT_GO_KIND, 0));
        long size = d.number(Dw.AT_BYTE_SIZE, -1);
        long typeRef = d.ref(Dw.AT_TYPE);
        switch (d.tag) {
            case Dw.TAG_BASE_TYPE:
                return new BaseType(name, size, (int) d.number(Dw.AT_ENCODING, 0), kind, offset);
            case Dw.TAG_POINTER_TYPE:
                return new PointerType(name, size < 0 ? u.addrSize() : size, ref(typeRef), kind, offset);
            case Dw.TAG_SUBROUTINE_TYPE:
                return new FuncType(name, size < 0 ? u.addrSize() : size, kind, offset);
            case Dw.TAG_TYPEDEF: {
                long key = d.ref(Dw.AT_GO_KEY);
                long elem = d.ref(Dw.AT_GO_ELEM);
                return new TypedefType(name, ref(typeRef), ref(key), ref(elem), kind, offset);
            }
            case Dw.TAG_STRUCTURE_TYPE:
            case Dw.TAG_UNION_TYPE:
            case Dw.TAG_CLASS_TYPE:
                return readStruct(d, in, name, size, kind, offset);
            case Dw.TAG_ARRAY_TYPE:
                return readArray(d, in, name, size, typeRef, kind, offset);
            case Dw.TAG_UNSPECIFIED_TYPE:
            case Dw.TAG_ENUMERATION_TYPE:
                return new OtherType(name, d.tag, size, kind, offset);
            default:
                throw GoParseException.malformed(DwarfInput.FORMAT, offset, ".debug_info: expected a type entry, found"
                        + " tag 0x" + Integer.toHexString(d.tag));
        }
    }

    private StructType readStruct(Die d, DwarfInput in, String name, long size, GoKind kind, long offset)
            throws GoParseException {
        long elem = d.ref(Dw.AT_GO_ELEM);
        Unit u = d.unit;
        List<String> names = new ArrayList<>();
        List<long[]> raw = new ArrayList<>(); // {offset, type ref, embedded}
        if (d.children) {
            while (true) {
                if (in.pos >= in.limit) {
                    throw GoParseException.truncated(DwarfInput.FORMAT, in.pos, ".debug_info members of "
                            + name, 1, 0);
                }
                d.read(u, in);
                if (d.tag == 0) {
                    break;
                }
                if (d.tag == Dw.TAG_MEMBER) {
                    names.add(orEmpty(d.string(Dw.AT_NAME)));
                    raw.add(new long[] {memberOffset(d, in), d.ref(Dw.AT_TYPE),
                            d.flag(Dw.AT_GO_EMBEDDED_FIELD) ? 1 : 0});
                }
                d.skipChildren(in);
            }
        }
        List<Field> fields = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            long[] r = raw.get(i);
            fields.add(new Field(names.get(i), r[0], ref(r[1]), r[2] != 0));
        }
        return new StructType(name, size, fields, ref(elem), kind, offset);
    }

    /** {@code DW_AT_data_member_location}: a constant, or (DWARF 2) a block {@code DW_OP_plus_uconst n}. */
    private long memberOffset(Die d, DwarfInput in) throws GoParseException {
        int i = d.find(Dw.AT_DATA_MEMBER_LOCATION);
        if (i < 0) {
            return 0; // a union member
        }
        int form = d.form(i);
        if (form == Dw.FORM_BLOCK1 || form == Dw.FORM_BLOCK || form == Dw.FORM_EXPRLOC || form == Dw.FORM_BLOCK2
                || form == Dw.FORM_BLOCK4) {
            DwarfInput b = new DwarfInput(in.bytes(), in.section(), in.bigEndian(), (int) d.raw(i),
                    (int) d.raw(i) + d.length(i));
            if (b.u8() != Dw.OP_PLUS_UCONST) {
                throw b.error(d.raw(i), "a member location DW_OP_plus_uconst");
            }
            return b.uleb();
        }
        long v = d.number(Dw.AT_DATA_MEMBER_LOCATION, -1);
        if (v < 0) {
            throw in.error(d.offset, "a member location constant");
        }
        return v;
    }

    private ArrayType readArray(Die d, DwarfInput in, String name, long size, long elem, GoKind kind, long offset)
            throws GoParseException {
        long count = -1;
        Unit u = d.unit;
        if (d.children) {
            boolean first = true;
            while (true) {
                if (in.pos >= in.limit) {
                    throw GoParseException.truncated(DwarfInput.FORMAT, in.pos, ".debug_info subranges of "
                            + name, 1, 0);
                }
                d.read(u, in);
                if (d.tag == 0) {
                    break;
                }
                if (d.tag == Dw.TAG_SUBRANGE_TYPE && first) {
                    first = false;
                    count = d.number(Dw.AT_COUNT, -1);
                    if (count < 0) {
                        long upper = d.number(Dw.AT_UPPER_BOUND, -2);
                        count = upper >= -1 ? upper + 1 : -1;
                    }
                }
                d.skipChildren(in);
            }
        }
        return new ArrayType(name, size, ref(elem), count, kind, offset);
    }

    private Variable variableAt(long offset) throws GoParseException {
        Unit u = unitAt(offset);
        DwarfInput in = inputAt(u, offset);
        Die d = new Die(sections);
        d.read(u, in);
        String name = orEmpty(d.string(Dw.AT_NAME));
        long address = -1;
        int i = d.find(Dw.AT_LOCATION);
        if (i >= 0 && isBlock(d.form(i)) && d.length(i) > 0) {
            DwarfInput e = new DwarfInput(in.bytes(), in.section(), in.bigEndian(), (int) d.raw(i),
                    (int) d.raw(i) + d.length(i));
            int op = e.u8();
            if (op == Dw.OP_ADDR) {
                address = e.unsigned(u.addrSize());
            } else if (op == Dw.OP_ADDRX) {
                address = d.indexedAddress(e.uleb());
            }
        }
        return new Variable(name, address, ref(d.ref(Dw.AT_TYPE)));
    }

    private Constant constantAt(long offset) throws GoParseException {
        Unit u = unitAt(offset);
        Die d = new Die(sections);
        d.read(u, inputAt(u, offset));
        return new Constant(orEmpty(d.string(Dw.AT_NAME)), d.number(Dw.AT_CONST_VALUE, 0), ref(d.ref(Dw.AT_TYPE)));
    }

    /** {@return the name of the entry at an offset, empty when it has none} */
    private String nameAt(long offset) throws GoParseException {
        Unit u = unitAt(offset);
        Die d = new Die(sections);
        d.read(u, inputAt(u, offset));
        return orEmpty(d.string(Dw.AT_NAME));
    }

    private Function functionEntry(long offset) throws GoParseException {
        Unit u = unitAt(offset);
        DwarfInput in = inputAt(u, offset);
        Die d = new Die(sections);
        d.read(u, in);
        String name = d.string(Dw.AT_NAME);
        if (name == null && d.ref(Dw.AT_ABSTRACT_ORIGIN) >= 0) {
            name = nameAt(d.ref(Dw.AT_ABSTRACT_ORIGIN));
        }
        name = orEmpty(name);
        long low = d.address(Dw.AT_LOW_PC);
        long high = -1;
        int hi = d.find(Dw.AT_HIGH_PC);
        if (hi >= 0) {
            int form = d.form(hi);
            high = form == Dw.FORM_ADDR || (form >= Dw.FORM_ADDRX1 && form <= Dw.FORM_ADDRX4)
                    || form == Dw.FORM_ADDRX ? d.address(Dw.AT_HIGH_PC) : low + d.number(Dw.AT_HIGH_PC, 0);
        }
        List<Object[]> raw = new ArrayList<>(); // {name, parameter, type ref, location}
        if (d.children) {
            int depth = 1;
            while (depth > 0) {
                if (in.pos >= in.limit) {
                    throw GoParseException.truncated(DwarfInput.FORMAT, in.pos, ".debug_info children of " + name,
                            1, 0);
                }
                d.read(u, in);
                if (d.tag == 0) {
                    depth--;
                    continue;
                }
                if (d.tag == Dw.TAG_FORMAL_PARAMETER || d.tag == Dw.TAG_VARIABLE) {
                    raw.add(new Object[] {d.string(Dw.AT_NAME), d.tag == Dw.TAG_FORMAL_PARAMETER,
                            d.ref(Dw.AT_TYPE), location(d, in, u), d.ref(Dw.AT_ABSTRACT_ORIGIN)});
                }
                if (d.children) {
                    if (d.tag == Dw.TAG_LEXICAL_BLOCK) {
                        depth++;
                    } else {
                        d.skipChildren(in); // an inlined call's variables are the callee's
                    }
                }
            }
        }
        List<Local> locals = new ArrayList<>(raw.size());
        for (Object[] r : raw) {
            String n = (String) r[0];
            long type = (long) r[2];
            long origin = (long) r[4];
            if ((n == null || type < 0) && origin >= 0) {
                // A concrete instance of an inlinable function names its variables through the abstract one.
                Unit ou = unitAt(origin);
                Die o = new Die(sections);
                o.read(ou, inputAt(ou, origin));
                n = n == null ? o.string(Dw.AT_NAME) : n;
                type = type < 0 ? o.ref(Dw.AT_TYPE) : type;
            }
            locals.add(new Local(orEmpty(n), (boolean) r[1], ref(type), (Location) r[3]));
        }
        return new Function(name, low, high, locals);
    }

    private static Location location(Die d, DwarfInput in, Unit u) {
        int i = d.find(Dw.AT_LOCATION);
        if (i < 0) {
            return null;
        }
        if (isBlock(d.form(i))) {
            byte[] e = java.util.Arrays.copyOfRange(in.bytes(), (int) d.raw(i), (int) d.raw(i) + d.length(i));
            return new Location(e, -1, u.offset());
        }
        if (d.form(i) == Dw.FORM_LOCLISTX) {
            // DWARF 5 §7.29: an index into the unit's offset table; Go writes sec_offset, so this is rare.
            return new Location(new byte[0], -2 - d.raw(i), u.offset());
        }
        return new Location(new byte[0], d.raw(i), u.offset());
    }

    /**
     * Expands a location list: the address ranges and the expression that holds in each ({@code .debug_loc} before
     * DWARF 5, {@code .debug_loclists} from it).
     *
     * @param loc a location from {@link Local#location()}
     * @return the ranges in list order; one unbounded range for a single expression
     * @throws GoParseException if the list is malformed
     */
    public List<LocationRange> ranges(Location loc) throws GoParseException {
        if (!loc.isList()) {
            return List.of(new LocationRange(0, -1, loc.expression()));
        }
        int k = java.util.Arrays.binarySearch(unitOffsets, (int) Math.min(Integer.MAX_VALUE,
                Math.max(-1, loc.unitOffset())));
        if (k < 0) {
            throw new IllegalArgumentException("not a location of this DWARF: unit offset " + loc.unitOffset());
        }
        Unit u = units.get(k);
        if (loc.listOffset() < 0) {
            throw GoParseException.malformed(DwarfInput.FORMAT, -1, ".debug_info: expected a location list offset,"
                    + " found a DW_FORM_loclistx index, which is not supported");
        }
        return u.version() >= 5 ? LocationLists.v5(sections, u, loc.listOffset())
                : LocationLists.v4(sections, u, loc.listOffset());
    }

    /**
     * Finds the expression that locates a variable at a pc.
     *
     * @param loc a location from {@link Local#location()}
     * @param pc  the pc
     * @return the expression bytes, or empty when the variable has no location there
     * @throws GoParseException if the list is malformed
     */
    public Optional<byte[]> expressionAt(Location loc, long pc) throws GoParseException {
        for (LocationRange r : ranges(loc)) {
            if (r.high() == -1 || (Long.compareUnsigned(pc, r.low()) >= 0 && Long.compareUnsigned(pc, r.high()) < 0)) {
                return Optional.of(r.expression());
            }
        }
        return Optional.empty();
    }

    private static boolean isBlock(int form) {
        return form == Dw.FORM_EXPRLOC || form == Dw.FORM_BLOCK1 || form == Dw.FORM_BLOCK || form == Dw.FORM_BLOCK2
                || form == Dw.FORM_BLOCK4;
    }

    private TypeRef ref(long offset) throws GoParseException {
        if (offset < 0) {
            return null;
        }
        Type cached = types.get(offset);
        if (cached != null) {
            return new TypeRef(this, offset, cached.name());
        }
        return new TypeRef(this, offset, nameAt(offset));
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    @Override
    public String toString() {
        return "Dwarf v" + version() + ", " + units.size() + " units, .debug_info " + sections.sizes().get("info")
                + " bytes";
    }
}
