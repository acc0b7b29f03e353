package dev.gopherlens.pclntab.gocore;

import dev.gopherlens.core.Frame;
import dev.gopherlens.core.GoParseException;
import dev.gopherlens.pclntab.Func;
import dev.gopherlens.pclntab.GoBinary;
import dev.gopherlens.pclntab.internal.dwarf.Dwarf;
import dev.gopherlens.pclntab.internal.dwarf.StructType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Unwinds a goroutine that is not running from the context the scheduler saved for it, with the binary's pcsp
 * tables, as the runtime's own unwinder does (runtime/traceback.go, amd64): a frame's fp is its sp plus the pcsp
 * delta at its pc plus the return address's slot; the caller resumes at the word below fp, with fp as its sp.
 */
final class Unwinder {
    // A goroutine stack holds at most 1 GB (runtime.maxstacksize); no frame is smaller than its return address.
    private static final int MAX_FRAMES = 1 << 20;

    private Unwinder() {
    }

    // runtime/traceback.go printFuncName: the panic machinery prints as the builtin it implements.
    private static String printName(String name) {
        return name.equals("runtime.gopanic") ? "panic" : name;
    }

    static List<StackFrame> unwind(Memory mem, Dwarf dwarf, GoBinary binary, Goroutine g) throws GoParseException {
        StructType gt = dwarf.struct("runtime.g").orElseThrow(() ->
                GoParseException.malformed("DWARF", -1, "the runtime's type runtime.g in the binary's DWARF"));
        long pc;
        long sp;
        // runtime/traceback.go unwinder.initAt: a goroutine in a system call resumes from where it entered it.
        long syscallsp = mem.pointer(g.address() + gt.offsetOf("syscallsp"));
        if (syscallsp != 0) {
            pc = mem.pointer(g.address() + gt.offsetOf("syscallpc"));
            sp = syscallsp;
        } else {
            pc = mem.pointer(g.address() + gt.offsetOf("sched.pc"));
            sp = mem.pointer(g.address() + gt.offsetOf("sched.sp"));
        }
        List<StackFrame> out = new ArrayList<>();
        for (int n = 0; n < MAX_FRAMES && pc != 0; n++) {
            Optional<Func> fo = binary.funcAt(pc);
            if (fo.isEmpty()) {
                break;
            }
            Func f = fo.get();
            int delta = binary.spDelta(pc);
            if (delta < 0) {
                throw GoParseException.malformed("core", -1, "a pcsp entry for pc 0x" + Long.toHexString(pc) + " in "
                        + f.name());
            }
            long fp = sp + delta + 8;
            // A return address is one past its call: look the call up, as the runtime's symPC does.
            long symPc = pc > f.entry() ? pc - 1 : pc;
            List<Frame> frames = binary.tracebackFrames(symPc);
            for (int i = 0; i < frames.size(); i++) {
                Frame fr = frames.get(i);
                out.add(new StackFrame(printName(fr.function()), fr.file(), fr.line(), i < frames.size() - 1, pc, sp,
                        fp, pc - f.entry()));
            }
            if (f.name().equals("runtime.goexit") || f.name().equals("runtime.mstart")
                    || f.name().equals("runtime.rt0_go")) {
                break;
            }
            long caller = mem.pointer(fp - 8);
            if (fp <= sp) {
                throw GoParseException.malformed("core", -1, "a frame pointer above sp 0x" + Long.toHexString(sp));
            }
            pc = caller;
            sp = fp;
        }
        return List.copyOf(out);
    }
}
