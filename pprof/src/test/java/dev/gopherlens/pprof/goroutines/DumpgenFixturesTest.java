package dev.gopherlens.pprof.goroutines;

import dev.gopherlens.core.Frame;
import dev.gopherlens.pprof.Location;
import dev.gopherlens.pprof.Pprof;
import dev.gopherlens.pprof.Profile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dumps dumpgen (src/test/resources/dev/gopherlens/pprof/goroutines/dumpgen/main.go) made with Go 1.15, 1.21,
 * 1.25 and 1.27: the expected counts come from its constants, the states from what each runtime calls the waits.
 */
class DumpgenFixturesTest {
    /** dumpgen's goroutines by parking function: how many (its constants), not counting main. */
    static Map<String, Integer> expectedCounts(boolean deadlockMode) {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("main.recvForever", 100);
        m.put("main.sendForever", 40);
        m.put("main.selectForever", 30);
        m.put("main.lockForever", 20);
        m.put("main.waitForever", 10);
        m.put("main.condForever", 5);
        m.put("main.inlinedCaller", 4);
        m.put("main.selectNoCases", 3);
        m.put("main.deep", 2);
        m.put("main.labelled", 2);
        if (!deadlockMode) {
            m.put("main.sleepForever", 25);
            m.put("main.lockedToThread", 1);
            m.put("main.ioWait", 1);
        }
        return m;
    }

    /** The state each parking function's goroutines are printed in by Go 1.minor. */
    static String expectedState(String function, int minor) {
        return switch (function) {
            case "main.recvForever", "main.inlinedCaller", "main.deep", "main.labelled", "main.lockedToThread" ->
                    "chan receive";
            case "main.sendForever" -> "chan send";
            case "main.selectForever" -> "select";
            case "main.selectNoCases" -> "select (no cases)";
            // Go 1.20 named the sync waits; Go 1.25 the WaitGroup's.
            case "main.lockForever" -> minor >= 20 ? "sync.Mutex.Lock" : "semacquire";
            case "main.waitForever" -> minor >= 25 ? "sync.WaitGroup.Wait" : "semacquire";
            case "main.condForever" -> "sync.Cond.Wait";
            case "main.sleepForever" -> "sleep";
            case "main.ioWait" -> "IO wait";
            default -> throw new IllegalArgumentException(function);
        };
    }

    /** The first frame of a goroutine whose function is dumpgen's own, skipping closures and the library. */
    static String parkingFunction(Goroutine g) {
        for (Call c : g.calls()) {
            String f = c.function();
            if (f.startsWith("main.") && !f.equals("main.park") && !f.startsWith("main.labelled.")) {
                return f;
            }
        }
        return "";
    }

    static Map<String, Integer> countsByParkingFunction(GoroutineDump d) {
        return d.goroutines().stream().filter(g -> g.id() != 1)
                .collect(Collectors.groupingBy(DumpgenFixturesTest::parkingFunction, LinkedHashMap::new,
                        Collectors.summingInt(g -> 1)));
    }

    static GoroutineDump read(String name) throws IOException {
        return GoroutineDump.read(DumpFixtures.raw(name));
    }

    @ParameterizedTest(name = "go1.{0}")
    @ValueSource(ints = {15, 21, 25, 27})
    void debug2DumpHasEveryGoroutineInItsState(int minor) throws IOException {
        GoroutineDump d = read("go1." + minor + "/dump.txt.gz");
        assertThat(d.crash()).isEqualTo(Crash.NONE);
        assertThat(d.unknownLines()).isEmpty();
        assertThat(d.truncated()).isFalse();
        assertThat(d.exitStatus()).isEmpty();
        assertThat(d.goroutines()).hasSize(244);
        assertThat(countsByParkingFunction(d)).containsExactlyInAnyOrderEntriesOf(expectedCounts(false));
        for (Goroutine g : d.goroutines()) {
            if (g.id() == 1) {
                assertThat(g.state()).isEqualTo("running");
                assertThat(g.topFunction()).isEqualTo("runtime/pprof.writeGoroutineStacks");
                assertThat(g.createdBy()).isEmpty();
                continue;
            }
            String f = parkingFunction(g);
            assertThat(g.state()).as("goroutine %d in %s", g.id(), f).isEqualTo(expectedState(f, minor));
            assertThat(g.lockedToThread()).isEqualTo(f.equals("main.lockedToThread"));
            assertThat(g.waitMinutes()).isZero();
            if (!f.equals("main.ioWait") && !f.equals("main.lockForever") && !f.equals("main.waitForever")
                    && !f.equals("main.condForever") && !f.equals("main.sleepForever")) {
                // The closures spawn starts run dumpgen's functions; ioWait's closure too.
                assertThat(g.createdBy()).map(CreatedBy::function).hasValue("main.spawn");
            }
            CreatedBy c = g.createdBy().orElseThrow();
            assertThat(c.frame().file()).isEqualTo("dumpgen/main.go");
            assertThat(c.frame().line()).isEqualTo(113);
            assertThat(c.parentId()).isEqualTo(minor >= 21 ? 1 : 0);
            for (Call call : g.calls()) {
                assertThat(call.file()).isNotEmpty();
                assertThat(call.line()).isPositive();
                assertThat(call.pcOffset() >= 0).isNotEqualTo(call.inlined());
            }
        }
        Bucket top = d.buckets().get(0);
        assertThat(top.count()).isEqualTo(100);
        assertThat(top.state()).isEqualTo("chan receive");
        assertThat(top.functions()).containsExactly("main.recvForever");
        assertThat(top.createdBy()).map(Frame::function).hasValue("main.spawn");
        assertThat(d.buckets()).extracting(Bucket::count).isSortedAccordingTo((a, b) -> Integer.compare(b, a));
        assertThat(d.buckets().stream().mapToInt(Bucket::count).sum()).isEqualTo(244);
    }

