package dev.gopherlens.pclntab.internal.dwarf;

import dev.gopherlens.core.GoParseException;

import java.util.ArrayList;
import java.util.List;

/**
 * One line-number program of {@code .debug_line} (DWARF 5 §6.2; versions 2 to 5): its header, file table, and the
 * rows of one sequence at a time. Immutable; decoding works on a fresh cursor per call.
 */
final class LineTable {
    private static final int DW_LNS_COPY = 1;
    private static final int DW_LNS_ADVANCE_PC = 2;
    private static final int DW_LNS_ADVANCE_LINE = 3;
    private static final int DW_LNS_SET_FILE = 4;
    private static final int DW_LNS_CONST_ADD_PC = 8;
    private static final int DW_LNS_FIXED_ADVANCE_PC = 9;
    private static final int DW_LNS_NEGATE_STMT = 6;
    private static final int DW_LNE_END_SEQUENCE = 1;
    private static final int DW_LNE_SET_ADDRESS = 2;
    private static final int DW_LNCT_PATH = 1;
    private static final int DW_LNCT_DIRECTORY_INDEX = 2;

    private final Sections sections;
    final int offset;
    private final int programStart;
    final int end;
    private final int addrSize;
    private final int minInst;
    private final boolean defaultIsStmt;
    private final int lineBase;
    private final int lineRange;
    private final int opcodeBase;
    private final int[] opcodeLengths;
    /** The file paths by file number (DWARF 5 numbers from 0, earlier versions from 1, so [0] is "?" there). */
    private final List<String> files;

    /** A sequence: the addresses it covers and where its opcodes start. */
    record Sequence(long low, long high, int start, LineTable table) {
    }

    private LineTable(Sections sections, int offset, int unitAddrSize) throws GoParseException {
        this.sections = sections;
        this.offset = offset;
        DwarfInput in = sections.input("line");
        if (offset < 0 || offset >= in.limit) {
            throw in.error(Math.max(0, offset), "a line program offset inside .debug_line (" + in.limit
                    + " bytes), found " + offset);
        }
        in.pos = offset;
        long length = in.u32();
        int offSize = 4;
        if (length == 0xffff_ffffL) {
            length = in.u64();
            offSize = 8;
        }
        if (length < 0 || length > in.limit - in.pos) {
            throw GoParseException.truncated(DwarfInput.FORMAT, offset, ".debug_line program", length,
                    in.limit - in.pos);
        }
        end = in.pos + (int) length;
        in.limit = end;
        int version = in.u16();
        if (version < 2 || version > 5) {
            throw GoParseException.unsupportedVersion(DwarfInput.FORMAT, in.pos - 2, "line table " + version,
                    "line tables 2 to 5");
        }
        int as = unitAddrSize;
        if (version >= 5) {
            as = in.u8();
            in.u8(); // segment selector size
            if (as != 2 && as != 4 && as != 8) {
                throw in.error(in.pos - 2, "a line table address size of 2, 4 or 8, found " + as);
            }
        }
        addrSize = as;
        long headerLength = in.unsigned(offSize);
        if (headerLength < 0 || headerLength > end - in.pos) {
            throw in.error(in.pos - offSize, "a header length inside the program, found " + headerLength);
        }
        programStart = in.pos + (int) headerLength;
        minInst = in.u8();
        if (version >= 4) {
            in.u8(); // maximum operations per instruction: 1 on every target Go supports
        }
        defaultIsStmt = in.u8() != 0;
        lineBase = (byte) in.u8();
        lineRange = in.u8();
        if (lineRange == 0) {
            throw in.error(in.pos - 1, "a line range above 0");
        }
        opcodeBase = in.u8();
        if (opcodeBase == 0) {
            throw in.error(in.pos - 1, "an opcode base above 0");
        }
        opcodeLengths = new int[opcodeBase];
        for (int i = 1; i < opcodeBase; i++) {
            opcodeLengths[i] = in.u8();
        }
        List<String> dirs = new ArrayList<>();
        List<String> fileList = new ArrayList<>();
        if (version >= 5) {
            readEntries(in, dirs, null, offSize);
            readEntries(in, fileList, dirs, offSize);
        } else {
            dirs.add("");
            while (true) {
                String d = in.cstring();
                if (d.isEmpty()) {
                    break;
                }
                dirs.add(d);
            }
            fileList.add("?");
            while (true) {
                String name = in.cstring();
                if (name.isEmpty()) {
                    break;
                }
                long dir = in.uleb();
                in.uleb(); // modification time
                in.uleb(); // length
                fileList.add(join(dirs, dir, name));
            }
        }
        files = List.copyOf(fileList);
    }

