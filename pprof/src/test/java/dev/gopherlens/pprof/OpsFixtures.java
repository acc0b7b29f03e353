package dev.gopherlens.pprof;

import java.util.List;

/** A small profile for the unit tests of the operations, and helpers to look at results. */
final class OpsFixtures {
    private OpsFixtures() {
    }

    /**
     * Two mappings, five functions, four locations (the first with main.helper inlined into main.work) and four
     * samples, leaf first:
     * <pre>
     * S1 {1, 10}  [helper+work, main]          stage=cpu, bytes=1024 bytes
     * S2 {2, 20}  [mallocgc, helper+work, main] stage=io, bytes=4096 bytes
     * S3 {3, 30}  [write, mallocgc, main]       request=512
     * S4 {4, 40}  []
     * </pre>
     */
    static Profile small() {
        ProfileBuilder b = Profile.builder().sampleType("samples", "count").sampleType("cpu", "nanoseconds")
                .period("cpu", "nanoseconds", 10).timeNanos(1_000).durationNanos(5_000).comment("fixture");
        Mapping exe = b.mapping(0x400000, 0x500000, 0, "/bin/app", "build1");
        Mapping lib = b.mapping(0x7f000000, 0x7f100000, 0, "/lib/libc.so", "");
        Function main = b.function("main.main", "main.main", "app/main.go", 3);
        Function work = b.function("main.work", "main.work", "app/work.go", 20);
        Function helper = b.function("main.helper", "main.helper", "app/work.go", 10);
        Function malloc = b.function("runtime.mallocgc", "runtime.mallocgc", "runtime/malloc.go", 90);
        Function write = b.function("write", "write", "libc.c", 0);
        Location inlined = b.location(exe, 0x401000, List.of(new Line(helper, 12, 0), new Line(work, 25, 0)));
        Location caller = b.location(exe, 0x402000, List.of(new Line(main, 5, 0)));
        Location alloc = b.location(exe, 0x403000, List.of(new Line(malloc, 100, 0)));
        Location sys = b.location(lib, 0x7f000100, List.of(new Line(write, 7, 0)));
        b.sample(List.of(inlined, caller), new long[] {1, 10},
                List.of(Label.of("stage", "cpu"), Label.of("bytes", 1024, "bytes")));
        b.sample(List.of(alloc, inlined, caller), new long[] {2, 20},
                List.of(Label.of("stage", "io"), Label.of("bytes", 4096, "bytes")));
        b.sample(List.of(sys, alloc, caller), new long[] {3, 30}, List.of(Label.of("request", 512, "")));
        b.sample(List.of(), new long[] {4, 40}, List.of());
        return b.build();
    }

