package dev.gopherlens.trace;

import java.util.Map;

/**
 * What one goroutine did over a trace, as {@code go tool trace}'s goroutine analysis counts it
 * (internal/trace/summary.go, Go 1.27): when it appeared, first ran and ended; how its time divides between
 * running, waiting to run, blocking (by reason) and system calls; and the time it spent in ranges such as GC mark
 * assists. Times are nanoseconds on the trace clock; -1 where unknown.
 *
 * @param id               the goroutine
 * @param name             its start function, from the outermost frame of the first stack seen for it; "" if none
 * @param pc               that frame's program counter, 0 if none
 * @param creator          the goroutine that created it, -1 if it existed before the trace or is unknown
 * @param creationTime     when it appeared: its creation, or the start of the trace for one that already existed
 * @param startTime        when it first ran, -1 if it never did
 * @param endTime          when it ended (or blocked forever), -1 if it lived to the end of the trace
 * @param endState         its state at the end of the trace, {@link GoState#NOT_EXIST} once ended
 * @param execTime         time running
 * @param schedWaitTime    time runnable, waiting for a proc (scheduling latency), including after a blocking syscall
 * @param blockTime        time blocked, by reason ({@code chan receive}, {@code sync}, {@code network}, …)
 * @param syscallTime      time in system calls that did not block its proc
 * @param syscallBlockTime time in system calls after its proc was taken away
 * @param totalTime        from its appearance to its end, or to the end of the trace
 * @param rangeTime        time inside ranges, by name ({@code GC mark assist}, {@code GC incremental sweep}); these
 *                         overlap the other times
 */
public record GoroutineSummary(long id, String name, long pc, long creator, long creationTime, long startTime,
                               long endTime, GoState endState, long execTime, long schedWaitTime,
                               Map<String, Long> blockTime, long syscallTime, long syscallBlockTime, long totalTime,
                               Map<String, Long> rangeTime) {
    /**
     * Copies the maps.
     *
     * @param id               the goroutine
     * @param name             the start function
     * @param pc               its pc
     * @param creator          the creator
     * @param creationTime     its appearance
     * @param startTime        its first run
     * @param endTime          its end
     * @param endState         its final state
     * @param execTime         time running
     * @param schedWaitTime    time runnable
     * @param blockTime        time blocked by reason, not null
     * @param syscallTime      time in syscalls
     * @param syscallBlockTime time in blocking syscalls
     * @param totalTime        its lifetime in the trace
     * @param rangeTime        time in ranges, not null
     */
    public GoroutineSummary {
        blockTime = Map.copyOf(blockTime);
        rangeTime = Map.copyOf(rangeTime);
    }

    /** {@return the total of the blocking times over all reasons} */
    public long totalBlockTime() {
        long sum = 0;
        for (long v : blockTime.values()) {
            sum += v;
        }
        return sum;
    }

    /** {@return the part of {@link #totalTime()} that none of the non-overlapping times accounts for} */
    public long unknownTime() {
        long sum = execTime + schedWaitTime + syscallTime + syscallBlockTime + totalBlockTime();
        return sum < totalTime ? totalTime - sum : 0;
    }

    /** {@return whether this is a runtime goroutine, as the runtime itself tells them apart} */
    public boolean isSystem() {
        return GoroutineAnalysis.isSystem(name);
    }
}
