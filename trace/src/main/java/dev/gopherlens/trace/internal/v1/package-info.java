/**
 * The first trace format, written by Go 1.11 to 1.21 (headers {@code go 1.11 trace}, {@code go 1.19 trace},
 * {@code go 1.21 trace}): {@link dev.gopherlens.trace.internal.v1.V1Parser} reads a whole file into a
 * {@link dev.gopherlens.trace.internal.v1.V1Trace}, its events ordered as Go 1.27's {@code internal/tracev1} orders
 * them, for the conversion to the generational event model. Internal: not exported.
 *
 * <pre>{@code
 * V1Trace t = V1Parser.parse(bytes, 21, Limits.DEFAULT);
 * for (int i = 0; i < t.size(); i++) {
 *     if (t.type(i) == V1EventType.GO_START) { ... t.time(i), t.p(i), t.g(i) ... }
 * }
 * }</pre>
 */
package dev.gopherlens.trace.internal.v1;
