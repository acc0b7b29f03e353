/**
 * Go execution traces, as {@code runtime/trace} and {@code go test -trace} write them, of every format: Go 1.11 to
 * 1.21 (converted as Go 1.27 converts them) and Go 1.22 on (read a generation at a time). Events come ordered as
 * Go's own parser orders them, with the thread, proc and goroutine they happened on, their stacks, and each
 * goroutine's and proc's state changes, checked against Go's rules.
 *
 * <p>Three tiers over one decoder, from {@link dev.gopherlens.trace.GoTrace}: a {@link dev.gopherlens.trace.TraceCursor}
 * (no allocation per event), a {@link dev.gopherlens.trace.TraceReader} (a stream of immutable
 * {@link dev.gopherlens.trace.Event}s) and a {@link dev.gopherlens.trace.Trace} (all in memory). A
 * {@link dev.gopherlens.trace.Scheduler} answers what each goroutine, proc and thread is doing at any point;
 * {@link dev.gopherlens.trace.TraceListener} receives the changes pushed by {@link dev.gopherlens.trace.GoTrace#replay}.
 *
 * <pre>{@code
 * try (TraceCursor c = GoTrace.cursor(Path.of("trace.out"))) {     // from examples/TraceSummary
 *     while (c.next()) {
 *         if (c.kind() == EventKind.RANGE_BEGIN && c.rangeName().equals("GC concurrent mark phase")) {
 *             gcs++;
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>A malformed trace fails with a {@link dev.gopherlens.core.GoParseException} carrying Go's own message and the
 * byte offset of the event at fault; a version Go does not write fails with an
 * {@link dev.gopherlens.core.UnsupportedVersionException}.
 */
package dev.gopherlens.trace;
