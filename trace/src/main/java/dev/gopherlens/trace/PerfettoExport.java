package dev.gopherlens.trace;

import dev.gopherlens.core.Stack;
import dev.gopherlens.trace.internal.LongMap;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * Writes a trace as Chrome trace-event JSON, the format {@code go tool trace} serves to its viewer and that
 * ui.perfetto.dev and chrome://tracing open: a track per proc with the goroutines it ran, a track per goroutine with
 * its states (running, runnable, blocked with the reason, in a syscall) and its user regions, the GC's mark phases
 * and stop-the-world pauses, the heap as counters, user tasks as async slices, and a flow arrow from each unblock to
 * the run it allowed.
 *
 * <p>Times are microseconds since the trace's first event, as the format wants. One pass; memory is the live
 * goroutines' and procs' current slices. {@code examples/perfetto/} holds a sample.
 */
public final class PerfettoExport {
    private static final int PROCS = 1;
    private static final int GOROUTINES = 2;
    private static final int RUNTIME = 3;
    private static final int TASKS = 4;

    private final Writer out;
    private long origin = Long.MIN_VALUE;
    private boolean first = true;
    private long flows;
    private final LongMap<long[]> procRun = new LongMap<>();
    private final LongMap<Goroutine> goroutines = new LongMap<>();
    private final LongMap<long[]> stw = new LongMap<>();
    private final LongMap<Boolean> procsSeen = new LongMap<>();
    private long gcSince = -1;

    private static final class Goroutine {
        String name = "";
        boolean named;
        GoState state = GoState.UNDETERMINED;
        long since;
        String reason = "";
        long pendingFlow = -1;
        final Deque<Object[]> regions = new ArrayDeque<>();
    }

    private PerfettoExport(Writer out) {
        this.out = out;
    }

    /**
     * Converts a trace file.
     *
     * @param trace the trace, of any format
     * @param json  where to write the JSON
     * @throws IOException if reading or writing fails, or the trace is malformed
     */
    public static void write(Path trace, Path json) throws IOException {
        try (TraceCursor c = GoTrace.cursor(trace); OutputStream o = Files.newOutputStream(json)) {
            write(c, o);
        }
    }

