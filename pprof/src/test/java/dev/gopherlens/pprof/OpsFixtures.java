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
