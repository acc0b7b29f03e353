/**
 * Go goroutine dumps: the text a panic, a fatal error, {@code SIGQUIT}, {@code runtime.Stack} or
 * {@code /debug/pprof/goroutine?debug=2} prints, read into an immutable model, grouped into buckets of alike
 * goroutines and converted to a pprof goroutine profile. {@link dev.gopherlens.pprof.goroutines.GoroutineDump} is
 * the entry point. From {@code examples/.../GoroutineDumpSummary.java}:
 *
 * <pre>{@code
 * GoroutineDump dump = GoroutineDump.read(path);
 * if (dump.crash().isCrash()) {
 *     out.println(dump.crash());
 * }
 * for (Bucket b : dump.buckets()) {
 *     out.println(b);
 * }
 * }</pre>
 */
package dev.gopherlens.pprof.goroutines;
