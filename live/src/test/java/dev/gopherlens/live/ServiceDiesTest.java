package dev.gopherlens.live;

import dev.gopherlens.live.testing.DemoServer;
import dev.gopherlens.trace.GoTrace;
import dev.gopherlens.trace.TraceAnalysis;
import dev.gopherlens.trace.TraceCursor;
import dev.gopherlens.trace.TraceVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The demo service killed in the middle of a trace: a clear error, and the part that arrived kept intact. */
class ServiceDiesTest {
    @Test
    void aServiceKilledMidTraceLeavesAPartialCaptureAndAClearError(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("trace.out");
        try (DemoServer server = DemoServer.start()) {
            // Killed once the trace is flowing: 50 KB in, well before the 4 s are up.
            AtomicBoolean killed = new AtomicBoolean();
            GoService service = GoService.builder(server.base()).progress((endpoint, elapsed, expected, bytes) -> {
                if (bytes > 50_000 && killed.compareAndSet(false, true)) {
                    CompletableFuture.runAsync(server::kill);
                }
            }).build();
            long start = System.nanoTime();
            assertThatThrownBy(() -> service.trace(Duration.ofSeconds(4), file, TraceAnalysis::of))
                    .isInstanceOfSatisfying(CaptureException.class, e -> {
                        assertThat(e.kind()).isEqualTo(CaptureException.Kind.TRUNCATED);
                        assertThat(e.endpoint()).isEqualTo("/debug/pprof/trace?seconds=4");
                        assertThat(e.partialFile()).contains(dir.resolve("trace.out.partial"));
                    })
                    .hasMessageStartingWith("/debug/pprof/trace?seconds=4: ");
            // The error came when the service died, not when the 4 s trace would have ended.
            assertThat(System.nanoTime() - start).isLessThan(4_000_000_000L);
        }
        assertThat(file).doesNotExist();
        // What arrived is the start of a real trace: its header and first events read back.
        Path partial = dir.resolve("trace.out.partial");
        assertThat(Files.size(partial)).isGreaterThan(16);
        try (TraceCursor c = GoTrace.cursor(partial)) {
            assertThat(c.version()).isEqualTo(TraceVersion.GO_1_26);
        }
    }
}
