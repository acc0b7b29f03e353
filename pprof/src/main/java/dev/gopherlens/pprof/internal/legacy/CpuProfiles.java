package dev.gopherlens.pprof.internal.legacy;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.pprof.ValueType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * gperftools' binary CPU profiles (also written by Go before 1.9 and by Java agents), read as google/pprof's
 * {@code parseCPU} (legacy_profile.go) does. The profile is a sequence of words of 32 or 64 bits in either byte
 * order, whichever makes the header {@code 0, 3, 0 (C++) or 1 (Java), period in microseconds, 0}; then samples
 * {@code count, depth, depth addresses}, ended by {@code 0, 1, 0}; then, for C++, the text of
 * {@code /proc/self/maps}, and for Java, the names of the addresses. Stateless.
 */
final class CpuProfiles {
    static final String FORMAT = "pprof legacy cpu";

    private CpuProfiles() {
    }

    /** Words of one size and byte order from a part of an array; once past the end, every word is 0. */
    static final class Words {
        private final byte[] data;
        private final int end;
        private final int size;
        private final boolean little;
        private int pos;
        /** Whether a word ran past the end: Go's slice became nil. */
        boolean exhausted;

        Words(byte[] data, int from, int to, int size, boolean little) {
            this.data = data;
            this.pos = from;
            this.end = to;
            this.size = size;
            this.little = little;
        }

        long next() {
            if (exhausted || end - pos < size) {
                exhausted = true;
                return 0;
            }
            long v = 0;
            for (int i = 0; i < size; i++) {
                int b = data[pos + (little ? i : size - 1 - i)] & 0xFF;
                v |= (long) b << (8 * i);
            }
            pos += size;
            return v;
        }

        int remaining() {
            return exhausted ? 0 : end - pos;
        }

        int position() {
            return pos;
        }
    }

    /**
     * Reads a binary CPU profile.
     *
     * @param data the bytes
     * @param from where the profile starts
     * @param to   where it ends
     * @return the profile, or null when no word size and byte order gives the header
     * @throws GoParseException if the samples or what follows them are malformed
     */
    static Draft read(byte[] data, int from, int to) throws GoParseException {
        // legacy_profile.go cpuInts: the order google/pprof tries.
        int[] sizes = {4, 4, 8, 8};
        boolean[] little = {true, false, true, false};
        for (int k = 0; k < sizes.length; k++) {
            Words w = new Words(data, from, to, sizes[k], little[k]);
            long n1 = w.next();
            long n2 = w.next();
            long n3 = w.next();
            long n4 = w.next();
            long n5 = w.next();
            if (w.exhausted || n1 != 0 || n2 != 3 || n4 == 0 || n5 != 0) {
                continue;
            }
            if (n3 == 0) {
                return cpp(data, w, from, to, n4);
            }
            if (n3 == 1) {
                return java(data, w, from, to, n4);
            }
        }
        return null;
    }

    private static Draft newDraft(long periodMicros) {
        Draft p = new Draft(FORMAT);
        p.period = periodMicros * 1000;
        p.periodType = new ValueType("cpu", "nanoseconds");
        p.sampleTypes.add(new ValueType("samples", "count"));
        p.sampleTypes.add(new ValueType("cpu", "nanoseconds"));
        return p;
    }

    private static Draft cpp(byte[] data, Words w, int from, int to, long periodMicros) throws GoParseException {
        Draft p = newDraft(periodMicros);
        samples(w, from, true, p);
        // When most samples share their second frame, it is the signal handler's, pushed by the measurement;
        // the leaf is always right, from the signal context. Up to two such frames go.
        int margin = p.samples.size() / 32;
        for (int iter = 0; iter < 2; iter++) {
            Map<Long, Integer> second = new HashMap<>();
            for (Draft.DSample s : p.samples) {
                if (s.locations.size() > 1) {
                    second.merge(s.locations.get(1).address, 1, Integer::sum);
                }
            }
            // At most one address can pass: it is in all samples but a margin of fewer than half of them.
            for (Map.Entry<Long, Integer> e : second.entrySet()) {
                if (e.getValue() >= p.samples.size() - margin) {
                    long a = e.getKey();
                    for (Draft.DSample s : p.samples) {
                        if (s.locations.size() > 1 && s.locations.get(1).address == a) {
                            s.locations.remove(1);
                        }
                    }
                    break;
                }
            }
        }
        int at = w.position();
        int mapFrom = w.exhausted ? to : at;
        p.parseMemoryMap(new Text(FORMAT, Text.latin1(data, from, to), mapFrom - from));
        p.cleanupDuplicateLocations();
        return p;
    }

    private static Draft java(byte[] data, Words w, int from, int to, long periodMicros) throws GoParseException {
        Draft p = newDraft(periodMicros);
        samples(w, from, false, p);
        int rest = w.exhausted ? to : w.position();
        JavaProfiles.locations(Text.latin1(data, from, to), rest - from, p);
        JavaProfiles.aggregate(p);
        return p;
    }

    /**
     * legacy_profile.go parseCPUSamples: reads samples up to the end marker or the end of the input.
     *
     * @param w      the words after the header
     * @param from   the offset of the profile's first byte, for errors
     * @param adjust whether return addresses (all but the leaf) are moved back by one onto their calls
     * @param p      the profile
     */
    private static void samples(Words w, int from, boolean adjust, Draft p) throws GoParseException {
        while (w.remaining() > 0) {
            int at = w.position();
            long count = w.next();
            long depth = w.next();
            // google/pprof bounds the depth by a quarter of the bytes left, whatever the word size; the words past
            // the end read as 0. The check also keeps a huge declared depth from being allocated.
            if (w.exhausted || Long.compareUnsigned(depth, w.remaining() / 4) > 0) {
                throw new NotThisFormat(FORMAT, at - from, "sample[" + p.samples.size() + "]",
                        "a stack depth of at most a quarter of the " + w.remaining() + " bytes left, found "
                                + Long.toUnsignedString(depth));
            }
            int n = (int) depth;
            long[] addrs = new long[n];
            for (int i = 0; i < n; i++) {
                addrs[i] = w.next();
            }
            if (count == 0 && n == 1 && addrs[0] == 0) {
                break;
            }
            List<Draft.DLocation> stack = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                stack.add(p.location(adjust && i > 0 ? addrs[i] - 1 : addrs[i]));
            }
            p.samples.add(new Draft.DSample(new long[] {count, count * p.period}, stack));
        }
    }
}
