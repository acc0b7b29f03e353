package dev.gopherlens.pclntab.gocore;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A goroutine of a core dump, as {@code runtime.allgs} holds it and as the runtime's traceback header shows it:
 * {@code goroutine 15 gp=0xc000102000 m=nil [chan receive, 1 minutes, locked to thread]:}.
 *
 * @param id             the goroutine id ({@code g.goid})
 * @param address        the address of its {@code runtime.g} (the header's {@code gp=})
 * @param status         the status as the runtime prints it: the wait reason's string for a waiting goroutine
 *                       ({@code chan receive}, {@code sync.Mutex.Lock}, ...), else the status's
 *                       ({@code running}, {@code runnable}, {@code syscall}), each from the binary's own tables
 * @param rawStatus      {@code g.atomicstatus} without the scan bit ({@code _Gwaiting} is 4)
 * @param scan           whether the GC's scan bit was set (the runtime prints {@code (scan)})
 * @param waitSince      {@code g.waitsince}: the runtime's nanotime when it was stamped as blocked, or 0
 * @param lockedToThread whether it is locked to its thread ({@code g.lockedm} set)
 * @param mId            the id of the M (thread) running it ({@code m=} in the header), if one is
 * @param mAddress       the address of that {@code runtime.m} ({@code mp=}), or 0
 * @param lwp            the thread's LWP id ({@code m.procid}), or 0
 * @param creator        the function that created it (the {@code created by} line), or empty for the main goroutine
 *                       and the runtime's own
 * @param creatorPc      the pc of the {@code go} statement ({@code g.gopc})
 * @param parentId       the id of the goroutine that created it ({@code in goroutine N}, Go 1.21+), or 0
 * @param labels         its pprof labels ({@code pprof.Do}, {@code SetGoroutineLabels}), sorted by key
 */
public record Goroutine(long id, long address, String status, int rawStatus, boolean scan, long waitSince,
                        boolean lockedToThread, OptionalLong mId, long mAddress, long lwp, String creator,
                        long creatorPc, long parentId, Map<String, String> labels) {
    /**
     * Checks the goroutine.
     *
     * @param id             the id
     * @param address        the g's address
     * @param status         the printed status
     * @param rawStatus      the raw status
     * @param scan           the scan bit
     * @param waitSince      the wait stamp
     * @param lockedToThread locked to its thread
     * @param mId            the M's id, if any
     * @param mAddress       the M's address
     * @param lwp            the thread's LWP id
     * @param creator        the creating function
     * @param creatorPc      the go statement's pc
     * @param parentId       the creating goroutine
     * @param labels         the pprof labels
     * @throws NullPointerException if a string, {@code mId} or the labels are null
     */
    public Goroutine {
        labels = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(labels));
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(mId, "mId");
        Objects.requireNonNull(creator, "creator");
    }

    /**
     * Returns how many whole minutes it has been blocked at a given time, as the traceback's {@code N minutes}.
     *
     * @param now the runtime's nanotime at that moment (see {@link GoCore#nanotime()})
     * @return the minutes, or 0 when it is not blocked or was never stamped
     */
    public long waitMinutes(long now) {
        boolean blocked = rawStatus == Goroutines.G_WAITING || rawStatus == Goroutines.G_SYSCALL;
        return blocked && waitSince != 0 ? (now - waitSince) / 60_000_000_000L : 0;
    }

    /**
     * Returns the traceback's header line for this goroutine at {@code GOTRACEBACK=crash} (Go 1.23's layout, with
     * {@code gp=} and {@code m=}), without labels.
     *
     * @param now the runtime's nanotime at the crash, for the minutes
     * @return the line, ending with {@code :}
     */
    public String header(long now) {
        StringBuilder sb = new StringBuilder("goroutine ").append(id).append(" gp=0x").append(Long.toHexString(address));
        if (mId.isPresent()) {
            sb.append(" m=").append(mId.getAsLong()).append(" mp=0x").append(Long.toHexString(mAddress));
        } else {
            sb.append(" m=nil");
        }
        sb.append(" [").append(status);
        if (scan) {
            sb.append(" (scan)");
        }
        long minutes = waitMinutes(now);
        if (minutes >= 1) {
            sb.append(", ").append(minutes).append(" minutes");
        }
        if (lockedToThread) {
            sb.append(", locked to thread");
        }
        return sb.append("]:").toString();
    }

    @Override
    public String toString() {
        return "goroutine " + id + " [" + status + (lockedToThread ? ", locked to thread" : "") + "]"
                + (labels.isEmpty() ? "" : " " + labels)
                + (creator.isEmpty() ? "" : " created by " + creator + (parentId != 0 ? " in goroutine " + parentId : ""));
    }
}
