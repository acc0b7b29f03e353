package dev.gopherlens.trace.internal.v2;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.core.Limits;
import dev.gopherlens.trace.internal.EventSource;
import dev.gopherlens.trace.internal.RawEvent;
import dev.gopherlens.trace.internal.Tables;
import dev.gopherlens.trace.internal.Wire;

import java.io.IOException;
import java.io.InputStream;

/**
 * Streams a v2 trace (Go 1.22 on) as ordered events: reads one generation, merges its threads' batches into one
 * timeline through {@link Ordering}, emits a Sync at each generation's start and one at the end.
 *
 * <p>The merge is the one of internal/trace/reader.go (Go 1.27): a min-heap of per-thread cursors keyed by their
 * next event's time, with Go's exact sift rules so that events with equal times come out in Go's order; when the
 * earliest thread cannot go on, the others are tried in time order. CPU samples are interleaved by time. Times are
 * forced strictly increasing over the whole output, as Go does. Memory is one generation.
 */
public final class V2Reader implements EventSource {
    private static final String FORMAT = WireInput.FORMAT;

    private final InputStream stream;
    private final int minor;
    private final GenerationReader generations;
    private final Ordering order = new Ordering();
    /** Syncs and CPU samples, which the reader makes itself. */
    private final RawEvent special = new RawEvent();

    private Generation gen;
    private Cursor[] frontier = new Cursor[0];
    private int frontierSize;
    private int sample;
    private long lastTs;
    private int syncs;
    private boolean done;
    private boolean started;
    private GoParseException pending;
    private boolean pendingSynced;

    /**
     * Starts reading a trace whose 16-byte header has been read.
     *
     * @param in     the bytes after the header; closed by {@link #close()}
     * @param minor  the header's minor version (22 on)
     * @param limits the limits
     */
    public V2Reader(InputStream in, int minor, Limits limits) {
        this.stream = in;
        this.minor = minor;
        this.generations = new GenerationReader(new WireInput(in, 16), minor, limits);
    }

    /**
     * Starts reading a trace in an array, in place: its event batches are ordered where they lie, not copied.
     *
     * @param array  the whole trace, header included; not to be changed while read
     * @param from   the index of its first byte after the 16-byte header
     * @param to     the index past its last byte
     * @param minor  the header's minor version (22 on)
     * @param limits the limits
     */
    public V2Reader(byte[] array, int from, int to, int minor, Limits limits) {
        this.stream = InputStream.nullInputStream();
        this.minor = minor;
        this.generations = new GenerationReader(new WireInput(array, from, to, 16), minor, limits);
    }

    /** One thread's position in its batches, with its next event decoded. */
    private static final class Cursor {
        final long m;
        Ordering.MState state;
        final Generation.Batches batches;
        int idx;
        int pos = -1;
        long lastTs;
        /** The time of {@link #ev}, kept here for the heap's comparisons. */
        long time;
        /** The event decoded next; alternates between two objects, as the last one may be queued or handed out. */
        RawEvent ev = new RawEvent();
        private RawEvent other = new RawEvent();

        /** Switches to the other event object, once the current one went into the order queue. */
        void flip() {
            RawEvent t = ev;
            ev = other;
            other = t;
        }

        Cursor(long m, Generation.Batches batches) {
            this.m = m;
            this.batches = batches;
        }

        /** Where {@link #varint} stopped. */
        private int next;
        /** The current batch's bytes, its end, and the file offset of the chunk's index 0 for it. */
        private byte[] data;
        private int end;
        private long batchBase;

        /**
         * Decodes one varint argument and sets {@link #next} past it. Implementation note: one and two bytes (nearly
         * every delta, id and sequence number) are decoded here, longer ones by {@link #varint} (TraceBenchmark).
         */
        private long read(byte[] a, int p, int end, long offset, String error) throws GoParseException {
            if (p >= end) {
                throw GoParseException.malformed(FORMAT, offset, error);
            }
            long v = a[p];
            if (v >= 0) {
                next = p + 1;
                return v;
            }
            if (p + 1 < end && a[p + 1] >= 0) {
                next = p + 2;
                return (v & 0x7F) | ((long) a[p + 1] << 7);
            }
            return varint(a, p, end, offset, error);
        }

