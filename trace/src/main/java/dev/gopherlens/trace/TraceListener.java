package dev.gopherlens.trace;

/**
 * Receives a trace pushed through {@link GoTrace#replay}: each event, each goroutine's and proc's change of state,
 * and the end. Each method gets the cursor positioned on the event (valid only during the call), whose
 * {@link TraceCursor#scheduler()} already reflects the change. All methods do nothing by default.
 */
public interface TraceListener {
    /**
     * Called for every event, after the state-change calls for it.
     *
     * @param event the cursor on the event
     */
    default void event(TraceCursor event) {
    }

    /**
     * Called when a goroutine changes state.
     *
     * @param event     the cursor on the event
     * @param goroutine the goroutine
     * @param from      its state before
     * @param to        its state after
     */
    default void goroutineChanged(TraceCursor event, long goroutine, GoState from, GoState to) {
    }

    /**
     * Called when a proc changes state.
     *
     * @param event the cursor on the event
     * @param proc  the proc
     * @param from  its state before
     * @param to    its state after
     */
    default void procChanged(TraceCursor event, long proc, ProcState from, ProcState to) {
    }

    /**
     * Called once after the last event.
     *
     * @param cursor the cursor, no longer on an event; its scheduler holds the final states
     */
    default void end(TraceCursor cursor) {
    }
}