    /**
     * Converts the rest of a cursor's events.
     *
     * @param cursor the cursor; read to the end, not closed
     * @param json   where to write UTF-8 JSON; flushed, not closed
     * @throws IOException if writing fails or the trace is malformed
     */
    public static void write(TraceCursor cursor, OutputStream json) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(json, StandardCharsets.UTF_8), 1 << 16);
        PerfettoExport e = new PerfettoExport(w);
        w.write("{\"displayTimeUnit\":\"ns\",\"traceEvents\":[\n");
        e.metadata(PROCS, -1, "process_name", "Procs");
        e.metadata(GOROUTINES, -1, "process_name", "Goroutines");
        e.metadata(RUNTIME, -1, "process_name", "Runtime");
        e.metadata(RUNTIME, 0, "thread_name", "GC");
        e.metadata(RUNTIME, 1, "thread_name", "Stop the world");
        e.metadata(TASKS, -1, "process_name", "Tasks");
        long last = 0;
        while (cursor.next()) {
            e.event(cursor);
            last = cursor.time();
        }
        try {
            e.finish(last);
        } catch (java.io.UncheckedIOException x) {
            throw x.getCause();
        }
        w.write("\n]}\n");
        w.flush();
    }

    private double us(long t) {
        return (t - origin) / 1000.0;
    }

    private void begin() throws IOException {
        if (!first) {
            out.write(",\n");
        }
        first = false;
    }

    private void metadata(int pid, long tid, String what, String name) throws IOException {
        begin();
        out.write("{\"name\":\"" + what + "\",\"ph\":\"M\",\"pid\":" + pid
                + (tid >= 0 ? ",\"tid\":" + tid : "") + ",\"args\":{\"name\":" + quote(name) + "}}");
    }

    private void slice(int pid, long tid, String name, String cat, long from, long to, String args)
            throws IOException {
        if (to < from) {
            return;
        }
        begin();
        out.write("{\"name\":" + quote(name) + ",\"cat\":\"" + cat + "\",\"ph\":\"X\",\"pid\":" + pid + ",\"tid\":"
                + tid + ",\"ts\":" + num(us(from)) + ",\"dur\":" + num((to - from) / 1000.0)
                + (args == null ? "" : ",\"args\":" + args) + "}");
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    private Goroutine goroutine(long id) throws IOException {
        Goroutine g = goroutines.get(id);
        if (g == null) {
            g = new Goroutine();
            goroutines.put(id, g);
        }
        return g;
    }

    private void event(TraceCursor c) throws IOException {
        long t = c.time();
        if (origin == Long.MIN_VALUE) {
            origin = t;
        }
        switch (c.kind()) {
            case STATE_TRANSITION:
                if (c.transitionResource() == ResourceKind.GOROUTINE) {
                    transition(c, t);
                }
                break;
            case RANGE_BEGIN:
            case RANGE_ACTIVE:
                if (c.rangeName().equals("GC concurrent mark phase")) {
                    gcSince = gcSince < 0 ? t : gcSince;
                } else if (c.rangeName().startsWith("stop-the-world")) {
                    stw.put(c.rangeScopeId(), new long[]{t});
                }
                break;
            case RANGE_END:
                if (c.rangeName().equals("GC concurrent mark phase") && gcSince >= 0) {
                    slice(RUNTIME, 0, "GC", "gc", gcSince, t, null);
                    gcSince = -1;
                } else if (c.rangeName().startsWith("stop-the-world")) {
                    long[] since = stw.get(c.rangeScopeId());
                    if (since != null) {
                        stw.remove(c.rangeScopeId());
                        slice(RUNTIME, 1, c.rangeName(), "gc", since[0], t, null);
                    }
                }
                break;
            case METRIC:
                begin();
                out.write("{\"name\":" + quote(c.metricName()) + ",\"ph\":\"C\",\"pid\":" + RUNTIME + ",\"ts\":"
                        + num(us(t)) + ",\"args\":{\"value\":" + c.metricValue() + "}}");
                break;
            case TASK_BEGIN:
            case TASK_END: {
                begin();
                boolean b = c.kind() == EventKind.TASK_BEGIN;
                out.write("{\"name\":" + quote(c.taskType().isEmpty() ? "task " + c.task() : c.taskType())
                        + ",\"cat\":\"task\",\"ph\":\"" + (b ? "b" : "e") + "\",\"id\":" + c.task() + ",\"pid\":"
                        + TASKS + ",\"tid\":0,\"ts\":" + num(us(t)) + "}");
                break;
            }
            case REGION_BEGIN:
                if (c.goroutine() >= 0) {
                    goroutine(c.goroutine()).regions.push(new Object[]{c.taskType(), t});
                }
                break;
            case REGION_END:
                if (c.goroutine() >= 0) {
                    Goroutine g = goroutine(c.goroutine());
                    Object[] r = g.regions.poll();
                    if (r != null) {
                        slice(GOROUTINES, c.goroutine(), (String) r[0], "region", (long) r[1], t, null);
                    }
                }
                break;
            case LOG:
                begin();
                out.write("{\"name\":" + quote(c.logCategory() + ": " + c.logMessage()) + ",\"cat\":\"log\","
                        + "\"ph\":\"i\",\"s\":\"t\",\"pid\":" + GOROUTINES + ",\"tid\":" + Math.max(c.goroutine(), 0)
                        + ",\"ts\":" + num(us(t)) + "}");
                break;
            default:
                break;
        }
    }

    private void transition(TraceCursor c, long t) throws IOException {
        long id = c.transitionId();
        GoState from = c.goFrom();
        GoState to = c.goTo();
        if (from == to) {
            return;
        }
        Goroutine g = goroutine(id);
        if (!g.named) {
            Stack s = c.transitionStack();
            if (!s.isEmpty()) {
                g.name = s.frames().get(s.depth() - 1).function();
                g.named = true;
                metadata(GOROUTINES, id, "thread_name", "G" + id + " " + g.name);
            }
        }
        // Close the state it leaves on its own track.
        if (g.state != GoState.UNDETERMINED && g.state != GoState.NOT_EXIST) {
            String name = g.state == GoState.WAITING ? "blocked" + (g.reason.isEmpty() ? "" : ": " + g.reason)
                    : g.state == GoState.RUNNING ? "running" : g.state == GoState.RUNNABLE ? "runnable" : "syscall";
            slice(GOROUTINES, id, name, "state", g.since, t, null);
        }
        // Its run on a proc ends when it leaves Running.
        if (from == GoState.RUNNING || from == GoState.SYSCALL && to != GoState.RUNNING) {
            long[] run = procRun.get(id);
            if (run != null) {
                procRun.remove(id);
                slice(PROCS, run[1], "G" + id + (g.name.isEmpty() ? "" : " " + g.name), "exec", run[0], t,
                        "{\"goroutine\":" + id + "}");
            }
        }
        if (to == GoState.RUNNING && c.proc() >= 0 && procRun.get(id) == null) {
            procRun.put(id, new long[]{t, c.proc()});
            if (procsSeen.get(c.proc()) == null) {
                procsSeen.put(c.proc(), Boolean.TRUE);
                metadata(PROCS, c.proc(), "thread_name", "Proc " + c.proc());
            }
        }
        // An unblock by a running goroutine starts a flow that ends where the unblocked one runs.
        if (from == GoState.WAITING && to == GoState.RUNNABLE && c.goroutine() >= 0 && c.goroutine() != id) {
            g.pendingFlow = ++flows;
            begin();
            out.write("{\"name\":\"unblock\",\"cat\":\"flow\",\"ph\":\"s\",\"id\":" + g.pendingFlow + ",\"pid\":"
                    + GOROUTINES + ",\"tid\":" + c.goroutine() + ",\"ts\":" + num(us(t)) + "}");
        } else if (to == GoState.RUNNING && g.pendingFlow >= 0) {
            begin();
            out.write("{\"name\":\"unblock\",\"cat\":\"flow\",\"ph\":\"f\",\"bp\":\"e\",\"id\":" + g.pendingFlow
                    + ",\"pid\":" + GOROUTINES + ",\"tid\":" + id + ",\"ts\":" + num(us(t)) + "}");
            g.pendingFlow = -1;
        }
        g.state = to;
        g.since = t;
        g.reason = c.reason();
        if (to == GoState.NOT_EXIST) {
            goroutines.remove(id);
        }
    }

    private void finish(long last) throws IOException {
        long end = Math.max(last, origin == Long.MIN_VALUE ? 0 : origin);
        if (gcSince >= 0) {
            slice(RUNTIME, 0, "GC", "gc", gcSince, end, null);
        }
        procRun.forEach((id, run) -> {
            try {
                slice(PROCS, run[1], "G" + id, "exec", run[0], end, "{\"goroutine\":" + id + "}");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        goroutines.forEach((id, g) -> {
            try {
                if (g.state != GoState.UNDETERMINED && g.state != GoState.NOT_EXIST) {
                    slice(GOROUTINES, id, g.state == GoState.WAITING ? "blocked"
                            + (g.reason.isEmpty() ? "" : ": " + g.reason) : g.state.goName().toLowerCase(Locale.ROOT),
                            "state", g.since, end, null);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }
}