        /** Decodes an unsigned LEB128 varint as Go's binary.Uvarint does, and sets {@link #next} past it. */
        private long varint(byte[] a, int p, int end, long offset, String error) throws GoParseException {
            long v = 0;
            int shift = 0;
            for (int i = 0; ; i++) {
                if (p >= end || i == 10 || (i == 9 && (a[p] & 0xFF) > 1)) {
                    throw GoParseException.malformed(FORMAT, offset, error);
                }
                int b = a[p++];
                v |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    next = p;
                    return v;
                }
                shift += 7;
            }
        }

        /** Moves to the next batch that holds an event; false when there is none. */
        private boolean nextBatch(Generation g) {
            if (pos >= 0) {
                idx++;
            }
            while (idx < batches.count && batches.start[idx] == batches.end[idx]) {
                idx++;
            }
            if (idx >= batches.count) {
                pos = 0;
                end = 0;
                return false;
            }
            int chunk = batches.chunk[idx];
            data = chunk == Generation.IN_PLACE ? g.inPlace : g.chunks.get(chunk);
            pos = batches.start[idx];
            end = batches.end[idx];
            batchBase = batches.fileOffset[idx] - pos;
            lastTs = g.tables.ns(batches.ticks[idx]);
            return true;
        }

        private static GoParseException badType(int type, long offset) {
            if (type >= Wire.TYPE_LIMIT) {
                return GoParseException.malformed(FORMAT, offset, "found invalid event type: " + type);
            }
            return GoParseException.malformed(FORMAT, offset, "found event without a timestamp: type=" + type);
        }

