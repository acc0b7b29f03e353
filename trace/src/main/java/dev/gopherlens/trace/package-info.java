/**
 * Go execution traces. So far: {@link dev.gopherlens.trace.TraceVersion}, which tells a trace's wire-format
 * version from its header.
 *
 * <pre>{@code
 * TraceVersion v = TraceVersion.of(Path.of("trace.out"));   // GO_1_26 for a Go 1.27 trace
 * }</pre>
 */
package dev.gopherlens.trace;