    static LineTable read(Sections sections, long offset, int unitAddrSize) throws GoParseException {
        if (offset < 0 || offset > Integer.MAX_VALUE) {
            throw GoParseException.malformed(DwarfInput.FORMAT, -1, ".debug_line: expected a program offset, found "
                    + offset);
        }
        return new LineTable(sections, (int) offset, unitAddrSize);
    }

    private static String join(List<String> dirs, long dir, String name) {
        if (name.startsWith("/") || dir <= 0 || dir >= dirs.size()) {
            String d = dir == 0 && !dirs.isEmpty() ? dirs.get(0) : "";
            return d.isEmpty() || d.equals(".") || name.startsWith("/") ? name : d + "/" + name;
        }
        String d = dirs.get((int) dir);
        return d.isEmpty() || d.equals(".") ? name : d + "/" + name;
    }

    /** DWARF 5 §6.2.4.1: entry formats, a count, then the entries; the path and directory columns are kept. */
    private void readEntries(DwarfInput in, List<String> out, List<String> dirs, int offSize) throws GoParseException {
        int formats = in.u8();
        int[] types = new int[formats];
        int[] forms = new int[formats];
        for (int i = 0; i < formats; i++) {
            types[i] = in.ulebInt(0xffff, "a line table content type");
            forms[i] = in.ulebInt(0xffff, "a line table form");
        }
        int count = in.ulebInt(in.limit - in.pos + 1L, "an entry count within the header");
        for (int k = 0; k < count; k++) {
            String path = "";
            long dir = 0;
            for (int i = 0; i < formats; i++) {
                long v = 0;
                String s = null;
                switch (forms[i]) {
                    case Dw.FORM_STRING -> s = in.cstring();
                    case Dw.FORM_LINE_STRP -> s = stringAt("line_str", in.unsigned(offSize));
                    case Dw.FORM_STRP -> s = stringAt("str", in.unsigned(offSize));
                    case Dw.FORM_UDATA -> v = in.uleb();
                    case Dw.FORM_DATA1 -> v = in.u8();
                    case Dw.FORM_DATA2 -> v = in.u16();
                    case Dw.FORM_DATA4 -> v = in.u32();
                    case Dw.FORM_DATA8 -> v = in.u64();
                    case Dw.FORM_DATA16 -> in.skip(16);
                    case Dw.FORM_BLOCK -> in.skip(in.uleb());
                    default -> throw in.error(in.pos, "a line table entry form, found 0x"
                            + Integer.toHexString(forms[i]));
                }
                if (types[i] == DW_LNCT_PATH && s != null) {
                    path = s;
                } else if (types[i] == DW_LNCT_DIRECTORY_INDEX) {
                    dir = v;
                }
            }
            if (dirs == null) {
                out.add(path);
            } else {
                String d = dir >= 0 && dir < dirs.size() ? dirs.get((int) dir) : "";
                out.add(path.startsWith("/") || d.isEmpty() || d.equals(".") ? path : d + "/" + path);
            }
        }
    }

    private String stringAt(String section, long at) throws GoParseException {
        DwarfInput s = sections.input(section);
        if (at < 0 || at >= s.limit) {
            throw s.error(Math.max(0, Math.min(at, Integer.MAX_VALUE)), "an offset inside " + s.section());
        }
        s.pos = (int) at;
        return s.cstring();
    }

    /** {@return the file paths by file number} */
    List<String> files() {
        return files;
    }

