package dev.gopherlens.pprof.goroutines;

import dev.gopherlens.core.Frame;
import dev.gopherlens.core.Stack;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One goroutine of a dump: its header line ({@code goroutine 7 [chan receive, 5 minutes, locked to thread]:}),
 * its frames and its {@code created by} line. Immutable and thread-safe.
 *
 * <p>The header's layout is runtime/traceback.go (Go 1.27) goroutineheader: the state is a status
 * ({@code running}, {@code runnable}, {@code syscall}) or a wait reason ({@code chan receive}, {@code IO wait},
 * {@code select (no cases)}), possibly followed by {@code (leaked)}, {@code (scan)} or {@code (durable)}; then the
 * minutes it has waited when at least one, {@code locked to thread}, and a synctest bubble (in Go 1.25's
 * runtime, not in 1.23's). Under {@code GOTRACEBACK=system} or in a runtime crash the id is followed by
 * {@code gp=… m=… mp=…} (Go 1.22+); with {@code GODEBUG=tracebacklabels=1} (in Go 1.27's runtime, not in 1.25's)
 * the pprof labels follow the brackets as {@code {key: value}}.
 *
 * @param id             the goroutine id
 * @param state          the state as printed, before the first comma inside the brackets
 *                       ({@code chan receive}, {@code select (no cases)}, {@code running (scan)})
 * @param waitMinutes    the minutes printed after the state ({@code 5 minutes}), 0 when not printed (the runtime
 *                       prints it only from one minute on)
 * @param lockedToThread whether {@code locked to thread} was printed
 * @param details        the other comma-separated items inside the brackets, as printed
 *                       ({@code synctest bubble 3})
 * @param threadInfo     the text between the id and the brackets ({@code gp=0xc000002380 m=0 mp=0x9a4b20}),
 *                       empty when not printed
 * @param labels         the pprof labels printed after the brackets, in their printed order, unquoted; empty
 *                       when none were printed
 * @param calls          the frames, innermost first
 * @param elidedFrames   how many frames the runtime left out in the middle of a deep stack: 0 when none,
 *                       {@code N} for {@code ...N frames elided...} (Go 1.21+), -1 for the older
 *                       {@code ...additional frames elided...}, which does not say
 * @param elidedAt       the number of calls printed before the elision marker; equal to the number of calls
 *                       when none was printed
 * @param createdBy      the go statement that created it; empty for goroutine 1 and when not printed
 * @param stackUnavailable whether the runtime printed {@code goroutine running on other thread; stack
 *                       unavailable} instead of frames
 * @param ancestors      the ancestors' stacks printed under {@code GODEBUG=tracebackancestors=N}, nearest first
 * @param lineNumber     the 1-based line number of the header in the input
 */
public record Goroutine(long id, String state, int waitMinutes, boolean lockedToThread, List<String> details,
                        String threadInfo, Map<String, String> labels, List<Call> calls, int elidedFrames,
                        int elidedAt, Optional<CreatedBy> createdBy, boolean stackUnavailable,
                        List<Ancestor> ancestors, int lineNumber) {

    /**
     * Copies the lists and the labels, keeping the labels' order.
     *
     * @param id               the goroutine id
     * @param state            the state as printed
     * @param waitMinutes      the minutes waited, 0 when not printed
     * @param lockedToThread   whether it is locked to its thread
     * @param details          other items in the brackets
     * @param threadInfo       the gp/m text, or empty
     * @param labels           the labels in printed order
     * @param calls            the frames, innermost first
     * @param elidedFrames     0, the number of elided frames, or -1 when elided without a count
     * @param elidedAt         the number of calls before the elision marker
     * @param createdBy        the creating go statement, or empty
     * @param stackUnavailable whether the stack was unavailable
     * @param ancestors        the ancestors' stacks
     * @param lineNumber       the header's line number
     * @throws NullPointerException     if a reference argument is null
     * @throws IllegalArgumentException if elidedAt is outside 0 to the number of calls
     */
    public Goroutine {
        Objects.requireNonNull(state, "state");
        details = List.copyOf(details);
        Objects.requireNonNull(threadInfo, "threadInfo");
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        calls = List.copyOf(calls);
        Objects.requireNonNull(createdBy, "createdBy");
        ancestors = List.copyOf(ancestors);
        if (elidedAt < 0 || elidedAt > calls.size()) {
            throw new IllegalArgumentException("elidedAt " + elidedAt + " outside 0.." + calls.size());
        }
    }

    /** {@return the scheduler status behind the printed state: a wait reason is {@link GoroutineStatus#WAITING}} */
    public GoroutineStatus status() {
        return GoroutineStatus.of(state);
    }

    /** {@return whether the runtime left frames out of the middle of the stack} */
    public boolean framesElided() {
        return elidedFrames != 0;
    }

    /** {@return the frames as a stack of code locations, innermost first, inlined calls included} */
    public Stack stack() {
        List<Frame> frames = new ArrayList<>(calls.size());
        for (Call c : calls) {
            frames.add(c.frame());
        }
        return new Stack(frames);
    }

    /**
     * Returns the innermost frame's function, or the empty string when no frame was printed.
     *
     * @return the function that was running or blocked
     */
    public String topFunction() {
        return calls.isEmpty() ? "" : calls.get(0).function();
    }

    /** {@return {@code goroutine 4 [chan receive, 5 minutes]: main.leak.func1 … (3 frames)}} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append("goroutine ").append(id).append(" [").append(state);
        if (waitMinutes > 0) {
            sb.append(", ").append(waitMinutes).append(" minutes");
        }
        if (lockedToThread) {
            sb.append(", locked to thread");
        }
        for (String d : details) {
            sb.append(", ").append(d);
        }
        sb.append("]");
        if (!labels.isEmpty()) {
            sb.append(' ').append(labels);
        }
        sb.append(": ").append(calls.isEmpty() ? (stackUnavailable ? "(stack unavailable)" : "(no frames)")
                : calls.get(0).function());
        sb.append(" (").append(calls.size()).append(calls.size() == 1 ? " frame" : " frames");
        if (framesElided()) {
            sb.append(", some elided");
        }
        sb.append(')');
        createdBy.ifPresent(c -> sb.append(", created by ").append(c.function()));
        return sb.toString();
    }
}
