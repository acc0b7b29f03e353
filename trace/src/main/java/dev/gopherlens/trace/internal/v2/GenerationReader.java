package dev.gopherlens.trace.internal.v2;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.core.Limits;
import dev.gopherlens.trace.internal.Tables;
import dev.gopherlens.trace.internal.Wire;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads a v2 trace one generation at a time: batch framing, the generation's end (the next generation's first
 * batch before Go 1.26, the end-of-generation byte from Go 1.26) and the special batches (strings, stacks, CPU
 * samples, sync, experimental). internal/trace/generation.go and batch.go (Go 1.27) are the reference; error
 * texts are Go's.
 */
final class GenerationReader {
    private static final String FORMAT = WireInput.FORMAT;
    /** About a million years, in seconds: the wall clocks a snapshot may hold. */
    private static final long MAX_WALL_SECONDS = 1L << 45;

    private final WireInput in;
    private final int minor;
    private final Limits limits;
    private final byte[] data = new byte[Wire.MAX_BATCH_SIZE];

    // The batch last read.
    private long bGen;
    private long bM;
    private long bTicks;
    private int bExp;
    private int bSize;
    private long bOffset;
    private long bDataOffset;
    private boolean bEnd;
    /** Where the batch's bytes are: {@link #data} from 0, or the trace's own array when it is read in place. */
    private byte[] bData;
    private int bStart;

    // Before Go 1.26: the first batch of the next generation, read while looking for this one's end.
    private Spill spill;

    private record Spill(long gen, long m, long ticks, int exp, byte[] data, long offset, long dataOffset) {
    }

    // Implementation note: the chunks of the last generation serve the next one: by the time the reader asks for a
    // generation, every event of the previous one has been handed out (TraceBenchmark).
    private final java.util.ArrayDeque<byte[]> pool = new java.util.ArrayDeque<>();
    private Generation last;

    private Generation newGeneration(long gen) {
        return new Generation(gen, pool);
    }

    GenerationReader(WireInput in, int minor, Limits limits) {
        this.in = in;
        this.minor = minor;
        this.limits = limits;
    }

    /** The outcome of reading one generation: the generation (null at the end) and an error to report after it. */
    record Result(Generation generation, GoParseException deferred) {
    }

    /**
     * Reads the next generation.
     *
     * @return the generation, with an error to raise once its events are out (Go before 1.26 still orders a
     *         generation whose successor is corrupt); a null generation at the end of the trace
     * @throws GoParseException if the generation itself is malformed
     */
    Result next() throws IOException {
        Result r = minor >= 26 ? readUntilEnd() : readWithSpill();
        last = r.generation();
        return r;
    }

    /** Tells the reader that the last generation's events are all out, so its memory may serve the next. */
    void release() {
        if (last != null) {
            pool.addAll(last.chunks);
            last.chunks.clear();
            last = null;
        }
    }

    private boolean readBatch() throws IOException {
        bOffset = in.offset();
        int b = in.read();
        if (b < 0) {
            return false;
        }
        bEnd = false;
        bExp = 0;
        if (b == Wire.END_OF_GENERATION) {
            bEnd = true;
            bGen = 0;
            bM = -1;
            bSize = 0;
            return true;
        }
        if (b != Wire.EVENT_BATCH && b != Wire.EXPERIMENTAL_BATCH) {
            throw GoParseException.malformed(FORMAT, bOffset, "expected batch event, got event " + b);
        }
        if (b == Wire.EXPERIMENTAL_BATCH) {
            int e = in.read();
            if (e < 0) {
                throw GoParseException.truncated(FORMAT, in.offset(), "experiment id: EOF", 1, 0);
            }
            bExp = e;
        }
        bGen = in.uvarint("batch gen");
        bM = in.uvarint("batch M ID");
        bTicks = in.uvarint("batch timestamp");
        long sizeOffset = in.offset();
        long size = in.uvarint("batch size");
        if (Long.compareUnsigned(size, Wire.MAX_BATCH_SIZE) > 0) {
            throw GoParseException.malformed(FORMAT, sizeOffset, "invalid batch size " + Long.toUnsignedString(size)
                    + ", maximum is " + Wire.MAX_BATCH_SIZE);
        }
        bSize = (int) size;
        bDataOffset = in.offset();
        // Implementation note: a trace in an array is not copied: its event batches are ordered where they lie
        // (TraceBenchmark).
        int at = in.take(bSize);
        if (at >= 0) {
            bData = in.array();
            bStart = at;
        } else {
            int n = in.readFully(data, 0, bSize);
            if (n != bSize) {
                throw GoParseException.truncated(FORMAT, in.offset(), "failed to read full batch: read " + n
                        + " but wanted " + bSize, bSize, n);
            }
            bData = data;
            bStart = 0;
        }
        // An event batch whose data starts with the end-of-generation byte counts as that marker, as in Go.
        if (bExp == 0 && bSize > 0 && (bData[bStart] & 0xFF) == Wire.END_OF_GENERATION) {
            bEnd = true;
        }
        return true;
    }

