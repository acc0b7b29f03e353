package dev.gopherlens.pclntab.gocore;

import dev.gopherlens.core.Frame;
import dev.gopherlens.core.GoParseException;
import dev.gopherlens.pclntab.Func;
import dev.gopherlens.pclntab.internal.dwarf.Dwarf;
import dev.gopherlens.pclntab.internal.dwarf.StructType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Unwinds a goroutine with the binary's pcsp tables, as the runtime's own unwinder does (runtime/traceback.go): a
 * frame's fp is its sp plus the pcsp delta at its pc, plus the return address's slot on amd64; the caller resumes at
 * the word below fp (amd64) or at the link register the frame saved at its sp, or still holds if it made no frame
 * (arm64), with fp as its sp ({@link StackRules}). A stopped goroutine starts from the context the scheduler saved (or from
 * where it entered its system call); a running one from its thread's registers, through the signal frames of the
 * runtime's handler and a {@code systemstack} or {@code morestack} switch back onto its own stack.
 */
final class Unwinder {
    // The most frames a walk returned as a list keeps (a stack, a thread's frames). A goroutine stack holds at most
    // 1 GB (runtime.maxstacksize), millions of frames: the traceback printer streams a walk instead (FrameSink).
    private static final int MAX_FRAMES = 1 << 20;
    // A signal handler interrupted by a signal nests; the crash path nests twice (sighandler, then sigfwdgo).
    private static final int MAX_SIGNAL_FRAMES = 16;
    // runtime/runtime2.go: _Grunning.
    private static final int RUNNING = 2;
    // internal/abi/symtab.go (Go 1.21-1.27): FuncFlagTopFrame, FuncFlagSPWrite.
    private static final int TOP_FRAME = 1;
    private static final int SP_WRITE = 2;

    /**
     * One physical frame: its function, where it stands, whether its pc is the faulting instruction itself (the
     * innermost frame of a trap) rather than a return address, its own position's pc ({@code callPc}: the symbol pc,
     * or when that is inside inlined code, the call site of the outermost inlined call), and its logical frames,
     * inlined calls first.
     */
    record Physical(Func func, long entry, long pc, long sp, long fp, boolean trap, long callPc,
                    List<StackFrame> frames) {
        /** The pc the runtime looks tables up at (runtime/traceback.go unwinder.symPC). */
        long symPc() {
            return symPc(pc, entry, trap);
        }

        /** {@return the pc to look tables up at, for a frame not yet made (see the note in walk)} */
        static long symPc(long pc, long entry, boolean trap) {
            return !trap && pc > entry ? pc - 1 : pc;
        }
    }

    /** Receives a walk's physical frames, innermost first. */
    interface FrameSink {
        /**
         * Takes the next frame.
         *
         * @param p the frame
         * @throws GoParseException if the frame cannot be taken
         */
        void accept(Physical p) throws GoParseException;
    }

    /** Keeps a walk's frames, at most {@link #MAX_FRAMES} of them. */
    private static final class FrameList implements FrameSink {
        final List<Physical> frames = new ArrayList<>();

        @Override
        public void accept(Physical p) {
            frames.add(p);
        }
    }

    private Unwinder() {
    }

    // runtime/traceback.go printFuncName: the panic machinery prints as the builtin it implements.
    private static String printName(String name) {
        return name.equals("runtime.gopanic") ? "panic" : name;
    }

    static List<StackFrame> unwind(Memory mem, Dwarf dwarf, LoadedCode binary, Goroutine g, Optional<Thread> thread)
            throws GoParseException {
        FrameList list = new FrameList();
        physical(mem, dwarf, binary, g, thread, list, MAX_FRAMES);
        return logical(list.frames);
    }

    static List<StackFrame> logical(List<Physical> frames) {
        List<StackFrame> out = new ArrayList<>();
        for (Physical p : frames) {
            out.addAll(p.frames());
        }
        return List.copyOf(out);
    }

    /**
     * Walks a goroutine's stack as the runtime would, into a sink.
     *
     * @param max the most frames to walk
     * @return -1 when the walk began at the goroutine's saved context; when it began in its running thread's
     *         registers, how many frames at the top of the walk ran on another stack (g0) before the switch back
     */
    static int physical(Memory mem, Dwarf dwarf, LoadedCode binary, Goroutine g, Optional<Thread> thread,
                        FrameSink sink, long max) throws GoParseException {
        StructType gt = Goroutines.struct(dwarf, "runtime.g");
        StackRules rules = binary.rules();
        long syscallsp = mem.pointer(g.address() + gt.offsetOf("syscallsp"));
        if (syscallsp == 0 && g.mId().isPresent() && g.rawStatus() == RUNNING) {
            return fromThread(mem, rules, gt, binary, g, thread, sink, max);
        }
        saved(mem, rules, gt, binary, g, sink, max);
        return -1;
    }

