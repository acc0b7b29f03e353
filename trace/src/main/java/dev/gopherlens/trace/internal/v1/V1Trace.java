package dev.gopherlens.trace.internal.v1;

/**
 * A whole v1 trace as Go 1.27's {@code internal/tracev1.Parse} returns it: the events in Go's order with times
 * in nanoseconds from the first event, the string table, the UserLog messages and the stack table.
 *
 * <p>Events are stored column-wise and addressed by their index {@code 0 <= i < size()}. Per event:
 * {@link #type(int)} (the Local variants already renamed), {@link #time(int)}, {@link #p(int)} (a real P, -1, or
 * one of the pseudo-Ps {@link #TIMER_P}… {@link #PROFILE_P} where Go moves the event), {@link #g(int)},
 * {@link #arg(int, int)} (Go's {@code Event.Args}: the arguments after the timestamp without the stack id; for
 * UserLog {@code arg(i, 3)} is the index of the message in {@link #inlineString(int)}; for CPUSample
 * {@code 0, p, g}), {@link #stackId(int)} (0 when none or when the stack is missing or empty) and
 * {@link #offset(int)}, the file offset of the event's type byte. Immutable once built; the arrays are not
 * exposed, so the object is safe to share between threads.
 */
public final class V1Trace {
    /** Go's {@code FakeP}: the base of the pseudo-P ids. */
    public static final int FAKE_P = 1000000;
    /** Unblocks done by the timer goroutine. */
    public static final int TIMER_P = 1000001;
    /** Unblocks of goroutines blocked on the network. */
    public static final int NETPOLL_P = 1000002;
    /** Syscall exits. */
    public static final int SYSCALL_P = 1000003;
    /** GC starts. */
    public static final int GC_P = 1000004;
    /** The pseudo-P whose batch holds the CPU samples while ordering (their own P stays in {@link #p}). */
    public static final int PROFILE_P = 1000005;

    private final int minor;
    private final long frequency;
    private final long minTicks;
    private final int size;
    private final byte[] types;
    private final long[] times;
    private final int[] ps;
    private final long[] gs;
    private final long[] args;
    private final int[] stacks;
    private final int[] offsets;
    private final long[] stringIds;
    private final String[] strings;
    private final String[] inlineStrings;
    private final long[] stackIds;
    private final int[] stackStarts;
    private final long[] frames;

    V1Trace(int minor, long frequency, long minTicks, int size, byte[] types, long[] times, int[] ps, long[] gs,
            long[] args, int[] stacks, int[] offsets, long[] stringIds, String[] strings, String[] inlineStrings,
            long[] stackIds, int[] stackStarts, long[] frames) {
        this.minor = minor;
        this.frequency = frequency;
        this.minTicks = minTicks;
        this.size = size;
        this.types = types;
        this.times = times;
        this.ps = ps;
        this.gs = gs;
        this.args = args;
        this.stacks = stacks;
        this.offsets = offsets;
        this.stringIds = stringIds;
        this.strings = strings;
        this.inlineStrings = inlineStrings;
        this.stackIds = stackIds;
        this.stackStarts = stackStarts;
        this.frames = frames;
    }

    /** {@return the header's minor version: 11, 19 or 21} */
    public int minor() {
        return minor;
    }

    /** {@return the trace clock's ticks per second, from the Frequency event} */
    public long frequency() {
        return frequency;
    }

    /** {@return the ticks of the first event, which is time 0; 0 when there are no events} */
    public long minTicks() {
        return minTicks;
    }

    /** {@return how many events there are} */
    public int size() {
        return size;
    }

    /**
     * Returns an event's type.
     *
     * @param i the event's index
     * @return a {@link V1EventType} number; never a Local variant
     */
    public int type(int i) {
        check(i);
        return types[i];
    }

    /**
     * Returns an event's time.
     *
     * @param i the event's index
     * @return nanoseconds since the first event
     */
    public long time(int i) {
        check(i);
        return times[i];
    }

    /**
     * Returns the P an event is attributed to.
     *
     * @param i the event's index
     * @return the P id of its batch, -1, or a pseudo-P such as {@link #SYSCALL_P}
     */
    public int p(int i) {
        check(i);
        return ps[i];
    }

    /**
     * Returns the goroutine an event happened on.
     *
     * @param i the event's index
     * @return the goroutine id (an unsigned 64-bit value), 0 when none
     */
    public long g(int i) {
        check(i);
        return gs[i];
    }

