package dev.gopherlens.pclntab.internal.dwarf;

import dev.gopherlens.core.GoParseException;

import java.util.ArrayList;
import java.util.List;

/** Location list decoding: {@code .debug_loc} (DWARF 2–4 §2.6.2) and {@code .debug_loclists} (DWARF 5 §2.6.2). */
final class LocationLists {
    private static final int DW_LLE_END_OF_LIST = 0;
    private static final int DW_LLE_BASE_ADDRESSX = 1;
    private static final int DW_LLE_STARTX_ENDX = 2;
    private static final int DW_LLE_STARTX_LENGTH = 3;
    private static final int DW_LLE_OFFSET_PAIR = 4;
    private static final int DW_LLE_DEFAULT_LOCATION = 5;
    private static final int DW_LLE_BASE_ADDRESS = 6;
    private static final int DW_LLE_START_END = 7;
    private static final int DW_LLE_START_LENGTH = 8;

    private LocationLists() {
    }

    private static DwarfInput at(Sections sections, String name, long offset) throws GoParseException {
        DwarfInput in = sections.input(name);
        if (offset < 0 || offset >= in.limit) {
            throw in.error(Math.max(0, Math.min(offset, Integer.MAX_VALUE)), "a location list offset inside "
                    + in.section() + " (" + in.limit + " bytes)");
        }
        in.pos = (int) offset;
        return in;
    }

    private static byte[] expression(DwarfInput in, long length) throws GoParseException {
        int start = in.pos;
        in.skip(length);
        return java.util.Arrays.copyOfRange(in.bytes(), start, in.pos);
    }

    /** DWARF 4: pairs of addresses relative to the base, a base selection entry (all ones, address), 0 0 ends. */
    static List<LocationRange> v4(Sections sections, Unit u, long offset) throws GoParseException {
        DwarfInput in = at(sections, "loc", offset);
        long allOnes = u.addrSize() == 8 ? -1L : (1L << (8 * u.addrSize())) - 1;
        long base = u.lowPc();
        List<LocationRange> out = new ArrayList<>();
        // Each entry takes at least 2 address sizes, so this ends at the section's end.
        while (true) {
            long begin = in.unsigned(u.addrSize());
            long end = in.unsigned(u.addrSize());
            if (begin == 0 && end == 0) {
                return out;
            }
            if (begin == allOnes) {
                base = end;
                continue;
            }
            out.add(new LocationRange(base + begin, base + end, expression(in, in.u16())));
        }
    }

    /** DWARF 5: entries of kind {@code DW_LLE_*}, ending with {@code DW_LLE_end_of_list}. */
    static List<LocationRange> v5(Sections sections, Unit u, long offset) throws GoParseException {
        DwarfInput in = at(sections, "loclists", offset);
        Die addr = new Die(sections);
        addr.unit = u;
        long base = u.lowPc();
        List<LocationRange> out = new ArrayList<>();
        while (true) {
            int kind = in.u8();
            switch (kind) {
                case DW_LLE_END_OF_LIST:
                    return out;
                case DW_LLE_BASE_ADDRESSX:
                    base = addr.indexedAddress(in.uleb());
                    break;
                case DW_LLE_BASE_ADDRESS:
                    base = in.unsigned(u.addrSize());
                    break;
                case DW_LLE_STARTX_ENDX: {
                    long lo = addr.indexedAddress(in.uleb());
                    long hi = addr.indexedAddress(in.uleb());
                    out.add(new LocationRange(lo, hi, expression(in, in.uleb())));
                    break;
                }
                case DW_LLE_STARTX_LENGTH: {
                    long lo = addr.indexedAddress(in.uleb());
                    long len = in.uleb();
                    out.add(new LocationRange(lo, lo + len, expression(in, in.uleb())));
                    break;
                }
                case DW_LLE_OFFSET_PAIR: {
                    long lo = in.uleb();
                    long hi = in.uleb();
                    out.add(new LocationRange(base + lo, base + hi, expression(in, in.uleb())));
                    break;
                }
                case DW_LLE_DEFAULT_LOCATION:
                    out.add(new LocationRange(0, -1, expression(in, in.uleb())));
                    break;
                case DW_LLE_START_END: {
                    long lo = in.unsigned(u.addrSize());
                    long hi = in.unsigned(u.addrSize());
                    out.add(new LocationRange(lo, hi, expression(in, in.uleb())));
                    break;
                }
                case DW_LLE_START_LENGTH: {
                    long lo = in.unsigned(u.addrSize());
                    long len = in.uleb();
                    out.add(new LocationRange(lo, lo + len, expression(in, in.uleb())));
                    break;
                }
                default:
                    throw in.error(in.pos - 1, "a location list entry kind 0 to 8, found " + kind);
            }
        }
    }
}
