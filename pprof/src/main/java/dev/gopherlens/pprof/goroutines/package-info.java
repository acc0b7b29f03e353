/**
 * Go goroutine dumps: the text a panic, a fatal error, {@code SIGQUIT}, {@code runtime.Stack} or
 * {@code /debug/pprof/goroutine?debug=2} prints, read into an immutable model, grouped into buckets of alike
 * goroutines and converted to a pprof goroutine profile. {@link dev.gopherlens.pprof.goroutines.GoroutineDump} is
 * the entry point: {@code read} for the model, {@code open} for a
 * {@link dev.gopherlens.pprof.goroutines.GoroutineReader} that hands out one goroutine at a time;
 * {@link dev.gopherlens.pprof.goroutines.GoroutineBuckets} compares a dump with a goroutine profile. From
 * {@code examples/.../GoroutineDumpSummary.java}:
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
