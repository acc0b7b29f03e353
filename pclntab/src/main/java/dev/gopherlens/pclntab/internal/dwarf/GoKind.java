package dev.gopherlens.pclntab.internal.dwarf;

/**
 * Go's kind of a type, as the linker writes it in {@code DW_AT_go_kind} (internal/abi/type.go {@code Kind}, the same
 * numbers as {@code reflect.Kind} since Go 1.0).
 */
public enum GoKind {
    /** No {@code DW_AT_go_kind}, or 0. */
    INVALID,
    /** {@code bool}. */
    BOOL,
    /** {@code int}. */
    INT,
    /** {@code int8}. */
    INT8,
    /** {@code int16}. */
    INT16,
    /** {@code int32}. */
    INT32,
    /** {@code int64}. */
    INT64,
    /** {@code uint}. */
    UINT,
    /** {@code uint8}. */
    UINT8,
    /** {@code uint16}. */
    UINT16,
    /** {@code uint32}. */
    UINT32,
    /** {@code uint64}. */
    UINT64,
    /** {@code uintptr}. */
    UINTPTR,
    /** {@code float32}. */
    FLOAT32,
    /** {@code float64}. */
    FLOAT64,
    /** {@code complex64}. */
    COMPLEX64,
    /** {@code complex128}. */
    COMPLEX128,
    /** {@code [N]T}. */
    ARRAY,
    /** {@code chan T}. */
    CHAN,
    /** {@code func(...)}. */
    FUNC,
    /** An interface, empty or not. */
    INTERFACE,
    /** {@code map[K]V}. */
    MAP,
    /** {@code *T}. */
    POINTER,
    /** {@code []T}. */
    SLICE,
    /** {@code string}. */
    STRING,
    /** A struct. */
    STRUCT,
    /** {@code unsafe.Pointer}. */
    UNSAFE_POINTER;

    private static final GoKind[] BY_NUMBER = values();

    /**
     * Maps a {@code DW_AT_go_kind} value to its kind.
     *
     * @param value the attribute's value; the linker masks it with {@code abi.KindMask}
     * @return the kind, {@link #INVALID} for unknown numbers
     */
    public static GoKind of(long value) {
        return value >= 0 && value < BY_NUMBER.length ? BY_NUMBER[(int) value] : INVALID;
    }
}
