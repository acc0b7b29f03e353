package dev.gopherlens.pclntab.internal.dwarf;

import dev.gopherlens.core.GoParseException;

import java.nio.charset.StandardCharsets;

/**
 * A reusable view of one debugging information entry: its abbreviation and each attribute's raw value, read
 * without allocating. Strings and blocks stay in the section until asked for. Valid until the next
 * {@link #read}; not thread-safe.
 */
final class Die {
    /** How many {@code DW_FORM_indirect} may chain before the input counts as a loop. */
    private static final int MAX_INDIRECT = 4;

    private final Sections sections;
    long offset;
    /** 0 for the null entry that ends a list of siblings. */
    int tag;
    boolean children;
    Unit unit;
    Abbrev abbrev;
    private int[] forms = new int[16];
    /** Number, reference (absolute in .debug_info), string/block start, or section offset, per form. */
    private long[] values = new long[16];
    private int[] lengths = new int[16];

    Die(Sections sections) {
        this.sections = sections;
    }

    /** Reads the entry at {@code in.pos} of a unit, leaving {@code in.pos} just past its attributes. */
    void read(Unit u, DwarfInput in) throws GoParseException {
        unit = u;
        offset = in.pos;
        long code = in.uleb();
        if (code == 0) {
            tag = 0;
            children = false;
            abbrev = null;
            return;
        }
        Abbrev a = u.abbrevs().get(code);
        if (a == null) {
            throw in.error(offset, "an abbreviation code of the unit's table, found " + code);
        }
        abbrev = a;
        tag = a.tag;
        children = a.children;
        int n = a.attrs.length;
        if (values.length < n) {
            forms = new int[n];
            values = new long[n];
            lengths = new int[n];
        }
        for (int i = 0; i < n; i++) {
            int form = a.forms[i];
            for (int k = 0; form == Dw.FORM_INDIRECT; k++) {
                if (k == MAX_INDIRECT) {
                    throw in.error(in.pos, "a form, found a chain of DW_FORM_indirect");
                }
                form = in.ulebInt(0xffff, "a form");
            }
            forms[i] = form;
            lengths[i] = 0;
            values[i] = value(u, in, form, a.implicit[i], i);
        }
    }

    private long value(Unit u, DwarfInput in, int form, long implicit, int i) throws GoParseException {
        switch (form) {
            case Dw.FORM_ADDR:
                return in.unsigned(u.addrSize());
            case Dw.FORM_DATA1:
            case Dw.FORM_FLAG:
            case Dw.FORM_STRX1:
            case Dw.FORM_ADDRX1:
                return in.u8();
            case Dw.FORM_DATA2:
            case Dw.FORM_STRX2:
            case Dw.FORM_ADDRX2:
                return in.u16();
            case Dw.FORM_STRX3:
            case Dw.FORM_ADDRX3:
                return in.unsigned(3);
            case Dw.FORM_DATA4:
            case Dw.FORM_STRX4:
            case Dw.FORM_ADDRX4:
            case Dw.FORM_REF_SUP4:
                return in.u32();
            case Dw.FORM_DATA8:
            case Dw.FORM_REF_SIG8:
            case Dw.FORM_REF_SUP8:
                return in.u64();
            case Dw.FORM_SDATA:
                return in.sleb();
            case Dw.FORM_UDATA:
            case Dw.FORM_STRX:
            case Dw.FORM_ADDRX:
            case Dw.FORM_LOCLISTX:
            case Dw.FORM_RNGLISTX:
                return in.uleb();
            case Dw.FORM_STRP:
            case Dw.FORM_LINE_STRP:
            case Dw.FORM_SEC_OFFSET:
            case Dw.FORM_STRP_SUP:
            case Dw.FORM_GNU_REF_ALT:
            case Dw.FORM_GNU_STRP_ALT:
                return in.unsigned(u.offSize());
            case Dw.FORM_REF_ADDR:
                return in.unsigned(u.version() <= 2 ? u.addrSize() : u.offSize());
            case Dw.FORM_REF1:
                return u.offset() + in.u8();
            case Dw.FORM_REF2:
                return u.offset() + in.u16();
            case Dw.FORM_REF4:
                return u.offset() + in.u32();
            case Dw.FORM_REF8:
                return u.offset() + in.u64();
            case Dw.FORM_REF_UDATA:
                return u.offset() + in.uleb();
            case Dw.FORM_FLAG_PRESENT:
                return 1;
            case Dw.FORM_IMPLICIT_CONST:
                return implicit;
            case Dw.FORM_STRING: {
                int start = in.pos;
                lengths[i] = in.skipCString();
                return start;
            }
            case Dw.FORM_DATA16: {
                int start = in.pos;
                in.skip(16);
                lengths[i] = 16;
                return start;
            }
            case Dw.FORM_BLOCK1:
                return block(in, in.u8(), i);
            case Dw.FORM_BLOCK2:
                return block(in, in.u16(), i);
            case Dw.FORM_BLOCK4:
                return block(in, in.u32(), i);
            case Dw.FORM_BLOCK:
            case Dw.FORM_EXPRLOC:
                return block(in, in.uleb(), i);
            default:
                throw in.error(in.pos, "a known attribute form, found 0x" + Integer.toHexString(form));
        }
    }

