package dev.gopherlens.trace;

/** The state of a proc (a P, one of GOMAXPROCS), as Go's trace parser names it ({@code trace.ProcState}). */
public enum ProcState {
    /** Not known yet: the trace started with the proc in some state. */
    UNDETERMINED,
    /** Not in use: GOMAXPROCS is lower than its number. */
    NOT_EXIST,
    /** Held by a thread. */
    RUNNING,
    /** Free. */
    IDLE;

    /** {@return Go's name for the state: {@code Running}, {@code Idle}, …} */
    public String goName() {
        String[] names = {"Undetermined", "NotExist", "Running", "Idle"};
        return names[ordinal()];
    }
}
