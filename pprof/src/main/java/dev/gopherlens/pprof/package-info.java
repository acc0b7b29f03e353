/**
 * pprof profiles: {@link dev.gopherlens.pprof.Pprof} reads them as an immutable {@link dev.gopherlens.pprof.Profile}
 * (model), a {@link dev.gopherlens.pprof.ProfileReader} (stream) or a {@link dev.gopherlens.pprof.SampleCursor}
 * (cursor), and writes them; {@link dev.gopherlens.pprof.ProfileBuilder} makes them from scratch.
 *
 * <pre>{@code
 * Profile p = Pprof.read(Path.of("cpu.pprof"));
 * System.out.print(p.toRawText());
 * }</pre>
 */
package dev.gopherlens.pprof;
