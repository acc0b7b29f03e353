package dev.gopherlens.trace.internal;

/**
 * What the ordering keeps for one goroutine, with room for a consumer's own record of it: the cursor's scheduler
 * hangs its per-goroutine totals here, so that a state change finds them without a lookup.
 */
public class GoroutineSlot {
    /** The consumer's record of this goroutine, or null. */
    public Object user;

    /** Makes an empty slot. */
    public GoroutineSlot() {
    }
}
