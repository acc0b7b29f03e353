package dev.gopherlens.pprof.goroutines;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The stack of a goroutine's ancestor at the moment it ran the go statement, printed under
 * {@code GODEBUG=tracebackancestors=N} as {@code [originating from goroutine N]:} and frames with {@code (...)}
 * arguments. Immutable.
 *
 * @param id           the ancestor goroutine's id
 * @param calls        its frames, innermost first
 * @param framesElided whether the runtime printed {@code ...additional frames elided...}
 * @param createdBy    what created the ancestor, when printed
 */
public record Ancestor(long id, List<Call> calls, boolean framesElided, Optional<CreatedBy> createdBy) {

    /**
     * Copies the frames.
     *
     * @param id           the ancestor's id
     * @param calls        its frames, innermost first
     * @param framesElided whether frames were elided
     * @param createdBy    what created it, or empty
     * @throws NullPointerException if calls, one of them or createdBy is null
     */
    public Ancestor {
        calls = List.copyOf(calls);
        Objects.requireNonNull(createdBy, "createdBy");
    }

    /** {@return {@code originating from goroutine N (K frames)}} */
    @Override
    public String toString() {
        return "originating from goroutine " + id + " (" + calls.size() + " frames)";
    }
}
