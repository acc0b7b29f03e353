package dev.gopherlens.pclntab.gocore;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.pclntab.internal.gocore.MemoryMap;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The dead process's memory: what the core wrote (heap, stacks, {@code .data}, {@code .bss}), and under it what
 * the binary holds for the pages the core left out (text, rodata, pclntab, type descriptors, string literals).
 * Reads are bounds-checked; an address neither holds gives an {@link UnmappedAddressException}, never zeros, except
 * the binary's {@code .bss} tail where the core did not write it. Little-endian. Immutable and thread-safe.
 */
public final class Memory {
    /** Reads larger than this are refused rather than allocated; 1 GiB. */
    private static final int MAX_READ = 1 << 30;

    private final MemoryMap map;
    private final List<Segment> segments;

    Memory(MemoryMap map, List<Segment> segments) {
        this.map = map;
        this.segments = List.copyOf(segments);
    }

    /** {@return the byte order of every multi-byte read} */
    public ByteOrder order() {
        return ByteOrder.LITTLE_ENDIAN;
    }

    /**
     * Tells whether every byte of a range can be read.
     *
     * @param address the first address
     * @param length  the number of bytes
     * @return whether {@link #read(long, int)} would succeed
     */
    public boolean isReadable(long address, long length) {
        return length >= 0 && map.readable(address, length) == length;
    }

    /**
     * Reads bytes into a new array, after checking that all of them are readable.
     *
     * @param address the first address
     * @param length  how many bytes, at most 1 GiB
     * @return the bytes
     * @throws UnmappedAddressException if a byte of the range is unreadable
     * @throws GoParseException         if the length is over 1 GiB
     * @throws IllegalArgumentException if the length is negative
     */
    public byte[] read(long address, int length) throws GoParseException {
        if (length < 0) {
            throw new IllegalArgumentException("negative length " + length);
        }
        if (length > MAX_READ) {
            throw GoParseException.limitExceeded("core", -1, "maxRecordSize", length, MAX_READ);
        }
        check(address, length);
        byte[] b = new byte[length];
        map.copy(address, b, 0, length);
        return b;
    }

    /**
     * Reads bytes into an array.
     *
     * @param address the first address
     * @param dst     the destination
     * @param off     where in it
     * @param length  how many bytes
     * @throws UnmappedAddressException  if a byte of the range is unreadable; {@code dst} may then be partly filled
     * @throws GoParseException          if a source file is shorter than its headers said
     * @throws IndexOutOfBoundsException if the range does not fit {@code dst}
     */
    public void read(long address, byte[] dst, int off, int length) throws GoParseException {
        java.util.Objects.checkFromIndexSize(off, length, dst.length);
        int n = map.copy(address, dst, off, length);
        if (n < length) {
            throw unreadable(address + n, address, length);
        }
    }

    private void check(long address, long length) throws UnmappedAddressException {
        long n = map.readable(address, length);
        if (n < length) {
            throw unreadable(address + n, address, length);
        }
    }

    private UnmappedAddressException unreadable(long at, long address, long length) {
        String range = length + " bytes at 0x" + Long.toHexString(address);
        for (Segment s : segments) {
            if (s.contains(at)) {
                return new UnmappedAddressException(at, "", "cannot read " + range + ": 0x" + Long.toHexString(at)
                        + " is mapped (" + s + ") but neither the core nor the binary holds its bytes");
            }
        }
        return new UnmappedAddressException(at, "", "cannot read " + range + ": 0x" + Long.toHexString(at)
                + " is not mapped");
    }

    private long bits(long address, int size) throws GoParseException {
        byte[] b = new byte[8];
        read(address, b, 0, size);
        long v = 0;
        for (int i = size - 1; i >= 0; i--) {
            v = v << 8 | (b[i] & 0xff);
        }
        return v;
    }

    /**
     * Reads a byte.
     *
     * @param address the address
     * @return the value, 0 to 255
     * @throws UnmappedAddressException if it is unreadable
     * @throws GoParseException         if a source file is shorter than its headers said
     */
    public int u8(long address) throws GoParseException {
        return (int) bits(address, 1);
    }

    /**
     * Reads an unsigned 16-bit value.
     *
     * @param address the address
     * @return the value
     * @throws UnmappedAddressException if a byte is unreadable
     * @throws GoParseException         if a source file is shorter than its headers said
     */
    public int u16(long address) throws GoParseException {
        return (int) bits(address, 2);
    }

    /**
     * Reads a signed 32-bit value.
     *
     * @param address the address
     * @return the value
     * @throws UnmappedAddressException if a byte is unreadable
     * @throws GoParseException         if a source file is shorter than its headers said
     */
    public int i32(long address) throws GoParseException {
        return (int) bits(address, 4);
    }

    /**
     * Reads an unsigned 32-bit value.
     *
     * @param address the address
     * @return the value
     * @throws UnmappedAddressException if a byte is unreadable
     * @throws GoParseException         if a source file is shorter than its headers said
     */
    public long u32(long address) throws GoParseException {
        return bits(address, 4);
    }

    /**
     * Reads a 64-bit value.
     *
     * @param address the address
     * @return the value
     * @throws UnmappedAddressException if a byte is unreadable
     * @throws GoParseException         if a source file is shorter than its headers said
     */
    public long u64(long address) throws GoParseException {
        return bits(address, 8);
    }

    /**
     * Reads a pointer (8 bytes on the 64-bit machines this reads).
     *
     * @param address the address
     * @return the pointer
     * @throws UnmappedAddressException if a byte is unreadable
     * @throws GoParseException         if a source file is shorter than its headers said
     */
    public long pointer(long address) throws GoParseException {
        return bits(address, 8);
    }

    /**
     * Reads a Go string's bytes given its data pointer and length, as UTF-8 (invalid bytes become U+FFFD).
     *
     * @param data   the string's data pointer
     * @param length its length in bytes
     * @return the string
     * @throws UnmappedAddressException if a byte is unreadable
     * @throws GoParseException         if the length is negative or over 1 GiB
     */
    public String goString(long data, long length) throws GoParseException {
        if (length < 0 || length > MAX_READ) {
            throw GoParseException.malformed("core", -1, "expected a string length from 0 to " + MAX_READ
                    + ", found " + length + " for data at 0x" + Long.toHexString(data));
        }
        return new String(read(data, (int) length), StandardCharsets.UTF_8);
    }

    /** {@return the readable runs of addresses and where their bytes come from, sorted by address} */
    public List<MemoryRegion> regions() {
        return map.regions();
    }

    /** {@return the number of readable bytes and runs} */
    @Override
    public String toString() {
        long total = 0;
        List<MemoryRegion> r = map.regions();
        for (MemoryRegion m : r) {
            total += m.size();
        }
        return "Memory[" + r.size() + " runs, " + total + " readable bytes]";
    }
}