    private long block(DwarfInput in, long length, int i) throws GoParseException {
        int start = in.pos;
        in.skip(length);
        lengths[i] = (int) length;
        return start;
    }

    /** {@return the index of an attribute in this entry, or -1} */
    int find(int attr) {
        return abbrev == null ? -1 : abbrev.indexOf(attr);
    }

    boolean has(int attr) {
        return find(attr) >= 0;
    }

    int form(int index) {
        return forms[index];
    }

    long raw(int index) {
        return values[index];
    }

    int length(int index) {
        return lengths[index];
    }

    /** {@return a constant-class attribute as a number, or {@code missing}} */
    long number(int attr, long missing) {
        int i = find(attr);
        if (i < 0) {
            return missing;
        }
        return switch (forms[i]) {
            case Dw.FORM_DATA1, Dw.FORM_DATA2, Dw.FORM_DATA4, Dw.FORM_DATA8, Dw.FORM_SDATA, Dw.FORM_UDATA,
                 Dw.FORM_IMPLICIT_CONST, Dw.FORM_FLAG, Dw.FORM_FLAG_PRESENT, Dw.FORM_SEC_OFFSET, Dw.FORM_ADDR -> values[i];
            default -> missing;
        };
    }

    /** {@return a reference attribute as an offset in {@code .debug_info}, or -1} */
    long ref(int attr) {
        int i = find(attr);
        if (i < 0) {
            return -1;
        }
        return switch (forms[i]) {
            case Dw.FORM_REF_ADDR, Dw.FORM_REF1, Dw.FORM_REF2, Dw.FORM_REF4, Dw.FORM_REF8, Dw.FORM_REF_UDATA -> values[i];
            default -> -1;
        };
    }

    boolean flag(int attr) {
        return number(attr, 0) != 0;
    }

    /** {@return a string attribute, or null when absent} */
    String string(int attr) throws GoParseException {
        int i = find(attr);
        return i < 0 ? null : stringAt(i);
    }

    String stringAt(int i) throws GoParseException {
        long v = values[i];
        switch (forms[i]) {
            case Dw.FORM_STRING:
                return new String(sections.info(), (int) v, lengths[i], StandardCharsets.UTF_8);
            case Dw.FORM_STRP:
                return offsetString("str", v);
            case Dw.FORM_LINE_STRP:
                return offsetString("line_str", v);
            case Dw.FORM_STRX, Dw.FORM_STRX1, Dw.FORM_STRX2, Dw.FORM_STRX3, Dw.FORM_STRX4: {
                // DWARF 5 §7.26: the unit's entry in .debug_str_offsets gives the .debug_str offset.
                long base = unit.strOffsetsBase() < 0 ? 8 : unit.strOffsetsBase();
                DwarfInput in = sections.input("str_offsets");
                long at = base + v * unit.offSize();
                if (v < 0 || at < 0 || at > in.limit) {
                    throw in.error(Math.max(0, base), "string index " + v + " inside .debug_str_offsets");
                }
                in.pos = (int) at;
                return offsetString("str", in.unsigned(unit.offSize()));
            }
            default:
                throw GoParseException.malformed(DwarfInput.FORMAT, offset, ".debug_info: expected a string form, found 0x"
                        + Integer.toHexString(forms[i]));
        }
    }

    private String offsetString(String section, long at) throws GoParseException {
        DwarfInput in = sections.input(section);
        if (at < 0 || at >= in.limit) {
            throw GoParseException.malformed(DwarfInput.FORMAT, offset, ".debug_info: expected an offset inside "
                    + in.section() + " (" + in.limit + " bytes), found " + Long.toUnsignedString(at));
        }
        in.pos = (int) at;
        return in.cstring();
    }

    /** {@return an address-class attribute resolved through .debug_addr, or -1 when absent} */
    long address(int attr) throws GoParseException {
        int i = find(attr);
        if (i < 0) {
            return -1;
        }
        return switch (forms[i]) {
            case Dw.FORM_ADDR -> values[i];
            case Dw.FORM_ADDRX, Dw.FORM_ADDRX1, Dw.FORM_ADDRX2, Dw.FORM_ADDRX3, Dw.FORM_ADDRX4 -> indexedAddress(values[i]);
            default -> -1;
        };
    }

