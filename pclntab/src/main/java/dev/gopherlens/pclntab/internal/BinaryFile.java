package dev.gopherlens.pclntab.internal;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.pclntab.Symbol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * What the three containers share: the file's bytes, byte order, word size and sections, set once by the
 * subclass's constructor, and the symbol table, read on first use.
 */
public abstract class BinaryFile implements Container {
    /** The whole file. */
    protected ByteBuffer data;
    /** The target's byte order. */
    protected ByteOrder order;
    /** Whether the target has 64-bit pointers. */
    protected boolean is64;
    /** The sections, in file order. */
    protected List<Section> sections = List.of();
    private volatile List<Symbol> symbols;

    /** Subclasses set the fields in their constructors. */
    protected BinaryFile() {
    }

    /**
     * Reads the symbol table.
     *
     * @return the symbols, in table order
     * @throws GoParseException if the table is malformed
     */
    protected abstract List<Symbol> readSymbols() throws GoParseException;

    @Override
    public final ByteOrder order() {
        return order;
    }

    @Override
    public final int ptrSize() {
        return is64 ? 8 : 4;
    }

    @Override
    public final List<Section> sections() {
        return sections;
    }

    @Override
    public final ByteBuffer data() {
        return data;
    }

    @Override
    public final List<Symbol> symbols() throws GoParseException {
        List<Symbol> s = symbols;
        if (s == null) {
            s = readSymbols();
            symbols = s;
        }
        return s;
    }
}