    /**
     * Walks a goroutine's stack from the context it saved, as runtime/traceback.go traceback1 does when asked for a
     * goroutine's own stack: where it entered its system call, even when its thread has been stopped since, or else
     * the scheduler's saved pc and sp.
     */
    static void saved(Memory mem, Dwarf dwarf, LoadedCode binary, Goroutine g, FrameSink sink, long max)
            throws GoParseException {
        saved(mem, binary.rules(), Goroutines.struct(dwarf, "runtime.g"), binary, g, sink, max);
    }

    private static void saved(Memory mem, StackRules rules, StructType gt, LoadedCode binary, Goroutine g,
                              FrameSink sink, long max) throws GoParseException {
        long syscallsp = mem.pointer(g.address() + gt.offsetOf("syscallsp"));
        if (syscallsp != 0) {
            long pc = mem.pointer(g.address() + gt.offsetOf("syscallpc"));
            walk(mem, rules, binary, pc, syscallsp, 0, false, null, sink, max);
            return;
        }
        long pc = mem.pointer(g.address() + gt.offsetOf("sched.pc"));
        long sp = mem.pointer(g.address() + gt.offsetOf("sched.sp"));
        // On a link-register machine the scheduler saves the link register too (morestack, systemstack).
        long lr = rules.usesLR() ? mem.pointer(g.address() + gt.offsetOf("sched.lr")) : 0;
        walk(mem, rules, binary, pc, sp, lr, false, null, sink, max);
    }

    /**
     * A running goroutine is where its thread's registers say when they point into its own stack (the thread was
     * stopped in the goroutine's code). Otherwise the thread was on its signal stack or its g0 stack: the walk goes
     * through each signal frame to the context it interrupted, and from a {@code systemstack} or
     * {@code morestack} frame on g0 back to the goroutine's saved context, as the runtime's unwinder does with
     * {@code unwindJumpStack}. The frames of signal handlers are not the goroutine's and are left out; its own
     * work on g0 (below {@code systemstack}) is kept.
     */
    private static int fromThread(Memory mem, StackRules rules, StructType gt, LoadedCode binary, Goroutine g,
                                  Optional<Thread> thread, FrameSink sink, long max) throws GoParseException {
        Thread t = thread.orElseThrow(() -> GoParseException.malformed("core", -1, "a thread with LWP " + g.lwp()
                + " for running goroutine " + g.id()));
        long lo = mem.pointer(g.address() + gt.offsetOf("stack.lo"));
        long hi = mem.pointer(g.address() + gt.offsetOf("stack.hi"));
        long pc = t.pc();
        long sp = t.sp();
        long lr = linkRegister(rules, t);
        for (int nest = 0; nest <= MAX_SIGNAL_FRAMES; nest++) {
            if (sp >= lo && sp < hi) {
                walk(mem, rules, binary, pc, sp, lr, true, null, sink, max);
                return 0;
            }
            Switch sw = new Switch(true);
            List<Physical> system = walk(mem, rules, binary, pc, sp, lr, true, sw);
            if (sw.kind == Switch.SIGNAL) {
                // runtime.sigtramp (TOPFRAME): the kernel's rt_sigframe holds the ucontext of the interrupted
                // context at a fixed place from sigtramp's fp (StackRules).
                long uc = sw.at.fp() + rules.ucontext();
                pc = mem.u64(uc + rules.ucPc());
                sp = mem.u64(uc + rules.ucSp());
                lr = rules.ucLr() < 0 ? 0 : mem.u64(uc + rules.ucLr());
                continue;
            }
            if (sw.kind == Switch.JUMP) {
                // runtime/traceback.go resolveInternal (unwindJumpStack): systemstack returns normally, so the walk
                // follows it onto curg's saved sp at the same pc; morestack never returns, so it resumes at curg's
                // saved pc and sp.
                long schedSp = mem.pointer(g.address() + gt.offsetOf("sched.sp"));
                List<Physical> own = system.subList(0, system.size() - 1);
                for (Physical p : own) {
                    sink.accept(p);
                }
                if (sw.at.func().name().equals("runtime.systemstack")) {
                    walk(mem, rules, binary, sw.at.pc(), schedSp, 0, false, null, sink, max - own.size());
                } else {
                    long schedPc = mem.pointer(g.address() + gt.offsetOf("sched.pc"));
                    long schedLr = rules.usesLR() ? mem.pointer(g.address() + gt.offsetOf("sched.lr")) : 0;
                    walk(mem, rules, binary, schedPc, schedSp, schedLr, false, null, sink, max - own.size());
                }
                return own.size();
            }
            throw GoParseException.malformed("core", -1, "goroutine " + g.id() + "'s thread (LWP " + g.lwp()
                    + ") stopped outside the goroutine's stack (sp 0x" + Long.toHexString(sp) + " outside 0x"
                    + Long.toHexString(lo) + "-0x" + Long.toHexString(hi) + "), and its stack there ends in "
                    + (system.isEmpty() ? "no Go function" : system.get(system.size() - 1).func().name())
                    + ", not in a signal frame or a switch from the goroutine");
        }
        throw GoParseException.malformed("core", -1, "at most " + MAX_SIGNAL_FRAMES
                + " nested signal frames on the thread of goroutine " + g.id());
    }

