package dev.gopherlens.trace;

/**
 * What an event says, at the level of Go's own parser ({@code trace.EventKind} in Go 1.22 on): the wire format's
 * many event types fold into these few kinds.
 */
public enum EventKind {
    /** The start of a generation, or the end of the trace; carries the clock snapshot where there is one. */
    SYNC,
    /** A runtime metric's new value: GOMAXPROCS, heap objects, heap goal. */
    METRIC,
    /** A label given to a goroutine (a v1 {@code GoStartLabel}). */
    LABEL,
    /** A CPU profile sample. */
    STACK_SAMPLE,
    /** A range opens: GC, stop-the-world, sweep, mark assist. */
    RANGE_BEGIN,
    /** A range that was already open when the generation started. */
    RANGE_ACTIVE,
    /** A range closes. */
    RANGE_END,
    /** A user task begins ({@code runtime/trace.NewTask}). */
    TASK_BEGIN,
    /** A user task ends. */
    TASK_END,
    /** A user region begins ({@code runtime/trace.StartRegion}). */
    REGION_BEGIN,
    /** A user region ends. */
    REGION_END,
    /** A user log message ({@code runtime/trace.Log}). */
    LOG,
    /** A goroutine or proc changes state. */
    STATE_TRANSITION,
    /** An event of a runtime experiment (AllocFree), kept raw. */
    EXPERIMENTAL;

    /** {@return Go's name for the kind: {@code StateTransition}, {@code RangeBegin}, …} */
    public String goName() {
        String[] names = {"Sync", "Metric", "Label", "StackSample", "RangeBegin", "RangeActive", "RangeEnd",
                "TaskBegin", "TaskEnd", "RegionBegin", "RegionEnd", "Log", "StateTransition", "Experimental"};
        return names[ordinal()];
    }
}
