package dev.gopherlens.trace.internal.v1;

import java.util.ArrayList;
import java.util.List;

import static dev.gopherlens.trace.internal.v1.V1EventType.*;

/**
 * Renders a {@link V1Trace} the way {@code go tool trace -d} of Go 1.21 and earlier printed its parser's events
 * ({@code internal/trace/parser.go}, {@code Event.String}): {@code <ns> <Name> p=<P> g=<G> off=<offset>}, then
 * {@code name=value} per argument and per string argument.
 *
 * <p>The names are those of the toolchain that wrote the golden: Go 1.15 calls types 9, 10 and 34
 * {@code GCSTWStart}, {@code GCSTWDone}, {@code NextGC}; Go 1.19 {@code GCSTWStart}, {@code GCSTWDone},
 * {@code HeapGoal}; Go 1.21 {@code STWStart}, {@code STWDone}, {@code HeapGoal}.
 */
final class GoDumpRenderer {
    private static final String[] STW_REASONS_1_21 = {
        "unknown", "GC mark termination", "GC sweep termination", "write heap dump", "goroutine profile",
        "goroutine profile cleanup", "all goroutines stack trace", "read mem stats", "AllThreadsSyscall",
        "GOMAXPROCS", "start trace", "stop trace", "CountPagesInUse (test)", "ReadMetricsSlow (test)",
        "ReadMemStatsSlow (test)", "PageCachePagesLeaked (test)", "ResetDebugLog (test)",
    };

    private final int toolchainMinor;

    /**
     * @param toolchainMinor the minor version of the Go toolchain whose output is imitated: 15, 19 or 21
     */
    GoDumpRenderer(int toolchainMinor) {
        this.toolchainMinor = toolchainMinor;
    }

    String name(int type) {
        switch (type) {
            case STW_START:
                return toolchainMinor >= 21 ? "STWStart" : "GCSTWStart";
            case STW_DONE:
                return toolchainMinor >= 21 ? "STWDone" : "GCSTWDone";
            case HEAP_GOAL:
                return toolchainMinor >= 16 ? "HeapGoal" : "NextGC";
            default:
                return V1EventType.name(type);
        }
    }

    /** Go 1.21's argument names (EventDescriptions[type].Args). */
    static String[] argNames(int type) {
        switch (type) {
            case GOMAXPROCS: return new String[] {"procs"};
            case PROC_START: return new String[] {"thread"};
            case GC_START: return new String[] {"seq"};
            case STW_START: return new String[] {"kindid"};
            case GC_SWEEP_DONE: return new String[] {"swept", "reclaimed"};
            case GO_CREATE: return new String[] {"g", "stack"};
            case GO_START: case GO_UNBLOCK: return new String[] {"g", "seq"};
            case GO_SYS_EXIT: return new String[] {"g", "seq", "ts"};
            case GO_WAITING: case GO_IN_SYSCALL: return new String[] {"g"};
            case HEAP_ALLOC: case HEAP_GOAL: return new String[] {"mem"};
            case GO_START_LABEL: return new String[] {"g", "seq", "labelid"};
            case USER_TASK_CREATE: return new String[] {"taskid", "pid", "typeid"};
            case USER_TASK_END: return new String[] {"taskid"};
            case USER_REGION: return new String[] {"taskid", "mode", "typeid"};
            case USER_LOG: return new String[] {"id", "keyid"};
            case CPU_SAMPLE: return new String[] {"ts", "p", "g"};
            default: return new String[0];
        }
    }

    /**
     * Tells whether Go 1.21's parser and Go 1.27's disagree on an event's goroutine: the old parser zeroes it for
     * GC and stop-the-world events ({@code internal/trace/parser.go} (Go 1.21) {@code parseEvents}: {@code e.G = 0}
     * for GCStart, GCDone, STWStart, STWDone); Go 1.27's {@code tracev1} keeps the goroutine running on the P.
     *
     * @param t the trace
     * @param i an event
     * @return whether the rendering differs
     */
    static boolean gcGoroutineDiffers(V1Trace t, int i) {
        int type = t.type(i);
        return (type == GC_START || type == GC_DONE || type == STW_START || type == STW_DONE) && t.g(i) != 0;
    }

    /**
     * Renders one event.
     *
     * @param t  the trace
     * @param i  the event
     * @param g  the goroutine to print
     * @return the line
     */
    String line(V1Trace t, int i, long g) {
        int type = t.type(i);
        StringBuilder sb = new StringBuilder(96);
        sb.append(t.time(i)).append(' ').append(name(type)).append(" p=").append(t.p(i))
                .append(" g=").append(Long.toUnsignedString(g)).append(" off=").append(t.offset(i));
        String[] names = argNames(type);
        for (int k = 0; k < names.length; k++) {
            sb.append(' ').append(names[k]).append('=').append(Long.toUnsignedString(t.arg(i, k)));
        }
        switch (type) {
            case STW_START:
                sb.append(" kind=").append(stwKind(t.minor(), t.arg(i, 0)));
                break;
            case GO_START_LABEL:
                sb.append(" label=").append(string(t, t.arg(i, 2)));
                break;
            case USER_TASK_CREATE: case USER_REGION:
                sb.append(" name=").append(string(t, t.arg(i, 2)));
                break;
            case USER_LOG:
                sb.append(" category=").append(string(t, t.arg(i, 1)))
                        .append(" message=").append(t.inlineString((int) t.arg(i, 3)));
                break;
            default:
                break;
        }
        return sb.toString();
    }

    /**
     * Renders every event as Go 1.21 would, that is with {@link #gcGoroutineDiffers} events on goroutine 0.
     *
     * @param t the trace
     * @return one line per event
     */
    List<String> lines(V1Trace t) {
        List<String> out = new ArrayList<>(t.size());
        for (int i = 0; i < t.size(); i++) {
            out.add(line(t, i, gcGoroutineDiffers(t, i) ? 0 : t.g(i)));
        }
        return out;
    }

    private static String string(V1Trace t, long id) {
        String s = t.string(id);
        return s == null ? "" : s;
    }

    private static String stwKind(int traceMinor, long kind) {
        if (traceMinor >= 21) {
            return kind < STW_REASONS_1_21.length ? STW_REASONS_1_21[(int) kind] : "unknown";
        }
        return kind == 0 ? "mark termination" : kind == 1 ? "sweep termination" : "unknown";
    }
}