    /**
     * Returns one of an event's arguments, as Go's {@code Event.Args[k]}.
     *
     * @param i the event's index
     * @param k 0 to 3
     * @return the argument's 64 bits, 0 when the type has fewer
     */
    public long arg(int i, int k) {
        check(i);
        if (k < 0 || k > 3) {
            throw new IndexOutOfBoundsException("argument " + k);
        }
        return args[4 * i + k];
    }

    /**
     * Returns an event's stack id.
     *
     * @param i the event's index
     * @return the id (an unsigned 32-bit value), 0 when none; never an id missing from the stack table
     */
    public long stackId(int i) {
        check(i);
        return Integer.toUnsignedLong(stacks[i]);
    }

    /**
     * Returns where an event is in the file.
     *
     * @param i the event's index
     * @return the offset of its type byte, counting the header
     */
    public long offset(int i) {
        check(i);
        return offsets[i];
    }

    private void check(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("event " + i + " of " + size);
        }
    }

    /** {@return how many entries the string table has} */
    public int stringCount() {
        return strings.length;
    }

    /**
     * Returns the id of a string table entry; entries are in ascending (unsigned) id order.
     *
     * @param index 0 to {@link #stringCount()} - 1
     * @return its id
     */
    public long stringIdAt(int index) {
        return stringIds[index];
    }

    /**
     * Returns the text of a string table entry.
     *
     * @param index 0 to {@link #stringCount()} - 1
     * @return its text, decoded as UTF-8 (invalid bytes become U+FFFD)
     */
    public String stringAt(int index) {
        return strings[index];
    }

    /**
     * Looks up a string by id.
     *
     * @param id the id an event or frame names
     * @return the text, or null when the trace has no such string (id 0 never exists)
     */
    public String string(long id) {
        int at = unsignedSearch(stringIds, id);
        return at < 0 ? null : strings[at];
    }

    /** {@return how many distinct UserLog messages there are} */
    public int inlineStringCount() {
        return inlineStrings.length;
    }

    /**
     * Returns a UserLog message, numbered in order of first appearance as Go numbers them.
     *
     * @param index the value of {@code arg(i, 3)} of a UserLog event
     * @return the message
     */
    public String inlineString(int index) {
        return inlineStrings[index];
    }

    /** {@return how many stacks the stack table has} */
    public int stackCount() {
        return stackIds.length;
    }

    /**
     * Returns the id of a stack table entry; entries are in ascending id order.
     *
     * @param index 0 to {@link #stackCount()} - 1
     * @return the stack's id
     */
    public long stackIdAt(int index) {
        return stackIds[index];
    }

    /**
     * Finds a stack by id.
     *
     * @param id a stack id
     * @return its index in the stack table, or -1 when absent
     */
    public int stackIndex(long id) {
        return unsignedSearch(stackIds, id);
    }

    /**
     * Returns how many frames a stack has.
     *
     * @param index the stack's index in the table
     * @return at least 1
     */
    public int stackDepth(int index) {
        return stackStarts[index + 1] - stackStarts[index];
    }

    /**
     * Returns a frame's program counter.
     *
     * @param index the stack's index in the table
     * @param k     the frame, 0 for the innermost
     * @return the pc
     */
    public long framePc(int index, int k) {
        return frames[frame(index, k)];
    }

    /**
     * Returns a frame's function name as a string id. As in Go, every frame with the same pc carries the
     * function, file and line of the first stack that named that pc.
     *
     * @param index the stack's index in the table
     * @param k     the frame, 0 for the innermost
     * @return the string id
     */
    public long frameFunc(int index, int k) {
        return frames[frame(index, k) + 1];
    }

    /**
     * Returns a frame's file name as a string id.
     *
     * @param index the stack's index in the table
     * @param k     the frame, 0 for the innermost
     * @return the string id
     */
    public long frameFile(int index, int k) {
        return frames[frame(index, k) + 2];
    }

    /**
     * Returns a frame's line.
     *
     * @param index the stack's index in the table
     * @param k     the frame, 0 for the innermost
     * @return the line, as the trace wrote it (64 bits)
     */
    public long frameLine(int index, int k) {
        return frames[frame(index, k) + 3];
    }

    private int frame(int index, int k) {
        if (k < 0 || k >= stackDepth(index)) {
            throw new IndexOutOfBoundsException("frame " + k + " of stack " + index);
        }
        return 4 * (stackStarts[index] + k);
    }

    private static int unsignedSearch(long[] sorted, long key) {
        int lo = 0;
        int hi = sorted.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = Long.compareUnsigned(sorted[mid], key);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** {@return a summary: version, event count, table sizes} */
    @Override
    public String toString() {
        return "V1Trace[go 1." + minor + ", " + size + " events, " + strings.length + " strings, "
                + stackIds.length + " stacks, " + frequency + " ticks/s]";
    }
}
