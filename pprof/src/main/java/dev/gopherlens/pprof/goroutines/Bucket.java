package dev.gopherlens.pprof.goroutines;

import dev.gopherlens.core.Frame;
import dev.gopherlens.core.Stack;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Goroutines of a dump that are alike: the same state, the same {@code locked to thread}, the same frames (function,
 * file and line; argument values and pc offsets ignored), the same elision and the same {@code created by}
 * function, file and line. This is the signature maruel/panicparse groups by, without its fuzzy argument matching:
 * goroutines that differ only in their argument words or in how long they have waited share a bucket. Immutable.
 *
 * @param state          the goroutines' state as printed ({@code chan receive})
 * @param lockedToThread whether they are locked to their threads
 * @param stack          the frames, innermost first, without pcs
 * @param createdBy      the creating go statement's function, file and line, without pc; empty when none printed
 * @param goroutines     the goroutines, in the order of the dump; at least one
 */
public record Bucket(String state, boolean lockedToThread, Stack stack, Optional<Frame> createdBy,
                     List<Goroutine> goroutines) {

    /**
     * Copies the goroutines.
     *
     * @param state          the state
     * @param lockedToThread whether locked to their threads
     * @param stack          the frames, innermost first
     * @param createdBy      the creating go statement, or empty
     * @param goroutines     the goroutines, at least one
     * @throws NullPointerException     if an argument or a goroutine is null
     * @throws IllegalArgumentException if there are no goroutines
     */
    public Bucket {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(stack, "stack");
        Objects.requireNonNull(createdBy, "createdBy");
        goroutines = List.copyOf(goroutines);
        if (goroutines.isEmpty()) {
            throw new IllegalArgumentException("a bucket has at least one goroutine");
        }
    }

    /** {@return how many goroutines are in the bucket} */
    public int count() {
        return goroutines.size();
    }

    /** {@return the goroutines' ids, in the order of the dump} */
    public List<Long> ids() {
        List<Long> ids = new ArrayList<>(goroutines.size());
        for (Goroutine g : goroutines) {
            ids.add(g.id());
        }
        return List.copyOf(ids);
    }

    /** {@return the frames' function names, innermost first} */
    public List<String> functions() {
        List<String> names = new ArrayList<>(stack.depth());
        for (Frame f : stack.frames()) {
            names.add(f.function());
        }
        return List.copyOf(names);
    }

    /** {@return the fewest minutes any of the goroutines has waited, as printed (0 when not printed)} */
    public int minWaitMinutes() {
        int min = Integer.MAX_VALUE;
        for (Goroutine g : goroutines) {
            min = Math.min(min, g.waitMinutes());
        }
        return min;
    }

    /** {@return the most minutes any of the goroutines has waited, as printed (0 when not printed)} */
    public int maxWaitMinutes() {
        int max = 0;
        for (Goroutine g : goroutines) {
            max = Math.max(max, g.waitMinutes());
        }
        return max;
    }

    /** {@return {@code 5 × [chan receive] main.leak.func1 ← … (created by main.leak)}} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(count()).append(" x [").append(state);
        int max = maxWaitMinutes();
        if (max > 0) {
            int min = minWaitMinutes();
            sb.append(", ").append(min == max ? "" : min + "-").append(max).append(" minutes");
        }
        if (lockedToThread) {
            sb.append(", locked to thread");
        }
        sb.append("] ");
        List<Frame> frames = stack.frames();
        int shown = Math.min(frames.size(), 4);
        for (int i = 0; i < shown; i++) {
            sb.append(i > 0 ? " <- " : "").append(frames.get(i).function());
        }
        if (frames.size() > shown) {
            sb.append(" <- ... (").append(frames.size()).append(" frames)");
        }
        if (frames.isEmpty()) {
            sb.append("(no frames)");
        }
        createdBy.ifPresent(c -> sb.append(" (created by ").append(c.function()).append(')'));
        return sb.toString();
    }
}
