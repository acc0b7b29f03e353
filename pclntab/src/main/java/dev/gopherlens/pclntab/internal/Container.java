package dev.gopherlens.pclntab.internal;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.pclntab.Symbol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;

/**
 * What the pclntab and build-info readers need of an executable format (ELF, Mach-O, PE): its sections, symbols,
 * byte order, pointer size, and the file bytes behind a virtual address.
 */
public interface Container {

    /** {@return the format's name, {@code elf}, {@code macho} or {@code pe}} */
    String format();

    /** {@return Go's name for the architecture ({@code amd64}, {@code arm64}, …), or empty when unknown} */
    String goarch();

    /** {@return the byte order of the target} */
    ByteOrder order();

    /** {@return the pointer size of the target, 4 or 8} */
    int ptrSize();

    /** {@return the sections, in file order} */
    List<Section> sections();

    /**
     * Finds a section by name.
     *
     * @param name the name
     * @return the first section with that name
     */
    default Optional<Section> section(String name) {
        for (Section s : sections()) {
            if (s.name().equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * Returns the symbol table, in table order.
     *
     * @return the symbols; empty for a stripped binary
     * @throws GoParseException if the symbol table is malformed
     */
    List<Symbol> symbols() throws GoParseException;

    /**
     * Returns the addresses of the symbols of a name, in table order, without decoding the others where the format
     * allows it.
     *
     * @param name the symbol's name
     * @return the addresses; empty when there is none
     * @throws GoParseException if the symbol table is malformed
     */
    default List<Long> symbolAddresses(String name) throws GoParseException {
        List<Long> out = new java.util.ArrayList<>();
        for (Symbol s : symbols()) {
            if (s.name().equals(name)) {
                out.add(s.address());
            }
        }
        return out;
    }

    /** {@return the whole file} */
    ByteBuffer data();

    /**
     * Returns the file bytes of a section, as a read-only buffer positioned at 0.
     *
     * @param s the section
     * @return its bytes; empty for bss-like sections
     * @throws GoParseException if the section lies outside the file
     */
    default ByteBuffer bytes(Section s) throws GoParseException {
        ByteBuffer all = data();
        if (s.fileSize() == 0) {
            return ByteBuffer.allocate(0);
        }
        if (s.offset() < 0 || s.fileSize() < 0 || s.offset() > all.capacity()
                || s.fileSize() > all.capacity() - s.offset()) {
            throw GoParseException.truncated(format(), s.offset(), "section " + s.name(), s.fileSize(),
                    Math.max(0, all.capacity() - s.offset()));
        }
        return all.slice((int) s.offset(), (int) s.fileSize()).order(order());
    }

    /**
     * Translates a virtual address to a file offset, through the section that holds it.
     *
     * @param address the virtual address
     * @return the offset, or -1 when no section with file bytes holds it
     */
    default long fileOffset(long address) {
        for (Section s : sections()) {
            if (s.fileSize() > 0 && s.contains(address) && address - s.address() < s.fileSize()) {
                return s.offset() + (address - s.address());
            }
        }
        return -1;
    }

    /**
     * Returns the file bytes at a virtual address.
     *
     * @param address the virtual address
     * @param length  how many bytes
     * @return a read-only view of them, in the target's byte order
     * @throws GoParseException if no section holds all of them in the file
     */
    default ByteBuffer at(long address, long length) throws GoParseException {
        long off = fileOffset(address);
        if (off < 0 || length < 0 || off + length > data().capacity() || length > Integer.MAX_VALUE) {
            throw GoParseException.malformed(format(), off, "expected " + length + " bytes at address 0x"
                    + Long.toHexString(address) + " in the file");
        }
        return data().slice((int) off, (int) length).order(order());
    }

    /**
     * Reads a pointer stored at a virtual address, applying a load-time relocation of a position-independent
     * executable where one rewrites it.
     *
     * @param address the virtual address of the pointer
     * @return the pointer's value
     * @throws GoParseException if the address is not in the file
     */
    default long pointer(long address) throws GoParseException {
        ByteBuffer b = at(address, ptrSize());
        return ptrSize() == 8 ? b.getLong(0) : Integer.toUnsignedLong(b.getInt(0));
    }
}
