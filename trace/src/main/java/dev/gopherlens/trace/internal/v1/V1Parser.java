package dev.gopherlens.trace.internal.v1;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.core.Limits;
import dev.gopherlens.core.internal.ByteReader;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.gopherlens.trace.internal.v1.V1EventType.*;

/**
 * Parses a whole v1 trace (headers {@code go 1.11}, {@code go 1.19}, {@code go 1.21}) into a {@link V1Trace}, with
 * the events in the order Go 1.27's {@code internal/tracev1} gives them and its errors.
 *
 * <p>The steps follow {@code internal/tracev1/parser.go} and {@code order.go} (Go 1.27):
 * <ol>
 * <li>Index: one pass over the file records where each P's batches start and collects the CPU samples.</li>
 * <li>Merge: each P offers the next event of its current batch, decoded a whole batch at a time when needed. An
 * event is ready when the goroutine transition it implies fits the goroutine's current state and sequence
 * number; of the ready events the earliest (in ticks) is taken. When none is ready while some remain, the trace
 * has no consistent ordering.</li>
 * <li>The merged stream must be sorted by ticks; then syscall exits that carry the real time of the exit get that
 * time, and the stream is sorted again, stably.</li>
 * <li>Ticks become nanoseconds from the first event; unblocks by the timer goroutine and syscall exits move to
 * pseudo-Ps; then the validation of {@link V1Validator} runs.</li>
 * </ol>
 *
 * <p>Where Go's result depends on map iteration order (which of several events with equal ticks on different
 * Ps comes first, the order CPU samples with equal times keep), this parser takes the event that comes first in
 * the file, so its output is deterministic. Not thread-safe; each call to {@link #parse} uses its own instance.
 */
public final class V1Parser {
    static final String FORMAT = "trace";
    /** Go's {@code noseq} and {@code unordered}: {@code ^uint64(0)}. */
    static final long NO_SEQ = -1L;
    /** Go's {@code seqinc} and {@code garbage}: {@code ^uint64(0) - 1}. */
    static final long SEQ_INC = -2L;
    static final byte DEAD = 0;
    static final byte RUNNABLE = 1;
    static final byte RUNNING = 2;
    static final byte WAITING = 3;

    private static final int HEADER_LENGTH = 16;
    /** internal/tracev1/parser.go (Go 1.27): the largest length-prefixed argument block. */
    private static final int MAX_ARG_BYTES = 2048;
    /** internal/tracev1/parser.go (Go 1.27): the longest string and UserLog message. */
    private static final long MAX_GO_STRING = 1_000_000;
    /** internal/tracev1/parser.go (Go 1.27): the most frames in a stack. */
    private static final long MAX_GO_FRAMES = 1000;
    /** The most events the column arrays can hold: the argument column has four longs per event. */
    private static final int MAX_EVENTS = (Integer.MAX_VALUE - 16) / 4;

    private final byte[] data;
    private final int minor;
    private final Limits limits;
    private final ByteReader in;
    /** The arguments of the event being decoded; a length-prefixed block of 2048 bytes holds at most 2048. */
    private final long[] scratch = new long[MAX_ARG_BYTES + 1];

    // Batches, from the index pass, in file order; batches of one P are chained through batchNext.
    private int batchCount;
    private int[] batchStart = new int[16];
    private int[] batchEnd = new int[16];
    private int[] batchEvents = new int[16];
    private int[] batchNext = new int[16];
    private int[] batchPid = new int[16];
    /** P ids (as Go's int32) to their queue of unread batches. */
    private final LongIndex pids = new LongIndex(16);
    private int[] pidValue = new int[16];
    private int[] pidHead = new int[16];
    private int[] pidTail = new int[16];
    /** The goroutine last running on each P when its previous batch ended (Go's lastGs). */
    private long[] pidLastG = new long[16];
    /** The most events in one batch of each P: the size of its decoding buffer. */
    private int[] pidMaxEvents = new int[16];
    private long eventTotal;

    // CPU samples, from the index pass.
    private int sampleCount;
    private long[] sampleTicks = new long[16];
    private long[] sampleP = new long[16];
    private long[] sampleG = new long[16];
    private int[] sampleStack = new int[16];
    private int[] sampleOffset = new int[16];

    // Tables, filled as batches are decoded.
    private final LongIndex stringIds = new LongIndex(256);
    private String[] stringText = new String[256];
    private final Map<String, Integer> inlineIds = new HashMap<>();
    private final List<String> inlineText = new ArrayList<>();
    private final LongIndex stackIds = new LongIndex(256);
    private int[] stackStart = new int[256];
    private int[] stackDepth = new int[256];
    private long[] pcPool = new long[1024];
    private int pcPoolSize;
    private final LongIndex pcs = new LongIndex(1024);
    private long[] pcFunc = new long[1024];
    private long[] pcFile = new long[1024];
    private long[] pcLine = new long[1024];
    private final LongIndex timerGoroutines = new LongIndex(4);
    private long ticksPerSec;

    // Decoding state of the batch being decoded.
    private long lastTicks;
    private long lastG;
    private int lastP;
    private int messageStart;
    private int messageLength;

    // Ordering state: Go's gs map of goroutine sequence numbers and statuses.
    private final LongIndex goroutines = new LongIndex(1024);
    private long[] gSeq = new long[1024];
    private byte[] gStatus = new byte[1024];
    /** How many procs wait on each goroutine (or the GC). */
    private int[] gWaiters = new int[1024];
    private Proc[] heap;
    private int heapSize;
    /** The needs procs wait on ({@link #waitKey}), to the first waiting proc; procs chain through nextWaiter. */
    private final LongIndex waitKeys = new LongIndex(64);
    private int[] waitHead = new int[64];
    private int waiting;
    /** The index in {@link #goroutines} of the key the last transition changed. */
    private int changed;

