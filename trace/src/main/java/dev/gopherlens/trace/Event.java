package dev.gopherlens.trace;

import dev.gopherlens.core.Stack;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One event of a trace, immutable: when it happened (nanoseconds on the trace clock), on which thread, proc and
 * goroutine (-1 for none), with which stack, and what it says, by kind. The records below are the kinds; the same
 * fields are on {@link TraceCursor} without allocation.
 *
 * <p>This is the event model of Go's own parser (Go 1.22 on, {@code internal/trace}); traces of Go 1.11 to 1.21
 * are converted to it as Go converts them.
 */
public sealed interface Event permits Event.Sync, Event.Metric, Event.Label, Event.StackSample, Event.Range,
        Event.Task, Event.Region, Event.Log, Event.GoTransition, Event.ProcTransition, Event.Experimental {

    /** {@return the kind} */
    EventKind kind();

    /** {@return nanoseconds on the trace clock} */
    long time();

    /** {@return the thread the event happened on, -1 for none} */
    long thread();

    /** {@return the proc the thread held, -1 for none} */
    long proc();

    /** {@return the goroutine the thread ran, -1 for none} */
    long goroutine();

    /** {@return the event's stack, empty when it has none} */
    Stack stack();

    /**
     * A generation's start, or the end of the trace.
     *
     * @param time                when
     * @param thread              always -1
     * @param proc                always -1
     * @param goroutine           always -1
     * @param n                   1 for the first Sync, counting up
     * @param clock               the generation's clock snapshot (Go 1.25 on), or null
     * @param experimentalBatches the generation's experimental side tables
     */
    record Sync(long time, long thread, long proc, long goroutine, int n, ClockSnapshot clock,
                List<ExperimentalBatch> experimentalBatches) implements Event {
        /**
         * Copies the batches.
         *
         * @param time                when
         * @param thread              always -1
         * @param proc                always -1
         * @param goroutine           always -1
         * @param n                   the count
         * @param clock               the snapshot, or null
         * @param experimentalBatches the batches, not null
         */
        public Sync {
            experimentalBatches = List.copyOf(experimentalBatches);
        }

        @Override
        public EventKind kind() {
            return EventKind.SYNC;
        }

        @Override
        public Stack stack() {
            return Stack.EMPTY;
        }
    }

    /**
     * A runtime metric's new value.
     *
     * @param time      when
     * @param thread    the thread
     * @param proc      the proc
     * @param goroutine the goroutine
     * @param stack     the stack
     * @param name      the metric, named as runtime/metrics does ({@code /sched/gomaxprocs:threads})
     * @param value     the value
     */
    record Metric(long time, long thread, long proc, long goroutine, Stack stack, String name, long value)
            implements Event {
        @Override
        public EventKind kind() {
            return EventKind.METRIC;
        }
    }

    /**
     * A label put on a goroutine.
     *
     * @param time      when
     * @param thread    the thread
     * @param proc      the proc
     * @param goroutine the goroutine
     * @param stack     the stack
     * @param label     the label
     * @param labelled  the goroutine labelled
     */
    record Label(long time, long thread, long proc, long goroutine, Stack stack, String label, long labelled)
            implements Event {
        @Override
        public EventKind kind() {
            return EventKind.LABEL;
        }
    }

    /**
     * A CPU profile sample.
     *
     * @param time      when
     * @param thread    the thread sampled
     * @param proc      its proc
     * @param goroutine its goroutine
     * @param stack     the sampled stack
     */
    record StackSample(long time, long thread, long proc, long goroutine, Stack stack) implements Event {
        @Override
        public EventKind kind() {
            return EventKind.STACK_SAMPLE;
        }
    }

    /**
     * A range's begin, end, or presence at a generation's start.
     *
     * @param kind       {@link EventKind#RANGE_BEGIN}, {@link EventKind#RANGE_ACTIVE} or {@link EventKind#RANGE_END}
     * @param time       when
     * @param thread     the thread
     * @param proc       the proc
     * @param goroutine  the goroutine
     * @param stack      the stack
     * @param name       the range ({@code GC concurrent mark phase}, {@code stop-the-world (…)}, …)
     * @param scope      what the range belongs to
     * @param scopeId    the goroutine or proc, -1 for none
     * @param attributes for an end, what the range measured ({@code bytes swept}), in order
     */
    record Range(EventKind kind, long time, long thread, long proc, long goroutine, Stack stack, String name,
                 ResourceKind scope, long scopeId, Map<String, Long> attributes) implements Event {
        /**
         * Copies the attributes.
         *
         * @param kind       the kind
         * @param time       when
         * @param thread     the thread
         * @param proc       the proc
         * @param goroutine  the goroutine
         * @param stack      the stack
         * @param name       the name
         * @param scope      the scope
         * @param scopeId    the scope's id
         * @param attributes the attributes, not null
         */
        public Range {
            attributes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
        }
    }

    /**
     * A user task's begin or end.
     *
     * @param kind      {@link EventKind#TASK_BEGIN} or {@link EventKind#TASK_END}
     * @param time      when
     * @param thread    the thread
     * @param proc      the proc
     * @param goroutine the goroutine
     * @param stack     the stack
     * @param id        the task
     * @param parent    the parent task, -1 ({@code NoTask}) for none or unknown
     * @param type      the task's type, "" at an end whose begin is not in the trace
     */
    record Task(EventKind kind, long time, long thread, long proc, long goroutine, Stack stack, long id,
                long parent, String type) implements Event {
    }

    /**
     * A user region's begin or end.
     *
     * @param kind      {@link EventKind#REGION_BEGIN} or {@link EventKind#REGION_END}
     * @param time      when
     * @param thread    the thread
     * @param proc      the proc
     * @param goroutine the goroutine
     * @param stack     the stack
     * @param task      the task it belongs to, 0 for the background task
     * @param type      the region's type
     */
    record Region(EventKind kind, long time, long thread, long proc, long goroutine, Stack stack, long task,
                  String type) implements Event {
    }

    /**
     * A user log message.
     *
     * @param time      when
     * @param thread    the thread
     * @param proc      the proc
     * @param goroutine the goroutine
     * @param stack     the stack
     * @param task      the task, 0 for the background task
     * @param category  the category
     * @param message   the message
     */
    record Log(long time, long thread, long proc, long goroutine, Stack stack, long task, String category,
               String message) implements Event {
        @Override
        public EventKind kind() {
            return EventKind.LOG;
        }
    }

    /**
     * A goroutine changes state.
     *
     * @param time            when
     * @param thread          the thread
     * @param proc            the proc
     * @param goroutine       the goroutine running on the thread (not necessarily the one changing)
     * @param stack           the stack
     * @param id              the goroutine changing state
     * @param from            its state before
     * @param to              its state after
     * @param reason          why, for a stop or block ({@code chan receive}, {@code preempted}); else ""
     * @param transitionStack the changing goroutine's stack where known (a creation's new goroutine, a block)
     */
    record GoTransition(long time, long thread, long proc, long goroutine, Stack stack, long id, GoState from,
                        GoState to, String reason, Stack transitionStack) implements Event {
        /**
         * Checks the components.
         *
         * @param time            when
         * @param thread          the thread
         * @param proc            the proc
         * @param goroutine       the running goroutine
         * @param stack           the stack
         * @param id              the goroutine changing state
         * @param from            before, not null
         * @param to              after, not null
         * @param reason          why, not null
         * @param transitionStack its stack, not null
         */
        public GoTransition {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(transitionStack, "transitionStack");
        }

        @Override
        public EventKind kind() {
            return EventKind.STATE_TRANSITION;
        }
    }

    /**
     * A proc changes state.
     *
     * @param time      when
     * @param thread    the thread
     * @param proc      the proc the thread held
     * @param goroutine the goroutine
     * @param stack     the stack
     * @param id        the proc changing state
     * @param from      its state before
     * @param to        its state after
     */
    record ProcTransition(long time, long thread, long proc, long goroutine, Stack stack, long id, ProcState from,
                          ProcState to) implements Event {
        @Override
        public EventKind kind() {
            return EventKind.STATE_TRANSITION;
        }
    }

    /**
     * An event of a runtime experiment, with its arguments as written.
     *
     * @param time       when
     * @param thread     the thread
     * @param proc       the proc
     * @param goroutine  the goroutine
     * @param stack      the stack
     * @param name       the event ({@code HeapObjectAlloc})
     * @param experiment the experiment ({@code AllocFree})
     * @param arguments  argument names to values, in order
     */
    record Experimental(long time, long thread, long proc, long goroutine, Stack stack, String name,
                        String experiment, Map<String, Long> arguments) implements Event {
        /**
         * Copies the arguments.
         *
         * @param time       when
         * @param thread     the thread
         * @param proc       the proc
         * @param goroutine  the goroutine
         * @param stack      the stack
         * @param name       the name
         * @param experiment the experiment
         * @param arguments  the arguments, not null
         */
        public Experimental {
            arguments = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(arguments));
        }

        @Override
        public EventKind kind() {
            return EventKind.EXPERIMENTAL;
        }
    }
}