    @ParameterizedTest(name = "go1.{0}")
    @ValueSource(ints = {15, 21, 25, 27})
    void deepStacksAreElidedTheWayEachVersionDoes(int minor) throws IOException {
        GoroutineDump d = read("go1." + minor + "/dump.txt.gz");
        List<Goroutine> deep = d.goroutines().stream().filter(g -> parkingFunction(g).equals("main.deep")).toList();
        assertThat(deep).hasSize(2);
        for (Goroutine g : deep) {
            if (minor >= 21) {
                // 50 innermost and 50 outermost frames around "...32 frames elided..." (130 recursions, the
                // closure, and the depth-0 call: 132 frames).
                assertThat(g.elidedFrames()).isEqualTo(32);
                assertThat(g.elidedAt()).isEqualTo(50);
                assertThat(g.calls()).hasSize(100);
                assertThat(g.calls().get(99).function()).isEqualTo("main.main.func1");
            } else {
                // Go 1.15 stops after 100 physical frames' worth without printing a marker.
                assertThat(g.elidedFrames()).isZero();
                assertThat(g.calls()).hasSizeLessThan(132).allMatch(c -> c.function().equals("main.deep"));
            }
        }
        assertThat(d.buckets().stream().filter(b -> b.functions().get(0).equals("main.deep")))
                .singleElement().extracting(Bucket::count).isEqualTo(2);
    }

    @ParameterizedTest(name = "go1.{0}")
    @ValueSource(ints = {15, 21, 25, 27})
    void inlinedCallsArePrintedWithDotsAndShareALocationInTheProfile(int minor) throws IOException {
        GoroutineDump d = read("go1." + minor + "/dump.txt.gz");
        Bucket b = d.buckets().stream().filter(x -> x.functions().contains("main.inlinedCaller")).findFirst()
                .orElseThrow();
        assertThat(b.count()).isEqualTo(4);
        assertThat(b.functions()).containsExactly("main.park", "main.inlinedCaller");
        Call park = b.goroutines().get(0).calls().get(0);
        assertThat(park.inlined()).isTrue();
        assertThat(park.args()).isEqualTo("...");
        assertThat(park.pcOffset()).isEqualTo(-1);

        Profile p = d.toProfile();
        Location loc = p.samples().stream().filter(s -> s.value(0) == 4 && s.stack().frames().size() == 2)
                .findFirst().orElseThrow().locations().get(0);
        assertThat(loc.lines()).extracting(l -> l.function().name())
                .containsExactly("main.park", "main.inlinedCaller");
    }

    @ParameterizedTest(name = "go1.{0}")
    @ValueSource(ints = {15, 21, 25, 27})
    void profileHasTheBucketsAndSurvivesTheWire(int minor) throws IOException {
        GoroutineDump d = read("go1." + minor + "/dump.txt.gz");
        Profile p = d.toProfile();
        assertThat(p.sampleTypes()).singleElement().satisfies(t -> {
            assertThat(t.type()).isEqualTo("goroutine");
            assertThat(t.unit()).isEqualTo("count");
        });
        assertThat(p.period()).isEqualTo(1);
        assertThat(p.samples()).hasSize(d.buckets().size());
        assertThat(GoroutineBuckets.of(p)).isEqualTo(GoroutineBuckets.of(d));
        assertThat(GoroutineBuckets.of(p).total()).isEqualTo(244);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Pprof.write(p, out);
        Profile back = Pprof.read(out.toByteArray());
        assertThat(GoroutineBuckets.of(back)).isEqualTo(GoroutineBuckets.of(d));
    }