    private Result readUntilEnd() throws IOException {
        Generation g = null;
        long gen = 0;
        while (true) {
            if (!readBatch()) {
                if (g != null) {
                    throw GoParseException.truncated(FORMAT, in.offset(),
                            "incomplete generation found; trace likely truncated", 1, 0);
                }
                return new Result(null, null);
            }
            if (gen == 0) {
                gen = bGen;
            }
            if (g == null) {
                g = newGeneration(gen);
            }
            if (bEnd) {
                break;
            }
            if (bGen == 0) {
                throw GoParseException.malformed(FORMAT, bOffset, "invalid generation number 0");
            }
            if (bGen != g.gen) {
                throw GoParseException.malformed(FORMAT, bOffset,
                        "broken trace: missing end-of-generation event, or generations are interleaved");
            }
            if (g.minTicks == 0 || Long.compareUnsigned(bTicks, g.minTicks) < 0) {
                g.minTicks = bTicks;
            }
            process(g, bM, bTicks, bExp, bData, bStart, bSize, bOffset, bDataOffset);
        }
        finish(g, bOffset);
        return new Result(g, null);
    }

    private Result readWithSpill() throws IOException {
        Generation g = null;
        if (spill != null) {
            Spill s = spill;
            spill = null;
            g = newGeneration(s.gen);
            g.minTicks = s.ticks;
            process(g, s.m, s.ticks, s.exp, s.data, 0, s.data.length, s.offset, s.dataOffset);
        }
        GoParseException deferred = null;
        long endOffset;
        while (true) {
            endOffset = in.offset();
            try {
                if (!readBatch()) {
                    break;
                }
            } catch (GoParseException e) {
                if (g != null) {
                    deferred = e;
                    break;
                }
                throw e;
            }
            if (bGen == 0) {
                throw GoParseException.malformed(FORMAT, bOffset, "invalid generation number 0");
            }
            if (g == null) {
                g = newGeneration(bGen);
            }
            if (bGen == g.gen + 1) {
                spill = new Spill(bGen, bM, bTicks, bExp,
                        java.util.Arrays.copyOfRange(bData, bStart, bStart + bSize), bOffset, bDataOffset);
                break;
            }
            if (bGen != g.gen) {
                throw GoParseException.malformed(FORMAT, bOffset, "generations out of order");
            }
            if (g.minTicks == 0 || Long.compareUnsigned(bTicks, g.minTicks) < 0) {
                g.minTicks = bTicks;
            }
            process(g, bM, bTicks, bExp, bData, bStart, bSize, bOffset, bDataOffset);
        }
        if (g == null) {
            g = newGeneration(0);
        }
        finish(g, endOffset);
        return new Result(g, deferred);
    }

    /** Whether the end of the trace was reached with nothing spilled (before Go 1.26). */
    boolean hasSpill() {
        return spill != null;
    }

    private void finish(Generation g, long offset) throws GoParseException {
        Tables t = g.tables;
        t.strings.compact();
        t.stacks.compact();
        if (!t.hasFrequency) {
            throw GoParseException.malformed(FORMAT, offset, "no frequency event found");
        }
        if (minor >= 25 && !t.hasClockSnapshot) {
            throw GoParseException.malformed(FORMAT, offset, "no clock snapshot event found");
        }
        long[] bad = new long[3];
        t.stacks.forEach((pcs, id) -> {
            for (long pc : pcs) {
                long[] f = t.frames.get(pc);
                if (bad[2] == 0 && !t.strings.contains(f[0])) {
                    bad[0] = f[0];
                    bad[1] = id;
                    bad[2] = 1;
                } else if (bad[2] == 0 && !t.strings.contains(f[1])) {
                    bad[0] = f[1];
                    bad[1] = id;
                    bad[2] = 2;
                }
            }
        });
        if (bad[2] != 0) {
            throw GoParseException.malformed(FORMAT, offset, "found invalid " + (bad[2] == 1 ? "func" : "file")
                    + " string ID " + Long.toUnsignedString(bad[0]) + " for stack " + Long.toUnsignedString(bad[1]));
        }
        g.finishSamples();
    }

