package dev.gopherlens.live;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.gopherlens.core.GoParseException;
import dev.gopherlens.core.Limits;
import dev.gopherlens.core.testing.Corpus;
import dev.gopherlens.trace.TraceAnalysis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each way a capture fails, from a local stub server (the JDK's own): a clear {@link CaptureException} naming the
 * endpoint, and any partial capture kept under {@code .partial} while the named file is never written.
 */
class GoServiceFailureTest {
    private HttpServer stub;

    private URI serve(HttpHandler handler) throws IOException {
        stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        stub.createContext("/", handler);
        stub.start();
        return URI.create("http://127.0.0.1:" + stub.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        if (stub != null) {
            stub.stop(0);
        }
    }

    private static void reply(HttpExchange x, int status, String type, byte[] body) throws IOException {
        if (type != null) {
            x.getResponseHeaders().set("Content-Type", type);
        }
        x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }

    private static CaptureException thrown(ThrowingCapture capture) {
        try {
            capture.run();
        } catch (CaptureException e) {
            return e;
        } catch (IOException e) {
            throw new AssertionError("not a CaptureException", e);
        }
        throw new AssertionError("the capture succeeded");
    }

    @FunctionalInterface
    private interface ThrowingCapture {
        void run() throws IOException;
    }

    @Test
    void aServiceWithoutPprofIsNamedAsSuch() throws IOException {
        // Go's mux answers a path it has no handler for with a plain 404, without pprof's X-Go-Pprof header.
        URI base = serve(x -> reply(x, 404, "text/plain; charset=utf-8",
                "404 page not found\n".getBytes(StandardCharsets.UTF_8)));
        CaptureException e = thrown(() -> GoService.connect(base).heap());
        assertThat(e.kind()).isEqualTo(CaptureException.Kind.NOT_FOUND);
        assertThat(e.status()).isEqualTo(404);
        assertThat(e).hasMessage("/debug/pprof/heap: the service does not serve net/http/pprof "
                + "(404 on /debug/pprof/heap)");
    }

    @Test
    void aBusyProfilerIsNamedWithGosOwnMessage() throws IOException {
        URI base = serve(x -> {
            x.getResponseHeaders().set("X-Go-Pprof", "1");
            reply(x, 500, "text/plain; charset=utf-8",
                    "Could not enable CPU profiling: cpu profiling already in use\n".getBytes(StandardCharsets.UTF_8));
        });
        CaptureException e = thrown(() -> GoService.connect(base).cpuProfile(Duration.ofSeconds(1)));
        assertThat(e.kind()).isEqualTo(CaptureException.Kind.BUSY);
        assertThat(e).hasMessage("/debug/pprof/profile?seconds=1: the service is already capturing a CPU profile; "
                + "Go serves one at a time (HTTP 500: Could not enable CPU profiling: cpu profiling already in use)");
    }

    @Test
    void anHtmlPageIsNotAProfile(@TempDir Path dir) throws IOException {
        URI base = serve(x -> reply(x, 200, "text/html; charset=utf-8",
                "<!DOCTYPE html><html><title>Login</title><body>Please sign in</body></html>"
                        .getBytes(StandardCharsets.UTF_8)));
        Path file = dir.resolve("mutex.pprof");
        CaptureException e = thrown(() -> GoService.connect(base).profile("mutex", file));
        assertThat(e.kind()).isEqualTo(CaptureException.Kind.MALFORMED);
        assertThat(e).hasMessageStartingWith("/debug/pprof/mutex: expected a profile, got an HTML page "
                + "(text/html; charset=utf-8): <!DOCTYPE html><html><title>Login</title>");
        assertThat(file).doesNotExist();
        assertThat(e.partialFile()).contains(dir.resolve("mutex.pprof.partial"));
    }

    @Test
    void aSlowServiceTimesOut() throws IOException {
        URI base = serve(x -> {
            sleep(3000);
            reply(x, 200, null, new byte[0]);
        });
        GoService service = GoService.builder(base).timeout(Duration.ofMillis(400)).build();
        long start = System.nanoTime();
        CaptureException e = thrown(service::goroutineDump);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
        assertThat(e.kind()).isEqualTo(CaptureException.Kind.TIMEOUT);
        assertThat(e).hasMessageStartingWith("/debug/pprof/goroutine?debug=2: no complete response within 0.4 s");
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void aBodyThatStallsTimesOutAndKeepsWhatArrived(@TempDir Path dir) throws IOException {
        byte[] trace = Files.readAllBytes(Corpus.file("go1.27/data/trace.out"));
        URI base = serve(x -> {
            x.sendResponseHeaders(200, 0);
            OutputStream out = x.getResponseBody();
            out.write(trace, 0, 1000);
            out.flush();
            sleep(5000);
            out.close();
        });
        GoService service = GoService.builder(base).timeout(Duration.ofMillis(500)).build();
        Path file = dir.resolve("trace.out");
        long start = System.nanoTime();
        CaptureException e = thrown(() -> service.trace(Duration.ofMillis(500), file, TraceAnalysis::of));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(3500));
        assertThat(e.kind()).isEqualTo(CaptureException.Kind.TIMEOUT);
        assertThat(e).hasMessageContaining("/debug/pprof/trace?seconds=0.5: no complete response within 1 s");
        assertThat(file).doesNotExist();
        assertThat(Files.readAllBytes(dir.resolve("trace.out.partial"))).isEqualTo(Arrays.copyOf(trace, 1000));
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void aConnectionThatBreaksMidBodyIsTruncated(@TempDir Path dir) throws IOException {
        byte[] profile = Files.readAllBytes(Corpus.file("go1.27/data/heap.pprof"));
        URI base = serve(x -> {
            // Promises the whole profile, sends a third of it, and hangs up.
            x.sendResponseHeaders(200, profile.length);
            OutputStream out = x.getResponseBody();
            out.write(profile, 0, profile.length / 3);
            out.flush();
            x.getHttpContext().getServer().stop(0);
        });
        Path file = dir.resolve("heap.pprof");
        CaptureException e = thrown(() -> GoService.connect(base).profile("heap", file));
        assertThat(e.kind()).isEqualTo(CaptureException.Kind.TRUNCATED);
        assertThat(e).hasMessageStartingWith("/debug/pprof/heap: the connection broke after ");
        assertThat(file).doesNotExist();
        byte[] kept = Files.readAllBytes(dir.resolve("heap.pprof.partial"));
        assertThat(kept).isEqualTo(Arrays.copyOf(profile, kept.length));
        stub = null;
    }

    @Test
    void aTraceCutShortIsTruncatedAndItsParseErrorKept(@TempDir Path dir) throws IOException {
        byte[] trace = Files.readAllBytes(Corpus.file("go1.27/data/trace.out"));
        byte[] half = Arrays.copyOf(trace, trace.length / 2);
        URI base = serve(x -> reply(x, 200, "application/octet-stream", half));
        Path file = dir.resolve("trace.out");
        CaptureException e = thrown(() -> GoService.connect(base).trace(Duration.ofSeconds(1), file,
                TraceAnalysis::of));
        assertThat(e.kind()).isEqualTo(CaptureException.Kind.TRUNCATED);
        assertThat(e).hasMessageStartingWith("/debug/pprof/trace?seconds=1: the body ended early");
        assertThat(e.getCause()).isInstanceOf(GoParseException.class);
        assertThat(file).doesNotExist();
        assertThat(Files.readAllBytes(dir.resolve("trace.out.partial"))).isEqualTo(half);
    }

    @Test
    void aBodyOverTheLimitIsRefused() throws IOException {
        byte[] profile = Files.readAllBytes(Corpus.file("go1.27/data/heap.pprof"));
        URI base = serve(x -> reply(x, 200, "application/octet-stream", profile));
        GoService service = GoService.builder(base).limits(Limits.DEFAULT.withMaxDecompressedSize(100)).build();
        CaptureException e = thrown(service::heap);
        assertThat(e.kind()).isEqualTo(CaptureException.Kind.TOO_LARGE);
        assertThat(e).hasMessageContaining("/debug/pprof/heap: the body is larger than Limits.maxDecompressedSize "
                + "(100 bytes)");
        assertThat(GoService.connect(base).heap().samples()).isNotEmpty();
    }

    @Test
    void aRefusedConnectionNamesTheAddress() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        GoService service = GoService.connect(URI.create("http://127.0.0.1:" + port));
        CaptureException e = thrown(service::mutex);
        assertThat(e.kind()).isEqualTo(CaptureException.Kind.CONNECTION);
        assertThat(e.status()).isEqualTo(-1);
        assertThat(e).hasMessageStartingWith("/debug/pprof/mutex: cannot connect to 127.0.0.1:" + port + ": ");
    }

    @Test
    void headersAreSentAndTheAddressMayNameThePprofPath() throws IOException {
        List<String> seen = new CopyOnWriteArrayList<>();
        URI base = serve(x -> {
            seen.add(x.getRequestURI() + " " + x.getRequestHeaders().getFirst("Authorization"));
            reply(x, 200, null, "./server\0-port\0006060\0".getBytes(StandardCharsets.UTF_8));
        });
        GoService service = GoService.builder(URI.create(base + "/admin/debug/pprof"))
                .header("Authorization", "Bearer t0ken").build();
        assertThat(service.cmdline()).containsExactly("./server", "-port", "6060");
        assertThat(seen).containsExactly("/admin/debug/pprof/cmdline Bearer t0ken");
        assertThat(service.base()).isEqualTo(URI.create(base + "/admin/debug/pprof/"));
    }

    @Test
    void interruptingTheCallerCancelsTheCapture() throws Exception {
        URI base = serve(x -> {
            sleep(5000);
            reply(x, 200, null, new byte[0]);
        });
        GoService service = GoService.connect(base);
        Thread caller = Thread.currentThread();
        Thread interrupter = new Thread(() -> {
            sleep(300);
            caller.interrupt();
        });
        interrupter.start();
        long start = System.nanoTime();
        CaptureException e = thrown(() -> service.cpuProfile(Duration.ofSeconds(5)));
        interrupter.join();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(e.kind()).isEqualTo(CaptureException.Kind.INTERRUPTED);
        // The caller's interrupt is its own: it stays set.
        assertThat(Thread.interrupted()).isTrue();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
