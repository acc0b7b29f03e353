package dev.gopherlens.trace;

/** What an id names: a goroutine, a proc, a thread, or nothing (a range with no scope, such as the GC). */
public enum ResourceKind {
    /** No resource. */
    NONE,
    /** A goroutine. */
    GOROUTINE,
    /** A proc. */
    PROC,
    /** A thread. */
    THREAD
}
