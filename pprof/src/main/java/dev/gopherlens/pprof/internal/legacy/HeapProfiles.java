package dev.gopherlens.pprof.internal.legacy;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.pprof.ValueType;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text heap profiles: gperftools' heapz and growthz ({@code heap profile: 1: 2 [3: 4] @ heapz_v2/524288}) and Go's
 * {@code /debug/pprof/heap?debug=1} ({@code @ heap/1048576}, with {@code #} lines of symbols and
 * {@code runtime.MemStats} that google/pprof skips as comments, so its locations are bare addresses), read as
 * google/pprof's {@code parseHeap} (legacy_profile.go) does, sampling-rate scaling included. Stateless.
 */
final class HeapProfiles {
    static final String FORMAT = "pprof heap text";

    private static final Pattern HEADER = Pattern.compile(
            "heap profile: *(\\d+): *(\\d+) *\\[ *(\\d+): *(\\d+) *\\] *@ *(heap[_a-z0-9]*)/?(\\d*)");
    private static final Pattern SAMPLE = Pattern.compile(
            "(-?\\d+): *(-?\\d+) *\\[ *(\\d+): *(\\d+) *] @([ x0-9a-f]*)");
    private static final Pattern GROWTH = Pattern.compile(
            "heap profile: *(\\d+): *(\\d+) *\\[ *(\\d+): *(\\d+) *\\] @ growthz?");
    private static final Pattern FRAGMENTATION = Pattern.compile(
            "heap profile: *(\\d+): *(\\d+) *\\[ *(\\d+): *(\\d+) *\\] @ fragmentationz?");

    private HeapProfiles() {
    }

    /**
     * Reads a heap profile.
     *
     * @param data the text's bytes as ISO-8859-1 characters
     * @return the profile, or null when the first line is no heap profile header
     * @throws GoParseException if a line is malformed
     */
    static Draft read(String data) throws GoParseException {
        Text text = new Text(FORMAT, data, 0);
        if (!text.scan()) {
            return null;
        }
        Draft p = new Draft(FORMAT);
        p.periodType = new ValueType("space", "bytes");
        String line = text.line();
        String sampling = "";
        boolean hasAlloc = false;
        Matcher h = text.match(HEADER, line, true);
        if (h != null) {
            long period = 0;
            GoNumbers numbers = new GoNumbers();
            if (!h.group(6).isEmpty()) {
                period = numbers.parseInt(h.group(6), 10);
                if (!numbers.ok) {
                    throw text.unrecognized("a sampling period that fits in 64 bits");
                }
            }
            hasAlloc = !h.group(3).equals(h.group(1)) && !h.group(3).equals("0")
                    || !h.group(4).equals(h.group(2)) && !h.group(4).equals("0");
            switch (h.group(5)) {
                case "heapz_v2", "heap_v2" -> sampling = "v2";
                case "heapprofile" -> period = 1;
                // Go's runtime writes twice its MemProfileRate after "heap/".
                case "heap" -> {
                    sampling = "v2";
                    period = period / 2;
                }
                default -> {
                    return null;
                }
            }
            p.period = period;
        } else if (text.match(GROWTH, line, true) != null || text.match(FRAGMENTATION, line, true) != null) {
            p.period = 1;
        } else {
            return null;
        }
        if (hasAlloc) {
            // Allocations first so that the default, the last type, is inuse_space.
            p.sampleTypes.addAll(List.of(new ValueType("alloc_objects", "count"),
                    new ValueType("alloc_space", "bytes"), new ValueType("inuse_objects", "count"),
                    new ValueType("inuse_space", "bytes")));
        } else {
            p.sampleTypes.addAll(List.of(new ValueType("objects", "count"), new ValueType("space", "bytes")));
        }
        GoNumbers numbers = new GoNumbers();
        while (text.scan()) {
            line = Text.trimSpace(text.line());
            if (Text.isSpaceOrComment(line)) {
                continue;
            }
            if (Text.isMemoryMapSentinel(line)) {
                break;
            }
            Matcher m = text.match(SAMPLE, line, true);
            if (m == null) {
                throw text.malformed("a heap sample: count: bytes [count: bytes] @ addresses");
            }
            long[] values = new long[hasAlloc ? 4 : 2];
            long[] blockSize = new long[1];
            int at = 0;
            if (hasAlloc) {
                at = addValues(text, numbers, m.group(3), m.group(4), "allocation", p.period, sampling, values, at,
                        blockSize);
            }
            addValues(text, numbers, m.group(1), m.group(2), "inuse", p.period, sampling, values, at, blockSize);
            List<Long> addrs = Addresses.parse(text, m.group(5));
            List<Draft.DLocation> stack = new ArrayList<>(addrs.size());
            for (long addr : addrs) {
                // Return addresses: -1 lands on the call instruction.
                stack.add(p.location(addr - 1));
            }
            Draft.DSample s = new Draft.DSample(values, stack);
            s.hasBytes = true;
            s.bytes = blockSize[0];
            p.samples.add(s);
        }
        Additional.sections(text, p);
        return p;
    }

    private static int addValues(Text text, GoNumbers numbers, String countText, String sizeText, String label,
                                 long rate, String sampling, long[] values, int at, long[] blockSize)
            throws GoParseException {
        long count = numbers.parseInt(countText, 10);
        if (!numbers.ok) {
            throw text.malformed("a " + label + " count that fits in 64 bits, found " + countText);
        }
        long size = numbers.parseInt(sizeText, 10);
        if (!numbers.ok) {
            throw text.malformed("an " + label + " size that fits in 64 bits, found " + sizeText);
        }
        if (count == 0 && size != 0) {
            throw text.malformed(label + " bytes of 0 when the " + label + " count is 0, found " + size);
        }
        if (count != 0) {
            blockSize[0] = size / count;
            if (sampling.equals("v2")) {
                long[] scaled = scale(count, size, rate);
                count = scaled[0];
                size = scaled[1];
            }
        }
        values[at] = count;
        values[at + 1] = size;
        return at + 2;
    }

    /**
     * legacy_profile.go scaleHeapSample: divides a sampled count and size by the probability that an allocation
     * of their average size was sampled, {@code 1 - exp(-size/rate)}.
     *
     * @param count the sampled count
     * @param size  the sampled bytes
     * @param rate  the average bytes between samples
     * @return the estimated count and bytes
     */
    static long[] scale(long count, long size, long rate) {
        if (count == 0 || size == 0) {
            return new long[] {0, 0};
        }
        if (rate <= 1) {
            return new long[] {count, size};
        }
        double avgSize = (double) size / (double) count;
        // StrictMath: fdlibm's exp, which Go's math.Exp follows, so that truncation lands as Go's does.
        double scale = 1 / (1 - StrictMath.exp(-avgSize / (double) rate));
        return new long[] {(long) ((double) count * scale), (long) ((double) size * scale)};
    }
}
