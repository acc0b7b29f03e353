package dev.gopherlens.pclntab.internal.dwarf;

import dev.gopherlens.core.GoParseException;

import java.util.HashMap;
import java.util.Map;

/**
 * One abbreviation declaration (DWARF 5 §7.5.3): a DIE's tag, whether it has children, and its attributes with
 * their forms. Immutable.
 */
final class Abbrev {
    final int code;
    final int tag;
    final boolean children;
    final int[] attrs;
    final int[] forms;
    /** The value of each {@code DW_FORM_implicit_const} attribute, 0 for others. */
    final long[] implicit;

    private Abbrev(int code, int tag, boolean children, int[] attrs, int[] forms, long[] implicit) {
        this.code = code;
        this.tag = tag;
        this.children = children;
        this.attrs = attrs;
        this.forms = forms;
        this.implicit = implicit;
    }

    /** {@return the index of an attribute, or -1} */
    /**
     * The bytes this entry's values take when every form has a fixed size, for the unit shape it was computed for:
     * {@code (unit key << 32) | (size + 1)}, 0 before the first use. Units of one binary share a shape, so this is
     * computed once; a racing first use computes the same value.
     */
    private volatile long fixedSizeCache;

    /** {@return the bytes this entry's values take in a unit when every form has a fixed size, else -1} */
    int fixedSize(Unit u) {
        long key = u.addrSize() | (long) u.offSize() << 8 | (long) u.version() << 16;
        long c = fixedSizeCache;
        if (c != 0 && c >>> 32 == key) {
            return (int) c - 1;
        }
        int total = 0;
        for (int form : forms) {
            int size = Die.fixedFormSize(form, u);
            if (size < 0) {
                total = -1;
                break;
            }
            total += size;
        }
        fixedSizeCache = key << 32 | (total + 1L);
        return total;
    }

    int indexOf(int attr) {
        for (int i = 0; i < attrs.length; i++) {
            if (attrs[i] == attr) {
                return i;
            }
        }
        return -1;
    }

    /** An abbreviation table: the declarations at one offset of {@code .debug_abbrev}, by code. */
    static final class Table {
        /** Go numbers its codes 1..N; a dense array serves them, a map the rest. */
        private final Abbrev[] dense;
        private final Map<Integer, Abbrev> sparse;
        final int maxAttrs;

        private Table(Abbrev[] dense, Map<Integer, Abbrev> sparse, int maxAttrs) {
            this.dense = dense;
            this.sparse = sparse;
            this.maxAttrs = maxAttrs;
        }

        Abbrev get(long code) {
            if (code > 0 && code < dense.length) {
                return dense[(int) code];
            }
            return code > 0 && code <= Integer.MAX_VALUE ? sparse.get((int) code) : null;
        }

        /** Reads the table at an offset; it ends at a 0 code (or, leniently, at the end of the section). */
        static Table read(DwarfInput in) throws GoParseException {
            Map<Integer, Abbrev> all = new HashMap<>();
            int maxCode = 0;
            int maxAttrs = 0;
            int[] a = new int[16];
            int[] f = new int[16];
            long[] c = new long[16];
            while (in.pos < in.limit) {
                int at = in.pos;
                long code = in.uleb();
                if (code == 0) {
                    break;
                }
                if (code < 0 || code > Integer.MAX_VALUE) {
                    throw in.error(at, "an abbreviation code below 2^31");
                }
                int tag = in.ulebInt(0xffff, "a tag");
                int children = in.u8();
                int n = 0;
                while (true) {
                    int attr = in.ulebInt(0xffff, "an attribute");
                    int form = in.ulebInt(0xffff, "a form");
                    long implicitValue = 0;
                    if (form == Dw.FORM_IMPLICIT_CONST) {
                        implicitValue = in.sleb();
                    }
                    if (attr == 0 && form == 0) {
                        break;
                    }
                    if (n == a.length) {
                        // Each attribute takes at least two bytes of the section, so this growth is bounded by it.
                        a = java.util.Arrays.copyOf(a, n * 2);
                        f = java.util.Arrays.copyOf(f, n * 2);
                        c = java.util.Arrays.copyOf(c, n * 2);
                    }
                    a[n] = attr;
                    f[n] = form;
                    c[n] = implicitValue;
                    n++;
                }
                if (all.putIfAbsent((int) code, new Abbrev((int) code, tag, children != 0,
                        java.util.Arrays.copyOf(a, n), java.util.Arrays.copyOf(f, n),
                        java.util.Arrays.copyOf(c, n))) != null) {
                    throw in.error(at, "abbreviation codes to be unique, found " + code + " twice");
                }
                maxCode = Math.max(maxCode, (int) code);
                maxAttrs = Math.max(maxAttrs, n);
            }
            int denseSize = (int) Math.min(maxCode + 1L, all.size() * 2L + 1);
            Abbrev[] dense = new Abbrev[denseSize];
            Map<Integer, Abbrev> sparse = new HashMap<>();
            for (Abbrev ab : all.values()) {
                if (ab.code < denseSize) {
                    dense[ab.code] = ab;
                } else {
                    sparse.put(ab.code, ab);
                }
            }
            return new Table(dense, sparse, maxAttrs);
        }
    }
}
