package dev.gopherlens.live;

import dev.gopherlens.live.testing.DemoServer;
import dev.gopherlens.pprof.Location;
import dev.gopherlens.pprof.Pprof;
import dev.gopherlens.pprof.Profile;
import dev.gopherlens.pprof.Sample;
import dev.gopherlens.pprof.goroutines.Bucket;
import dev.gopherlens.pprof.goroutines.GoroutineBuckets;
import dev.gopherlens.pprof.goroutines.GoroutineDump;
import dev.gopherlens.trace.Annotations;
import dev.gopherlens.trace.Event;
import dev.gopherlens.trace.GoTrace;
import dev.gopherlens.trace.TraceAnalysis;
import dev.gopherlens.trace.TraceReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every endpoint captured from the corpus's running demo service (Go 1.27) and parsed with our parsers; what the
 * captures show is checked against the service's README, and its symbols against the service's own runtime.
 */
class GoServiceDemoTest {
    private static DemoServer server;
    private static GoService service;

    @BeforeAll
    static void start() {
        server = DemoServer.start();
        service = GoService.connect(server.base());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static List<String> functions(Profile p, Sample s) {
        List<String> names = new ArrayList<>();
        for (Location l : s.locations()) {
            l.lines().forEach(line -> names.add(line.function().name()));
        }
        return names;
    }

    @Test
    void cpuProfileFindsTheChecksumHotspotAndTheHandlersLabel(@TempDir Path dir) throws IOException {
        List<Duration> waited = Collections.synchronizedList(new ArrayList<>());
        GoService watched = GoService.builder(server.base())
                .progress((endpoint, elapsed, expected, bytes) -> waited.add(elapsed)).build();
        Path saved = dir.resolve("cpu.pprof");
        Profile cpu = watched.cpuProfile(Duration.ofSeconds(2), saved);

        assertThat(cpu.durationNanos()).isBetween(1_900_000_000L, 3_000_000_000L);
        assertThat(cpu.top().rows().get(0).name()).isEqualTo("main.checksum");
        long labelled = cpu.samples().stream()
                .filter(s -> s.labels().stream().anyMatch(l -> l.key().equals("handler") && l.str().equals("work")))
                .mapToLong(s -> s.values()[0]).sum();
        long all = cpu.samples().stream().mapToLong(s -> s.values()[0]).sum();
        assertThat((double) labelled / all).isGreaterThan(0.5);
        // The file holds the bytes the service sent, complete: it parses to the same profile.
        assertThat(Pprof.read(saved)).isEqualTo(cpu);
        assertThat(dir.resolve("cpu.pprof.partial")).doesNotExist();
        // The listener heard from the wait, several times a second.
        assertThat(waited).hasSizeGreaterThan(4);
        assertThat(waited.get(waited.size() - 1)).isGreaterThan(Duration.ofMillis(1500));
    }

    @Test
    void aSecondCpuProfileWhileOneRunsIsBusy() throws Exception {
        CompletableFuture<Profile> first = CompletableFuture.supplyAsync(() -> {
            try {
                return service.cpuProfile(Duration.ofSeconds(2));
            } catch (CaptureException e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(500);
        assertThatThrownBy(() -> service.cpuProfile(Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(CaptureException.class, e -> {
                    assertThat(e.kind()).isEqualTo(CaptureException.Kind.BUSY);
                    assertThat(e.status()).isEqualTo(500);
                    assertThat(e.endpoint()).isEqualTo("/debug/pprof/profile?seconds=1");
                })
                .hasMessageContaining("/debug/pprof/profile?seconds=1")
                .hasMessageContaining("cpu profiling already in use");
        // The first profile is not disturbed.
        assertThat(first.get().samples()).isNotEmpty();
    }

    @Test
    void everyProfileEndpointParses() throws IOException {
        Profile heap = service.heap();
        assertThat(heap.sampleTypes()).extracting(t -> t.type())
                .containsExactly("alloc_objects", "alloc_space", "inuse_objects", "inuse_space");
        assertThat(service.allocs().defaultSampleType()).isEqualTo("alloc_space");
        assertThat(service.threadCreate().sampleTypes()).extracting(t -> t.type()).containsExactly("threadcreate");

        Profile mutex = service.mutex();
        assertThat(mutex.samples()).anySatisfy(s -> assertThat(functions(mutex, s))
                .containsSubsequence("sync.(*Mutex).Unlock", "main.record"));
        Profile block = service.block();
        assertThat(block.samples()).anySatisfy(s -> assertThat(functions(block, s))
                .containsSubsequence("sync.(*Mutex).Lock", "main.record"));

        Profile goroutines = service.goroutines();
        assertThat(goroutines.samples()).anySatisfy(s -> assertThat(functions(goroutines, s))
                .contains("main.waitForReply.func1"));
    }

    @Test
    void theThreeGoroutineFormsAgree() throws IOException {
        // debug=0 (profile.proto), debug=1 (legacy text) and debug=2 (the dump) of the same moment. The text is read
        // as go tool pprof reads it, addresses only; the leaked goroutines' pc is taken from the proto form.
        Profile proto = service.goroutines();
        Profile text = Pprof.read(service.profileText("goroutine").getBytes(StandardCharsets.UTF_8));
        GoroutineDump dump = service.goroutineDump();

        String leaked = "main.waitForReply.func1";
        long inProto = GoroutineBuckets.of(proto).asTracebackShows()
                .filter(stack -> !stack.isEmpty() && stack.get(0).equals(leaked)).total();
        long pc = proto.locations().stream()
                .filter(l -> l.lines().stream().anyMatch(line -> line.function().name().equals(leaked)))
                .findFirst().orElseThrow().address();
        long inText = text.samples().stream()
                .filter(s -> s.locations().stream().anyMatch(l -> l.address() == pc))
                .mapToLong(s -> s.values()[0]).sum();
        Bucket bucket = dump.buckets().stream().filter(b -> b.functions().get(0).equals(leaked)).findFirst()
                .orElseThrow();
        assertThat(bucket.state()).isEqualTo("select");
        assertThat(bucket.createdBy().orElseThrow().function()).isEqualTo("main.waitForReply");
        // The service leaks about 16 goroutines a second, and the three captures were some milliseconds apart.
        assertThat(inProto).isPositive();
        assertThat(inText).isBetween(inProto, inProto + 16);
        assertThat((long) bucket.count()).isBetween(inText, inText + 16);
    }

    @Test
    void aTraceStreamsIntoTheParserAndIsSavedWhole(@TempDir Path dir) throws IOException {
        Path saved = dir.resolve("trace.out");
        AtomicLong bytes = new AtomicLong();
        GoService watched = GoService.builder(server.base())
                .progress((endpoint, elapsed, expected, n) -> bytes.set(n)).build();
        Annotations streamed = watched.trace(Duration.ofSeconds(1), saved, TraceAnalysis::of).annotations();
        assertThat(bytes.get()).isEqualTo(Files.size(saved));
        assertThat(streamed.taskDurations()).containsKey("work");
        assertThat(streamed.taskDurations().get("work").count()).isGreaterThan(100);
        assertThat(streamed.regionDurations()).containsKeys("checksum", "record");
        assertThat(streamed.tasks()).filteredOn(t -> t.type().equals("work") && t.end() > 0).first()
                .satisfies(t -> assertThat(t.regions()).extracting(Annotations.Region::type)
                        .containsExactly("checksum", "record"));
        // The saved file, read again, has the same annotations as the stream did.
        Annotations fromFile = Annotations.of(saved);
        assertThat(fromFile.tasks()).isEqualTo(streamed.tasks());
        try (TraceReader r = GoTrace.open(saved)) {
            assertThat(r.events().filter(e -> e instanceof Event.Log l && l.category().equals("request")).count())
                    .isGreaterThan(100);
        }
    }

    @Test
    void symbolsAreNamedAsTheServicesRuntimeNamesThem() throws IOException {
        Profile goroutines = service.goroutines();
        List<Long> pcs = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (Location l : goroutines.locations()) {
            if (l.address() != 0 && !l.lines().isEmpty()) {
                pcs.add(l.address());
                // The innermost function at the pc: the one runtime.FuncForPC names.
                expected.add(l.lines().get(0).function().name());
            }
        }
        assertThat(pcs).hasSizeGreaterThan(10);
        List<RemoteSymbol> symbols = service.symbols(pcs.stream().mapToLong(Long::longValue).toArray());
        assertThat(symbols).extracting(RemoteSymbol::pc).containsExactlyElementsOf(pcs);
        assertThat(symbols).extracting(RemoteSymbol::function).containsExactlyElementsOf(expected);
    }

    @Test
    void cmdlineIsTheServicesArguments() throws IOException {
        List<String> args = service.cmdline();
        assertThat(args).hasSize(1);
        assertThat(args.get(0)).endsWith("demo-server");
    }

    @Test
    void anUnknownProfileIsNotFound() {
        assertThatThrownBy(() -> service.profile("nosuchprofile", null))
                .isInstanceOfSatisfying(CaptureException.class, e -> {
                    assertThat(e.kind()).isEqualTo(CaptureException.Kind.NOT_FOUND);
                    assertThat(e.status()).isEqualTo(404);
                })
                .hasMessageStartingWith("/debug/pprof/nosuchprofile: ")
                .hasMessageContaining("Unknown profile");
    }

    @Test
    void saveKeepsTheRawBytesThatGoToolsRead(@TempDir Path dir) throws IOException {
        Path heap = dir.resolve("heap.pprof");
        long n = service.save("heap", heap);
        assertThat(Files.size(heap)).isEqualTo(n);
        assertThat(Pprof.read(heap).sampleTypes()).hasSize(4);
        Path text = dir.resolve("goroutine.txt");
        service.save("goroutine?debug=1", text);
        assertThat(Files.readString(text)).startsWith("goroutine profile: total ");
        assertThat(Files.list(dir).map(p -> p.getFileName().toString()).toList())
                .containsExactlyInAnyOrder("heap.pprof", "goroutine.txt");
    }

    @Test
    void aDumpAndAProfileOfTheSameGoroutinesCountAlike() throws IOException {
        GoroutineDump dump = service.goroutineDump();
        Map<List<String>, Long> counts = GoroutineBuckets.of(dump).counts();
        assertThat(counts.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(dump.goroutines().size());
    }
}
