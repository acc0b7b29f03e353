package dev.gopherlens.pclntab.internal;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.pclntab.PclntabVersion;
import dev.gopherlens.pclntab.Symbol;

import java.nio.ByteBuffer;

/**
 * Finds a binary's pclntab: by section ({@code .gopclntab}, {@code .data.rel.ro.gopclntab}, {@code __gopclntab}),
 * else by the {@code runtime.pclntab} symbol, else by searching read-only and data sections for a valid header.
 */
public final class PclntabLocator {
    private PclntabLocator() {
    }

    /**
     * Where the pclntab lies.
     *
     * @param bytes   its bytes from the header to the end of the section that holds it
     * @param offset  the header's file offset
     * @param address the header's virtual address
     */
    public record Found(ByteBuffer bytes, long offset, long address) {
    }

    /**
     * Finds the pclntab.
     *
     * @param c the binary
     * @return where it lies
     * @throws GoParseException if there is none: the file is not a Go binary
     */
    public static Found find(Container c) throws GoParseException {
        for (String name : new String[] {".gopclntab", ".data.rel.ro.gopclntab", "__gopclntab"}) {
            var s = c.section(name);
            if (s.isPresent()) {
                return new Found(c.bytes(s.get()), s.get().offset(), s.get().address());
            }
        }
        for (Symbol sym : c.symbols()) {
            if (sym.name().equals("runtime.pclntab") || sym.name().equals("pclntab")) {
                for (Section s : c.sections()) {
                    if (s.fileSize() > 0 && s.contains(sym.address())) {
                        long rel = sym.address() - s.address();
                        ByteBuffer b = c.bytes(s);
                        return new Found(b.slice((int) rel, b.capacity() - (int) rel).order(c.order()),
                                s.offset() + rel, sym.address());
                    }
                }
            }
        }
        for (Section s : c.sections()) {
            if (s.kind() != Section.Kind.RODATA && s.kind() != Section.Kind.DATA && s.kind() != Section.Kind.TEXT) {
                continue;
            }
            ByteBuffer b = c.bytes(s);
            for (int at = 0; at + 16 <= b.capacity(); at += 4) {
                if ((b.get(at + 1) & 0xff) != 0xff || (b.get(at + 2) & 0xff) != 0xff || b.get(at + 4) != 0
                        || b.get(at + 5) != 0) {
                    continue;
                }
                byte[] head = new byte[8];
                b.get(at, head);
                try {
                    PclntabVersion.readHeader(head, 0);
                    ByteBuffer rest = b.slice(at, b.capacity() - at).order(c.order());
                    new PclnTable(rest, s.offset() + at, 0, 0);
                    return new Found(rest, s.offset() + at, s.address() + at);
                } catch (GoParseException notHere) {
                    // the magic's bytes occur as data too; keep looking
                }
            }
        }
        throw GoParseException.malformed("binary", -1, "expected a Go pclntab: no .gopclntab section, no "
                + "runtime.pclntab symbol, and no valid pclntab header in the data: not a Go binary");
    }
}
