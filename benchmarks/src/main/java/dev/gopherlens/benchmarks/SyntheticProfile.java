package dev.gopherlens.benchmarks;

import dev.gopherlens.pprof.Function;
import dev.gopherlens.pprof.Label;
import dev.gopherlens.pprof.Line;
import dev.gopherlens.pprof.Location;
import dev.gopherlens.pprof.Mapping;
import dev.gopherlens.pprof.Pprof;
import dev.gopherlens.pprof.Profile;
import dev.gopherlens.pprof.ProfileBuilder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A large CPU profile made from a fixed seed, for decode benchmarks: the same parameters give the same bytes on
 * every machine and JDK. Shaped like a busy Go service's profile: a few mappings, thousands of functions in
 * hundreds of files, locations with inlined calls, deep stacks, two values per sample (count and cpu), and three
 * labels per sample, two string labels ({@code pprof.Do} style) and one numeric label with a unit.
 *
 * @param functions how many functions
 * @param locations how many locations
 * @param samples   how many samples
 * @param minDepth  the shallowest stack
 * @param maxDepth  the deepest stack
 * @param seed      the random seed
 */
record SyntheticProfile(int functions, int locations, int samples, int minDepth, int maxDepth, long seed) {

    /** The "large" profile of {@link PprofDecodeBenchmark}: about 57 MB of profile.proto. */
    static final SyntheticProfile LARGE = new SyntheticProfile(5_000, 50_000, 400_000, 20, 60, 42);

    /** {@return the profile, built with the pprof module's {@link ProfileBuilder}} */
    Profile build() {
        SplittableRandom random = new SplittableRandom(seed);
        ProfileBuilder b = Profile.builder()
                .sampleType("samples", "count")
                .sampleType("cpu", "nanoseconds")
                .period("cpu", "nanoseconds", 10_000_000)
                .timeNanos(1_767_225_600_000_000_000L)
                .durationNanos(60_000_000_000L)
                .comment("synthetic profile for PprofDecodeBenchmark, seed " + seed);
        Mapping main = b.mapping(0x400000, 0x2400000, 0, "/opt/service/bin/service", "8f3c2a1be0d94c7a");
        List<Mapping> mappings = List.of(main,
                b.mapping(0x7f0000000000L, 0x7f0000200000L, 0, "/usr/lib/x86_64-linux-gnu/libc.so.6", "c0ffee01"),
                b.mapping(0x7f0000400000L, 0x7f0000420000L, 0, "[vdso]", ""));

        String[] packages = new String[120];
        for (int i = 0; i < packages.length; i++) {
            packages[i] = "github.com/example/service/internal/pkg" + i;
        }
        Function[] fns = new Function[functions];
        for (int i = 0; i < functions; i++) {
            String pkg = packages[random.nextInt(packages.length)];
            String name = pkg + ".(*Type" + random.nextInt(40) + ").Method" + i;
            String file = pkg + "/file" + random.nextInt(8) + ".go";
            fns[i] = b.function(name, name, file, 10 + random.nextInt(2_000));
        }

        Location[] locs = new Location[locations];
        long address = 0x401000;
        for (int i = 0; i < locations; i++) {
            int r = random.nextInt(100);
            int lineCount = r < 75 ? 1 : r < 95 ? 2 : 3;   // inlined calls: innermost first
            List<Line> lines = new ArrayList<>(lineCount);
            for (int k = 0; k < lineCount; k++) {
                Function f = fns[random.nextInt(functions)];
                lines.add(new Line(f, f.startLine() + random.nextInt(200), 0));
            }
            address += 4 + random.nextInt(60);
            Mapping m = r < 97 ? main : mappings.get(1 + random.nextInt(2));
            locs[i] = b.location(m, r < 97 ? address : m.start() + random.nextLong(0x10000), lines);
        }

        String[] handlers = new String[24];
        for (int i = 0; i < handlers.length; i++) {
            handlers[i] = "/api/v1/resource" + i;
        }
        String[] tenants = new String[200];
        for (int i = 0; i < tenants.length; i++) {
            tenants[i] = "tenant-" + Integer.toHexString(0x1000 + i * 7919);
        }
        // Stacks share structure, as in a real service: the root side is one of a few thousand "trunks" (main,
        // the server loop, handlers), the leaf side one of many "branches"; together they are minDepth to
        // maxDepth deep. A few paths are hot (picked with a cubic skew), so stacks repeat as they do in a real
        // profile; samples with the same stack differ in their labels.
        int half = minDepth / 2;
        int spread = (maxDepth - minDepth) / 2;
        Location[][] trunks = paths(random, locs, 2_000, half, half + spread);
        Location[][] branches = paths(random, locs, 20_000, minDepth - half, maxDepth - half - spread);
        Location[] stack = new Location[maxDepth];
        for (int s = 0; s < samples; s++) {
            Location[] branch = branches[skewed(random, branches.length)];
            Location[] trunk = trunks[skewed(random, trunks.length)];
            System.arraycopy(branch, 0, stack, 0, branch.length);
            System.arraycopy(trunk, 0, stack, branch.length, trunk.length);
            long count = 1 + random.nextInt(4);
            List<Label> labels = List.of(
                    Label.of("handler", handlers[random.nextInt(handlers.length)]),
                    Label.of("tenant", tenants[random.nextInt(tenants.length)]),
                    Label.of("request_bytes", random.nextLong(1 << 20), "bytes"));
            b.sample(Arrays.asList(stack).subList(0, branch.length + trunk.length),
                    new long[]{count, count * 10_000_000}, labels);
        }
        return b.build();
    }

    /** {@return an index below n, small ones far more often: P(index < k) = (k / n)^(1/3)} */
    private static int skewed(SplittableRandom random, int n) {
        double u = random.nextDouble();
        return (int) (n * u * u * u);
    }

    private static Location[][] paths(SplittableRandom random, Location[] locs, int count, int minLength,
                                      int maxLength) {
        Location[][] paths = new Location[count][];
        for (int i = 0; i < count; i++) {
            Location[] p = new Location[minLength + random.nextInt(maxLength - minLength + 1)];
            for (int k = 0; k < p.length; k++) {
                p[k] = locs[random.nextInt(locs.length)];
            }
            paths[i] = p;
        }
        return paths;
    }

    /** {@return the profile as uncompressed profile.proto bytes} */
    byte[] encode() {
        return Pprof.encode(build());
    }
}
