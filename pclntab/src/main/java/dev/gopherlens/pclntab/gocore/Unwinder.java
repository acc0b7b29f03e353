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

    static List<StackFrame> unwind(Memory mem, Dwarf dwarf, GoBinary binary, Goroutine g, Optional<Thread> thread)
            throws GoParseException {
        StructType gt = dwarf.struct("runtime.g").orElseThrow(() ->
                GoParseException.malformed("DWARF", -1, "the runtime's type runtime.g in the binary's DWARF"));
        if (g.mId().isPresent() && g.rawStatus() == RUNNING) {
            return fromThread(mem, gt, binary, g, thread);
        }
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
        return walk(mem, binary, pc, sp, false);
    }

    // runtime/runtime2.go: _Grunning.
    private static final int RUNNING = 2;

    /**
     * A running goroutine is where its thread's registers say, when they point into its own stack: the thread was
     * stopped in the goroutine's code (a signal's interrupted pc, so the innermost frame is not a return address).
     * A thread stopped on its g0 or signal stack (in the scheduler, a system call wrapper or a signal handler)
     * would need the switch back to the goroutine, which is not read yet.
     */
    private static List<StackFrame> fromThread(Memory mem, StructType gt, GoBinary binary, Goroutine g,
                                               Optional<Thread> thread) throws GoParseException {
        Thread t = thread.orElseThrow(() -> GoParseException.malformed("core", -1, "a thread with LWP " + g.lwp()
                + " for running goroutine " + g.id()));
        long lo = mem.pointer(g.address() + gt.offsetOf("stack.lo"));
        long hi = mem.pointer(g.address() + gt.offsetOf("stack.hi"));
        long sp = t.sp();
        if (sp < lo || sp >= hi) {
            throw GoParseException.malformed("core", -1, "goroutine " + g.id() + "'s thread (LWP " + g.lwp()
                    + ") stopped outside the goroutine's stack (sp 0x" + Long.toHexString(sp) + " outside 0x"
                    + Long.toHexString(lo) + "-0x" + Long.toHexString(hi) + "), on a system or signal stack, which this does not unwind yet");
        }
        return walk(mem, binary, t.pc(), sp, true);
    }

    private static List<StackFrame> walk(Memory mem, GoBinary binary, long pc, long sp, boolean trap)
            throws GoParseException {
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
            // A return address is one past its call: look the call up, as the runtime's symPC does. A trap's pc
            // (the innermost frame of a thread stopped by a signal) is the instruction itself.
            long symPc = pc > f.entry() && !(trap && n == 0) ? pc - 1 : pc;
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
            if (fp <= sp) {
                throw GoParseException.malformed("core", -1, "a frame pointer above sp 0x" + Long.toHexString(sp));
            }
            pc = mem.pointer(fp - 8);
            sp = fp;
        }
        return List.copyOf(out);
    }
}