    private void process(Generation g, long m, long ticks, int exp, byte[] d, int start, int size, long offset,
                         long dataOffset) throws GoParseException {
        int first = size > 0 ? d[start] & 0xFF : -1;
        if (exp == 0 && first == Wire.STRINGS) {
            addStrings(g.tables, fromZero(d, start, size), size, dataOffset);
        } else if (exp == 0 && first == Wire.STACKS) {
            addStacks(g.tables, fromZero(d, start, size), size, dataOffset);
        } else if (exp == 0 && first == Wire.CPU_SAMPLES) {
            addSamples(g, fromZero(d, start, size), size, dataOffset);
        } else if (exp == 0 && ((first == Wire.FREQUENCY && minor < 25) || (first == Wire.SYNC && minor >= 25))) {
            setSync(g.tables, fromZero(d, start, size), size, ticks, dataOffset);
        } else if (exp != 0) {
            g.tables.experimental.add(new Tables.ExperimentalData(exp, m,
                    java.util.Arrays.copyOfRange(d, start, start + size)));
        } else if (first == Wire.END_OF_GENERATION) {
            throw GoParseException.malformed(FORMAT, offset,
                    "internal error: unexpectedly processing EndOfGeneration; broken trace?");
        } else {
            Generation.Batches b = g.threads.get(m);
            if (b == null) {
                b = new Generation.Batches(m);
                g.threads.put(m, b);
                g.threadOrder.add(m);
            }
            if (g.bytes() + size > limits.maxRecordSize()) {
                throw GoParseException.limitExceeded(FORMAT, offset, "maxRecordSize", g.bytes() + size,
                        limits.maxRecordSize());
            }
            long at = d == in.array() ? g.placeInPlace(d, start, size) : g.place(d, size);
            int from = (int) at;
            b.add((int) (at >>> 32), from, from + size, ticks, dataOffset);
        }
    }

    /** {@return a batch's bytes from index 0: as they are, or copied to the reader's own array} */
    private byte[] fromZero(byte[] d, int start, int size) {
        if (start == 0) {
            return d;
        }
        System.arraycopy(d, start, data, 0, size);
        return data;
    }

    /** A cursor over one batch's bytes with Go's uvarint rules. */
    private static final class Bytes {
        final byte[] d;
        final int end;
        final long base;
        int pos;

        Bytes(byte[] d, int size, long base) {
            this.d = d;
            this.end = size;
            this.base = base;
            this.pos = 1;
        }

        boolean more() {
            return pos < end;
        }

        long offset() {
            return base + pos;
        }

        int u8() throws GoParseException {
            if (pos >= end) {
                throw GoParseException.truncated(FORMAT, offset(), "EOF", 1, 0);
            }
            return d[pos++] & 0xFF;
        }

        long uvarint() throws GoParseException {
            long x = 0;
            int shift = 0;
            long start = offset();
            for (int i = 0; ; i++) {
                if (pos >= end) {
                    throw GoParseException.truncated(FORMAT, offset(), i == 0 ? "EOF" : "unexpected EOF", 1, 0);
                }
                int b = d[pos++] & 0xFF;
                if (i == 9 && b > 1) {
                    throw GoParseException.malformed(FORMAT, start, "varint overflows a 64-bit integer");
                }
                if (b < 0x80) {
                    return x | ((long) b << shift);
                }
                x |= (long) (b & 0x7F) << shift;
                shift += 7;
            }
        }
    }

    private void addStrings(Tables t, byte[] d, int size, long base) throws GoParseException {
        Bytes r = new Bytes(d, size, base);
        while (r.more()) {
            long at = r.offset();
            int ev = r.u8();
            if (ev != Wire.STRING) {
                throw GoParseException.malformed(FORMAT, at, "expected string event, got " + ev);
            }
            long id = r.uvarint();
            long len = r.uvarint();
            if (Long.compareUnsigned(len, Wire.MAX_STRING_SIZE) > 0) {
                throw GoParseException.malformed(FORMAT, at, "invalid string size " + Long.toUnsignedString(len)
                        + ", maximum is " + Wire.MAX_STRING_SIZE);
            }
            int n = (int) Math.min(len, r.end - r.pos);
            if (n != len) {
                throw GoParseException.truncated(FORMAT, r.offset(), "failed to read full string: read " + n
                        + " but wanted " + len, len, n);
            }
            // Invalid UTF-8 (never written by the runtime) decodes with replacement characters.
            String s = new String(d, r.pos, n, StandardCharsets.UTF_8);
            r.pos += n;
            if (!t.strings.insert(id, s)) {
                throw GoParseException.malformed(FORMAT, at, "multiple strings with the same ID: id="
                        + Long.toUnsignedString(id) + ", new=" + s + ", existing=" + t.strings.get(id));
            }
            if (t.strings.size() > limits.maxTableEntries()) {
                throw GoParseException.limitExceeded(FORMAT, at, "maxTableEntries", t.strings.size(),
                        limits.maxTableEntries());
            }
        }
    }