    // The merged events, column-wise.
    private int n;
    private byte[] outType;
    private long[] outTime;
    private int[] outP;
    private long[] outG;
    private long[] outArgs;
    private int[] outStack;
    private int[] outOffset;

    /** One P's stream: the decoded events of its current batch, and where it stands in the merge. */
    private static final class Proc {
        final int index;
        /** The queue of batches this proc reads, or -1 (the CPU-sample proc when no batch has P 1000005). */
        final int queue;
        long[] ticks;
        byte[] type;
        int[] p;
        long[] g;
        long[] args;
        int[] stack;
        int[] offset;
        int head;
        int count;
        boolean done;
        long waitKey;
        int nextWaiter = -1;
        /** What the event at head needs: a goroutine (or the GC), or {@link #NO_SEQ} for nothing. */
        long needKey;
        long needSeq;
        byte needStatus;
        /** The state the event at head leaves its goroutine in; a sequence of NO_SEQ or SEQ_INC is relative. */
        long nextSeq;
        byte nextStatus;
        /** The index in {@link #goroutines} of needKey, or -1 when not known yet. */
        int keyIndex;
        /** The ticks and offset of the event at head, the heap's key. */
        long headTicks;
        int headOffset;

        Proc(int index, int queue, int capacity) {
            this.index = index;
            this.queue = queue;
            allocate(capacity);
        }

        void allocate(int capacity) {
            ticks = new long[capacity];
            type = new byte[capacity];
            p = new int[capacity];
            g = new long[capacity];
            args = new long[4 * capacity];
            stack = new int[capacity];
            offset = new int[capacity];
        }
    }

    private V1Parser(byte[] data, int minor, Limits limits) {
        this.data = data;
        this.minor = minor;
        this.limits = limits;
        this.in = ByteReader.of(FORMAT, data);
    }

    /**
     * Parses a v1 trace.
     *
     * @param file   the whole file, header included; not modified, not kept
     * @param minor  the header's minor version, 11, 19 or 21, which the caller has validated
     * @param limits bounds on strings, stacks and tables
     * @return the ordered events and tables
     * @throws GoParseException if the trace is malformed, truncated, cannot be ordered, fails Go's validation, or
     *                          exceeds the limits; the reason carries Go's message
     */
    public static V1Trace parse(byte[] file, int minor, Limits limits) throws GoParseException {
        if (minor != 11 && minor != 19 && minor != 21) {
            throw new IllegalArgumentException("not a v1 trace version: 1." + minor);
        }
        if (file.length < HEADER_LENGTH) {
            throw GoParseException.truncated(FORMAT, 0, "header", HEADER_LENGTH, file.length);
        }
        return new V1Parser(file, minor, limits).run();
    }

    private V1Trace run() throws GoParseException {
        index();
        merge();
        checkSorted();
        applySyscallExitTimes();
        if (ticksPerSec == 0) {
            throw error(-1, "no EvFrequency event");
        }
        long minTicks = n > 0 ? outTime[0] : 0;
        toNanoseconds(minTicks);
        new V1Validator(stackIds).validate(n, outType, outTime, outP, outG, outArgs, outStack, outOffset);
        return build(minTicks);
    }

    private GoParseException error(long offset, String reason) {
        return GoParseException.malformed(FORMAT, offset, reason);
    }

