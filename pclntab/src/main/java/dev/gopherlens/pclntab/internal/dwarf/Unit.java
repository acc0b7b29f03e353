package dev.gopherlens.pclntab.internal.dwarf;

/**
 * A unit header of {@code .debug_info} (DWARF 5 §7.5.1), with what its root DIE says about the side tables.
 *
 * @param offset         the header's offset in {@code .debug_info}
 * @param end            the offset just past the unit
 * @param dieStart       the offset of its root DIE
 * @param version        2 to 5
 * @param addrSize       the size of an address
 * @param offSize        4 (32-bit DWARF) or 8 (64-bit DWARF)
 * @param abbrevs        its abbreviation table
 * @param addrBase       {@code DW_AT_addr_base} of the root DIE, or -1
 * @param strOffsetsBase {@code DW_AT_str_offsets_base} of the root DIE, or -1
 * @param stmtList       {@code DW_AT_stmt_list} of the root DIE (its line program in .debug_line), or -1
 * @param lowPc          {@code DW_AT_low_pc} of the root DIE, the default base of its location lists, or 0
 */
record Unit(int offset, int end, int dieStart, int version, int addrSize, int offSize, Abbrev.Table abbrevs,
            long addrBase, long strOffsetsBase, long stmtList, long lowPc) {

    Unit withRoot(long addrBase, long strOffsetsBase, long stmtList) {
        return new Unit(offset, end, dieStart, version, addrSize, offSize, abbrevs, addrBase, strOffsetsBase,
                stmtList, lowPc);
    }

    Unit withLowPc(long lowPc) {
        return new Unit(offset, end, dieStart, version, addrSize, offSize, abbrevs, addrBase, strOffsetsBase,
                stmtList, lowPc);
    }
}
