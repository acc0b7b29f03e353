/**
 * Captures from a running Go program's {@code net/http/pprof} endpoints: {@link dev.gopherlens.live.GoService}
 * fetches profiles, goroutine dumps, execution traces (streamed into the trace parser), symbols and the command
 * line, with timeouts, cancellation, size limits and a {@link dev.gopherlens.live.CaptureException} naming the
 * endpoint for every failure. From examples' {@code Diagnose}:
 *
 * <pre>{@code
 * GoService service = GoService.builder(URI.create("http://127.0.0.1:6060"))
 *         .header("Authorization", "Bearer " + token)
 *         .timeout(Duration.ofSeconds(30))
 *         .build();
 * Profile cpu = service.cpuProfile(Duration.ofSeconds(5), Path.of("cpu.pprof"));   // also saved for go tool pprof
 * TraceAnalysis trace = service.trace(Duration.ofSeconds(3), Path.of("trace.out"), TraceAnalysis::of);
 * GoroutineDump before = service.goroutineDump();
 * }</pre>
 */
package dev.gopherlens.live;