    /** Lists the sequences: each one's address range and where its opcodes start. */
    List<Sequence> sequences() throws GoParseException {
        List<Sequence> out = new ArrayList<>();
        DwarfInput in = input(programStart);
        while (in.pos < in.limit) {
            int start = in.pos;
            long[] range = run(in, -1, null);
            if (range[0] != Long.MAX_VALUE) {
                out.add(new Sequence(range[0], range[1], start, this));
            }
        }
        return out;
    }

    /** Decodes the sequence that starts at {@code start} and returns the row that covers {@code pc}, or null. */
    LineRow rowAt(int start, long pc) throws GoParseException {
        LineRow[] found = new LineRow[1];
        run(input(start), pc, found);
        return found[0];
    }

    /** Decodes every row of one sequence that starts at {@code start}. */
    List<LineRow> rows(int start) throws GoParseException {
        List<LineRow> out = new ArrayList<>();
        runCore(input(start), out);
        return out;
    }

    private DwarfInput input(int start) throws GoParseException {
        byte[] b = sections.get("line");
        return new DwarfInput(b, ".debug_line", sections.bigEndian(), start, end);
    }

    /**
     * Runs one sequence; returns its {low, high} addresses, and when {@code found} is given the last row at or
     * below {@code pc} (the row covering it when pc is below the end).
     */
    private long[] run(DwarfInput in, long pc, LineRow[] found) throws GoParseException {
        List<LineRow> rows = found == null ? null : new ArrayList<>();
        long[] range = runCore(in, rows);
        if (found != null && Long.compareUnsigned(pc, range[1]) < 0) {
            for (LineRow r : rows) {
                if (Long.compareUnsigned(r.address(), pc) <= 0) {
                    found[0] = r;
                } else {
                    break;
                }
            }
        }
        return range;
    }

    /** The state machine (DWARF 5 §6.2.2) over one sequence; adds rows to {@code rows} when not null. */
    private long[] runCore(DwarfInput in, List<LineRow> rows) throws GoParseException {
        long address = 0;
        long file = 1;
        long line = 1;
        boolean isStmt = defaultIsStmt;
        long low = Long.MAX_VALUE;
        long high = 0;
        while (in.pos < in.limit) {
            int op = in.u8();
            boolean emit = false;
            boolean endSeq = false;
            if (op >= opcodeBase) {
                int adj = op - opcodeBase;
                address += (long) (adj / lineRange) * minInst;
                line += lineBase + adj % lineRange;
                emit = true;
            } else if (op == 0) {
                long len = in.uleb();
                if (len <= 0 || len > in.limit - in.pos) {
                    throw in.error(in.pos, "an extended opcode length inside the program, found " + len);
                }
                int next = in.pos + (int) len;
                int sub = in.u8();
                if (sub == DW_LNE_END_SEQUENCE) {
                    emit = true;
                    endSeq = true;
                } else if (sub == DW_LNE_SET_ADDRESS) {
                    address = in.unsigned(Math.min(8, (int) len - 1));
                }
                in.pos = next;
            } else {
                switch (op) {
                    case DW_LNS_COPY -> emit = true;
                    case DW_LNS_ADVANCE_PC -> address += in.uleb() * minInst;
                    case DW_LNS_ADVANCE_LINE -> line += in.sleb();
                    case DW_LNS_SET_FILE -> file = in.uleb();
                    case DW_LNS_NEGATE_STMT -> isStmt = !isStmt;
                    case DW_LNS_CONST_ADD_PC -> address += (long) ((255 - opcodeBase) / lineRange) * minInst;
                    case DW_LNS_FIXED_ADVANCE_PC -> address += in.u16();
                    default -> {
                        for (int i = 0; i < opcodeLengths[op]; i++) {
                            in.uleb();
                        }
                    }
                }
            }
            if (emit) {
                if (low == Long.MAX_VALUE) {
                    low = address;
                }
                high = address;
                if (rows != null && !endSeq) {
                    String f = file >= 0 && file < files.size() ? files.get((int) file) : "?";
                    rows.add(new LineRow(address, f, (int) Math.max(0, Math.min(line, Integer.MAX_VALUE)), isStmt));
                }
                if (endSeq) {
                    return new long[] {low, high};
                }
            }
        }
        return new long[] {low, high};
    }
}
