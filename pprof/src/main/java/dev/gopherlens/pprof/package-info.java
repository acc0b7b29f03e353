/**
 * pprof profiles: {@link dev.gopherlens.pprof.Pprof} reads them (profile.proto, gzipped or not, and the legacy
 * text and binary formats google/pprof accepts) as an immutable {@link dev.gopherlens.pprof.Profile} (model), a
 * {@link dev.gopherlens.pprof.ProfileReader} (stream) or a {@link dev.gopherlens.pprof.SampleCursor} (cursor), and
 * writes them; {@link dev.gopherlens.pprof.ProfileBuilder} makes them from scratch.
 *
 * <p>On the model, the operations of {@code go tool pprof} return new profiles ({@code focus}, {@code ignore},
 * {@code hide}, {@code show}, {@code tagFocus}, {@code aggregate}, {@code merge}, {@code diffBase}, ...), and
 * {@link dev.gopherlens.pprof.Profile#report()} gives its reports ({@code top}, {@code traces}, {@code tree},
 * {@code peek}, DOT, callgrind, folded stacks) with the text the Go tool prints; {@link dev.gopherlens.pprof.FlameGraph}
 * draws the folded stacks as an SVG flame graph. From examples' {@code GoToolPprof}:
 *
 * <pre>{@code
 * Profile p = Pprof.read(Path.of("cpu.pprof"));
 * System.out.print(p.top());                                      // go tool pprof -top
 * Report r = p.diffBase(Pprof.read(Path.of("base.pprof")))
 *         .report(ReportOptions.defaults().withSampleIndex("cpu"))
 *         .focus("main\\.");                                       // -diff_base=base.pprof -focus='main\.'
 * System.out.print(r.peek("sumSquares"));
 * Files.writeString(Path.of("cpu.folded"), p.report().folded());  // for flamegraph.pl or speedscope
 * Files.writeString(Path.of("cpu.svg"), FlameGraph.of(p).toSvg()); // the flame graph itself
 * }</pre>
 */
package dev.gopherlens.pprof;