        // Implementation note: the batch change and the errors are methods of their own, so that this one stays
        // small enough for the JIT to inline where it is hot (TraceBenchmark).
        /** Decodes the thread's next event; false when its batches are done. */
        boolean next(Generation g) throws GoParseException {
            if ((pos < 0 || pos == end) && !nextBatch(g)) {
                return false;
            }
            int p = pos;
            Tables t = g.tables;
            byte[] a = data;
            int end = this.end;
            long offset = batchBase + p;
            int type = a[p++] & 0xFF;
            int n = Wire.timedArgs(type);
            if (n < 0) {
                throw badType(type, offset);
            }
            RawEvent e = ev;
            e.type = type;
            e.offset = offset;
            if (e.tables != t) {
                e.tables = t;
            }
            long dt = read(a, p, end, offset, "found invalid uvarint for timestamp");
            p = next;
            long[] args = e.args;
            // Every argument cleared with five stores, not a loop from n: the loop's exit, which depends on the
            // event type, was a branch mispredicted often (TraceBenchmark).
            args[4] = 0;
            args[3] = 0;
            args[2] = 0;
            args[1] = 0;
            args[0] = 0;
            for (int k = 0; k < n; k++) {
                args[k] = read(a, p, end, offset, "found invalid uvarint");
                p = next;
            }
            e.oldState = 0;
            if (e.taskName != null) {
                e.taskName = null;
            }
            e.taskParent = 0;
            e.time = t.ns(dt) + lastTs;
            lastTs = e.time;
            time = e.time;
            pos = p;
            return true;
        }
    }

    @Override
    public void trackGoroutineSlots() {
        order.trackSubjects();
    }

    @Override
    public RawEvent next() throws IOException {
        RawEvent out = nextUnchecked();
        if (out == null) {
            return null;
        }
        validateIds(out);
        if (out.time <= lastTs) {
            out.time = lastTs + 1;
        }
        lastTs = out.time;
        return out;
    }

    // Implementation note: the runtime numbers ids densely from 1, so an event's ids are nearly always within the
    // tables' runs from 1; one packed lookup of the type's id arguments and two unsigned comparisons of their ORs (an
    // OR is never below either operand) clear them without a lookup per id. Anything else takes the exact checks,
    // which give Go's error for the first bad id (TraceBenchmark).
    private static void validateIds(RawEvent e) throws GoParseException {
        int ids = Wire.idArgs(e.type);
        if (ids == 0) {
            return;
        }
        long[] a = e.args;
        Tables t = e.tables;
        long stacks = a[ids & 7] | a[(ids >>> 3) & 7];
        long strings = a[(ids >>> 6) & 7] | a[(ids >>> 9) & 7];
        if (Long.compareUnsigned(stacks, t.stacks.run()) > 0 || Long.compareUnsigned(strings, t.strings.run()) > 0) {
            validateEachId(e);
        }
    }

    private static void validateEachId(RawEvent e) throws GoParseException {
        int type = e.type;
        Tables t = e.tables;
        int s1 = Wire.stackIdArg(type, 0);
        if (s1 >= 0) {
            checkStack(e, t, s1);
            int s2 = Wire.stackIdArg(type, 1);
            if (s2 >= 0) {
                checkStack(e, t, s2);
            }
        }
        int r1 = Wire.stringIdArg(type, 0);
        if (r1 >= 0) {
            checkString(e, t, r1);
            int r2 = Wire.stringIdArg(type, 1);
            if (r2 >= 0) {
                checkString(e, t, r2);
            }
        }
    }

    private static void checkStack(RawEvent e, Tables t, int arg) throws GoParseException {
        long id = e.args[arg];
        if (id != 0 && !t.stacks.contains(id)) {
            throw GoParseException.malformed(FORMAT, e.offset, "found invalid stack ID " + Long.toUnsignedString(id)
                    + " for event " + Wire.name(e.type));
        }
    }

    private static void checkString(RawEvent e, Tables t, int arg) throws GoParseException {
        long id = e.args[arg];
        if (id != 0 && !t.strings.contains(id)) {
            throw GoParseException.malformed(FORMAT, e.offset, "found invalid string ID "
                    + Long.toUnsignedString(id) + " for event " + Wire.name(e.type));
        }
    }

    private RawEvent sync(Tables tables, long time) {
        syncs++;
        RawEvent out = special;
        out.set(Wire.SYNTHETIC_SYNC, time, -1, -1, -1, tables);
        out.args[0] = syncs;
        return out;
    }

    private RawEvent nextUnchecked() throws IOException {
        if (done) {
            return null;
        }
        RawEvent queued = order.poll();
        if (queued != null) {
            return queued;
        }
        if (frontierSize == 0 && (gen == null || sample == gen.samples)) {
            return nextGeneration();
        }
        if (gen.samples > sample && (frontierSize == 0 || gen.sampleTime[sample] < frontier[0].time)) {
            return nextSample();
        }
        if (frontierSize == 0) {
            throw GoParseException.malformed(FORMAT, -1, "broken trace: frontier is empty");
        }
        RawEvent advanced = tryAdvance(0);
        if (advanced == null) {
            advanced = advanceAnother();
        }
        if (order.tookOwn()) {
            return advanced;
        }
        RawEvent out = order.poll();
        if (out == null) {
            throw new IllegalStateException("an advanced event was not queued");
        }
        return out;
    }

    // Implementation note: what is not the common case (CPU samples, a thread that must wait for another) is in
    // methods of its own, so that nextUnchecked stays small enough for the JIT to inline (TraceBenchmark).
    private RawEvent nextSample() {
        int i = sample++;
        RawEvent out = special;
        out.set(Wire.CPU_SAMPLE, gen.sampleTime[i], gen.sampleM[i], gen.sampleP[i], gen.sampleG[i], gen.tables);
        out.args[0] = gen.sampleStack[i];
        return out;
    }

    /** Advances the earliest thread that can go on, when the very earliest cannot; gives the event it advanced. */
    private RawEvent advanceAnother() throws GoParseException {
        rootLimitKnown = false;
        // Implementation note: insertion sort is stable, as Go's sort is for the few threads a trace has.
        for (int i = 1; i < frontierSize; i++) {
            Cursor c = frontier[i];
            int j = i - 1;
            while (j >= 0 && frontier[j].time > c.time) {
                frontier[j + 1] = frontier[j];
                j--;
            }
            frontier[j + 1] = c;
        }
        for (int i = 1; i < frontierSize; i++) {
            RawEvent advanced = tryAdvance(i);
            if (advanced != null) {
                return advanced;
            }
        }
        throw GoParseException.malformed(FORMAT, frontier[0].ev.offset,
                "broken trace: failed to advance: frontier: [gen=" + gen.gen + "] " + dumpFrontier());
    }

    private String dumpFrontier() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < frontierSize; i++) {
            Cursor c = frontier[i];
            sb.append(i == 0 ? "" : "; ").append("M ").append(c.m).append(" [").append(c.ev).append(']');
        }
        return sb.toString();
    }

    /** Tries to advance a thread of the frontier; gives the event it advanced, null if it must wait. */
    private RawEvent tryAdvance(int i) throws GoParseException {
        Cursor c = frontier[i];
        if (c.state == null && c.m != -1) {
            c.state = order.thread(c.m);
        }
        RawEvent advanced = c.ev;
        if (!order.advance(advanced, c.m, c.state, gen.gen)) {
            return null;
        }
        c.flip();
        if (c.next(gen)) {
            update(i);
        } else {
            remove(i);
        }
        return advanced;
    }

    private RawEvent nextGeneration() throws IOException {
        if (minor < 26) {
            if (pending != null) {
                if (pendingSynced) {
                    done = true;
                    throw pending;
                }
                pendingSynced = true;
                return sync(null, lastTs);
            }
            if (started && !generations.hasSpill()) {
                done = true;
                return sync(null, lastTs);
            }
            started = true;
            GenerationReader.Result r;
            generations.release();
            try {
                r = generations.next();
            } catch (GoParseException e) {
                // Go reports a generation that failed to load after a Sync.
                gen = null;
                pending = e;
                pendingSynced = true;
                return sync(null, lastTs);
            }
            pending = r.deferred();
            return install(r.generation());
        }
        if (pending != null) {
            done = true;
            throw pending;
        }
        GenerationReader.Result r;
        generations.release();
        try {
            r = generations.next();
        } catch (GoParseException e) {
            gen = null;
            pending = e;
            return sync(null, lastTs);
        }
        return install(r.generation());
    }

    private RawEvent install(Generation g) throws GoParseException {
        if (g == null) {
            gen = null;
            done = true;
            return sync(null, lastTs);
        }
        gen = g;
        sample = 0;
        frontierSize = 0;
        rootLimitKnown = false;
        if (frontier.length < g.threadOrder.size()) {
            frontier = new Cursor[g.threadOrder.size()];
        }
        for (long m : g.threadOrder) {
            Cursor c = new Cursor(m, g.threads.get(m));
            if (c.next(g)) {
                insert(c);
            }
        }
        return sync(g.tables, g.tables.ns(g.minTicks));
    }

    // The heap, with the sift rules of Go's batchcursor.go so that equal times resolve as Go resolves them.

    private void insert(Cursor c) {
        rootLimitKnown = false;
        frontier[frontierSize++] = c;
        siftUp(frontierSize - 1);
    }

    // Implementation note: a thread's events come in runs, so after its event the earliest thread is most often
    // still the root; the earlier of the root's children is kept, and the root compared with it alone until one of
    // them moves (TraceBenchmark).
    /** The earlier time of the root's two children, when {@link #rootLimitKnown}. */
    private long rootLimit;
    private boolean rootLimitKnown;

    private void update(int i) {
        if (i == 0) {
            if (!rootLimitKnown) {
                long l = frontierSize > 1 ? frontier[1].time : Long.MAX_VALUE;
                long r = frontierSize > 2 ? frontier[2].time : Long.MAX_VALUE;
                rootLimit = Math.min(l, r);
                rootLimitKnown = true;
            }
            // What siftDown would find: no child strictly earlier than the root.
            if (frontier[0].time <= rootLimit) {
                return;
            }
        }
        rootLimitKnown = false;
        if (siftUp(i) != i) {
            return;
        }
        siftDown(i);
    }

    private void remove(int i) {
        rootLimitKnown = false;
        Cursor[] h = frontier;
        while (i > 0) {
            int parent = (i - 1) / 2;
            Cursor t = h[parent];
            h[parent] = h[i];
            h[i] = t;
            i = parent;
        }
        int last = frontierSize - 1;
        Cursor t = h[0];
        h[0] = h[last];
        h[last] = t;
        h[last] = null;
        frontierSize--;
        siftDown(0);
    }

    private int siftUp(int i) {
        Cursor[] h = frontier;
        while (i > 0 && h[(i - 1) / 2].time > h[i].time) {
            int parent = (i - 1) / 2;
            Cursor t = h[parent];
            h[parent] = h[i];
            h[i] = t;
            i = parent;
        }
        return i;
    }

    private int siftDown(int i) {
        Cursor[] h = frontier;
        while (true) {
            int min = i;
            long minT = i < frontierSize ? h[i].time : Long.MAX_VALUE;
            int l = 2 * i + 1;
            int r = 2 * i + 2;
            if (l < frontierSize && h[l].time < minT) {
                min = l;
                minT = h[l].time;
            }
            if (r < frontierSize && h[r].time < minT) {
                min = r;
            }
            if (min == i) {
                return i;
            }
            Cursor t = h[i];
            h[i] = h[min];
            h[min] = t;
            i = min;
        }
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }

    @Override
    public String toString() {
        return "V2Reader[go 1." + minor + ", generation " + (gen == null ? "-" : Long.toString(gen.gen)) + "]";
    }
}
