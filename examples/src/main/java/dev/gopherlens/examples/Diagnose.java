package dev.gopherlens.examples;

import dev.gopherlens.core.Frame;
import dev.gopherlens.live.CaptureException;
import dev.gopherlens.live.GoService;
import dev.gopherlens.pclntab.Func;
import dev.gopherlens.pclntab.GoBinary;
import dev.gopherlens.pprof.FlameGraph;
import dev.gopherlens.pprof.Label;
import dev.gopherlens.pprof.Line;
import dev.gopherlens.pprof.Location;
import dev.gopherlens.pprof.Profile;
import dev.gopherlens.pprof.ReportOptions;
import dev.gopherlens.pprof.Sample;
import dev.gopherlens.pprof.TopReport;
import dev.gopherlens.pprof.goroutines.Bucket;
import dev.gopherlens.pprof.goroutines.Call;
import dev.gopherlens.pprof.goroutines.CreatedBy;
import dev.gopherlens.pprof.goroutines.Goroutine;
import dev.gopherlens.pprof.goroutines.GoroutineDump;
import dev.gopherlens.trace.Annotations;
import dev.gopherlens.trace.GcAnalysis;
import dev.gopherlens.trace.GoroutineAnalysis;
import dev.gopherlens.trace.GoroutineSummary;
import dev.gopherlens.trace.LeakSuspect;
import dev.gopherlens.trace.SchedulingLatency;
import dev.gopherlens.trace.TraceAnalysis;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Diagnoses a running Go service in the three stages of debugging one: profiles find the hot and the contended code,
 * an execution trace shows how goroutines block and get scheduled, and two goroutine dumps some seconds apart pin
 * the goroutines that pile up, each with its full stack (resolved through the binary's pclntab, inlined calls
 * included, when {@code --binary} is given). Nothing in it knows the service: it needs only {@code net/http/pprof}.
 *
 * <pre>
 * java -cp examples/target/examples.jar dev.gopherlens.examples.Diagnose BASE_URL [--binary FILE] [--seconds N]
 *      [--out DIR] [--header 'Name: value']...
 * </pre>
 * {@code --out DIR} also keeps the raw captures ({@code go tool pprof DIR/cpu.pprof}, {@code go tool trace
 * DIR/trace.out}), the CPU profile's folded stacks and its flame graph ({@code cpu-flame.svg}), and the report.
 */
public final class Diagnose {
    /** Top-level directories of Go's standard library: frames in them are the runtime's or the library's. */
    private static final Set<String> STD = Set.of("archive", "bufio", "bytes", "cmp", "compress", "container",
            "context", "crypto", "database", "debug", "embed", "encoding", "errors", "expvar", "flag", "fmt", "go",
            "hash", "html", "image", "index", "internal", "io", "iter", "log", "maps", "math", "mime", "net", "os",
            "path", "plugin", "reflect", "regexp", "runtime", "slices", "sort", "strconv", "strings", "structs",
            "sync", "syscall", "testing", "text", "time", "unicode", "unique", "unsafe", "vendor", "weak");
    private static final int ROWS = 8;

    private Diagnose() {
    }

