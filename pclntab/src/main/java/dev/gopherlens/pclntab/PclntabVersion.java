package dev.gopherlens.pclntab;

import dev.gopherlens.core.GoParseException;

import java.nio.ByteOrder;

/**
 * A layout of the Go runtime's pc-line table (pclntab), as the magic number at the start of its header names it.
 *
 * <p>The magic names the layout, not the toolchain: every Go from 1.20 on writes {@link #GO_1_20}. Each layout is
 * read in either byte order; the magics were chosen so that no byte-swapped magic equals another.
 */
public enum PclntabVersion {
    /** Go 1.2 to 1.15: magic {@code 0xfffffffb}. */
    GO_1_2(0xfffffffb),
    /** Go 1.16 and 1.17: magic {@code 0xfffffffa}; name, file and pc tables split out. */
    GO_1_16(0xfffffffa),
    /** Go 1.18 and 1.19: magic {@code 0xfffffff0}; function entries as 32-bit offsets from the text start. */
    GO_1_18(0xfffffff0),
    /** Go 1.20 and later: magic {@code 0xfffffff1}; start lines and a new inlining table. */
    GO_1_20(0xfffffff1);

    /** The bytes of the header that identify a layout: magic, two zero bytes, quantum, pointer size. */
    public static final int IDENT_LENGTH = 8;

    private static final String FORMAT = "pclntab";

    private final int magic;

    PclntabVersion(int magic) {
        this.magic = magic;
    }

    /** {@return the magic number, as a 32-bit value} */
    public int magic() {
        return magic;
    }

    /**
     * The layout and machine shape that a pclntab header declares.
     *
     * @param version the layout
     * @param order   the byte order of the header and its tables
     * @param quantum the instruction size quantum, 1 (x86), 2 (s390x) or 4 (arm, arm64, ppc64, mips, riscv64)
     * @param ptrSize the pointer size, 4 or 8
     */
    public record Header(PclntabVersion version, ByteOrder order, int quantum, int ptrSize) {
    }

    /**
     * Reads a pclntab header's first 8 bytes: magic, two zero bytes, quantum, pointer size.
     *
     * @param bytes  the bytes that hold the header
     * @param offset where the header starts in bytes; also the offset that errors report
     * @return the header
     * @throws GoParseException if the bytes are not a pclntab header of a known layout
     */
    public static Header readHeader(byte[] bytes, int offset) throws GoParseException {
        if (offset < 0 || bytes.length - offset < IDENT_LENGTH) {
            throw GoParseException.truncated(FORMAT, Math.max(offset, 0), "header", IDENT_LENGTH,
                    Math.max(0, bytes.length - Math.max(offset, 0)));
        }
        int le = (bytes[offset] & 0xff) | (bytes[offset + 1] & 0xff) << 8 | (bytes[offset + 2] & 0xff) << 16
                | (bytes[offset + 3] & 0xff) << 24;
        int be = Integer.reverseBytes(le);
        PclntabVersion version = null;
        ByteOrder order = null;
        for (PclntabVersion v : values()) {
            if (v.magic == le) {
                version = v;
                order = ByteOrder.LITTLE_ENDIAN;
            } else if (v.magic == be) {
                version = v;
                order = ByteOrder.BIG_ENDIAN;
            }
        }
        if (version == null) {
            throw GoParseException.malformed(FORMAT, offset, String.format(
                    "expected a pclntab magic (0xfffffffb, 0xfffffffa, 0xfffffff0 or 0xfffffff1), found 0x%08x", le));
        }
        int quantum = bytes[offset + 6] & 0xff;
        int ptrSize = bytes[offset + 7] & 0xff;
        if (bytes[offset + 4] != 0 || bytes[offset + 5] != 0) {
            throw GoParseException.malformed(FORMAT, offset + 4L, "expected two zero bytes after the magic");
        }
        if (quantum != 1 && quantum != 2 && quantum != 4) {
            throw GoParseException.malformed(FORMAT, offset + 6L, "expected a pc quantum of 1, 2 or 4, found " + quantum);
        }
        if (ptrSize != 4 && ptrSize != 8) {
            throw GoParseException.malformed(FORMAT, offset + 7L, "expected a pointer size of 4 or 8, found " + ptrSize);
        }
        return new Header(version, order, quantum, ptrSize);
    }
}