    @ParameterizedTest(name = "go1.{0}")
    @ValueSource(ints = {15, 21, 25, 27})
    void nestedPanicWithAllGoroutines(int minor) throws IOException {
        GoroutineDump d = read("go1." + minor + "/panic-all.txt.gz");
        assertThat(d.crash().panics()).extracting(Panic::message, Panic::recovered)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("first panic", true),
                        org.assertj.core.groups.Tuple.tuple("second panic after recovering first panic", false));
        assertThat(d.crash().fatalError()).isEmpty();
        assertThat(d.crash().signal()).isEmpty();
        assertThat(d.exitStatus()).hasValue(2);
        assertThat(d.unknownLines()).isEmpty();
        assertThat(d.goroutines()).hasSize(244);
        Goroutine main = d.goroutines().get(0);
        assertThat(main.id()).isEqualTo(1);
        assertThat(main.state()).isEqualTo("running");
        assertThat(main.calls()).extracting(Call::function)
                .containsExactly("main.nested.func1", "panic", "main.nested", "main.main");
        assertThat(countsByParkingFunction(d)).containsExactlyInAnyOrderEntriesOf(expectedCounts(false));
    }

    @ParameterizedTest(name = "go1.{0}")
    @ValueSource(ints = {15, 21, 25, 27})
    void nilDereferenceShowsOnlyTheCrashingGoroutine(int minor) throws IOException {
        GoroutineDump d = read("go1." + minor + "/nil-single.txt.gz");
        assertThat(d.crash().panics()).singleElement().extracting(Panic::message)
                .isEqualTo("runtime error: invalid memory address or nil pointer dereference");
        assertThat(d.crash().signal()).startsWith("SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x");
        assertThat(d.exitStatus()).hasValue(2);
        assertThat(d.goroutines()).singleElement().satisfies(g -> {
            assertThat(g.state()).isEqualTo("running");
            assertThat(g.calls()).extracting(Call::function).containsExactly("main.crashNil", "main.main");
            assertThat(g.calls().get(0).inlined()).isTrue();
            assertThat(g.calls().get(0).frame().line()).isEqualTo(121);
        });
    }

    @ParameterizedTest(name = "go1.{0}")
    @ValueSource(ints = {15, 21, 25, 27})
    void systemTracebackShowsRuntimeFramesAndRegisters(int minor) throws IOException {
        GoroutineDump d = read("go1." + minor + "/nil-system.txt.gz");
        assertThat(d.crash().signal()).startsWith("SIGSEGV");
        assertThat(d.unknownLines()).isEmpty();
        Goroutine main = d.goroutine(1).orElseThrow();
        assertThat(main.calls()).extracting(Call::function).containsSubsequence("runtime.sigpanic",
                "main.crashNil", "main.main", "runtime.main", "runtime.goexit");
        Call sigpanic = main.calls().stream().filter(c -> c.function().equals("runtime.sigpanic")).findFirst()
                .orElseThrow();
        assertThat(sigpanic.frame().pc()).isNotZero();
        assertThat(sigpanic.fp()).isGreaterThan(sigpanic.sp());
        // System goroutines (GC, finalizers) are shown too: more than the program's 244.
        assertThat(d.goroutines().size()).isGreaterThan(244);
        assertThat(d.goroutines()).anyMatch(g -> g.createdBy().map(c -> c.function().startsWith("runtime."))
                .orElse(false));
        if (minor >= 22) {
            // Go 1.22 and later print gp= m= mp= at level system (goroutineheader); earlier versions nothing more.
            assertThat(main.threadInfo()).matches("gp=0x[0-9a-f]+ m=\\d+ mp=0x[0-9a-f]+");
        } else {
            assertThat(main.threadInfo()).isEmpty();
        }
        assertThat(countsByParkingFunction(d).entrySet().stream().filter(e -> !e.getKey().isEmpty()))
                .containsExactlyInAnyOrderElementsOf(expectedCounts(false).entrySet());
    }

    @ParameterizedTest(name = "go1.{0}")
    @ValueSource(ints = {15, 21, 25, 27})
    void deadlockIsAFatalErrorWithEveryGoroutine(int minor) throws IOException {
        GoroutineDump d = read("go1." + minor + "/deadlock.txt.gz");
        assertThat(d.crash().fatalError()).isEqualTo("all goroutines are asleep - deadlock!");
        assertThat(d.crash().panics()).isEmpty();
        assertThat(d.exitStatus()).hasValue(2);
        assertThat(d.goroutines()).hasSize(217);
        assertThat(d.goroutine(1)).map(Goroutine::state).hasValue("chan receive");
        assertThat(countsByParkingFunction(d)).containsExactlyInAnyOrderEntriesOf(expectedCounts(true));
    }

    @ParameterizedTest(name = "go1.{0}")
    @ValueSource(ints = {15, 21, 25, 27})
    void sigquitWithRegistersKeepsWhatItDoesNotModel(int minor) throws IOException {
        GoroutineDump d = read("go1." + minor + "/sigquit-crash.txt.gz");
        assertThat(d.crash().signal()).isEqualTo("SIGQUIT: quit");
        assertThat(d.crash().panics()).isEmpty();
        assertThat(d.exitStatus()).isEmpty();
        // The program's "ready", the "PC=… m=0 sigcode=0" line and GOTRACEBACK=crash's register dumps.
        assertThat(d.unknownLines()).extracting(UnknownLine::text).contains("ready")
                .anyMatch(t -> t.startsWith("PC=0x")).anyMatch(t -> t.startsWith("rip    0x"));
        // The thread that took the signal shows its g0 as goroutine 0, in the scheduler.
        assertThat(d.goroutines().get(0).id()).isZero();
        assertThat(d.goroutines().get(0).state()).isEqualTo("idle");
        assertThat(d.goroutine(1).orElseThrow().state()).isEqualTo("select (no cases)");
        assertThat(d.goroutines()).allSatisfy(g -> assertThat(g.calls()).allSatisfy(c -> {
            assertThat(c.function()).as("a register line taken for a frame").doesNotContain(" ");
            assertThat(c.inlined() || c.frame().pc() != 0).isTrue();
        }));
        Map<String, Integer> counts = countsByParkingFunction(d);
        counts.remove("");
        assertThat(counts).containsExactlyInAnyOrderEntriesOf(expectedCounts(false));
    }

    @ParameterizedTest(name = "go1.{0}")
    @ValueSource(ints = {15, 21, 25, 27})
    void repanicWithTheRecoveredValue(int minor) throws IOException {
        GoroutineDump d = read("go1." + minor + "/repanic.txt.gz");
        if (minor >= 25) {
            // Go 1.25 prints a value panicked again after recover once, marked.
            assertThat(d.crash().panics()).containsExactly(new Panic("boom", true, true, 1));
        } else {
            assertThat(d.crash().panics()).containsExactly(new Panic("boom", true, false, 1),
                    new Panic("boom", false, false, 2));
        }
        assertThat(d.goroutines()).singleElement().satisfies(g -> assertThat(g.calls()).extracting(Call::function)
                .containsExactly("main.repanic.func1", "panic", "main.repanic", "main.main"));
        assertThat(d.exitStatus()).hasValue(2);
    }

    @org.junit.jupiter.api.Test
    void labelsAndAncestorsOfGo127() throws IOException {
        GoroutineDump d = read("go1.27/panic-labels-ancestors.txt.gz");
        List<Goroutine> labelled = d.goroutines().stream().filter(g -> !g.labels().isEmpty()).toList();
        assertThat(labelled).hasSize(2).allSatisfy(g -> {
            assertThat(g.labels()).containsExactly(Map.entry("job name", "nightly build"), Map.entry("worker", "7"));
            assertThat(parkingFunction(g)).isEqualTo("main.labelled");
            assertThat(g.state()).isEqualTo("chan receive");
        });
        Goroutine recv = d.goroutines().stream().filter(g -> parkingFunction(g).equals("main.recvForever"))
                .findFirst().orElseThrow();
        assertThat(recv.ancestors()).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo(1);
            assertThat(a.calls()).extracting(Call::function).containsExactly("main.spawn", "main.main");
            assertThat(a.calls()).allMatch(c -> c.args().equals("..."));
            assertThat(a.createdBy()).isEqualTo(Optional.empty());
        });
        // Ancestors do not split buckets, and the labels are not part of a bucket's key.
        assertThat(d.buckets().stream().filter(b -> b.functions().contains("main.labelled")))
                .singleElement().extracting(Bucket::count).isEqualTo(2);
        assertThat(countsByParkingFunction(d)).containsExactlyInAnyOrderEntriesOf(expectedCounts(false));
    }
}