    /**
     * Runs the diagnosis.
     *
     * @param args the service's address and the options
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The command line. */
    private record Options(URI base, Path binary, int seconds, Path out, Map<String, String> headers) {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("diagnose: " + e.getMessage());
            err.println("usage: diagnose BASE_URL [--binary FILE] [--seconds N] [--out DIR] [--header 'Name: value']");
            return 2;
        }
        try {
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            PrintStream report = new PrintStream(text, true, StandardCharsets.UTF_8);
            diagnose(o, report, err);
            String s = text.toString(StandardCharsets.UTF_8);
            out.print(s);
            if (o.out != null) {
                Files.writeString(o.out.resolve("report.txt"), s);
            }
            return 0;
        } catch (IOException e) {
            err.println("diagnose: " + e.getMessage());
            return 1;
        }
    }

    private static Options parse(String[] args) {
        URI base = null;
        Path binary = null;
        Path out = null;
        int seconds = 5;
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--binary" -> binary = Path.of(value(args, ++i, a));
                case "--out" -> out = Path.of(value(args, ++i, a));
                case "--seconds" -> {
                    try {
                        seconds = Integer.parseInt(value(args, ++i, a));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--seconds needs a whole number: " + args[i]);
                    }
                    if (seconds < 1) {
                        throw new IllegalArgumentException("--seconds must be at least 1");
                    }
                }
                case "--header" -> {
                    String h = value(args, ++i, a);
                    int colon = h.indexOf(':');
                    if (colon <= 0) {
                        throw new IllegalArgumentException("--header needs 'Name: value': " + h);
                    }
                    headers.put(h.substring(0, colon).strip(), h.substring(colon + 1).strip());
                }
                default -> {
                    if (a.startsWith("--") || base != null) {
                        throw new IllegalArgumentException("unexpected argument " + a);
                    }
                    base = URI.create(a.contains("://") ? a : "http://" + a);
                }
            }
        }
        if (base == null) {
            throw new IllegalArgumentException("no BASE_URL given");
        }
        return new Options(base, binary, seconds, out, headers);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    // ---- capture ----

    private static Path file(Options o, String name) {
        return o.out == null ? null : o.out.resolve(name);
    }

    private static void diagnose(Options o, PrintStream out, PrintStream err) throws IOException {
        GoService.Builder b = GoService.builder(o.base).timeout(Duration.ofSeconds(30));
        o.headers.forEach(b::header);
        GoService service = b.build();
        GoBinary binary = o.binary == null ? null : GoBinary.open(o.binary);
        if (o.out != null) {
            Files.createDirectories(o.out);
        }
        Duration window = Duration.ofSeconds(o.seconds);

        err.println("diagnose: capturing from " + service.base() + " for " + o.seconds + " s");
        err.flush();
        List<String> cmdline = optional(service::cmdline);
        long firstAt = System.nanoTime();
        GoroutineDump first = service.goroutineDump(file(o, "goroutines-1.txt"));
        Profile heap = service.profile("heap", file(o, "heap.pprof"));
        service.profile("goroutine", file(o, "goroutine.pprof"));

        // The CPU profile and the trace cover the same window; Go serves them at once.
        CompletableFuture<Profile> cpuFuture = CompletableFuture.supplyAsync(() -> {
            try {
                return service.cpuProfile(window, file(o, "cpu.pprof"));
            } catch (CaptureException e) {
                throw new CompletionException(e);
            }
        });
        TraceAnalysis trace = service.trace(window, file(o, "trace.out"), TraceAnalysis::of);
        Profile cpu;
        try {
            cpu = cpuFuture.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e;
        }
        // The mutex and block profiles count from the service's start; taken after the window, they cover it too.
        Profile mutex = service.profile("mutex", file(o, "mutex.pprof"));
        // The CPU profile's and the trace's handlers wait out the window in net/http/pprof, and the execution
        // tracer's own goroutines sleep through it: the diagnosis's footprint, which would lead the block profile.
        Profile block = service.profile("block", file(o, "block.pprof"))
                .ignore("^(net/http/pprof\\.|runtime\\.trace|runtime\\.\\(\\*trace)");
        long elapsed = System.nanoTime() - firstAt;
        if (elapsed < window.toNanos()) {
            sleep(window.toNanos() - elapsed);
        }
        long secondAt = System.nanoTime();
        GoroutineDump second = service.goroutineDump(file(o, "goroutines-2.txt"));
        double apart = (secondAt - firstAt) / 1e9;

        if (o.out != null) {
            int index = cpu.sampleIndex("cpu");
            Files.writeString(o.out.resolve("cpu.folded"),
                    cpu.report(ReportOptions.defaults().withSampleIndex("cpu")).folded());
            try (Writer w = Files.newBufferedWriter(o.out.resolve("cpu-flame.svg"))) {
                FlameGraph.of(cpu, index).withTitle("CPU, " + o.seconds + " s: " + service.base()).writeSvg(w);
            }
        }

        List<Finding> findings = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        PrintStream section = new PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int c) {
                body.append((char) c);
            }

            @Override
            public void write(byte[] bytes, int off, int len) {
                body.append(new String(bytes, off, len, StandardCharsets.UTF_8));
            }
        }, true, StandardCharsets.UTF_8);
        profiles(cpu, mutex, block, heap, section, findings);
        trace(trace, section, findings);
        stacks(first, second, apart, binary, section, findings);

        out.println("Diagnosis of " + service.base() + " at " + Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                + (cmdline.isEmpty() ? "" : " (" + String.join(" ", cmdline) + ")"));
        out.println("Profiles and trace over " + o.seconds + " s; goroutine dumps " + String.format(Locale.ROOT,
                "%.1f", apart) + " s apart" + (o.out == null ? "" : "; raw captures in " + o.out));
        out.println();
        out.println("Findings");
        if (findings.isEmpty()) {
            out.println("  nothing stands out");
        }
        for (Finding f : findings) {
            out.printf(Locale.ROOT, "  %-17s %s%n", f.what + ":", f.text);
        }
        out.println();
        out.print(body);
    }

    /** One line of the summary at the top. */
    private record Finding(String what, String text) {
    }

    private interface Capture<T> {
        T get() throws IOException;
    }

    private static <T> List<String> optional(Capture<List<String>> c) {
        try {
            return c.get();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void sleep(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- 1. profiles ----

    private static void profiles(Profile cpu, Profile mutex, Profile block, Profile heap, PrintStream out,
                                 List<Finding> findings) {
        out.println("== 1. Profiles: where the time, the contention and the memory go");
        int cpuIndex = cpu.sampleIndex("cpu");
        long cpuTotal = total(cpu, cpuIndex);
        double cores = cpu.durationNanos() > 0 ? (double) cpuTotal / cpu.durationNanos() : 0;
        out.printf(Locale.ROOT, "%n-- CPU: %s of samples in %s (%.2f cores)%n", nanos(cpuTotal),
                nanos(cpu.durationNanos()), cores);
        top(cpu, "cpu", cpuTotal, Diagnose::nanos, out);
        Map<String, Long> cpuCode = byProgramFrame(cpu, cpuIndex);
        programFrames(cpuCode, cpuTotal, Diagnose::nanos, out);
        labels(cpu, cpuIndex, cpuTotal, out);
        firstInProgram(cpuCode).ifPresent(e -> findings.add(new Finding("CPU hotspot", e.getKey() + ", "
                + pct(e.getValue(), cpuTotal) + " of CPU samples (" + nanos(e.getValue()) + " of "
                + nanos(cpuTotal) + ")")));

        contention("Mutex contention (delay waiters had because a lock was held; since the service started)",
                "Lock contention", mutex, out, findings);
        contention("Blocking (delay on channels, locks and conditions; since the service started, without the "
                + "captures' own waits in net/http/pprof and the tracer)", "Blocking",
                block, out, findings);

        int heapIndex = heap.sampleIndex("inuse_space");
        long heapTotal = total(heap, heapIndex);
        out.printf("%n-- Heap in use: %s%n", bytes(heapTotal));
        top(heap, "inuse_space", heapTotal, Diagnose::bytes, out);
        labels(heap, heapIndex, heapTotal, out);
        out.println();
    }

    private static void contention(String title, String finding, Profile p, PrintStream out,
                                   List<Finding> findings) {
        int index = p.sampleIndex("delay");
        long total = total(p, index);
        long events = total(p, p.sampleIndex("contentions"));
        out.printf("%n-- %s: %s in %d events%n", title, nanos(total), events);
        if (total == 0) {
            out.println("   none recorded (the service may not set runtime.SetMutexProfileFraction or "
                    + "SetBlockProfileRate)");
            return;
        }
        top(p, "delay", total, Diagnose::nanos, out);
        Map<String, Long> code = byProgramFrame(p, index);
        programFrames(code, total, Diagnose::nanos, out);
        labels(p, index, total, out);
        firstInProgram(code).ifPresent(e -> findings.add(new Finding(finding, e.getKey() + ", " + pct(e.getValue(), total)
                + " of the delay (" + nanos(e.getValue()) + ", in " + innermostUnder(p, index, e.getKey()) + ")")));
    }

    private static void top(Profile p, String index, long total, java.util.function.LongFunction<String> unit,
                            PrintStream out) {
        if (total == 0 || p.samples().isEmpty()) {
            out.println("   no samples");
            return;
        }
        TopReport top = p.report(ReportOptions.defaults().withSampleIndex(index)).top().limit(ROWS);
        out.printf("   %10s %6s %10s %6s  %s%n", "flat", "flat%", "cum", "cum%", "function");
        for (TopReport.Row r : top.rows()) {
            out.printf("   %10s %6s %10s %6s  %s%n", unit.apply(r.flat()), pct(r.flat(), total), unit.apply(r.cum()),
                    pct(r.cum(), total), r.name());
        }
    }

    private static void programFrames(Map<String, Long> code, long total, java.util.function.LongFunction<String> unit,
                                      PrintStream out) {
        out.println("   by the innermost frame outside the Go runtime and standard library:");
        int n = 0;
        for (Map.Entry<String, Long> e : code.entrySet()) {
            if (n++ == 5) {
                break;
            }
            out.printf("   %10s %6s  %s%n", unit.apply(e.getValue()), pct(e.getValue(), total), e.getKey());
        }
    }

    private static void labels(Profile p, int index, long total, PrintStream out) {
        Map<String, Long> byLabels = new HashMap<>();
        for (Sample s : p.samples()) {
            // String labels are the program's own (pprof.Do); numeric ones, such as the heap's bytes, are the
            // runtime's bookkeeping and would split every sample apart.
            TreeSet<String> set = new TreeSet<>();
            for (Label l : s.labels()) {
                if (l.isString()) {
                    set.add(l.key() + "=" + l.str());
                }
            }
            byLabels.merge(set.isEmpty() ? "(no labels)" : String.join(",", set), s.values()[index], Long::sum);
        }
        if (byLabels.size() == 1 && byLabels.containsKey("(no labels)")) {
            return;
        }
        List<String> parts = new ArrayList<>();
        sorted(byLabels).forEach((k, v) -> {
            if (parts.size() < 6) {
                parts.add(k + " " + pct(v, total));
            }
        });
        out.println("   by labels: " + String.join(", ", parts));
    }

    /** The value of each sample credited to its innermost frame in the program's own code. */
    private static Map<String, Long> byProgramFrame(Profile p, int index) {
        Map<String, Long> code = new HashMap<>();
        for (Sample s : p.samples()) {
            String at = RUNTIME_ONLY;
            search:
            for (Location l : s.locations()) {
                for (Line line : l.lines()) {
                    if (!isStandard(line.function().name())) {
                        at = line.function().name();
                        break search;
                    }
                }
            }
            code.merge(at, s.values()[index], Long::sum);
        }
        return sorted(code);
    }

    /** The innermost function of the samples credited to a program frame: the call it is contended in. */
    private static String innermostUnder(Profile p, int index, String function) {
        Map<String, Long> leaf = new HashMap<>();
        for (Sample s : p.samples()) {
            List<String> names = new ArrayList<>();
            s.locations().forEach(l -> l.lines().forEach(line -> names.add(line.function().name())));
            String program = names.stream().filter(n -> !isStandard(n)).findFirst().orElse("");
            if (program.equals(function) && !names.isEmpty()) {
                leaf.merge(names.get(0).equals(function) ? function : names.get(names.indexOf(function) - 1),
                        s.values()[index], Long::sum);
            }
        }
        return first(sorted(leaf)).map(Map.Entry::getKey).orElse(function);
    }

    static boolean isStandard(String function) {
        int slash = function.indexOf('/');
        int dot = function.indexOf('.');
        if (dot < 0) {
            return true; // assembly and linker symbols: runtime code
        }
        String root = function.substring(0, slash >= 0 && slash < dot ? slash : dot);
        // "_" is the package the linker gives runtime functions it makes (_.goready.func1).
        return STD.contains(root) || root.startsWith("_");
    }

    // ---- 2. trace ----

    private static void trace(TraceAnalysis a, PrintStream out, List<Finding> findings) {
        GoroutineAnalysis g = a.goroutines();
        long span = g.traceEnd() - g.traceStart();
        out.printf("== 2. Execution trace: %s, %d goroutines%n", nanos(span), g.goroutines().size());

        Map<String, Long> byReason = new HashMap<>();
        Map<String, Long> byFunction = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        for (GoroutineSummary s : g.goroutines()) {
            if (s.isSystem()) {
                continue;
            }
            s.blockTime().forEach((reason, t) -> byReason.merge(reason, t, Long::sum));
            String f = s.name().isEmpty() ? "(unknown)" : s.name();
            if (s.totalBlockTime() > 0) {
                byFunction.merge(f, s.totalBlockTime(), Long::sum);
                counts.merge(f, 1, Integer::sum);
            }
        }
        out.println("\n-- Goroutine blocking by reason (user goroutines, time summed over goroutines)");
        int n = 0;
        for (Map.Entry<String, Long> e : sorted(byReason).entrySet()) {
            if (n++ == ROWS) {
                break;
            }
            out.printf("   %12s  %s%n", nanos(e.getValue()),
                    e.getKey().isEmpty() ? "(not recorded: blocked since before the trace)" : e.getKey());
        }
        out.println("\n-- Goroutine blocking by start function");
        n = 0;
        for (Map.Entry<String, Long> e : sorted(byFunction).entrySet()) {
            if (n++ == ROWS) {
                break;
            }
            out.printf("   %12s  %5d goroutines  %s%n", nanos(e.getValue()), counts.get(e.getKey()), e.getKey());
        }

        SchedulingLatency s = a.schedulingLatency();
        out.printf("%n-- Scheduling latency (runnable to running): %d delays, p50 %s, p90 %s, p99 %s, max %s%n",
                s.count(), nanos(s.percentile(50)), nanos(s.percentile(90)), nanos(s.percentile(99)), nanos(s.max()));

        GcAnalysis gc = a.gc();
        out.printf("%n-- GC: %d cycles, %d stop-the-world pauses, %s in total, longest %s; %d mark assists (%s)%n",
                gc.cycles().size(), gc.pauses().size(), nanos(gc.totalPause()), nanos(gc.maxPause()), gc.assists(),
                nanos(gc.assistTime()));

        Annotations an = a.annotations();
        if (!an.taskDurations().isEmpty() || !an.regionDurations().isEmpty()) {
            out.println("\n-- User tasks and regions (runtime/trace)");
            out.printf("   %-8s %-20s %7s %10s %10s %10s %10s%n", "kind", "type", "count", "p50", "p90", "p99", "max");
            Map<String, Set<String>> regionsOf = new HashMap<>();
            for (Annotations.Task t : an.tasks()) {
                Set<String> r = regionsOf.computeIfAbsent(t.type(), k -> new TreeSet<>());
                t.regions().forEach(region -> r.add(region.type()));
            }
            an.taskDurations().forEach((type, d) -> out.printf("   %-8s %-20s %7d %10s %10s %10s %10s%s%n", "task",
                    type, d.count(), nanos(d.p50()), nanos(d.p90()), nanos(d.p99()), nanos(d.max()),
                    regionsOf.getOrDefault(type, Set.of()).isEmpty() ? ""
                            : "  regions: " + String.join(", ", regionsOf.get(type))));
            an.regionDurations().forEach((type, d) -> out.printf("   %-8s %-20s %7d %10s %10s %10s %10s%n", "region",
                    type, d.count(), nanos(d.p50()), nanos(d.p90()), nanos(d.p99()), nanos(d.max())));
        }

        out.println("\n-- Goroutines still blocked when the trace ended");
        List<LeakSuspect> leaks = new ArrayList<>(g.leaks());
        leaks.sort(Comparator.comparing((LeakSuspect l) -> l.verdict())
                .thenComparing(Comparator.comparingInt(LeakSuspect::count).reversed()));
        if (leaks.isEmpty()) {
            out.println("   none");
        }
        n = 0;
        for (LeakSuspect l : leaks) {
            if (l.verdict() == LeakSuspect.Verdict.SYSTEM || n++ == ROWS) {
                continue;
            }
            boolean throughout = l.minWaited() >= span * 9 / 10;
            out.printf("   %-13s %4d × %s [%s]%s%n", l.verdict(), l.count(),
                    l.function().isEmpty() ? "(unknown)" : l.function(), l.reason().isEmpty() ? "?" : l.reason(),
                    throughout ? ", blocked for the whole capture" : ", blocked " + nanos(l.minWaited()) + "–"
                            + nanos(l.maxWaited()));
            for (Frame f : l.stack().frames()) {
                out.printf("        %s %s:%d%n", f.function(), f.file(), f.line());
            }
        }
        out.println();
    }

    // ---- 3. stacks ----

    private static void stacks(GoroutineDump first, GoroutineDump second, double apart, GoBinary binary,
                               PrintStream out, List<Finding> findings) throws IOException {
        int before = first.goroutines().size();
        int after = second.goroutines().size();
        out.printf(Locale.ROOT, "== 3. Goroutine stacks: %d goroutines, then %d %.1f s later (%+d)%n", before, after,
                apart, after - before);
        Map<String, Bucket> was = new HashMap<>();
        for (Bucket b : first.buckets()) {
            was.put(signature(b), b);
        }
        record Growth(Bucket now, int before) {
            int growth() {
                return now.count() - before;
            }
        }
        List<Growth> grew = new ArrayList<>();
        for (Bucket b : second.buckets()) {
            // Running and runnable goroutines come and go with the scheduler; only waiting ones pile up.
            if (b.state().startsWith("run") || b.state().startsWith("syscall")) {
                continue;
            }
            Bucket old = was.get(signature(b));
            int n = old == null ? 0 : old.count();
            if (b.count() > n) {
                grew.add(new Growth(b, n));
            }
        }
        grew.sort(Comparator.comparingInt(Growth::growth).reversed());
        if (grew.isEmpty()) {
            out.println("\n   no group of alike goroutines grew between the dumps");
        } else {
            out.println("\n-- Groups of alike waiting goroutines that grew between the dumps, most growth first");
        }
        Map<String, Optional<Func>> funcs = new HashMap<>();
        int shown = 0;
        for (Growth g : grew) {
            if (shown++ == 3) {
                break;
            }
            Bucket b = g.now();
            String wait = b.maxWaitMinutes() > 0 ? ", oldest waiting " + b.maxWaitMinutes() + " minutes" : "";
            if (shown > 1 && g.growth() < Math.max(2, grew.get(0).growth() / 10)) {
                // A goroutine more or less in a group is churn, not a pile-up: one line is enough.
                out.printf("%n   +%d goroutine%s [%s] in %s (%d → %d)%n", g.growth(), g.growth() == 1 ? "" : "s",
                        b.state(), b.functions().isEmpty() ? "?" : firstProgramFunction(b.functions()), g.before(),
                        b.count());
                continue;
            }
            out.printf(Locale.ROOT, "%n   +%d goroutines [%s] (%d → %d, %.1f/s)%s%n", g.growth(), b.state(),
                    g.before(), b.count(), g.growth() / apart, wait);
            Goroutine example = b.goroutines().get(b.goroutines().size() - 1);
            out.printf("   e.g. goroutine %d%s:%n", example.id(),
                    example.labels().isEmpty() ? "" : " " + example.labels());
            for (Call c : example.calls()) {
                out.printf("     %s(%s)%n       %s:%d%s%n", c.function(), c.args(), c.file(), c.line(),
                        c.pcOffset() >= 0 && !c.inlined() ? " +0x" + Long.toHexString(c.pcOffset()) : "");
                if (binary != null && !c.inlined() && c.pcOffset() >= 0) {
                    resolve(binary, funcs, c.function(), c.pcOffset(), out);
                }
            }
            if (example.createdBy().isPresent()) {
                CreatedBy cb = example.createdBy().get();
                out.printf("     created by %s%s%n       %s:%d%s%n", cb.frame().function(),
                        cb.parentId() > 0 ? " in goroutine " + cb.parentId() : "", cb.frame().file(), cb.frame().line(),
                        cb.pcOffset() >= 0 ? " +0x" + Long.toHexString(cb.pcOffset()) : "");
                if (binary != null && cb.pcOffset() >= 0) {
                    resolve(binary, funcs, cb.frame().function(), cb.pcOffset(), out);
                }
            }
            if (shown == 1) {
                String top = b.functions().isEmpty() ? "?" : firstProgramFunction(b.functions());
                findings.add(new Finding("Goroutine growth", String.format(Locale.ROOT,
                        "+%d goroutines [%s] in %s%s, %d → %d in %.1f s%s", g.growth(), b.state(), top,
                        b.createdBy().map(f -> " (created by " + f.function() + ")").orElse(""), g.before(),
                        b.count(), apart, g.growth() >= 10 ? ": a likely leak" : "")));
            }
        }
        out.println();
    }

    private static String firstProgramFunction(List<String> functions) {
        return functions.stream().filter(f -> !isStandard(f)).findFirst().orElse(functions.get(0));
    }

    /** Prints what the binary's pclntab says is at a frame's pc: the frames there, inlined calls first. */
    private static void resolve(GoBinary binary, Map<String, Optional<Func>> funcs, String function, long offset,
                                PrintStream out) throws IOException {
        Optional<Func> f = funcs.get(function);
        if (f == null) {
            f = binary.func(function);
            funcs.put(function, f);
        }
        if (f.isEmpty()) {
            out.printf("         (the binary has no function %s: is it the service's?)%n", function);
            return;
        }
        long pc = f.get().entry() + offset;
        // The printed pc is a return address (or a parked goroutine's resume point): its call is the byte before.
        List<Frame> frames = binary.frames(offset > 0 ? pc - 1 : pc);
        for (int i = 0; i < frames.size(); i++) {
            Frame fr = frames.get(i);
            out.printf("         pc=0x%x %s %s:%d%s%n", pc, fr.function(), fr.file(), fr.line(),
                    i < frames.size() - 1 ? " (inlined)" : "");
        }
    }

    /** What makes goroutines alike across dumps: their state, frames and creator, as the dump's buckets do. */
    private static String signature(Bucket b) {
        StringBuilder sb = new StringBuilder(b.state()).append('|').append(b.lockedToThread());
        for (Frame f : b.stack().frames()) {
            sb.append('|').append(f.function()).append('@').append(f.file()).append(':').append(f.line());
        }
        b.createdBy().ifPresent(f -> sb.append("|by ").append(f.function()).append('@').append(f.file()).append(':')
                .append(f.line()));
        return sb.toString();
    }

    // ---- formatting ----

    private static long total(Profile p, int index) {
        long t = 0;
        for (Sample s : p.samples()) {
            t += s.values()[index];
        }
        return t;
    }

    private static Map<String, Long> sorted(Map<String, Long> m) {
        Map<String, Long> out = new LinkedHashMap<>();
        m.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private static Optional<Map.Entry<String, Long>> first(Map<String, Long> sorted) {
        return sorted.entrySet().stream().filter(e -> e.getValue() > 0).findFirst();
    }

    /** Samples with no frame of the program's own: the bucket of {@link #byProgramFrame} that names no code. */
    private static final String RUNTIME_ONLY = "(runtime and standard library only)";

    /**
     * The program frame a finding names: the largest that is the program's own code, since a finding that points
     * at the runtime and standard library only tells the reader nothing to look at; the runtime bucket only when
     * no sample reached the program's code.
     */
    private static Optional<Map.Entry<String, Long>> firstInProgram(Map<String, Long> sorted) {
        Optional<Map.Entry<String, Long>> own = sorted.entrySet().stream()
                .filter(e -> e.getValue() > 0 && !e.getKey().equals(RUNTIME_ONLY)).findFirst();
        return own.isPresent() ? own : first(sorted);
    }

    private static String pct(long v, long total) {
        return total == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * v / total);
    }

    static String nanos(long ns) {
        if (ns < 1_000) {
            return ns + "ns";
        }
        if (ns < 1_000_000) {
            return String.format(Locale.ROOT, "%.1fµs", ns / 1e3);
        }
        if (ns < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.1fms", ns / 1e6);
        }
        return String.format(Locale.ROOT, "%.2fs", ns / 1e9);
    }

    static String bytes(long b) {
        if (b < 1024) {
            return b + "B";
        }
        if (b < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1fkB", b / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1fMB", b / (1024.0 * 1024));
    }
}
