package dev.gopherlens.trace;

import dev.gopherlens.core.Stack;

import java.util.List;
import java.util.Objects;

/**
 * Goroutines that were still blocked when the trace ended, grouped by where and why they block: a leak, or
 * something that parks by design, as {@link #verdict()} says and {@link #why()} explains.
 *
 * @param verdict    whether this looks like a leak
 * @param why        the reasoning, in a sentence
 * @param function   the goroutines' start function ("" when the trace does not say)
 * @param reason     what they wait for: the runtime's reason, or one read off the stack; "" if unknown
 * @param stack      where they block (the stack of their last block, or of their status), empty if unknown
 * @param goroutines the goroutines, by id
 * @param minWaited  the shortest wait until the end of the trace, in nanoseconds
 * @param maxWaited  the longest wait
 */
public record LeakSuspect(Verdict verdict, String why, String function, String reason, Stack stack,
                          List<Long> goroutines, long minWaited, long maxWaited) {
    /** How a group of blocked goroutines reads. */
    public enum Verdict {
        /** User goroutines blocked on a channel, select, lock or condition: the shape of a leak. */
        LIKELY_LEAK,
        /** User goroutines waiting on the network, a timer or a system call: often an idle server or client. */
        WAITING_ON_IO,
        /** Runtime goroutines, which park by design. */
        SYSTEM,
        /** Blocked since before the trace began, in a format that records no stack for them. */
        UNKNOWN
    }

    /**
     * Copies the list.
     *
     * @param verdict    the verdict, not null
     * @param why        the reasoning, not null
     * @param function   the start function, not null
     * @param reason     the reason, not null
     * @param stack      the stack, not null
     * @param goroutines the goroutines, not null
     * @param minWaited  the shortest wait
     * @param maxWaited  the longest wait
     */
    public LeakSuspect {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(why, "why");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(stack, "stack");
        goroutines = List.copyOf(goroutines);
    }

    /** {@return how many goroutines the group holds} */
    public int count() {
        return goroutines.size();
    }

    @Override
    public String toString() {
        return verdict + ": " + count() + " × " + (function.isEmpty() ? "?" : function) + " ["
                + (reason.isEmpty() ? "?" : reason) + "] waited " + minWaited / 1_000_000 + "–"
                + maxWaited / 1_000_000 + " ms: " + why;
    }
}