    private static String unsigned(long v) {
        return Long.toUnsignedString(v);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Pass 1: batch index and CPU samples (Go's collectBatchesAndCPUSamples).

    private void index() throws GoParseException {
        in.position(HEADER_LENGTH);
        int current = -1;
        scan:
        while (in.hasRemaining()) {
            int off = in.position();
            int head = in.u8();
            int type = head & 0x3f;
            int narg = (head >>> 6) + 1;
            checkType(type, off);
            int args = 0;
            switch (type) {
                case STRING:
                    // The entry is checked when its batch is decoded; here it is only stepped over.
                    in.uvarint();
                    skipOrFail(in.uvarint(), off);
                    continue scan;
                case BATCH:
                    current = batchHeader(narg, off);
                    break;
                default:
                    if (narg <= 3) {
                        for (int i = 0; i < narg; i++) {
                            in.uvarint();
                        }
                    } else {
                        long size = argBlockSize(type, off);
                        if (type == CPU_SAMPLE) {
                            args = readArgBlock(size, off);
                        } else {
                            skipOrFail(size, off);
                        }
                        if (type == USER_LOG) {
                            long length = in.uvarint();
                            if (Long.compareUnsigned(length, in.remaining()) > 0) {
                                // Go's skip returns io.EOF here, which ends the index pass without an error.
                                break scan;
                            }
                            in.skip(length);
                        }
                    }
                    break;
            }
            if (current < 0) {
                throw error(off, "read event " + type + " with current P of 0, but P has no batches yet");
            }
            batchEvents[current]++;
            eventTotal++;
            if (type == CPU_SAMPLE) {
                addSample(args, off);
            }
        }
        for (int b = 0; b < batchCount; b++) {
            batchEnd[b] = b + 1 < batchCount ? batchStart[b + 1] : data.length;
            int q = batchPid[b];
            pidMaxEvents[q] = Math.max(pidMaxEvents[q], batchEvents[b]);
        }
        long limit = Math.min(limits.maxTableEntries(), MAX_EVENTS);
        if (eventTotal > limit) {
            throw GoParseException.limitExceeded(FORMAT, HEADER_LENGTH, "maxTableEntries", eventTotal, limit);
        }
    }

    private void checkType(int type, int off) throws GoParseException {
        if (type == NONE || type >= COUNT || (type == CPU_SAMPLE && minor < 19)) {
            throw error(off, "unknown event type " + type);
        }
    }

    private void skipOrFail(long length, int off) throws GoParseException {
        if (Long.compareUnsigned(length, in.remaining()) > 0) {
            throw GoParseException.truncated(FORMAT, in.offset(), "data of event at 0x" + Integer.toHexString(off)
                    + " (failed to read trace: EOF)", length < 0 ? Long.MAX_VALUE : length, in.remaining());
        }
        in.skip(length);
    }

    /** Reads a Batch header's arguments, records the batch and returns its index. */
    private int batchHeader(int narg, int off) throws GoParseException {
        if (narg != 2) {
            throw error(off, "EvBatch has wrong number of arguments: got " + narg + ", want 2");
        }
        long pid = in.uvarint();
        if (pid != -1L && Long.compareUnsigned(pid, Integer.MAX_VALUE) > 0) {
            // Go prints math.MaxUint as the maximum, though it tests against math.MaxInt32.
            throw error(off, "processor ID " + unsigned(pid) + " is larger than maximum of "
                    + unsigned(-1L));
        }
        in.uvarint();
        int p = (int) pid;
        int q = pids.find(p);
        if (q < 0) {
            q = pids.add(p);
            pidValue = pids.fit(pidValue);
            pidHead = pids.fit(pidHead);
            pidTail = pids.fit(pidTail);
            pidLastG = pids.fit(pidLastG);
            pidMaxEvents = pids.fit(pidMaxEvents);
            pidValue[q] = p;
            pidHead[q] = -1;
            pidTail[q] = -1;
        }
        int b = batchCount;
        if (b == batchStart.length) {
            if (b >= limits.maxTableEntries()) {
                throw GoParseException.limitExceeded(FORMAT, off, "maxTableEntries", b + 1L,
                        limits.maxTableEntries());
            }
            int cap = b * 2;
            batchStart = Arrays.copyOf(batchStart, cap);
            batchEnd = Arrays.copyOf(batchEnd, cap);
            batchEvents = Arrays.copyOf(batchEvents, cap);
            batchNext = Arrays.copyOf(batchNext, cap);
            batchPid = Arrays.copyOf(batchPid, cap);
        }
        batchCount++;
        batchStart[b] = off;
        batchPid[b] = q;
        batchNext[b] = -1;
        if (pidTail[q] < 0) {
            pidHead[q] = b;
        } else {
            batchNext[pidTail[q]] = b;
        }
        pidTail[q] = b;
        return b;
    }

    private long argBlockSize(int type, int off) throws GoParseException {
        long size = in.uvarint();
        if (Long.compareUnsigned(size, MAX_ARG_BYTES) > 0) {
            throw error(off, "failed to read event " + type + " argument: length-prefixed argument too big: "
                    + unsigned(size) + " bytes, limit is " + MAX_ARG_BYTES);
        }
        return size;
    }

    /** Reads the varints of a length-prefixed argument block into {@link #scratch}; returns their count. */
    private int readArgBlock(long size, int off) throws GoParseException {
        if (size > in.remaining()) {
            throw GoParseException.truncated(FORMAT, in.offset(), "arguments of the event at 0x"
                    + Integer.toHexString(off) + " (failed to read trace: unexpected EOF)", size, in.remaining());
        }
        // The block is at most 2048 bytes; its varints are decoded here, each bounded by the block's end, as
        // Go's binary.Uvarint does with the block as its buffer.
        byte[] d = data;
        int p = in.position();
        int end = p + (int) size;
        int count = 0;
        while (p < end) {
            int start = p;
            long v = 0;
            for (int shift = 0; ; shift += 7) {
                if (p == end || shift > 63) {
                    throw error(start, "malformatted base-128 varint (in the arguments of the event at 0x"
                            + Integer.toHexString(off) + ")");
                }
                byte b = d[p++];
                if (shift == 63 && (b & 0xff) > 1) {
                    throw error(start, "malformatted base-128 varint (in the arguments of the event at 0x"
                            + Integer.toHexString(off) + ")");
                }
                v |= (long) (b & 0x7f) << shift;
                if (b >= 0) {
                    break;
                }
            }
            scratch[count++] = v;
        }
        in.position(end);
        return count;
    }

    private void addSample(int args, int off) throws GoParseException {
        if (args != 5) {
            throw error(off, "CPU sample has wrong number of arguments: want 5, got " + args);
        }
        int s = sampleCount;
        if (s == sampleTicks.length) {
            int cap = s * 2;
            sampleTicks = Arrays.copyOf(sampleTicks, cap);
            sampleP = Arrays.copyOf(sampleP, cap);
            sampleG = Arrays.copyOf(sampleG, cap);
            sampleStack = Arrays.copyOf(sampleStack, cap);
            sampleOffset = Arrays.copyOf(sampleOffset, cap);
        }
        sampleCount++;
        // Arguments: emission delta, real ticks, p, g, stack. The delta is ignored; the sample's time is the real
        // ticks, its P and G its own.
        sampleTicks[s] = scratch[1];
        sampleP[s] = scratch[2];
        sampleG[s] = scratch[3];
        sampleStack[s] = (int) scratch[4];
        sampleOffset[s] = off;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Batch decoding (Go's loadBatch, readRawEvent and parseEvent).

    /** Decodes the proc's next non-empty batch, or marks it done when its P has none left. */
    private void load(Proc proc) throws GoParseException {
        proc.head = 0;
        proc.count = 0;
        while (proc.count == 0) {
            int b = proc.queue < 0 ? -1 : pidHead[proc.queue];
            if (b < 0) {
                proc.done = true;
                return;
            }
            pidHead[proc.queue] = batchNext[b];
            decodeBatch(b, proc);
        }
    }

    private void decodeBatch(int b, Proc proc) throws GoParseException {
        in.window(batchStart[b], batchEnd[b]);
        // The header was checked by the index pass: type byte, p, ticks.
        in.u8();
        in.uvarint();
        lastTicks = in.uvarint();
        int q = batchPid[b];
        lastP = pidValue[q];
        lastG = pidLastG[q];
        if (proc.ticks.length < batchEvents[b]) {
            proc.allocate(batchEvents[b]);
        }
        while (in.hasRemaining()) {
            int off = in.position();
            int head = in.u8();
            int type = head & 0x3f;
            int narg = (head >>> 6) + 1;
            checkType(type, off);
            if (type == STRING) {
                readString(off);
                continue;
            }
            if (type == BATCH) {
                break;
            }
            int count;
            if (narg <= 3) {
                for (int i = 0; i < narg; i++) {
                    scratch[i] = in.uvarint();
                }
                count = narg;
            } else {
                count = readArgBlock(argBlockSize(type, off), off);
                if (type == USER_LOG) {
                    readMessage(off);
                }
            }
            if (type != CPU_SAMPLE) {
                parseEvent(proc, type, count, off);
            }
        }
        pidLastG[q] = lastG;
    }

    private void readString(int off) throws GoParseException {
        long id = in.uvarint();
        if (id == 0) {
            throw error(off, "string has invalid id 0");
        }
        if (stringIds.find(id) >= 0) {
            throw error(off, "string has duplicate id " + unsigned(id));
        }
        long length = in.uvarint();
        if (length == 0) {
            throw error(off, "string has invalid length 0");
        }
        if (Long.compareUnsigned(length, MAX_GO_STRING) > 0) {
            throw error(off, "string has too large length " + unsigned(length));
        }
        if (length > limits.maxStringLength()) {
            throw GoParseException.limitExceeded(FORMAT, off, "maxStringLength", length, limits.maxStringLength());
        }
        if (length > in.remaining()) {
            throw GoParseException.truncated(FORMAT, in.offset(), "string (failed to read trace: unexpected EOF)",
                    length, in.remaining());
        }
        if (stringIds.size() >= limits.maxTableEntries()) {
            throw GoParseException.limitExceeded(FORMAT, off, "maxTableEntries", stringIds.size() + 1L,
                    limits.maxTableEntries());
        }
        String s = new String(data, in.position(), (int) length, StandardCharsets.UTF_8);
        in.skip(length);
        int i = stringIds.add(id);
        if (i == stringText.length) {
            stringText = Arrays.copyOf(stringText, i * 2);
        }
        stringText[i] = s;
    }

    private void readMessage(int off) throws GoParseException {
        long length = in.uvarint();
        if (Long.compareUnsigned(length, MAX_GO_STRING) > 0) {
            throw error(off, "string is too large (len=" + unsigned(length) + ")");
        }
        if (length > limits.maxStringLength()) {
            throw GoParseException.limitExceeded(FORMAT, off, "maxStringLength", length, limits.maxStringLength());
        }
        if (length > in.remaining()) {
            throw GoParseException.truncated(FORMAT, in.offset(),
                    "UserLog message (failed to read trace: unexpected EOF)", length, in.remaining());
        }
        messageStart = in.position();
        messageLength = (int) length;
        in.skip(length);
    }

    private void parseEvent(Proc proc, int type, int count, int off) throws GoParseException {
        boolean stack = hasStack(type);
        int want;
        if (type == STACK) {
            want = count;
        } else if (type == FREQUENCY || type == TIMER_GOROUTINE) {
            want = argCount(type);
        } else {
            want = argCount(type) + (stack ? 2 : 1);
        }
        if (count != want) {
            throw error(off, name(type) + " has wrong number of arguments: want " + want + ", got " + count);
        }
        switch (type) {
            case FREQUENCY:
                ticksPerSec = scratch[0];
                if (ticksPerSec <= 0) {
                    throw error(off, "time stamps out of order (Frequency " + unsigned(scratch[0]) + ")");
                }
                return;
            case TIMER_GOROUTINE:
                timerGoroutines.add(scratch[0]);
                return;
            case STACK:
                parseStack(count, off);
                return;
            default:
                break;
        }
        int k = proc.count++;
        long ticks = lastTicks + scratch[0];
        lastTicks = ticks;
        long[] args = proc.args;
        int a = 4 * k;
        args[a] = 0;
        args[a + 1] = 0;
        args[a + 2] = 0;
        args[a + 3] = 0;
        int stackId = 0;
        int last = count - 1;
        for (int i = 1; i < count; i++) {
            if (i == last && stack) {
                stackId = (int) scratch[i];
            } else {
                args[a + i - 1] = scratch[i];
            }
        }
        long g = lastG;
        switch (type) {
            case GO_START: case GO_START_LOCAL: case GO_START_LABEL:
                lastG = args[a];
                g = lastG;
                break;
            case GO_END: case GO_STOP: case GO_SCHED: case GO_PREEMPT: case GO_SLEEP: case GO_BLOCK:
            case GO_BLOCK_SEND: case GO_BLOCK_RECV: case GO_BLOCK_SELECT: case GO_BLOCK_SYNC: case GO_BLOCK_COND:
            case GO_BLOCK_NET: case GO_SYS_BLOCK: case GO_BLOCK_GC:
                lastG = 0;
                break;
            case GO_SYS_EXIT: case GO_WAITING: case GO_IN_SYSCALL:
                g = args[a];
                break;
            case USER_LOG:
                args[a + 3] = internMessage(off);
                break;
            default:
                break;
        }
        proc.ticks[k] = ticks;
        proc.type[k] = (byte) type;
        proc.p[k] = lastP;
        proc.g[k] = g;
        proc.stack[k] = stackId;
        proc.offset[k] = off;
    }

    private int internMessage(int off) throws GoParseException {
        // Go keys messages by their bytes; ISO-8859-1 maps bytes to chars one to one.
        String key = new String(data, messageStart, messageLength, StandardCharsets.ISO_8859_1);
        Integer id = inlineIds.get(key);
        if (id != null) {
            return id;
        }
        if (inlineText.size() >= limits.maxTableEntries()) {
            throw GoParseException.limitExceeded(FORMAT, off, "maxTableEntries", inlineText.size() + 1L,
                    limits.maxTableEntries());
        }
        int next = inlineText.size();
        inlineIds.put(key, next);
        inlineText.add(new String(data, messageStart, messageLength, StandardCharsets.UTF_8));
        return next;
    }

    private void parseStack(int count, int off) throws GoParseException {
        if (count < 2) {
            throw error(off, "EvStack has wrong number of arguments: want at least 2, got " + count);
        }
        long frames = scratch[1];
        if (Long.compareUnsigned(frames, MAX_GO_FRAMES) > 0) {
            throw error(off, "EvStack has bad number of frames: " + unsigned(frames));
        }
        if (frames > limits.maxStackDepth()) {
            throw GoParseException.limitExceeded(FORMAT, off, "maxStackDepth", frames, limits.maxStackDepth());
        }
        long want = 2 + 4 * frames;
        if (count != want) {
            throw error(off, "EvStack has wrong number of arguments: want " + want + ", got " + count);
        }
        long id = Integer.toUnsignedLong((int) scratch[0]);
        if (id == 0 || frames == 0) {
            return;
        }
        int depth = (int) frames;
        int s = stackIds.find(id);
        if (s < 0) {
            if (stackIds.size() >= limits.maxTableEntries()) {
                throw GoParseException.limitExceeded(FORMAT, off, "maxTableEntries", stackIds.size() + 1L,
                        limits.maxTableEntries());
            }
            s = stackIds.add(id);
            stackStart = stackIds.fit(stackStart);
            stackDepth = stackIds.fit(stackDepth);
        }
        if (pcPoolSize + depth > pcPool.length) {
            pcPool = Arrays.copyOf(pcPool, Math.max(pcPoolSize + depth, pcPool.length * 2));
        }
        // A stack id seen again replaces the stack (Go's map assignment); a pc keeps the frame it was first seen with.
        stackStart[s] = pcPoolSize;
        stackDepth[s] = depth;
        for (int i = 0; i < depth; i++) {
            long pc = scratch[2 + 4 * i];
            pcPool[pcPoolSize++] = pc;
            if (pcs.find(pc) < 0) {
                int f = pcs.add(pc);
                pcFunc = pcs.fit(pcFunc);
                pcFile = pcs.fit(pcFile);
                pcLine = pcs.fit(pcLine);
                pcFunc[f] = scratch[3 + 4 * i];
                pcFile[f] = scratch[4 + 4 * i];
                pcLine[f] = scratch[5 + 4 * i];
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Pass 2: merge (Go's parseEventBatches with order.go's state machine).

    // Implementation note: Go rescans every P that is not in its frontier heap after each event, which costs
    // O(events x Ps) and lets a small hostile file with many stuck Ps take quadratic time. A P whose next event
    // is not ready can only become ready when the one goroutine (or the GC) that event names reaches the status
    // and sequence number it needs, so here such a P waits in a list keyed by that need and is rechecked only
    // when a transition meets it. The heap holds the same events as Go's at every step; ties in ticks are
    // broken by file offset where Go's depend on map order.
    private void merge() throws GoParseException {
        int queues = pids.size();
        Proc[] procs = new Proc[queues + 1];
        for (int q = 0; q < queues; q++) {
            procs[q] = new Proc(q, q, pidMaxEvents[q]);
        }
        Proc samples = new Proc(queues, pids.find(V1Trace.PROFILE_P), 0);
        fillSamples(samples);
        procs[queues] = samples;
        heap = new Proc[procs.length];
        int capacity = (int) eventTotal;
        outType = new byte[capacity];
        outTime = new long[capacity];
        outP = new int[capacity];
        outG = new long[capacity];
        outArgs = new long[4 * capacity];
        outStack = new int[capacity];
        outOffset = new int[capacity];

        for (Proc proc : procs) {
            if (proc.count == 0) {
                load(proc);
            }
            if (!proc.done) {
                offer(proc);
            }
        }
        while (heapSize > 0) {
            Proc top = heap[0];
            emit(top, top.head);
            long key = transition(top);
            top.head++;
            if (top.head == top.count) {
                load(top);
            }
            if (!top.done && ready(top)) {
                heapReplaceTop(top);
            } else {
                heapRemoveTop();
                if (!top.done) {
                    addWaiter(top);
                }
            }
            if (key != NO_SEQ && gWaiters[changed] > 0) {
                // Wake the procs whose next event needs exactly the goroutine's new state.
                int i = changed;
                wake(waitKey(key, gStatus[i], NO_SEQ), procs);
                wake(waitKey(key, gStatus[i], gSeq[i]), procs);
            }
        }
        if (waiting > 0) {
            int first = Integer.MAX_VALUE;
            for (Proc proc : procs) {
                if (!proc.done) {
                    first = Math.min(first, proc.offset[proc.head]);
                }
            }
            throw error(first, "no consistent ordering of events possible");
        }
    }

    private void fillSamples(Proc proc) {
        int count = sampleCount;
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        // Go sorts the samples by their real ticks (not stably); equal times keep file order here.
        stableSort(order, count, sampleTicks);
        proc.allocate(count);
        for (int i = 0; i < count; i++) {
            int s = order[i];
            proc.ticks[i] = sampleTicks[s];
            proc.type[i] = CPU_SAMPLE;
            proc.p[i] = (int) sampleP[s];
            proc.g[i] = sampleG[s];
            proc.args[4 * i + 1] = sampleP[s];
            proc.args[4 * i + 2] = sampleG[s];
            proc.stack[i] = sampleStack[s];
            proc.offset[i] = sampleOffset[s];
        }
        proc.count = count;
    }

    private void offer(Proc proc) {
        if (ready(proc)) {
            heapPush(proc);
        } else {
            addWaiter(proc);
        }
    }

    private void emit(Proc proc, int h) {
        int i = n++;
        int type = proc.type[h];
        // The Local variants only guide the ordering.
        if (type == GO_START_LOCAL) {
            type = GO_START;
        } else if (type == GO_UNBLOCK_LOCAL) {
            type = GO_UNBLOCK;
        } else if (type == GO_SYS_EXIT_LOCAL) {
            type = GO_SYS_EXIT;
        }
        outType[i] = (byte) type;
        outTime[i] = proc.ticks[h];
        outP[i] = proc.p[h];
        outG[i] = proc.g[h];
        long[] a = proc.args;
        long[] o = outArgs;
        o[4 * i] = a[4 * h];
        o[4 * i + 1] = a[4 * h + 1];
        o[4 * i + 2] = a[4 * h + 2];
        o[4 * i + 3] = a[4 * h + 3];
        outStack[i] = proc.stack[h];
        outOffset[i] = proc.offset[h];
    }

    /**
     * Tells whether the proc's next event may be merged now (order.go's stateTransition + transitionReady), and
     * keeps in the proc what the event needs and what it changes, for {@link #transition} and the wait lists.
     */
    private boolean ready(Proc proc) {
        int h = proc.head;
        proc.headTicks = proc.ticks[h];
        proc.headOffset = proc.offset[h];
        int type = proc.type[h];
        long g = proc.g[h];
        long a0 = proc.args[4 * h];
        long a1 = proc.args[4 * h + 1];
        long key;
        long seq;
        byte status;
        long nextSeq;
        byte nextStatus;
        switch (type) {
            case GO_CREATE:
                key = a0;
                seq = 0;
                status = DEAD;
                nextSeq = 1;
                nextStatus = RUNNABLE;
                break;
            case GO_WAITING: case GO_IN_SYSCALL:
                key = g;
                seq = 1;
                status = RUNNABLE;
                nextSeq = 2;
                nextStatus = WAITING;
                break;
            case GO_START: case GO_START_LABEL:
                key = g;
                seq = a1;
                status = RUNNABLE;
                nextSeq = a1 + 1;
                nextStatus = RUNNING;
                break;
            case GO_START_LOCAL:
                key = g;
                seq = NO_SEQ;
                status = RUNNABLE;
                nextSeq = SEQ_INC;
                nextStatus = RUNNING;
                break;
            case GO_BLOCK: case GO_BLOCK_SEND: case GO_BLOCK_RECV: case GO_BLOCK_SELECT: case GO_BLOCK_SYNC:
            case GO_BLOCK_COND: case GO_BLOCK_NET: case GO_SLEEP: case GO_SYS_BLOCK: case GO_BLOCK_GC:
                key = g;
                seq = NO_SEQ;
                status = RUNNING;
                nextSeq = NO_SEQ;
                nextStatus = WAITING;
                break;
            case GO_SCHED: case GO_PREEMPT:
                key = g;
                seq = NO_SEQ;
                status = RUNNING;
                nextSeq = NO_SEQ;
                nextStatus = RUNNABLE;
                break;
            case GO_UNBLOCK: case GO_SYS_EXIT:
                key = a0;
                seq = a1;
                status = WAITING;
                nextSeq = a1 + 1;
                nextStatus = RUNNABLE;
                break;
            case GO_UNBLOCK_LOCAL: case GO_SYS_EXIT_LOCAL:
                key = a0;
                seq = NO_SEQ;
                status = WAITING;
                nextSeq = SEQ_INC;
                nextStatus = RUNNABLE;
                break;
            case GC_START:
                key = SEQ_INC;
                seq = a0;
                status = DEAD;
                nextSeq = a0 + 1;
                nextStatus = DEAD;
                break;
            default:
                proc.needKey = NO_SEQ;
                return true;
        }
        proc.needKey = key;
        // A goroutine id of 2^64-1 is Go's "unordered" marker, whatever the event.
        if (key == NO_SEQ) {
            return true;
        }
        proc.needSeq = seq;
        proc.needStatus = status;
        proc.nextSeq = nextSeq;
        proc.nextStatus = nextStatus;
        int i = goroutines.find(key);
        proc.keyIndex = i;
        long currentSeq = i < 0 ? 0 : gSeq[i];
        byte currentStatus = i < 0 ? DEAD : gStatus[i];
        if ((seq == NO_SEQ || seq == currentSeq) && status == currentStatus) {
            return true;
        }
        if (i < 0) {
            // A goroutine Go's map lacks reads as sequence 0, dead: adding it so does not change the ordering.
            proc.keyIndex = addGoroutine(key);
        }
        proc.waitKey = waitKey(key, status, seq);
        return false;
    }

    /**
     * Names the state a waiting event needs: a goroutine (or the GC), a status, and a sequence number or
     * {@link #NO_SEQ} for any. Distinct needs may share a key; a woken proc is checked again, so that costs time
     * only.
     */
    private static long waitKey(long key, byte status, long seq) {
        long h = key * 0x9E3779B97F4A7C15L;
        h ^= Long.rotateLeft(seq * 0xC2B2AE3D27D4EB4FL, 29);
        h ^= status * 0x165667B19E3779F9L;
        return h ^ (h >>> 31);
    }

    private int addGoroutine(long key) {
        int i = goroutines.add(key);
        gSeq = goroutines.fit(gSeq);
        gStatus = goroutines.fit(gStatus);
        gWaiters = goroutines.fit(gWaiters);
        return i;
    }

    /**
     * Applies the state change of the event at the head of the proc, which {@link #ready} found ready when the
     * proc entered the heap (order.go's transition).
     *
     * @return the key whose state changed, or {@link #NO_SEQ} when the event is unordered
     */
    private long transition(Proc proc) throws GoParseException {
        long key = proc.needKey;
        if (key == NO_SEQ) {
            return NO_SEQ;
        }
        int i = proc.keyIndex >= 0 ? proc.keyIndex : goroutines.find(key);
        long currentSeq = i < 0 ? 0 : gSeq[i];
        byte currentStatus = i < 0 ? DEAD : gStatus[i];
        long seq = proc.needSeq;
        // Events in the heap were ready when they entered it; another P's event for the same goroutine may have
        // changed its state since (order.go notes this is only seen with corrupt data).
        if (!((seq == NO_SEQ || seq == currentSeq) && proc.needStatus == currentStatus)) {
            throw error(proc.offset[proc.head], "encountered impossible goroutine state transition");
        }
        long nextSeq = proc.nextSeq;
        if (nextSeq == NO_SEQ) {
            nextSeq = currentSeq;
        } else if (nextSeq == SEQ_INC) {
            nextSeq = currentSeq + 1;
        }
        if (i < 0) {
            i = addGoroutine(key);
        }
        gSeq[i] = nextSeq;
        gStatus[i] = proc.nextStatus;
        changed = i;
        return key;
    }

    private void addWaiter(Proc proc) {
        int k = waitKeys.find(proc.waitKey);
        if (k < 0) {
            k = waitKeys.add(proc.waitKey);
            if (k == waitHead.length) {
                waitHead = Arrays.copyOf(waitHead, 2 * k);
            }
            waitHead[k] = -1;
        }
        proc.nextWaiter = waitHead[k];
        waitHead[k] = proc.index;
        gWaiters[proc.keyIndex]++;
        waiting++;
    }

    private void wake(long key, Proc[] procs) {
        int k = waitKeys.find(key);
        if (k < 0) {
            return;
        }
        int p = waitHead[k];
        waitHead[k] = -1;
        while (p >= 0) {
            Proc proc = procs[p];
            p = proc.nextWaiter;
            proc.nextWaiter = -1;
            gWaiters[proc.keyIndex]--;
            waiting--;
            offer(proc);
        }
    }

    private static boolean before(Proc a, Proc b) {
        long ta = a.headTicks;
        long tb = b.headTicks;
        return ta < tb || (ta == tb && a.headOffset < b.headOffset);
    }

    private void heapPush(Proc proc) {
        int j = heapSize++;
        while (j > 0) {
            int parent = (j - 1) >>> 1;
            if (!before(proc, heap[parent])) {
                break;
            }
            heap[j] = heap[parent];
            j = parent;
        }
        heap[j] = proc;
    }

    private void heapRemoveTop() {
        Proc last = heap[--heapSize];
        heap[heapSize] = null;
        if (heapSize > 0) {
            siftDown(last);
        }
    }

    private void heapReplaceTop(Proc proc) {
        siftDown(proc);
    }

    private void siftDown(Proc proc) {
        int i = 0;
        int size = heapSize;
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && before(heap[child + 1], heap[child])) {
                child++;
            }
            if (!before(heap[child], proc)) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = proc;
    }

    // ---------------------------------------------------------------------------------------------------------
    // After the merge.

    private void checkSorted() throws GoParseException {
        long[] t = outTime;
        for (int i = 1; i < n; i++) {
            if (t[i] < t[i - 1]) {
                throw error(outOffset[i], "time stamps out of order");
            }
        }
    }

    /**
     * Gives syscall exits that carry the real exit time that time, then sorts the events again, stably. The
     * moved events are few: they are sorted apart and merged back into the others from the end.
     */
    private void applySyscallExitTimes() throws GoParseException {
        LongIndex blocked = new LongIndex(64);
        long[] blockTicks = new long[64];
        int[] moved = new int[16];
        int k = 0;
        for (int i = 0; i < n; i++) {
            int type = outType[i];
            if (type == GO_SYS_BLOCK || type == GO_IN_SYSCALL) {
                int b = blocked.add(outG[i]);
                blockTicks = blocked.fit(blockTicks);
                blockTicks[b] = outTime[i];
            } else if (type == GO_SYS_EXIT) {
                long real = outArgs[4 * i + 2];
                if (real == 0) {
                    continue;
                }
                int b = blocked.find(outG[i]);
                long block = b < 0 ? 0 : blockTicks[b];
                if (block == 0) {
                    throw error(outOffset[i], "stray syscall exit");
                }
                if (real < block) {
                    throw error(outOffset[i], "time stamps out of order (syscall exit before its block)");
                }
                outTime[i] = real;
                if (k == moved.length) {
                    moved = Arrays.copyOf(moved, k * 2);
                }
                moved[k++] = i;
            }
        }
        if (k > 0) {
            resort(moved, k);
        }
    }

    /** Sorts the events stably by time, given that only the events at the positions {@code moved} are out of place. */
    private void resort(int[] moved, int k) {
        // Set the moved events aside, sorted by their new time (stably: ties keep their position order).
        int[] order = Arrays.copyOf(moved, k);
        stableSort(order, k, outTime);
        byte[] mType = new byte[k];
        long[] mTime = new long[k];
        int[] mP = new int[k];
        long[] mG = new long[k];
        long[] mArgs = new long[4 * k];
        int[] mStack = new int[k];
        int[] mOffset = new int[k];
        for (int j = 0; j < k; j++) {
            int i = order[j];
            mType[j] = outType[i];
            mTime[j] = outTime[i];
            mP[j] = outP[i];
            mG[j] = outG[i];
            System.arraycopy(outArgs, 4 * i, mArgs, 4 * j, 4);
            mStack[j] = outStack[i];
            mOffset[j] = outOffset[i];
        }
        // Close the gaps: the others keep their order, and they are sorted.
        int w = 0;
        int next = 0;
        for (int i = 0; i < n; i++) {
            if (next < k && moved[next] == i) {
                next++;
                continue;
            }
            if (w != i) {
                move(i, w);
            }
            w++;
        }
        // Merge from the end; the write position never passes the next unread event of the others. On equal
        // times the event that came later before sorting goes later; an unmoved event's original position is its
        // compacted position plus the number of moved positions before it.
        int u = n - k - 1;
        int c = k - 1;
        int q = k;
        for (int dest = n - 1; c >= 0; dest--) {
            boolean takeMoved;
            if (u < 0) {
                takeMoved = true;
            } else {
                while (q > 0 && moved[q - 1] >= u + q) {
                    q--;
                }
                long tu = outTime[u];
                takeMoved = mTime[c] > tu || (mTime[c] == tu && order[c] > u + q);
            }
            if (takeMoved) {
                outType[dest] = mType[c];
                outTime[dest] = mTime[c];
                outP[dest] = mP[c];
                outG[dest] = mG[c];
                System.arraycopy(mArgs, 4 * c, outArgs, 4 * dest, 4);
                outStack[dest] = mStack[c];
                outOffset[dest] = mOffset[c];
                c--;
            } else {
                move(u, dest);
                u--;
            }
        }
    }

    private void move(int from, int to) {
        outType[to] = outType[from];
        outTime[to] = outTime[from];
        outP[to] = outP[from];
        outG[to] = outG[from];
        System.arraycopy(outArgs, 4 * from, outArgs, 4 * to, 4);
        outStack[to] = outStack[from];
        outOffset[to] = outOffset[from];
    }

    /** Sorts {@code idx[0..count)} by {@code key[idx[i]]}, keeping the given order on ties (merge sort). */
    static void stableSort(int[] idx, int count, long[] key) {
        if (count < 2) {
            return;
        }
        int[] tmp = new int[count];
        for (int width = 1; width < count; width *= 2) {
            for (int lo = 0; lo < count; lo += 2 * width) {
                int mid = Math.min(lo + width, count);
                int hi = Math.min(lo + 2 * width, count);
                int i = lo;
                int j = mid;
                int w = lo;
                while (i < mid && j < hi) {
                    tmp[w++] = key[idx[j]] < key[idx[i]] ? idx[j++] : idx[i++];
                }
                while (i < mid) {
                    tmp[w++] = idx[i++];
                }
                while (j < hi) {
                    tmp[w++] = idx[j++];
                }
            }
            System.arraycopy(tmp, 0, idx, 0, count);
        }
    }

    private void toNanoseconds(long minTicks) {
        double nsPerTick = 1e9 / (double) ticksPerSec;
        for (int i = 0; i < n; i++) {
            outTime[i] = goInt64((double) (outTime[i] - minTicks) * nsPerTick);
            int type = outType[i];
            if (type == GO_UNBLOCK && timerGoroutines.size() > 0 && timerGoroutines.find(outG[i]) >= 0) {
                outP[i] = V1Trace.TIMER_P;
            }
            if (type == GO_SYS_EXIT) {
                outP[i] = V1Trace.SYSCALL_P;
            }
        }
    }

    /** Converts as Go's {@code int64(f)} does on amd64: values out of range (and NaN) become the minimum. */
    static long goInt64(double f) {
        if (f >= 0x1p63 || f < -0x1p63 || f != f) {
            return Long.MIN_VALUE;
        }
        return (long) f;
    }

    private V1Trace build(long minTicks) {
        long[] stringKeys = stringIds.keys();
        int[] order = sortedUnsigned(stringKeys);
        long[] ids = new long[order.length];
        String[] texts = new String[order.length];
        for (int j = 0; j < order.length; j++) {
            ids[j] = stringKeys[order[j]];
            texts[j] = stringText[order[j]];
        }
        long[] stackKeys = stackIds.keys();
        int[] stackOrder = sortedUnsigned(stackKeys);
        int stackCount = stackOrder.length;
        long[] sortedStackIds = new long[stackCount];
        int[] starts = new int[stackCount + 1];
        int frameCount = 0;
        for (int s : stackOrder) {
            frameCount += stackDepth[s];
        }
        long[] frames = new long[4 * frameCount];
        int f = 0;
        for (int j = 0; j < stackCount; j++) {
            int s = stackOrder[j];
            sortedStackIds[j] = stackKeys[s];
            starts[j] = f;
            for (int d = 0; d < stackDepth[s]; d++) {
                long pc = pcPool[stackStart[s] + d];
                int info = pcs.find(pc);
                frames[4 * f] = pc;
                frames[4 * f + 1] = pcFunc[info];
                frames[4 * f + 2] = pcFile[info];
                frames[4 * f + 3] = pcLine[info];
                f++;
            }
        }
        starts[stackCount] = f;
        return new V1Trace(minor, ticksPerSec, minTicks, n, outType, outTime, outP, outG, outArgs, outStack,
                outOffset, ids, texts, inlineText.toArray(new String[0]), sortedStackIds, starts, frames);
    }

    /** Orders indexes of keys by the keys as unsigned numbers. */
    private static int[] sortedUnsigned(long[] keys) {
        long[] flipped = new long[keys.length];
        int[] order = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            flipped[i] = keys[i] ^ Long.MIN_VALUE;
            order[i] = i;
        }
        stableSort(order, keys.length, flipped);
        return order;
    }
}
