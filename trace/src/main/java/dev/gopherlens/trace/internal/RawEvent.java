package dev.gopherlens.trace.internal;

/**
 * One ordered event as the decoders hand it over: a wire type, a time in nanoseconds, the thread, proc and goroutine
 * it happened on, its arguments after the timestamp, and the tables its ids refer to. Mutable and reused: the
 * decoders copy into it, so reading a trace allocates nothing per event.
 *
 * <p>Beyond the wire arguments it carries what ordering learned: the state a resource left ({@link #oldState}) and,
 * for a task's end, the parent and name its begin gave.
 */
public final class RawEvent {
    /** The wire type ({@link Wire}), or {@link Wire#SYNTHETIC_SYNC}. */
    public int type;
    /** Nanoseconds on the trace clock. */
    public long time;
    /** The thread, or -1. */
    public long m;
    /** The proc, or -1. */
    public long p;
    /** The goroutine, or -1. */
    public long g;
    /**
     * Arguments after the timestamp delta, as the wire gives them; five at most. The sixth, {@link Wire#NO_ARG}, is
     * never written and stays 0: the id checks read it for an id argument the event type does not have.
     */
    public final long[] args = new long[6];
    /** For status and steal events, the state before (a {@code GoState}/{@code ProcState} ordinal). */
    public int oldState;
    /** For a task end, the parent task its begin named, else unused. */
    public long taskParent;
    /** For a task end, the name its begin gave, else unused. */
    public String taskName;
    /** The tables the ids refer to; null only for the final Sync. */
    public Tables tables;
    /** The absolute offset of the event in the file, or -1 for events the reader made. */
    public long offset;
    /**
     * For a goroutine's state change, the ordering's slot for that goroutine, when the source keeps one. A decoder
     * does not clear it between events, as that would cost a reference store per event: a reader checks the slot's
     * goroutine against the event's.
     */
    public GoroutineSlot subject;

    /**
     * Copies another event into this one.
     *
     * @param o the event to copy
     */
    public void copyFrom(RawEvent o) {
        type = o.type;
        time = o.time;
        m = o.m;
        p = o.p;
        g = o.g;
        System.arraycopy(o.args, 0, args, 0, args.length);
        oldState = o.oldState;
        taskParent = o.taskParent;
        // Implementation note: references are stored only when they change, sparing G1's write barrier.
        if (taskName != o.taskName) {
            taskName = o.taskName;
        }
        if (tables != o.tables) {
            tables = o.tables;
        }
        offset = o.offset;
        if (subject != o.subject) {
            subject = o.subject;
        }
    }

    /**
     * Makes this a reader-made event on a context.
     *
     * @param type   the wire type
     * @param time   the time
     * @param m      the thread
     * @param p      the proc
     * @param g      the goroutine
     * @param tables the tables
     */
    public void set(int type, long time, long m, long p, long g, Tables tables) {
        this.type = type;
        this.time = time;
        this.m = m;
        this.p = p;
        this.g = g;
        java.util.Arrays.fill(args, 0);
        this.oldState = 0;
        this.taskParent = 0;
        this.taskName = null;
        this.tables = tables;
        this.offset = -1;
        this.subject = null;
    }

    /** {@return the stack id of the event's own stack, 0 for none} */
    public long stackId() {
        int i = Wire.stackArg(type);
        return i < 0 ? 0 : args[i];
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(Wire.name(type)).append(" time=").append(time)
                .append(" m=").append(m).append(" p=").append(p).append(" g=").append(g);
        if (type != Wire.SYNTHETIC_SYNC && type < Wire.TYPE_LIMIT && Wire.isTimed(type)) {
            String[] names = Wire.argNames(type);
            for (int i = 1; i < names.length; i++) {
                sb.append(' ').append(names[i]).append('=').append(args[i - 1]);
            }
        }
        return sb.toString();
    }
}
