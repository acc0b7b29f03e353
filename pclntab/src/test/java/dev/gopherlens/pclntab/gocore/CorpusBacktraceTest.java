package dev.gopherlens.pclntab.gocore;

import dev.gopherlens.core.testing.Corpus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conformance: every goroutine unwinds to the frames the runtime's own traceback printed for it (traceback.txt):
 * function, file:line and inlined calls, and for each physical frame its {@code +0x} offset, {@code fp=},
 * {@code sp=} and {@code pc=}. Where the runtime elided the middle of a deep stack ({@code ...206 frames
 * elided...}), the frames it printed on both sides must match and the count must add up. Running goroutines
 * unwind from their threads, which in the abort variant stopped inside the runtime's signal handler: their stacks
 * are those the SIGQUIT sections printed from the signal's context.
 */
class CorpusBacktraceTest {
    private static final Pattern HEADER = Pattern.compile("^goroutine (\\d+) .*\\[([^,\\]]*).*:$");
    private static final Pattern PHYSICAL = Pattern.compile(
            "^\\t(.*):(\\d+) \\+0x([0-9a-f]+) fp=0x([0-9a-f]+) sp=0x([0-9a-f]+) pc=0x([0-9a-f]+)$");
    private static final Pattern INLINED = Pattern.compile("^\\t(.*):(\\d+)$");
    private static final Pattern ELIDED = Pattern.compile("^\\.\\.\\.(\\d+) frames elided\\.\\.\\.$");

    record Printed(String status, List<String> head, List<String> tail, int elided) {
    }

    static Stream<Arguments> cores() {
        return CorpusCoreTest.cores();
    }

