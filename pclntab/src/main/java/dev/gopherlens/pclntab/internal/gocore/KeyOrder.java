package dev.gopherlens.pclntab.internal.gocore;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.pclntab.internal.dwarf.ArrayType;
import dev.gopherlens.pclntab.internal.dwarf.Field;
import dev.gopherlens.pclntab.internal.dwarf.GoKind;
import dev.gopherlens.pclntab.internal.dwarf.StructType;
import dev.gopherlens.pclntab.internal.dwarf.Type;

import java.util.Arrays;

/**
 * The order in which fmt prints map keys, internal/fmtsort's {@code compare} (Go 1.21 to 1.27): numbers by value
 * (a NaN before every other float, equal to another NaN), strings by their bytes, false before true, pointers and
 * channels by address, structs and arrays member by member, interfaces nil first, then by the address of their
 * dynamic type's descriptor, then by value. Compares keys where they lie in memory. Single-use per sort.
 */
final class KeyOrder {
    private final ValueReader reader;

    KeyOrder(ValueReader reader) {
        this.reader = reader;
    }

    /** Carries a read failure out of a {@link java.util.Comparator}. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient GoParseException cause;

        Failure(GoParseException cause) {
            super(cause.getMessage(), null, false, false);
            this.cause = cause;
        }
    }

    int compare(Type t, long a, long b, int depth) throws GoParseException {
        if (depth > ValueReader.MAX_DEPTH) {
            throw GoParseException.malformed("core", -1, "map keys nested at most " + ValueReader.MAX_DEPTH
                    + " deep");
        }
        Type u = t.underlying();
        GoKind kind = ValueReader.kindOf(t);
        switch (kind) {
            case INT, INT8, INT16, INT32, INT64 -> {
                long size = ValueReader.sizeOf(u);
                return Long.compare(reader.signed(a, size), reader.signed(b, size));
            }
            case UINT, UINT8, UINT16, UINT32, UINT64, UINTPTR -> {
                long size = ValueReader.sizeOf(u);
                return Long.compareUnsigned(reader.unsigned(a, size), reader.unsigned(b, size));
            }
            case POINTER, UNSAFE_POINTER, CHAN -> {
                return Long.compareUnsigned(reader.memory().pointer(a), reader.memory().pointer(b));
            }
            case STRING -> {
                return strings(reader.stringBytes(u, a), reader.stringBytes(u, b));
            }
            case FLOAT32 -> {
                return floats(Float.intBitsToFloat(reader.memory().i32(a)), Float.intBitsToFloat(
                        reader.memory().i32(b)));
            }
            case FLOAT64 -> {
                return floats(Double.longBitsToDouble(reader.memory().u64(a)), Double.longBitsToDouble(
                        reader.memory().u64(b)));
            }
            case COMPLEX64, COMPLEX128 -> {
                int half = kind == GoKind.COMPLEX64 ? 4 : 8;
                int c = part(a, b, half);
                return c != 0 ? c : part(a + half, b + half, half);
            }
            case BOOL -> {
                return Boolean.compare(reader.memory().u8(a) != 0, reader.memory().u8(b) != 0);
            }
            case STRUCT -> {
                for (Field f : ((StructType) u).fields()) {
                    int c = compare(f.type().resolve(), a + f.offset(), b + f.offset(), depth + 1);
                    if (c != 0) {
                        return c;
                    }
                }
                return 0;
            }
            case ARRAY -> {
                ArrayType arr = (ArrayType) u;
                Type elem = arr.elem().resolve();
                long size = ValueReader.sizeOf(elem);
                for (long i = 0; i < arr.count(); i++) {
                    int c = compare(elem, a + i * size, b + i * size, depth + 1);
                    if (c != 0) {
                        return c;
                    }
                }
                return 0;
            }
            case INTERFACE -> {
                ValueReader.Dynamic da = reader.dynamic(t, a);
                ValueReader.Dynamic db = reader.dynamic(t, b);
                if (da == null || db == null) {
                    return da == null ? (db == null ? 0 : -1) : 1;
                }
                int c = Long.compareUnsigned(da.descriptor(), db.descriptor());
                if (c != 0) {
                    return c;
                }
                if (da.type() == null) {
                    throw GoParseException.malformed("core", -1, "a DWARF type for the interface key's dynamic type"
                            + " (descriptor at 0x" + Long.toHexString(da.descriptor()) + "), to order its values");
                }
                return compare(da.type(), da.address(), db.address(), depth + 1);
            }
            default -> throw GoParseException.malformed("DWARF", t.offset(), "a comparable map key type, found "
                    + t);
        }
    }

    /** One half of two complex numbers: a float32 or a float64. */
    private int part(long a, long b, int size) throws GoParseException {
        if (size == 4) {
            return floats(Float.intBitsToFloat(reader.memory().i32(a)), Float.intBitsToFloat(reader.memory().i32(b)));
        }
        return floats(Double.longBitsToDouble(reader.memory().u64(a)), Double.longBitsToDouble(reader.memory().u64(b)));
    }

    /** Go's string comparison: byte by byte, unsigned, a prefix first. */
    static int strings(byte[] x, byte[] y) {
        return Arrays.compareUnsigned(x, y);
    }

    /** cmp.Compare: a NaN is less than any other value and equal to a NaN; -0 equals +0. */
    static int floats(double x, double y) {
        boolean xn = Double.isNaN(x);
        boolean yn = Double.isNaN(y);
        if (xn || yn) {
            return xn ? (yn ? 0 : -1) : 1;
        }
        return x < y ? -1 : x > y ? 1 : 0;
    }
}