    /**
     * A heap-like profile with what the Go corpus lacks, committed as {@code ops/rich.pb.gz} for goldens of
     * {@code go tool pprof}: drop_frames and keep_frames, C++ names, three inlined lines, columns, a location without
     * lines, a folded location, string labels with several values, and numeric labels with units (a key with two
     * units, time units, and {@code request} without one).
     */
    static Profile rich() {
        ProfileBuilder b = Profile.builder().sampleType("alloc_objects", "count").sampleType("alloc_space", "bytes")
                .defaultSampleType("alloc_space").period("space", "bytes", 524288)
                .timeNanos(1_764_000_000_000_000_000L).durationNanos(1_500_000_000L)
                .comment("ops fixture").frameFilters("runtime\\..*", "runtime\\.main");
        Mapping exe = b.mapping(0x400000, 0x800000, 0, "/usr/bin/server", "abc123");
        Mapping libc = b.mapping(0x7f0000000000L, 0x7f0000200000L, 0x1000, "/lib/x86_64-linux-gnu/libc.so.6", "");
        Mapping vdso = b.mapping(0x7fff00000000L, 0x7fff00002000L, 0, "[vdso]", "");
        Function rtMain = b.function("runtime.main", "runtime.main", "runtime/proc.go", 140);
        Function mainMain = b.function("main.main", "main.main", "server/main.go", 10);
        Function handle = b.function("main.(*Server).handle", "main.(*Server).handle", "server/server.go", 30);
        Function func1 = b.function("main.handle.func1", "main.handle.func1", "server/server.go", 44);
        Function encode = b.function("main.encode", "main.encode", "server/encode.go", 5);
        Function grow = b.function("main.grow", "main.grow", "server/encode.go", 60);
        Function malloc = b.function("runtime.mallocgc", "runtime.mallocgc", "runtime/malloc.go", 900);
        Function push = b.function("std::vector<int>::push_back(int)", "_ZNSt6vectorIiE9push_backEi",
                "/usr/include/c++/vector", 1000);
        Function anon = b.function("(anonymous namespace)::helper()", "_ZN12_GLOBAL__N_16helperEv", "lib.cc", 7);
        Function clock = b.function("__vdso_clock_gettime", "__vdso_clock_gettime", "", 0);
        Location lRoot = b.location(exe, 0x401000, List.of(new Line(rtMain, 250, 0)));
        Location lMain = b.location(exe, 0x402000, List.of(new Line(mainMain, 20, 4)));
        Location lHandle = b.location(exe, 0x403000, List.of(new Line(func1, 46, 9), new Line(handle, 40, 3)));
        Location lEncode = b.location(exe, 0x404000,
                List.of(new Line(grow, 62, 0), new Line(encode, 8, 0), new Line(func1, 47, 0)));
        Location lMalloc = b.location(exe, 0x405000, List.of(new Line(malloc, 950, 0)));
        Location lPush = b.location(libc, 0x7f0000001000L, List.of(new Line(push, 1010, 0),
                new Line(anon, 9, 0)));
        Location lBare = b.location(libc, 0x7f0000002000L, List.of());
        Location lClock = b.location(vdso, 0x7fff00000100L, List.of(new Line(clock, 0, 0)));
        Location folded = new Location(9, exe, 0x406000, List.of(new Line(encode, 9, 0)), true);
        Location lFolded = b.location(exe, 0x406000, List.of(new Line(encode, 9, 0)));
        b.sample(List.of(lMalloc, lEncode, lHandle, lMain, lRoot), new long[] {10, 10240},
                List.of(Label.of("stage", "io"), Label.of("stage", "io2"), Label.of("size", 10, "kilobytes")));
        b.sample(List.of(lMalloc, lHandle, lMain, lRoot), new long[] {3, 3000},
                List.of(Label.of("stage", "cpu"), Label.of("size", 3000, "bytes"), Label.of("wait", 2_000_000, "ns")));
        b.sample(List.of(lPush, lBare, lHandle, lMain, lRoot), new long[] {1, 512},
                List.of(Label.of("request", 512, ""), Label.of("kind", "native")));
        b.sample(List.of(lClock, lMalloc, lMain, lRoot), new long[] {2, 64},
                List.of(Label.of("wait", 500, "ns"), Label.of("stage", "cpu")));
        b.sample(List.of(lFolded, lEncode, lHandle, lMain, lRoot), new long[] {5, 500}, List.of());
        b.sample(List.of(lMalloc, lRoot), new long[] {7, 700}, List.of(Label.of("size", 90, "")));
        Profile p = b.build();
        // The builder makes no folded locations: swap one in.
        return p.mapLocations(l -> l.id() == folded.id() ? folded : l);
    }

    /**
     * A CPU profile in microseconds, committed as {@code ops/micro.pb.gz}: combined with a Go CPU profile its values
     * and period become nanoseconds; its second sample has a zero cpu value and a nonzero count, which the scaling
     * drops as google/pprof's ScaleN does.
     */
    static Profile micro() {
        ProfileBuilder b = Profile.builder().sampleType("samples", "count").sampleType("cpu", "microseconds")
                .period("cpu", "microseconds", 10_000).timeNanos(1_764_010_000_000_000_000L)
                .durationNanos(2_000_000_000L);
        // go tool pprof gives a profile without mappings a fake one when it reads it (locateBinaries): have one.
        Mapping exe = b.mapping(0x400000, 0x500000, 0, "/opt/micro", "");
        Function main = b.function("main.main", "main.main", "corpusgen/main.go", 321);
        Function spin = b.function("main.spin", "main.spin", "corpusgen/main.go", 71);
        Location l1 = b.location(exe, 0x401000, List.of(new Line(spin, 75, 0)));
        Location l2 = b.location(exe, 0x402000, List.of(new Line(main, 332, 0)));
        b.sample(List.of(l1, l2), new long[] {3, 30_000}, List.of(Label.of("stage", "cpu")));
        b.sample(List.of(l2), new long[] {1, 0}, List.of());
        b.sample(List.of(l2), new long[] {1, 10_000}, List.of());
        return b.build();
    }

    /** {@return each sample's first value, in order} */
    static List<Long> counts(Profile p) {
        return p.samples().stream().map(s -> s.value(0)).toList();
    }

    /** {@return each sample's stack as location ids, leaf first} */
    static List<List<Long>> stacks(Profile p) {
        return p.samples().stream().map(s -> s.locations().stream().map(Location::id).toList()).toList();
    }

    /** {@return each line of the location with this id as {@code function:line}} */
    static List<String> lines(Profile p, long locationId) {
        return p.location(locationId).orElseThrow().lines().stream()
                .map(l -> (l.function() == null ? "?" : l.function().name()) + ":" + l.line()).toList();
    }
}
