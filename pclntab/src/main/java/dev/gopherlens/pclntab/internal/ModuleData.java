package dev.gopherlens.pclntab.internal;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.pclntab.Symbol;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The runtime's {@code moduledata} of a binary's main module: where it lies, and the fields a pclntab reader needs
 * from it (the text start and the gofunc base). Found the way GoReSym finds it: by section or symbol where there is
 * one, else by searching data for a word that points at the pclntab, validated by the function-table slice that
 * follows.
 *
 * @param address the moduledata's address
 * @param text    {@code moduledata.text}: the address of the first text byte
 * @param gofunc  {@code moduledata.gofunc}: the base of funcdata offsets (Go 1.18+), 0 before
 * @param maxpc   {@code moduledata.maxpc}: the end of the text the function table covers
 */
public record ModuleData(long address, long text, long gofunc, long maxpc) {

    /** 64-bit offsets of {@code ftab}, {@code text}, {@code gofunc} (0 = none) and {@code maxpc}, per Go minor. */
    private static int[] layout(int goMinor) {
        if (goMinor <= 15) {
            return new int[] {24, 96, 0, 88};
        }
        if (goMinor <= 17) {
            return new int[] {128, 176, 0, 168};
        }
        if (goMinor <= 19) {
            return new int[] {128, 176, 304, 168};
        }
        if (goMinor <= 26) {
            return new int[] {128, 176, 320, 168};
        }
        return new int[] {128, 176, 344, 168};
    }

    private static Optional<ModuleData> validateAny(Container c, List<Long> candidates, long pclntabVa,
                                                    int functabOff, int nfunc, int[] minors)
            throws GoParseException {
        for (long at : candidates) {
            for (int m : minors) {
                Optional<ModuleData> md = validate(c, at, pclntabVa, functabOff, nfunc, m);
                if (md.isPresent()) {
                    return md;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Finds the moduledata.
     *
     * @param c          the binary
     * @param pclntabVa  the pclntab's address
     * @param functabOff the function table's offset from the pclntab header
     * @param nfunc      the function count from the pclntab header
     * @param goMinor    the Go minor version, 0 when unknown (then every layout is tried)
     * @return the moduledata, or empty when none validates
     * @throws GoParseException if the binary's tables are malformed
     */
    public static Optional<ModuleData> find(Container c, long pclntabVa, int functabOff, int nfunc, int goMinor)
            throws GoParseException {
        List<Long> candidates = new ArrayList<>();
        for (String name : new String[] {".go.module", "__go_module"}) {
            c.section(name).ifPresent(s -> candidates.add(s.address()));
        }
        int[] minors = goMinor > 0 ? new int[] {goMinor} : new int[] {27, 20, 18, 16, 15};
        // The section (Go 1.26 on) first: the symbol table is read only when it is needed, since reading it is
        // most of the time an open takes in an unstripped binary (1 ms and 4 MB for the corpus program).
        Optional<ModuleData> found = validateAny(c, candidates, pclntabVa, functabOff, nfunc, minors);
        if (found.isPresent()) {
            return found;
        }
        found = validateAny(c, c.symbolAddresses("runtime.firstmoduledata"), pclntabVa, functabOff, nfunc, minors);
        if (found.isPresent()) {
            return found;
        }
        // Search: relocations first (a PIE stores the pointer only there), then the data sections' words.
        if (c instanceof dev.gopherlens.pclntab.internal.elf.ElfFile elf) {
            for (var e : elf.relocations().entrySet()) {
                if (e.getValue() == pclntabVa) {
                    for (int m : minors) {
                        Optional<ModuleData> md = validate(c, e.getKey(), pclntabVa, functabOff, nfunc, m);
                        if (md.isPresent()) {
                            return md;
                        }
                    }
                }
            }
        }
        int p = c.ptrSize();
        for (Section s : c.sections()) {
            if (s.kind() != Section.Kind.DATA) {
                continue;
            }
            ByteBuffer b = c.bytes(s);
            for (int off = 0; off + p <= b.capacity(); off += p) {
                long w = p == 8 ? b.getLong(off) : Integer.toUnsignedLong(b.getInt(off));
                if (w != pclntabVa) {
                    continue;
                }
                for (int m : minors) {
                    Optional<ModuleData> md = validate(c, s.address() + off, pclntabVa, functabOff, nfunc, m);
                    if (md.isPresent()) {
                        return md;
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<ModuleData> validate(Container c, long at, long pclntabVa, int functabOff, int nfunc,
                                                 int goMinor) {
        int[] l = layout(goMinor);
        int scale = c.ptrSize() == 8 ? 1 : 2;
        try {
            if (c.pointer(at) != pclntabVa) {
                return Optional.empty();
            }
            long ftab = at + l[0] / scale;
            if (c.pointer(ftab) != pclntabVa + functabOff || c.pointer(ftab + c.ptrSize()) != nfunc + 1L) {
                return Optional.empty();
            }
            long text = c.pointer(at + l[1] / scale);
            long gofunc = l[2] == 0 ? 0 : c.pointer(at + l[2] / scale);
            long maxpc = c.pointer(at + l[3] / scale);
            return Optional.of(new ModuleData(at, text, gofunc, maxpc));
        } catch (GoParseException notHere) {
            return Optional.empty();
        }
    }
}
