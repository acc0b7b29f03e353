package dev.gopherlens.pclntab.internal.gocore;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.pclntab.gocore.Memory;
import dev.gopherlens.pclntab.internal.dwarf.ArrayType;
import dev.gopherlens.pclntab.internal.dwarf.BaseType;
import dev.gopherlens.pclntab.internal.dwarf.Dwarf;
import dev.gopherlens.pclntab.internal.dwarf.Field;
import dev.gopherlens.pclntab.internal.dwarf.GoKind;
import dev.gopherlens.pclntab.internal.dwarf.PointerType;
import dev.gopherlens.pclntab.internal.dwarf.StructType;
import dev.gopherlens.pclntab.internal.dwarf.Type;
import dev.gopherlens.pclntab.internal.dwarf.TypedefType;
import dev.gopherlens.pclntab.internal.dwarf.Variable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Renders a value in a core's memory as Go's {@code fmt.Sprintf("%#v", v)} would, laid out by the binary's DWARF:
 * integers, floats, complex numbers, bools, strings, arrays, slices, structs, pointers, channels, functions,
 * interfaces (their dynamic type found through the runtime type descriptor) and maps of both runtime layouts
 * (buckets before Go 1.24, Swiss tables since), keys sorted as {@code internal/fmtsort} sorts them. No offset of the
 * runtime's structures is assumed: the map header, bucket, table and group layouts are the DWARF's.
 *
 * <p>Values are read, never trusted: every length is checked against readable memory, a rendering stops with a
 * {@link GoParseException} past {@link #MAX_DEPTH} levels of nesting or {@link #MAX_ELEMENTS} elements, and map
 * walks detect cycles. Methods ({@code GoString}) cannot run on a dead process, so values print as fmt prints a
 * type without them. Thread-safe: each call keeps its own state; the module's type base is cached once read.
 */
public final class ValueReader {
    /** Deepest nesting of structs, arrays, maps and interfaces rendered before giving up. */
    public static final int MAX_DEPTH = 100;
    /** Most elements (of every container, at every level) one rendering reads. */
    public static final long MAX_ELEMENTS = 1L << 20;
    /** Most characters one rendering produces. */
    public static final long MAX_CHARS = 1L << 26;

    private static final String FORMAT = "core";

    private final Memory memory;
    private final Dwarf dwarf;
    private volatile long typesBase = -1;
    private final long bias;

    /**
     * Makes a reader.
     *
     * @param memory the process memory
     * @param dwarf  the binary's DWARF
     * @param bias   the binary's load bias, added to the addresses the DWARF gives variables
     */
    public ValueReader(Memory memory, Dwarf dwarf, long bias) {
        this.memory = memory;
        this.dwarf = dwarf;
        this.bias = bias;
    }

    /** {@return the DWARF this reader lays values out by} */
    public Dwarf dwarf() {
        return dwarf;
    }

    /** {@return the process memory} */
    public Memory memory() {
        return memory;
    }

    /**
     * Renders the value of a type at an address as {@code %#v} prints it at the top level: a non-nil pointer to a
     * struct, array, slice or map as {@code &T{...}}, other pointers as {@code (*T)(0x...)}.
     *
     * @param type    the value's type
     * @param address where the value lies
     * @return the text
     * @throws GoParseException if memory is unreadable, a structure is malformed or a limit is reached
     */
    public String format(Type type, long address) throws GoParseException {
        Render r = new Render();
        r.value(type, address, 0);
        return r.sb.toString();
    }

    /**
     * Returns Go's kind of a type, looking through typedefs to the first entry that names one.
     *
     * @param t the type
     * @return the kind, derived from the entry's shape when no entry names one
     * @throws GoParseException if the type chain is malformed
     */
    public static GoKind kindOf(Type t) throws GoParseException {
        GoKind k = t.effectiveKind();
        if (k != GoKind.INVALID) {
            return k;
        }
        Type u = t.underlying();
        if (u instanceof PointerType p) {
            return p.elem() == null ? GoKind.UNSAFE_POINTER : GoKind.POINTER;
        }
        if (u instanceof ArrayType) {
            return GoKind.ARRAY;
        }
        if (u instanceof StructType) {
            return GoKind.STRUCT;
        }
        if (u instanceof BaseType b) {
            return switch (b.encoding()) {
                case 2 -> GoKind.BOOL;
                case 4 -> b.size() == 4 ? GoKind.FLOAT32 : GoKind.FLOAT64;
                case 5 -> b.size() == 1 ? GoKind.INT8 : b.size() == 2 ? GoKind.INT16 : b.size() == 4 ? GoKind.INT32
                        : GoKind.INT64;
                case 3 -> b.size() == 8 ? GoKind.COMPLEX64 : GoKind.COMPLEX128;
                default -> b.size() == 1 ? GoKind.UINT8 : b.size() == 2 ? GoKind.UINT16 : b.size() == 4
                        ? GoKind.UINT32 : GoKind.UINT64;
            };
        }
        return GoKind.INVALID;
    }

    /**
     * Returns the size of a value of a type, through typedefs.
     *
     * @param t the type
     * @return the size in bytes
     * @throws GoParseException if the type has no size
     */
    public static long sizeOf(Type t) throws GoParseException {
        long s = t.underlying().size();
        if (s < 0) {
            throw GoParseException.malformed("DWARF", t.offset(), "a byte size for type " + t.name());
        }
        return s;
    }

    /**
     * Returns the type an interface value holds and where its value lies: the type word (or the itab's type)
     * mapped to DWARF through {@code runtime.firstmoduledata.types}; pointer-shaped types are stored in the data
     * word itself, others behind it.
     *
     * @param type    an interface type
     * @param address where the interface value lies
     * @return the dynamic type and value, or null for a nil interface; a type without DWARF comes with a null
     *         type and the address of the interface's data word
     * @throws GoParseException if memory is unreadable
     */
    Dynamic dynamic(Type type, long address) throws GoParseException {
        StructType s = struct(type, "an interface");
        Field first = s.fields().isEmpty() ? null : s.fields().get(0);
        Field data = s.field("data").orElse(null);
        if (first == null || data == null) {
            throw GoParseException.malformed("DWARF", s.offset(), "an interface struct with a type word and data,"
                    + " found " + s);
        }
        long word = memory.pointer(address + first.offset());
        if (word == 0) {
            return null;
        }
        long rtype = word;
        if (first.name().equals("tab")) {
            // runtime.iface: the first word is an itab, whose second member is the dynamic type (itab._type before
            // Go 1.22, abi.ITab.Type since).
            StructType itab = struct(first.type().resolve().underlying() instanceof PointerType p && p.elem() != null
                    ? p.elem().resolve() : first.type().resolve(), "an itab");
            Field t = itab.field("Type").or(() -> itab.field("_type")).orElseThrow(() -> GoParseException.malformed(
                    "DWARF", itab.offset(), "an itab with a Type or _type member, found " + itab));
            rtype = memory.pointer(word + t.offset());
        }
        long descriptor = rtype;
        long valueAt = address + data.offset();
        Type dyn = dwarf.typeForRuntimeType(descriptor - typesBase()).orElse(null);
        if (dyn == null) {
            // The linker writes DWARF only for types that variables and functions use; a type met only in an
            // interface conversion has just its runtime descriptor.
            return new Dynamic(null, valueAt, descriptor);
        }
        if (!isDirectIface(dyn, 0)) {
            valueAt = memory.pointer(valueAt);
        }
        return new Dynamic(dyn, valueAt, descriptor);
    }

    /**
     * What an interface holds.
     *
     * @param type       the dynamic type, or null when the binary's DWARF has none (then only its descriptor tells)
     * @param address    where its value lies: the interface's data word for pointer-shaped types, else where it
     *                   points; the data word's address when the type is null
     * @param descriptor the address of the runtime type descriptor, which fmtsort orders interface keys by
     */
    record Dynamic(Type type, long address, long descriptor) {
    }

    /** cmd/compile types.IsDirectIface: pointer-shaped types live in the interface's data word. */
    private static boolean isDirectIface(Type t, int depth) throws GoParseException {
        if (depth > MAX_DEPTH) {
            return false;
        }
        GoKind k = kindOf(t);
        switch (k) {
            case POINTER, UNSAFE_POINTER, MAP, CHAN, FUNC -> {
                return true;
            }
            case ARRAY -> {
                ArrayType a = (ArrayType) t.underlying();
                return a.count() == 1 && isDirectIface(a.elem().resolve(), depth + 1);
            }
            case STRUCT -> {
                StructType s = (StructType) t.underlying();
                return s.fields().size() == 1 && isDirectIface(s.fields().get(0).type().resolve(), depth + 1);
            }
            default -> {
                return false;
            }
        }
    }

    /**
     * What a runtime type descriptor ({@code internal/abi.Type}, laid out by its DWARF) says of a type the DWARF
     * lacks: its kind, size and name.
     */
    record Descriptor(GoKind kind, long size, String name) {
    }

    Descriptor descriptor(long rtype) throws GoParseException {
        StructType t = dwarf.struct("internal/abi.Type").or(() -> optional("runtime._type")).orElseThrow(() ->
                GoParseException.malformed("DWARF", -1, "the type internal/abi.Type or runtime._type"));
        // internal/abi/type.go (Go 1.21 to 1.27): Size_, TFlag, Kind_ and Str; runtime._type before, in lower case.
        long size = memory.u64(rtype + either(t, "Size_", "size").offset());
        int tflag = memory.u8(rtype + either(t, "TFlag", "tflag").offset());
        int kind = memory.u8(rtype + either(t, "Kind_", "kind").offset()) & 31; // abi.KindMask
        long str = memory.i32(rtype + either(t, "Str", "str").offset());
        // abi.Name (Go 1.17 on): a flags byte, the length as a uvarint, the bytes.
        long at = typesBase() + str + 1;
        long length = 0;
        for (int i = 0; ; i++) {
            int b = memory.u8(at++);
            length |= (long) (b & 0x7f) << (7 * i);
            if ((b & 0x80) == 0) {
                break;
            }
            if (i == 3) {
                throw GoParseException.malformed(FORMAT, -1, "a type name length of at most 4 bytes at 0x"
                        + Long.toHexString(at));
            }
        }
        String name = new String(memory.read(at, (int) length), java.nio.charset.StandardCharsets.UTF_8);
        if ((tflag & 2) != 0 && name.startsWith("*")) {
            name = name.substring(1); // abi.TFlagExtraStar: the name is stored with a '*' it does not have
        }
        return new Descriptor(GoKind.of(kind), size, name);
    }

    private Optional<StructType> optional(String name) {
        try {
            return dwarf.struct(name);
        } catch (GoParseException e) {
            return Optional.empty();
        }
    }

    private static Field either(StructType s, String name, String older) throws GoParseException {
        Optional<Field> f = s.field(name);
        return f.isPresent() ? f.get() : member(s, older);
    }

    private long typesBase() throws GoParseException {
        long b = typesBase;
        if (b < 0) {
            Variable md = dwarf.global("runtime.firstmoduledata").orElseThrow(() -> GoParseException.malformed(
                    "DWARF", -1, "the variable runtime.firstmoduledata, whose types field places type descriptors"));
            StructType s = struct(md.type().resolve(), "runtime.moduledata");
            Field f = s.field("types").orElseThrow(() -> GoParseException.malformed("DWARF", s.offset(),
                    "a types member in runtime.moduledata"));
            b = memory.pointer(md.address() + bias + f.offset());
            typesBase = b;
        }
        return b;
    }

    /** {@return a type whose layout a value or map reading depends on, as a struct} */
    static StructType struct(Type t, String what) throws GoParseException {
        if (t.underlying() instanceof StructType s) {
            return s;
        }
        throw GoParseException.malformed("DWARF", t.offset(), what + " as a struct, found " + t);
    }

    /** {@return a member a value or map reading depends on} */
    static Field member(StructType s, String name) throws GoParseException {
        return s.field(name).orElseThrow(() -> GoParseException.malformed("DWARF", s.offset(), "a member " + name
                + " in " + s.name()));
    }

    /** Elements of a map found by walking it: key and value addresses. */
    private record Entry(long key, long value) {
    }

    /** A rendering past {@link #MAX_ELEMENTS} or {@link #MAX_CHARS}, which are this reader's, not {@code Limits}'. */
    static GoParseException tooBig(String reached) {
        return GoParseException.malformed(FORMAT, -1, "a value of at most " + MAX_ELEMENTS + " elements and "
                + MAX_CHARS + " characters to print, reached " + reached + " (print its members instead)");
    }

    /** One rendering: its output and the budget it has used. */
    private final class Render {
        final StringBuilder sb = new StringBuilder();
        long elements;

        void count(long n) throws GoParseException {
            elements += n;
            if (elements > MAX_ELEMENTS || n < 0) {
                throw tooBig(elements + " elements");
            }
            if (sb.length() > MAX_CHARS) {
                throw tooBig(sb.length() + " characters");
            }
        }

        void value(Type t, long addr, int depth) throws GoParseException {
            if (depth > MAX_DEPTH) {
                throw GoParseException.malformed(FORMAT, -1, "values nested at most " + MAX_DEPTH + " deep (at 0x"
                        + Long.toHexString(addr) + ", " + t.name() + ")");
            }
            count(1);
            String name = GoSyntax.typeName(t.name());
            Type u = t.underlying();
            GoKind kind = kindOf(t);
            if (depth == 0 && name.equals("[]uint8")) {
                // fmt/print.go printArg: a top-level []byte goes through fmtBytes with the name "[]byte"; inside
                // another value reflect names it []uint8.
                name = "[]byte";
            }
            switch (kind) {
                case BOOL -> sb.append(memory.u8(addr) != 0);
                case INT, INT8, INT16, INT32, INT64 -> sb.append(signed(addr, sizeOf(u)));
                case UINT, UINT8, UINT16, UINT32, UINT64, UINTPTR -> sb.append(GoSyntax.hex(unsigned(addr,
                        sizeOf(u))));
                case FLOAT32 -> sb.append(GoSyntax.float32(Float.intBitsToFloat(memory.i32(addr))));
                case FLOAT64 -> sb.append(GoSyntax.float64(Double.longBitsToDouble(memory.u64(addr))));
                case COMPLEX64 -> sb.append(GoSyntax.complex(Float.intBitsToFloat(memory.i32(addr)),
                        Float.intBitsToFloat(memory.i32(addr + 4)), true));
                case COMPLEX128 -> sb.append(GoSyntax.complex(Double.longBitsToDouble(memory.u64(addr)),
                        Double.longBitsToDouble(memory.u64(addr + 8)), false));
                case STRING -> sb.append(GoSyntax.quote(stringBytes(u, addr)));
                case SLICE -> slice(name, (StructType) u, addr, depth);
                case ARRAY -> array(name, (ArrayType) u, addr, depth);
                case STRUCT -> structValue(name, ValueReader.struct(u, "a struct"), addr, depth);
                case POINTER -> pointer(name, u, addr, depth);
                case UNSAFE_POINTER, CHAN -> address(name, memory.pointer(addr));
                case FUNC -> {
                    long fv = memory.pointer(addr);
                    // reflect.Value.Pointer of a func is its code pointer: the first word of the funcval.
                    address(name, fv == 0 ? 0 : memory.pointer(fv));
                }
                case INTERFACE -> {
                    Dynamic d = dynamic(t, addr);
                    if (d == null) {
                        sb.append(name).append("(nil)");
                    } else if (d.type() == null) {
                        withoutDwarf(d.descriptor(), d.address(), addr);
                    } else {
                        value(d.type(), d.address(), depth + 1);
                    }
                }
                case MAP -> map(name, t, addr, depth);
                default -> throw GoParseException.malformed("DWARF", t.offset(), "a Go type with a kind, found "
                        + t);
            }
        }

        /**
         * An interface's value whose type only its runtime descriptor describes: enough for numbers, strings and
         * pointer-shaped values, and for nil slices and maps; a struct or array cannot be laid out without DWARF.
         */
        void withoutDwarf(long rtype, long dataWord, long iface) throws GoParseException {
            Descriptor d = descriptor(rtype);
            GoKind k = d.kind();
            boolean direct = k == GoKind.POINTER || k == GoKind.UNSAFE_POINTER || k == GoKind.MAP
                    || k == GoKind.CHAN || k == GoKind.FUNC;
            long at = direct ? dataWord : memory.pointer(dataWord);
            switch (k) {
                case BOOL -> sb.append(memory.u8(at) != 0);
                case INT, INT8, INT16, INT32, INT64 -> sb.append(signed(at, d.size()));
                case UINT, UINT8, UINT16, UINT32, UINT64, UINTPTR -> sb.append(GoSyntax.hex(unsigned(at, d.size())));
                case FLOAT32 -> sb.append(GoSyntax.float32(Float.intBitsToFloat(memory.i32(at))));
                case FLOAT64 -> sb.append(GoSyntax.float64(Double.longBitsToDouble(memory.u64(at))));
                case COMPLEX64 -> sb.append(GoSyntax.complex(Float.intBitsToFloat(memory.i32(at)),
                        Float.intBitsToFloat(memory.i32(at + 4)), true));
                case COMPLEX128 -> sb.append(GoSyntax.complex(Double.longBitsToDouble(memory.u64(at)),
                        Double.longBitsToDouble(memory.u64(at + 8)), false));
                case STRING -> sb.append(GoSyntax.quote(stringBytes(dwarf.type("string").orElseThrow(() ->
                        GoParseException.malformed("DWARF", -1, "the type string")), at)));
                case POINTER, UNSAFE_POINTER, CHAN -> address(d.name(), memory.pointer(at));
                case FUNC -> {
                    long fv = memory.pointer(at);
                    address(d.name(), fv == 0 ? 0 : memory.pointer(fv));
                }
                default -> {
                    // A slice's data pointer and a map's header pointer come first in their headers.
                    if ((k == GoKind.SLICE || k == GoKind.MAP) && memory.pointer(at) == 0) {
                        sb.append(d.name()).append("(nil)");
                        return;
                    }
                    throw GoParseException.malformed(FORMAT, -1, "a DWARF type for " + d.name() + " (a "
                            + k.name().toLowerCase(java.util.Locale.ROOT) + " held by the interface at 0x"
                            + Long.toHexString(iface) + "); the binary describes only types its variables and"
                            + " functions use");
                }
            }
        }

        void address(String name, long p) {
            sb.append('(').append(name).append(")(").append(p == 0 ? "nil" : GoSyntax.hex(p)).append(')');
        }

        void pointer(String name, Type u, long addr, int depth) throws GoParseException {
            long p = memory.pointer(addr);
            PointerType pt = (PointerType) u;
            if (depth == 0 && p != 0 && pt.elem() != null) {
                Type elem = pt.elem().resolve();
                GoKind ek = kindOf(elem);
                // fmt/print.go printValue: at depth 0 a pointer to an array, slice, struct or map prints as &value.
                if (ek == GoKind.ARRAY || ek == GoKind.SLICE || ek == GoKind.STRUCT || ek == GoKind.MAP) {
                    sb.append('&');
                    value(elem, p, depth + 1);
                    return;
                }
            }
            address(name, p);
        }

        void slice(String name, StructType s, long addr, int depth) throws GoParseException {
            long data = memory.pointer(addr + member(s, "array").offset());
            long len = memory.u64(addr + member(s, "len").offset());
            long cap = memory.u64(addr + member(s, "cap").offset());
            sb.append(name);
            if (data == 0) {
                sb.append("(nil)");
                return;
            }
            if (len < 0 || Long.compareUnsigned(len, cap) > 0) {
                throw GoParseException.malformed(FORMAT, -1, "a slice length from 0 to its capacity " + cap
                        + ", found " + len + " (slice header at 0x" + Long.toHexString(addr) + ")");
            }
            if (s.elem() == null) {
                throw GoParseException.malformed("DWARF", s.offset(), "an element type for " + s.name());
            }
            elements(s.elem().resolve(), data, len, addr, depth);
        }

        void array(String name, ArrayType a, long addr, int depth) throws GoParseException {
            sb.append(name);
            elements(a.elem().resolve(), addr, a.count(), addr, depth);
        }

        void elements(Type elem, long data, long len, long header, int depth) throws GoParseException {
            long size = sizeOf(elem);
            if (len < 0) {
                throw GoParseException.malformed("DWARF", elem.offset(), "an array length, found " + len);
            }
            count(len);
            if (size > 0 && (Long.MAX_VALUE / size < len || !memory.isReadable(data, len * size))) {
                throw GoParseException.malformed(FORMAT, -1, len + " readable elements of " + size + " bytes at 0x"
                        + Long.toHexString(data) + " (the value at 0x" + Long.toHexString(header) + ")");
            }
            sb.append('{');
            for (long i = 0; i < len; i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                try {
                    value(elem, data + i * size, depth + 1);
                } catch (GoParseException e) {
                    throw e.withContext("[" + i + "]");
                }
            }
            sb.append('}');
        }

        void structValue(String name, StructType s, long addr, int depth) throws GoParseException {
            sb.append(name).append('{');
            boolean first = true;
            for (Field f : s.fields()) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                if (!f.name().isEmpty()) {
                    sb.append(f.name()).append(':');
                }
                try {
                    value(f.type().resolve(), addr + f.offset(), depth + 1);
                } catch (GoParseException e) {
                    throw e.withContext(f.name());
                }
            }
            sb.append('}');
        }

        void map(String name, Type t, long addr, int depth) throws GoParseException {
            long header = memory.pointer(addr);
            sb.append(name);
            if (header == 0) {
                sb.append("(nil)");
                return;
            }
            TypedefType td = t instanceof TypedefType d && d.key() != null ? d : null;
            if (td == null || td.elem() == null) {
                throw GoParseException.malformed("DWARF", t.offset(), "a map typedef with key and element types,"
                        + " found " + t);
            }
            Type key = td.key().resolve();
            Type val = td.elem().resolve();
            MapWalker w = new MapWalker(memory, dwarf, this::count);
            List<Entry> entries = new ArrayList<>();
            w.walk(td, header, key, val, (k, v) -> entries.add(new Entry(k, v)));
            Entry[] sorted = entries.toArray(new Entry[0]);
            sort(sorted, key);
            sb.append('{');
            for (int i = 0; i < sorted.length; i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                try {
                    value(key, sorted[i].key, depth + 1);
                    sb.append(':');
                    value(val, sorted[i].value, depth + 1);
                } catch (GoParseException e) {
                    // Entries are numbered in the printed (sorted) order.
                    throw e.withContext("[entry " + i + "]");
                }
            }
            sb.append('}');
        }
    }

    private void sort(Entry[] entries, Type key) throws GoParseException {
        KeyOrder order = new KeyOrder(this);
        try {
            // internal/fmtsort sorts stably; equal keys (NaNs) keep the walk's order.
            Arrays.sort(entries, (a, b) -> {
                try {
                    return order.compare(key, a.key, b.key, 0);
                } catch (GoParseException e) {
                    throw new KeyOrder.Failure(e);
                }
            });
        } catch (KeyOrder.Failure f) {
            throw f.cause;
        }
    }

    long signed(long addr, long size) throws GoParseException {
        return switch ((int) size) {
            case 1 -> (byte) memory.u8(addr);
            case 2 -> (short) memory.u16(addr);
            case 4 -> memory.i32(addr);
            case 8 -> memory.u64(addr);
            default -> throw GoParseException.malformed("DWARF", -1, "an integer of 1, 2, 4 or 8 bytes, found "
                    + size);
        };
    }

    long unsigned(long addr, long size) throws GoParseException {
        return switch ((int) size) {
            case 1 -> memory.u8(addr);
            case 2 -> memory.u16(addr);
            case 4 -> memory.u32(addr);
            case 8 -> memory.u64(addr);
            default -> throw GoParseException.malformed("DWARF", -1, "an integer of 1, 2, 4 or 8 bytes, found "
                    + size);
        };
    }

    byte[] stringBytes(Type u, long addr) throws GoParseException {
        StructType s = struct(u, "a string");
        long data = memory.pointer(addr + member(s, "str").offset());
        long len = memory.u64(addr + member(s, "len").offset());
        if (len == 0) {
            return new byte[0];
        }
        if (len < 0 || len > MAX_CHARS) {
            throw GoParseException.malformed(FORMAT, -1, "a string length from 0 to " + MAX_CHARS + ", found " + len
                    + " (string header at 0x" + Long.toHexString(addr) + ")");
        }
        return memory.read(data, (int) len);
    }
}