    /** DWARF 5 §7.27: entry {@code index} of the unit's contribution to {@code .debug_addr}. */
    long indexedAddress(long index) throws GoParseException {
        long base = unit.addrBase() < 0 ? 8 : unit.addrBase();
        DwarfInput in = sections.input("addr");
        long at = base + index * unit.addrSize();
        if (index < 0 || index > Integer.MAX_VALUE || at < 0 || at > in.limit - unit.addrSize()) {
            throw GoParseException.malformed(DwarfInput.FORMAT, offset, ".debug_info: expected address index "
                    + index + " inside .debug_addr (" + in.limit + " bytes)");
        }
        in.pos = (int) at;
        return in.unsigned(unit.addrSize());
    }

    /** Skips this entry's children, leaving {@code in.pos} at its next sibling. */
    void skipChildren(DwarfInput in) throws GoParseException {
        if (!children) {
            return;
        }
        Unit u = unit;
        Abbrev.Table table = u.abbrevs();
        int depth = 1;
        // The entries below are skipped without keeping their values: the members, parameters and variables under
        // the top-level entries are most of .debug_info, and a walk that only passes over them (the name index,
        // a search for one entry) spent most of its time decoding them. Each entry takes at least one byte, so
        // this ends at the unit's end at the latest.
        while (depth > 0) {
            if (in.pos >= in.limit) {
                throw GoParseException.truncated(DwarfInput.FORMAT, in.pos, ".debug_info children of the entry at 0x"
                        + Long.toHexString(offset), 1, 0);
            }
            int at = in.pos;
            long code = in.uleb();
            if (code == 0) {
                depth--;
                continue;
            }
            Abbrev a = table.get(code);
            if (a == null) {
                throw in.error(at, "an abbreviation code of the unit's table, found " + code);
            }
            int fixed = a.fixedSize(u);
            if (fixed >= 0) {
                in.skip(fixed);
            } else {
                skipValues(u, a, in);
            }
            if (a.children) {
                depth++;
            }
        }
        tag = 0; // this entry is now the terminator that ended the children, as when they were read one by one
        children = false;
        abbrev = null;
    }

    private static void skipValues(Unit u, Abbrev a, DwarfInput in) throws GoParseException {
        for (int i = 0; i < a.forms.length; i++) {
            int form = a.forms[i];
            for (int k = 0; form == Dw.FORM_INDIRECT; k++) {
                if (k == MAX_INDIRECT) {
                    throw in.error(in.pos, "a form, found a chain of DW_FORM_indirect");
                }
                form = in.ulebInt(0xffff, "a form");
            }
            int size = fixedFormSize(form, u);
            if (size >= 0) {
                in.skip(size);
                continue;
            }
            switch (form) {
                case Dw.FORM_SDATA, Dw.FORM_UDATA, Dw.FORM_STRX, Dw.FORM_ADDRX, Dw.FORM_LOCLISTX, Dw.FORM_RNGLISTX,
                     Dw.FORM_REF_UDATA -> in.uleb();
                case Dw.FORM_STRING -> in.skipCString();
                case Dw.FORM_BLOCK1 -> in.skip(in.u8());
                case Dw.FORM_BLOCK2 -> in.skip(in.u16());
                case Dw.FORM_BLOCK4 -> in.skip(in.u32());
                case Dw.FORM_BLOCK, Dw.FORM_EXPRLOC -> in.skip(in.uleb());
                default -> throw in.error(in.pos, "a known attribute form, found 0x" + Integer.toHexString(form));
            }
        }
    }

    /** {@return the bytes a value of a form takes in a unit, or -1 when its size is in the value itself} */
    static int fixedFormSize(int form, Unit u) {
        return switch (form) {
            case Dw.FORM_ADDR -> u.addrSize();
            case Dw.FORM_DATA1, Dw.FORM_FLAG, Dw.FORM_STRX1, Dw.FORM_ADDRX1, Dw.FORM_REF1 -> 1;
            case Dw.FORM_DATA2, Dw.FORM_STRX2, Dw.FORM_ADDRX2, Dw.FORM_REF2 -> 2;
            case Dw.FORM_STRX3, Dw.FORM_ADDRX3 -> 3;
            case Dw.FORM_DATA4, Dw.FORM_STRX4, Dw.FORM_ADDRX4, Dw.FORM_REF_SUP4, Dw.FORM_REF4 -> 4;
            case Dw.FORM_DATA8, Dw.FORM_REF_SIG8, Dw.FORM_REF_SUP8, Dw.FORM_REF8 -> 8;
            case Dw.FORM_DATA16 -> 16;
            case Dw.FORM_STRP, Dw.FORM_LINE_STRP, Dw.FORM_SEC_OFFSET, Dw.FORM_STRP_SUP, Dw.FORM_GNU_REF_ALT,
                 Dw.FORM_GNU_STRP_ALT -> u.offSize();
            case Dw.FORM_REF_ADDR -> u.version() <= 2 ? u.addrSize() : u.offSize();
            case Dw.FORM_FLAG_PRESENT, Dw.FORM_IMPLICIT_CONST -> 0;
            default -> -1;
        };
    }
}