    /**
     * A thread's stack as gdb's {@code bt} shows it: from its registers (a trap pc), and at each signal frame
     * ({@code runtime.sigtramp}, a top frame) on to the context the signal interrupted, until a top frame of the
     * stack it ends on ({@code runtime.goexit}, {@code runtime.mstart}, ...) or a function that wrote SP
     * ({@code runtime.mcall}). Each signal frame appears as the restorer its return-address slot holds
     * ({@code runtime.sigreturn__sigaction}, gdb's {@code <signal handler called>}), at sigtramp's fp.
     */
    static List<StackFrame> thread(Memory mem, LoadedCode binary, Thread t) throws GoParseException {
        StackRules rules = binary.rules();
        List<StackFrame> out = new ArrayList<>();
        long pc = t.pc();
        long sp = t.sp();
        long lr = linkRegister(rules, t);
        for (int nest = 0; nest <= MAX_SIGNAL_FRAMES; nest++) {
            Switch sw = new Switch(false);
            List<Physical> frames = walk(mem, rules, binary, pc, sp, lr, true, sw);
            out.addAll(logical(frames));
            if (sw.kind != Switch.SIGNAL) {
                return List.copyOf(out);
            }
            long uc = sw.at.fp() + rules.ucontext();
            // The restorer the handler returns to: pushed by the kernel below the ucontext on amd64, saved by
            // sigtramp's prologue at the bottom of its frame from the link register on arm64.
            long restorer = rules.usesLR() ? mem.pointer(sw.at.sp()) : mem.pointer(uc - 8);
            Optional<Func> rf = binary.funcAt(restorer);
            var line = binary.lineAt(restorer);
            out.add(new StackFrame(rf.map(Func::name).orElse("?"), line.map(l -> l.file()).orElse("?"),
                    line.map(l -> l.line()).orElse(0), false, restorer, uc, uc,
                    rf.map(f -> restorer - binary.entry(f)).orElse(0L)));
            pc = mem.u64(uc + rules.ucPc());
            sp = mem.u64(uc + rules.ucSp());
            lr = rules.ucLr() < 0 ? 0 : mem.u64(uc + rules.ucLr());
        }
        throw GoParseException.malformed("core", -1, "at most " + MAX_SIGNAL_FRAMES
                + " nested signal frames on thread LWP " + t.lwp());
    }

    /** Where a walk off the goroutine's stack ended: in a signal frame, at a stack switch, or elsewhere. */
    private static final class Switch {
        static final int NONE = 0;
        static final int SIGNAL = 1;
        static final int JUMP = 2;
        final boolean jumps;
        int kind = NONE;
        Physical at;

        Switch(boolean jumps) {
            this.jumps = jumps;
        }
    }

    /** {@return a thread's link register, or 0 on a machine without one} */
    private static long linkRegister(StackRules rules, Thread t) {
        return rules.lrRegister() == null ? 0 : t.registers().find(rules.lrRegister()).orElse(0);
    }

    /**
     * Walks physical frames from a pc and sp (and on a link-register machine the link register, 0 when unknown) to a
     * top frame. With {@code sw}, the walk is on a system stack: it stops after {@code runtime.sigtramp}, or (if the
     * switch follows jumps) a {@code systemstack} or {@code morestack} frame, and says which.
     */
    private static List<Physical> walk(Memory mem, StackRules rules, LoadedCode binary, long pc, long sp, long lr,
                                       boolean trap, Switch sw) throws GoParseException {
        FrameList list = new FrameList();
        walk(mem, rules, binary, pc, sp, lr, trap, sw, list, MAX_FRAMES);
        return List.copyOf(list.frames);
    }