    private void addStacks(Tables t, byte[] d, int size, long base) throws GoParseException {
        Bytes r = new Bytes(d, size, base);
        while (r.more()) {
            long at = r.offset();
            int ev = r.u8();
            if (ev != Wire.STACK) {
                throw GoParseException.malformed(FORMAT, at, "expected stack event, got " + ev);
            }
            long id = r.uvarint();
            long n = r.uvarint();
            if (Long.compareUnsigned(n, Wire.MAX_FRAMES_PER_STACK) > 0) {
                throw GoParseException.malformed(FORMAT, at, "invalid stack size " + Long.toUnsignedString(n)
                        + ", maximum is " + Wire.MAX_FRAMES_PER_STACK);
            }
            long[] pcs = new long[(int) n];
            for (int i = 0; i < n; i++) {
                long pc = r.uvarint();
                long func = r.uvarint();
                long file = r.uvarint();
                long line = r.uvarint();
                pcs[i] = pc;
                t.addFrame(pc, func, file, line);
            }
            if (!t.stacks.insert(id, pcs)) {
                throw GoParseException.malformed(FORMAT, at, "multiple stacks with the same ID: id="
                        + Long.toUnsignedString(id));
            }
            if (t.stacks.size() > limits.maxTableEntries()) {
                throw GoParseException.limitExceeded(FORMAT, at, "maxTableEntries", t.stacks.size(),
                        limits.maxTableEntries());
            }
        }
    }

    private void addSamples(Generation g, byte[] d, int size, long base) throws GoParseException {
        Bytes r = new Bytes(d, size, base);
        while (r.more()) {
            long at = r.offset();
            int ev = r.u8();
            if (ev != Wire.CPU_SAMPLE) {
                throw GoParseException.malformed(FORMAT, at, "expected CPU sample event, got " + ev);
            }
            long ts = r.uvarint();
            long m = r.uvarint();
            long p = r.uvarint();
            long goid = r.uvarint();
            long stack = r.uvarint();
            g.addSample(ts, m, p, goid == 0 ? -1 : goid, stack);
        }
    }

    private void setSync(Tables t, byte[] d, int size, long batchTicks, long base) throws GoParseException {
        Bytes r = new Bytes(d, size, base);
        r.pos = 0;
        if (minor >= 25) {
            int hdr = r.u8();
            if (hdr != Wire.SYNC) {
                throw GoParseException.malformed(FORMAT, base, "missing sync batch header");
            }
        }
        long last = batchTicks;
        while (r.more()) {
            long at = r.offset();
            int ev = r.u8();
            if (ev == Wire.FREQUENCY) {
                if (t.hasFrequency) {
                    throw GoParseException.malformed(FORMAT, at, "found multiple frequency events");
                }
                long f = r.uvarint();
                if (f == 0) {
                    // Go would divide by zero and give every event an undefined time; refuse instead.
                    throw GoParseException.malformed(FORMAT, at, "invalid frequency 0");
                }
                t.setFrequency(f >= 0 ? (double) f : (double) (f >>> 1) * 2.0);
            } else if (ev == Wire.CLOCK_SNAPSHOT && minor >= 25) {
                if (t.hasClockSnapshot) {
                    throw GoParseException.malformed(FORMAT, at, "found multiple clock snapshot events");
                }
                t.hasClockSnapshot = true;
                last += r.uvarint();
                t.snapshotTicks = last;
                t.snapshotMono = r.uvarint();
                t.snapshotSeconds = r.uvarint();
                t.snapshotNanos = r.uvarint();
                // Go takes any int64; a wall clock a million years out is corrupt, and would overflow an Instant.
                if (Math.abs(t.snapshotSeconds) > MAX_WALL_SECONDS || Math.abs(t.snapshotNanos) > MAX_WALL_SECONDS) {
                    throw GoParseException.malformed(FORMAT, at, "clock snapshot wall clock out of range: "
                            + t.snapshotSeconds + " s " + t.snapshotNanos + " ns");
                }
            } else {
                throw GoParseException.malformed(FORMAT, at, "expected frequency or clock snapshot event, got "
                        + ev);
            }
        }
    }
}