    /** Each goroutine's frames as printed, first printing of each id, as lines comparable with ours. */
    static Map<Long, Printed> traceback(List<String> lines) {
        Map<Long, Printed> out = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher h = HEADER.matcher(lines.get(i));
            if (!h.matches() || h.group(1).equals("0")) {
                continue;
            }
            long id = Long.parseLong(h.group(1));
            List<String> head = new ArrayList<>();
            List<String> tail = new ArrayList<>();
            int elided = 0;
            int j = i + 1;
            while (j + 1 < lines.size() && !lines.get(j).isEmpty() && !lines.get(j).startsWith("created by")) {
                Matcher e = ELIDED.matcher(lines.get(j));
                if (e.matches()) {
                    elided = Integer.parseInt(e.group(1));
                    j++;
                    continue;
                }
                String call = lines.get(j);
                if (!call.endsWith(")") || !lines.get(j + 1).startsWith("\t")) {
                    break;
                }
                String function = call.substring(0, call.lastIndexOf('('));
                String where = lines.get(j + 1);
                Matcher p = PHYSICAL.matcher(where);
                Matcher in = INLINED.matcher(where);
                String frame;
                if (p.matches()) {
                    frame = function + " " + p.group(1) + ":" + p.group(2) + " +0x" + p.group(3) + " fp=0x" + p.group(4)
                            + " sp=0x" + p.group(5) + " pc=0x" + p.group(6);
                } else if (in.matches()) {
                    frame = function + " " + in.group(1) + ":" + in.group(2) + " inlined";
                } else {
                    break;
                }
                (elided > 0 ? tail : head).add(frame);
                j += 2;
            }
            // A goroutine running on another thread prints no stack in the first section; its thread's SIGQUIT
            // section prints it again, from the signal's context.
            Printed old = out.get(id);
            if (old == null || old.head().isEmpty()) {
                out.put(id, new Printed(h.group(2), head, tail, elided));
            }
        }
        return out;
    }

    static String ours(StackFrame f) {
        if (f.inlined()) {
            return f.function() + " " + f.file() + ":" + f.line() + " inlined";
        }
        return f.function() + " " + f.file() + ":" + f.line() + " +0x" + Long.toHexString(f.offset()) + " fp=0x"
                + Long.toHexString(f.fp()) + " sp=0x" + Long.toHexString(f.sp()) + " pc=0x" + Long.toHexString(f.pc());
    }

    @ParameterizedTest(name = "{0}{1}")
    @MethodSource("cores")
    void everyGoroutineUnwindsAsTheRuntimePrintedIt(String version, String variant) throws IOException {
        List<String> lines = Files.readAllLines(Corpus.file("core/" + version + "/traceback" + variant + ".txt"),
                StandardCharsets.UTF_8);
        Map<Long, Printed> printed = traceback(lines);
        GoCore core = CorpusCoreTest.open(version, variant);
        int compared = 0;
        for (Goroutine g : core.goroutines()) {
            Printed p = printed.get(g.id());
            if (p == null || p.head().isEmpty()) {
                continue;
            }
            List<String> ours = core.stack(g).stream().map(CorpusBacktraceTest::ours).toList();
            int fatal = indexOfFunction(ours, "runtime.fatalpanic");
            if (variant.equals("-panic") && g.id() == 1) {
                // The panicking goroutine went on after the runtime printed it: fatalpanic crashed it (raise,
                // dieFromSignal, crash), and the printed stack starts at fatalpanic's caller.
                assertThat(ours.get(0)).startsWith("runtime.raise ");
                assertThat(fatal).isPositive();
                ours = ours.subList(fatal + 1, ours.size());
            }
            if (p.elided() == 0) {
                assertThat(ours).as("goroutine %d", g.id()).isEqualTo(p.head());
            } else {
                assertThat(ours).as("goroutine %d", g.id())
                        .hasSize(p.head().size() + p.elided() + p.tail().size())
                        .startsWith(p.head().toArray(String[]::new))
                        .endsWith(p.tail().toArray(String[]::new));
            }
            compared++;
        }
        // Every goroutine but the one running on another thread in the panic variant (stack unavailable).
        assertThat(compared).isEqualTo(core.goroutines().size() - (variant.isEmpty() ? 0 : 1));
    }

    private static int indexOfFunction(List<String> frames, String function) {
        for (int i = 0; i < frames.size(); i++) {
            if (frames.get(i).startsWith(function + " ")) {
                return i;
            }
        }
        return -1;
    }

    /**
     * In the panic variant, the goroutine spinning in assembly was running on its own thread, which the crash
     * stopped in its code: its stack comes from the thread's registers. The runtime printed "stack unavailable"
     * for it; delve's {@code goroutines -t} (dlv-panic.txt) has it, and its functions and pcs must be ours. In the
     * abort variant the thread stopped in the runtime's signal handler (gdb.txt: {@code <signal handler called>});
     * through the signal frame it is the stack its SIGQUIT section printed (checked above), which delve gets wrong.
     */
    @ParameterizedTest(name = "{0}{1}")
    @MethodSource("cores")
    void theRunningLoopUnwindsFromItsThread(String version, String variant) throws IOException {
        long id = -1;
        for (String line : Files.readAllLines(Corpus.file("core/" + version + "/report" + variant + ".txt"))) {
            String[] f = line.split("\t");
            if (f.length >= 3 && f[0].equals("role") && f[1].equals("running-asm-loop")) {
                id = Long.parseLong(f[2]);
            }
        }
        GoCore core = CorpusCoreTest.open(version, variant);
        long loop = id;
        Goroutine g = core.goroutines().stream().filter(x -> x.id() == loop).findFirst().orElseThrow();
        assertThat(g.status()).isEqualTo("running");
        if (variant.isEmpty()) {
            Thread t = core.thread((int) g.lwp()).orElseThrow();
            assertThat(core.binary().funcAt(t.pc()).orElseThrow().name()).isNotEqualTo("main.asmSpin");
            assertThat(core.stack(g).get(0).function()).isEqualTo("main.asmSpin");
            return;
        }
        List<String> dlv = Files.readAllLines(Corpus.file("core/" + version + "/dlv-panic.txt"));
        int start = dlv.indexOf("\"== goroutines -t 400\"");
        List<String> expected = new ArrayList<>();
        boolean in = false;
        for (String line : dlv.subList(start, dlv.size())) {
            if (line.matches("^[ *] Goroutine \\d+ .*")) {
                in = line.matches("^[ *] Goroutine " + loop + " .*");
                continue;
            }
            Matcher m = Pattern.compile("^\\t\\s*\\d+\\s+0x0*([0-9a-f]+) in (\\S+)$").matcher(line);
            if (in && m.matches()) {
                expected.add(m.group(2) + " pc=0x" + m.group(1));
            }
        }
        assertThat(expected).isNotEmpty();
        List<String> ours = core.stack(g).stream().filter(f -> !f.inlined())
                .map(f -> f.function() + " pc=0x" + Long.toHexString(f.pc())).toList();
        assertThat(ours).isEqualTo(expected);
    }

    private static final Pattern GDB_THREAD = Pattern.compile("^Thread \\d+ \\(LWP (\\d+)\\):$");
    private static final Pattern GDB_FRAME = Pattern.compile("^#\\d+\\s+(?:0x([0-9a-f]+) in )?(\\S+) \\(.*$");
    private static final String SIGNAL = "<signal handler called>";

    /** gdb's {@code thread apply all bt}: per LWP, each frame as its function (or the signal marker) and pc. */
    static Map<Integer, List<String[]>> gdbBacktraces(List<String> lines) {
        Map<Integer, List<String[]>> out = new LinkedHashMap<>();
        List<String[]> current = null;
        for (String line : lines) {
            Matcher t = GDB_THREAD.matcher(line);
            if (t.matches()) {
                current = new ArrayList<>();
                out.put(Integer.parseInt(t.group(1)), current);
                continue;
            }
            if (current == null || !line.matches("^#\\d+\\s.*")) {
                continue;
            }
            if (line.endsWith(SIGNAL)) {
                current.add(new String[] {SIGNAL, null});
                continue;
            }
            Matcher f = GDB_FRAME.matcher(line);
            if (f.matches()) {
                current.add(new String[] {f.group(2), f.group(1)});
            }
        }
        out.values().removeIf(List::isEmpty);
        return out;
    }

    private static String gdbName(StackFrame f) {
        if (f.function().equals("runtime.sigreturn__sigaction")) {
            return SIGNAL;
        }
        return f.function().equals("panic") ? "runtime.gopanic" : f.function();
    }

    /**
     * Every thread unwinds as gdb's {@code thread apply all bt} (gdb.txt), which follows the kernel's signal frames
     * ({@code <signal handler called>}): the same functions in the same order, inlined calls included, and the same
     * pc wherever gdb prints one. gdb goes on past the runtime's top frames ({@code runtime.clone} below
     * {@code runtime.mstart}, then {@code ??} or symbols of data); the runtime's unwinder, and ours, stop there. On the crashing
     * thread gdb stops at {@code main.main}, where ours goes on to {@code runtime.goexit} as the runtime's does.
     */
    @ParameterizedTest(name = "{0}{1}")
    @MethodSource("cores")
    void threadsUnwindThroughSignalFramesAsGdbDoes(String version, String variant) throws IOException {
        Map<Integer, List<String[]>> gdb = gdbBacktraces(Files.readAllLines(
                Corpus.file("core/" + version + "/gdb" + variant + ".txt"), StandardCharsets.UTF_8));
        GoCore core = CorpusCoreTest.open(version, variant);
        assertThat(gdb.keySet()).containsExactlyInAnyOrderElementsOf(
                core.threads().stream().map(Thread::lwp).toList());
        int signals = 0;
        for (Thread t : core.threads()) {
            List<StackFrame> ours = core.stack(t);
            List<String[]> theirs = gdb.get(t.lwp());
            int end = 0;
            while (end < theirs.size() && !theirs.get(end)[0].equals("??")) {
                end++;
            }
            List<String> gdbNames = theirs.subList(0, end).stream().map(f -> f[0]).toList();
            List<String> ourNames = ours.stream().map(CorpusBacktraceTest::gdbName).toList();
            int n = Math.min(ourNames.size(), gdbNames.size());
            assertThat(ourNames.subList(0, n)).as("LWP %d", t.lwp()).isEqualTo(gdbNames.subList(0, n));
            if (gdbNames.size() > n) {
                // Past the thread's start gdb reads on into whatever the words are (go:string.*, runtime[pclntab]).
                assertThat(gdbNames.get(n)).as("LWP %d", t.lwp()).isEqualTo("runtime.clone");
            } else if (ourNames.size() > n) {
                // gdb loses main.main's caller on the crashing goroutine (it ends its bt there); the runtime's
                // traceback has runtime.main and runtime.goexit below it, as we do.
                assertThat(gdbNames.get(n - 1)).as("LWP %d", t.lwp()).isEqualTo("main.main");
                assertThat(ourNames.subList(n, ourNames.size())).containsExactly("runtime.main", "runtime.goexit");
            }
            for (int i = 0; i < n; i++) {
                if (theirs.get(i)[1] != null) {
                    assertThat(Long.toHexString(ours.get(i).pc())).as("LWP %d frame %d", t.lwp(), i)
                            .isEqualTo(theirs.get(i)[1].replaceFirst("^0+(?=.)", ""));
                }
            }
            signals += (int) ourNames.stream().filter(SIGNAL::equals).count();
        }
        // abort: every thread in the handler, the crashing one twice; panic: the crashing thread once.
        assertThat(signals).isEqualTo(variant.isEmpty() ? core.threads().size() + 1 : 1);
    }

    /**
     * In the abort variant each idle thread answered SIGQUIT by printing its g0 stack from the signal's context
     * ({@code goroutine 0 ... [idle]}): each such block's frames, with fp, sp and pc, are those of a thread's stack
     * past its last signal frame.
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"go1.21", "go1.23", "go1.25", "go1.26", "go1.27"})
    void idleThreadsStacksPastTheSignalAreTheRuntimes(String version) throws IOException {
        List<String> lines = Files.readAllLines(Corpus.file("core/" + version + "/traceback.txt"),
                StandardCharsets.UTF_8);
        GoCore core = CorpusCoreTest.open(version, "");
        List<List<String>> threads = new ArrayList<>();
        for (Thread t : core.threads()) {
            List<StackFrame> frames = core.stack(t);
            int last = -1;
            for (int i = 0; i < frames.size(); i++) {
                if (gdbName(frames.get(i)).equals(SIGNAL)) {
                    last = i;
                }
            }
            threads.add(frames.subList(last + 1, frames.size()).stream().map(CorpusBacktraceTest::ours).toList());
        }
        int idle = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).startsWith("goroutine 0 ")) {
                continue;
            }
            List<String> block = new ArrayList<>();
            for (int j = i + 1; j + 1 < lines.size() && lines.get(j + 1).startsWith("\t"); j += 2) {
                String call = lines.get(j);
                String function = call.substring(0, call.lastIndexOf('('));
                Matcher p = PHYSICAL.matcher(lines.get(j + 1));
                Matcher in = INLINED.matcher(lines.get(j + 1));
                block.add(p.matches()
                        ? function + " " + p.group(1) + ":" + p.group(2) + " +0x" + p.group(3) + " fp=0x" + p.group(4)
                        + " sp=0x" + p.group(5) + " pc=0x" + p.group(6)
                        : function + " " + (in.matches() ? in.group(1) + ":" + in.group(2) : "?") + " inlined");
            }
            assertThat(threads).as("goroutine 0 at line %d", i + 1).contains(block);
            idle++;
        }
        assertThat(idle).isGreaterThanOrEqualTo(3);
    }
}
