package dev.gopherlens.pclntab.gocore;

import dev.gopherlens.core.Frame;
import dev.gopherlens.core.GoParseException;
import dev.gopherlens.pclntab.Func;
import dev.gopherlens.pclntab.GoBinary;
import dev.gopherlens.pclntab.SourceLine;

import java.util.List;
import java.util.Optional;

/**
 * The binary's code where the process had it: lookups by the pcs a core holds (return addresses, saved pcs, a
 * goroutine's creator), which a position-independent executable's load bias moves away from the binary's own
 * addresses, and function entries moved back to the process's. Immutable and thread-safe.
 *
 * @param binary the binary
 * @param bias   the load bias: the process's address of a byte minus the binary's
 * @param rules  how the machine the code ran on keeps its frames and signal contexts
 */
record LoadedCode(GoBinary binary, long bias, StackRules rules) {
    Optional<Func> funcAt(long pc) throws GoParseException {
        return binary.funcAt(pc - bias);
    }

    /** {@return a function's entry in the process} */
    long entry(Func f) {
        return f.entry() + bias;
    }

    int spDelta(long pc) throws GoParseException {
        return binary.spDelta(pc - bias);
    }

    List<Frame> tracebackFrames(long pc) throws GoParseException {
        return binary.tracebackFrames(pc - bias);
    }

    Optional<SourceLine> lineAt(long pc) throws GoParseException {
        return binary.lineAt(pc - bias);
    }

    int pcdata(long pc, int index) throws GoParseException {
        return binary.pcdata(pc - bias, index);
    }

    long funcdata(Func f, int slot) throws GoParseException {
        return binary.funcdata(f, slot);
    }

    /** {@return the process's address of a variable at a binary address the DWARF gives} */
    long address(long binaryAddress) {
        return binaryAddress + bias;
    }
}