    /**
     * Walks as {@link #walk(Memory, StackRules, LoadedCode, long, long, long, boolean, Switch)} does, handing each
     * frame to a sink, at most {@code max} frames. A caller's sp is above its callee's, or (on a link-register
     * machine, for a leaf or the caller of an injected call) equal to it once; so a walk ends within the memory it
     * reads.
     */
    private static void walk(Memory mem, StackRules rules, LoadedCode binary, long pc, long sp, long lr,
                             boolean trap, Switch sw, FrameSink out, long max) throws GoParseException {
        boolean innermost = true;
        int still = 0;
        for (long n = 0; n < max && pc != 0; n++) {
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
            // runtime/traceback.go resolveInternal: fp is sp plus the frame's size, plus the pushed return address
            // on a machine without a link register.
            long fp = sp + delta + (rules.usesLR() ? 0 : 8);
            // A return address is one past its call: look the call up, as the runtime's symPC does. A trap's pc
            // (where a signal stopped the thread, or the caller of an injected call) is the instruction itself.
            long entry = binary.entry(f);
            long symPc = Physical.symPc(pc, entry, trap);
            List<Frame> frames = binary.tracebackFrames(symPc);
            List<StackFrame> logical = new ArrayList<>(frames.size());
            for (int i = 0; i < frames.size(); i++) {
                Frame fr = frames.get(i);
                logical.add(new StackFrame(printName(fr.function()), fr.file(), fr.line(), i < frames.size() - 1, pc,
                        sp, fp, pc - entry));
            }
            // The outermost frame's pc: symPc, or inside inlined code the call site of the outermost inlined call.
            long callPc = frames.isEmpty() ? symPc : binary.address(frames.get(frames.size() - 1).pc());
            Physical p = new Physical(f, entry, pc, sp, fp, trap, callPc, List.copyOf(logical));
            out.accept(p);
            String name = f.name();
            if (sw != null) {
                if (name.equals("runtime.sigtramp")) {
                    sw.kind = Switch.SIGNAL;
                    sw.at = p;
                    break;
                }
                // On a link-register machine, systemstack before its frame is made has not switched yet.
                boolean jump = name.equals("runtime.morestack")
                        || name.equals("runtime.systemstack") && (!rules.usesLR() || delta != 0);
                if (sw.jumps && jump) {
                    sw.kind = Switch.JUMP;
                    sw.at = p;
                    break;
                }
            }
            // runtime/traceback.go next: a top frame ends the stack; a function that wrote SP (mcall, gogo) has no
            // return address the unwinder can trust.
            if ((f.flags() & TOP_FRAME) != 0 || name.equals("runtime.goexit") || name.equals("runtime.mstart")
                    || name.equals("runtime.rt0_go") || (f.flags() & SP_WRITE) != 0) {
                break;
            }
            if (fp > sp) {
                still = 0;
            } else if (fp < sp || ++still > 1) {
                throw GoParseException.malformed("core", -1, "a frame pointer above sp 0x" + Long.toHexString(sp));
            }
            // The caller's pc: below fp where the call pushed it; on a link-register machine the link register
            // while the innermost function has not made its frame, else the word its prologue saved at sp.
            long caller;
            if (rules.usesLR()) {
                caller = innermost && sp < fp || lr == 0 ? mem.pointer(sp) : lr;
            } else {
                caller = mem.pointer(fp - 8);
            }
            // runtime/traceback.go next: after a call the runtime injected (a signal's panic, an asynchronous
            // preemption, a debugger call), the caller stopped at the interrupted instruction, not after a call.
            trap = name.equals("runtime.sigpanic") || name.equals("runtime.asyncPreempt")
                    || name.equals("runtime.debugCallV2");
            pc = caller;
            sp = fp;
            lr = 0;
            innermost = false;
            if (rules.usesLR() && trap) {
                // The signal handler saved the interrupted link register on the stack before faking the call.
                long saved = mem.pointer(sp);
                sp += rules.injectedFrame();
                Optional<Func> at = binary.funcAt(pc);
                if (at.isEmpty()) {
                    pc = saved;
                } else if (binary.spDelta(pc) == 0) {
                    lr = saved;
                }
            }
        }
    }
}
