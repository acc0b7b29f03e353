package dev.gopherlens.live;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.core.Limits;
import dev.gopherlens.core.TruncatedInputException;
import dev.gopherlens.pprof.Pprof;
import dev.gopherlens.pprof.Profile;
import dev.gopherlens.pprof.goroutines.GoroutineDump;
import dev.gopherlens.trace.GoTrace;
import dev.gopherlens.trace.TraceCursor;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A running Go program that serves {@code net/http/pprof}: captures its profiles, goroutine dumps and execution
 * traces over HTTP and parses them with the pprof and trace modules.
 *
 * <pre>{@code
 * GoService service = GoService.connect(URI.create("http://127.0.0.1:6060"));
 * Profile cpu = service.cpuProfile(Duration.ofSeconds(5));                  // profile?seconds=5
 * GoroutineDump dump = service.goroutineDump();                             // goroutine?debug=2
 * TraceAnalysis a = service.trace(Duration.ofSeconds(3), TraceAnalysis::of); // streamed, never held whole
 * }</pre>
 *
 * <p>Every capture has a deadline: the builder's timeout, plus the capture's own duration for
 * {@code profile?seconds=N} and {@code trace?seconds=N}. Interrupting the capturing thread cancels a capture. A body
 * is capped at {@link Limits#maxDecompressedSize()} bytes, and the parsers get the same {@link Limits}. Each
 * capture with a {@code saveTo} file writes the raw bytes as they arrive to {@code FILE.partial} and renames it to
 * {@code FILE} only once the capture arrived whole and parsed, so {@code FILE} always holds a complete capture that
 * {@code go tool pprof} or {@code go tool trace} opens; after a failure the bytes that arrived stay in
 * {@code FILE.partial}, named by the exception. Every failure is a {@link CaptureException} naming the endpoint.
 *
 * <p>Immutable and thread-safe: captures may run at once from several threads (though Go serves one CPU profile
 * and one trace at a time, and answers a second with {@link CaptureException.Kind#BUSY}). The HTTP client made by
 * the builder, when none is given, lives as long as this object.
 */
public final class GoService {
    /** How often a capture waiting for its response tells the progress listener. */
    private static final long TICK_MILLIS = 250;
    /** How much of an error body a message quotes. */
    private static final int SNIPPET = 200;

    private final URI base;
    private final Map<String, String> headers;
    private final Duration timeout;
    private final Limits limits;
    private final HttpClient client;
    private final CaptureProgress progress;

    private GoService(Builder b) {
        this.base = pprofBase(b.base);
        this.headers = Map.copyOf(b.headers);
        this.timeout = b.timeout;
        this.limits = b.limits;
        this.progress = b.progress;
        this.client = b.client != null ? b.client : HttpClient.newBuilder()
                .connectTimeout(b.timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * Connects to a service with the defaults: no extra headers, a 10 s timeout, {@link Limits#DEFAULT}.
     *
     * @param base the service's address, such as {@code http://127.0.0.1:6060}; its {@code /debug/pprof/} is used,
     *             or the address itself when it already ends in {@code /debug/pprof}
     * @return the service; nothing is sent until a capture
     * @throws IllegalArgumentException if the address is not an absolute http or https URI
     */
    public static GoService connect(URI base) {
        return builder(base).build();
    }

    /**
     * Starts a builder.
     *
     * @param base the service's address, as for {@link #connect(URI)}
     * @return the builder
     */
    public static Builder builder(URI base) {
        return new Builder(base);
    }

    /** {@return the address of the service's pprof index, ending in {@code /}} */
    public URI base() {
        return base;
    }

    // ---- profiles ----

    /**
     * Captures a CPU profile ({@code profile?seconds=N}), blocking for its duration.
     *
     * @param duration how long to profile; rounded up to whole seconds, at least one
     * @return the profile
     * @throws CaptureException if the capture fails; {@link CaptureException.Kind#BUSY} if a CPU profile is already
     *                          running in the service
     */
    public Profile cpuProfile(Duration duration) throws CaptureException {
        return cpuProfile(duration, null);
    }

    /**
     * Captures a CPU profile and saves its raw bytes.
     *
     * @param duration how long to profile; rounded up to whole seconds, at least one
     * @param saveTo   the file for the raw profile, or null
     * @return the profile
     * @throws CaptureException if the capture fails
     */
    public Profile cpuProfile(Duration duration, Path saveTo) throws CaptureException {
        long seconds = wholeSeconds(duration);
        return profile("profile?seconds=" + seconds, Duration.ofSeconds(seconds), saveTo);
    }

    /**
     * Captures the heap profile (in-use and allocated since start).
     *
     * @return the profile
     * @throws CaptureException if the capture fails
     */
    public Profile heap() throws CaptureException {
        return profile("heap", null);
    }

    /**
     * Captures the allocations profile (the heap profile with allocated space as its default).
     *
     * @return the profile
     * @throws CaptureException if the capture fails
     */
    public Profile allocs() throws CaptureException {
        return profile("allocs", null);
    }

    /**
     * Captures the block profile (time goroutines spent blocked on synchronization, since the rate was set).
     *
     * @return the profile
     * @throws CaptureException if the capture fails
     */
    public Profile block() throws CaptureException {
        return profile("block", null);
    }

    /**
     * Captures the mutex profile (delay goroutines caused others by holding contended locks).
     *
     * @return the profile
     * @throws CaptureException if the capture fails
     */
    public Profile mutex() throws CaptureException {
        return profile("mutex", null);
    }

    /**
     * Captures the threadcreate profile.
     *
     * @return the profile
     * @throws CaptureException if the capture fails
     */
    public Profile threadCreate() throws CaptureException {
        return profile("threadcreate", null);
    }

    /**
     * Captures the goroutine profile ({@code goroutine}, debug=0): the goroutines counted by stack, with pcs.
     *
     * @return the profile
     * @throws CaptureException if the capture fails
     */
    public Profile goroutines() throws CaptureException {
        return profile("goroutine", null);
    }

    /**
     * Captures a profile by its name ({@code heap}, {@code goroutineleak}, a custom {@code pprof.NewProfile}) and
     * saves its raw bytes.
     *
     * @param name   the profile's name, optionally with a query ({@code block?seconds=5} for a delta profile)
     * @param saveTo the file for the raw profile, or null
     * @return the profile
     * @throws CaptureException if the capture fails; {@link CaptureException.Kind#NOT_FOUND} for an unknown name
     */
    public Profile profile(String name, Path saveTo) throws CaptureException {
        Objects.requireNonNull(name, "name");
        return profile(name, secondsOf(name), saveTo);
    }

    private Profile profile(String endpoint, Duration expected, Path saveTo) throws CaptureException {
        return exchange(endpoint, null, expected, saveTo, (body, response, name) -> {
            byte[] bytes = body.readAllBytes();
            refuseHtml(bytes, response, name, "a profile");
            return Pprof.read(bytes, limits);
        });
    }

    /**
     * Captures a profile's legacy text form ({@code NAME?debug=1}), which {@code Pprof.read} also reads.
     *
     * @param name the profile's name, such as {@code goroutine} or {@code heap}
     * @return the text
     * @throws CaptureException if the capture fails
     */
    public String profileText(String name) throws CaptureException {
        Objects.requireNonNull(name, "name");
        return exchange(name + "?debug=1", null, Duration.ZERO, null, (body, response, endpoint) -> {
            byte[] bytes = body.readAllBytes();
            refuseHtml(bytes, response, endpoint, "a profile's text");
            return new String(bytes, StandardCharsets.UTF_8);
        });
    }

    // ---- goroutine dumps ----

    /**
     * Captures a goroutine dump ({@code goroutine?debug=2}): every goroutine with its state and full stack, as a
     * panic prints them.
     *
     * @return the dump
     * @throws CaptureException if the capture fails
     */
    public GoroutineDump goroutineDump() throws CaptureException {
        return goroutineDump(null);
    }

    /**
     * Captures a goroutine dump and saves its text.
     *
     * @param saveTo the file for the text, or null
     * @return the dump
     * @throws CaptureException if the capture fails
     */
    public GoroutineDump goroutineDump(Path saveTo) throws CaptureException {
        return exchange("goroutine?debug=2", null, Duration.ZERO, saveTo, (body, response, name) -> {
            byte[] bytes = body.readAllBytes();
            refuseHtml(bytes, response, name, "a goroutine dump");
            return GoroutineDump.read(bytes, limits);
        });
    }

    // ---- execution traces ----

    /**
     * Captures an execution trace ({@code trace?seconds=N}) and hands it, as it streams from the socket, to a
     * function such as {@code TraceAnalysis::of}.
     *
     * @param duration how long to trace; at least a millisecond
     * @param consumer what to do with the trace
     * @param <T>      the result
     * @return what the function returned
     * @throws CaptureException if the capture fails or the trace is malformed ({@link CaptureException.Kind#BUSY}
     *                          if a trace is already running in the service)
     */
    public <T> T trace(Duration duration, TraceFunction<T> consumer) throws CaptureException {
        return trace(duration, null, consumer);
    }

    /**
     * Captures an execution trace, hands it to a function as it streams in, and saves the raw bytes.
     *
     * @param duration how long to trace; at least a millisecond
     * @param saveTo   the file for the raw trace, or null
     * @param consumer what to do with the trace
     * @param <T>      the result
     * @return what the function returned
     * @throws CaptureException if the capture fails or the trace is malformed
     */
    public <T> T trace(Duration duration, Path saveTo, TraceFunction<T> consumer) throws CaptureException {
        Objects.requireNonNull(consumer, "consumer");
        if (duration.toMillis() < 1) {
            throw new IllegalArgumentException("a trace needs at least a millisecond: " + duration);
        }
        String seconds = java.math.BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString();
        return exchange("trace?seconds=" + seconds, null, duration, saveTo, (body, response, name) -> {
            BufferedInputStream in = new BufferedInputStream(body, 16);
            in.mark(16);
            byte[] head = in.readNBytes(16);
            in.reset();
            refuseHtml(head, response, name, "an execution trace");
            try (TraceCursor cursor = GoTrace.cursor(in, limits)) {
                return consumer.apply(cursor);
            }
        });
    }

    // ---- symbols and command line ----

    /**
     * Asks the service's runtime to name the functions at some pcs ({@code POST /debug/pprof/symbol}).
     *
     * @param pcs the program counters
     * @return the pcs the service named, in the order given; pcs it does not know are left out
     * @throws CaptureException if the capture fails
     */
    public List<RemoteSymbol> symbols(long... pcs) throws CaptureException {
        StringBuilder sb = new StringBuilder();
        for (long pc : pcs) {
            if (sb.length() > 0) {
                sb.append('+');
            }
            sb.append("0x").append(Long.toHexString(pc));
        }
        return exchange("symbol", sb.toString().getBytes(StandardCharsets.US_ASCII), Duration.ZERO, null,
                (body, response, name) -> {
                    String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
                    refuseHtml(text.getBytes(StandardCharsets.UTF_8), response, name, "symbols");
                    Map<Long, String> named = new LinkedHashMap<>();
                    for (String line : text.split("\n")) {
                        int space = line.indexOf(' ');
                        if (!line.startsWith("0x") || space < 0 || space == line.length() - 1) {
                            continue; // "num_symbols: 1", or a pc with no function
                        }
                        try {
                            named.put(Long.parseUnsignedLong(line.substring(2, space), 16), line.substring(space + 1));
                        } catch (NumberFormatException e) {
                            throw malformed(name, "a symbol line is not \"0xPC name\": " + snippet(line));
                        }
                    }
                    List<RemoteSymbol> out = new ArrayList<>();
                    for (long pc : pcs) {
                        String f = named.get(pc);
                        if (f != null) {
                            out.add(new RemoteSymbol(pc, f));
                        }
                    }
                    return List.copyOf(out);
                });
    }

    /**
     * Reads the service's command line ({@code cmdline}).
     *
     * @return the program and its arguments
     * @throws CaptureException if the capture fails
     */
    public List<String> cmdline() throws CaptureException {
        return exchange("cmdline", null, Duration.ZERO, null, (body, response, name) -> {
            byte[] bytes = body.readAllBytes();
            refuseHtml(bytes, response, name, "a command line");
            String text = new String(bytes, StandardCharsets.UTF_8);
            List<String> args = new ArrayList<>(List.of(text.split("\0", -1)));
            if (!args.isEmpty() && args.get(args.size() - 1).isEmpty()) {
                args.remove(args.size() - 1);
            }
            return List.copyOf(args);
        });
    }

    /**
     * Saves any endpoint's raw body to a file without parsing it, as {@code curl -o} would.
     *
     * @param endpoint the path and query under the pprof index, such as {@code heap?gc=1} or
     *                 {@code profile?seconds=5}; a {@code seconds} parameter lengthens the deadline
     * @param saveTo   the file; written whole or not at all (see the class comment)
     * @return the number of bytes saved
     * @throws CaptureException if the capture fails
     */
    public long save(String endpoint, Path saveTo) throws CaptureException {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(saveTo, "saveTo");
        return exchange(endpoint, null, secondsOf(endpoint), saveTo, (body, response, name) -> {
            body.drain();
            return body.count();
        });
    }

    @Override
    public String toString() {
        return "GoService[" + base + ", timeout " + timeout + (headers.isEmpty() ? "" : ", headers " + headers.keySet())
                + "]";
    }

    // ---- the exchange ----

    /** Reads a 200 response's body into a result. */
    @FunctionalInterface
    private interface BodyReader<T> {
        T read(BodyStream body, HttpHeaders response, String endpoint) throws IOException;
    }

    private <T> T exchange(String endpoint, byte[] post, Duration expected, Path saveTo, BodyReader<T> reader)
            throws CaptureException {
        URI uri = base.resolve(endpoint.startsWith("/") ? endpoint.substring(1) : endpoint);
        String name = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        Duration budget = timeout.plus(expected);
        HttpRequest.Builder rb = HttpRequest.newBuilder(uri).timeout(budget);
        headers.forEach(rb::header);
        rb = post == null ? rb.GET() : rb.POST(HttpRequest.BodyPublishers.ofByteArray(post));
        HttpRequest request = rb.build();

        long start = System.nanoTime();
        long deadline = start + budget.toNanos();
        Path partial = saveTo == null ? null : saveTo.resolveSibling(saveTo.getFileName() + ".partial");
        int status = -1;
        SocketBody socket = null;
        BodyStream body = null;
        try {
            HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = awaitResponse(request, name, start, deadline,
                    expected);
            status = response.statusCode();
            socket = new SocketBody(deadline);
            response.body().subscribe(socket);
            if (status != 200) {
                throw httpError(name, status, response.headers(), readSnippet(socket));
            }
            T result;
            try (OutputStream copy = partial == null ? null
                    : new BufferedOutputStream(Files.newOutputStream(partial), 65536)) {
                body = new BodyStream(socket, copy, limits.maxDecompressedSize(), name, progress, start, expected);
                result = reader.read(body, response.headers(), name);
                body.drain();
            }
            if (partial != null) {
                Files.move(partial, saveTo, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            return result;
        } catch (IOException | RuntimeException e) {
            throw failure(e, name, status, body, budget).withPartial(
                    partial != null && Files.exists(partial) ? partial : null);
        } finally {
            if (socket != null) {
                socket.close();
            }
        }
    }

    private HttpResponse<Flow.Publisher<List<ByteBuffer>>> awaitResponse(HttpRequest request, String name,
            long start, long deadline, Duration expected) throws IOException {
        CompletableFuture<HttpResponse<Flow.Publisher<List<ByteBuffer>>>> future =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofPublisher());
        try {
            while (true) {
                long wait = Math.min(TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS), deadline - System.nanoTime());
                if (wait <= 0) {
                    abandon(future);
                    throw new HttpTimeoutException("no response before the deadline");
                }
                try {
                    return future.get(wait, TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    progress.update(name, Duration.ofNanos(System.nanoTime() - start), expected, 0);
                }
            }
        } catch (InterruptedException e) {
            abandon(future);
            Thread.currentThread().interrupt();
            InterruptedIOException io = new InterruptedIOException("interrupted while waiting for the response");
            io.initCause(e);
            throw io;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause);
        }
    }

    /** Gives up a request: cancels it, and closes the connection should the response arrive after all. */
    private static void abandon(CompletableFuture<HttpResponse<Flow.Publisher<List<ByteBuffer>>>> future) {
        future.cancel(true);
        future.thenAccept(r -> r.body().subscribe(new SocketBody(0)));
    }

    private CaptureException failure(Exception e, String name, int status, BodyStream body, Duration budget) {
        long received = body == null ? 0 : body.count();
        String after = body == null ? "" : " after " + received + " bytes of the body";
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CaptureException c) {
                return c;
            }
        }
        if (e instanceof HttpTimeoutException) {
            return new CaptureException(CaptureException.Kind.TIMEOUT, name, status,
                    "no complete response within " + seconds(budget) + " (the timeout"
                            + (budget.equals(timeout) ? "" : " plus the capture's duration") + ")" + after, null, e);
        }
        if (e instanceof InterruptedIOException || Thread.currentThread().isInterrupted()) {
            return new CaptureException(CaptureException.Kind.INTERRUPTED, name, status,
                    "the capture was interrupted" + after, null, e);
        }
        if (e instanceof GoParseException g) {
            if (g instanceof TruncatedInputException) {
                return new CaptureException(CaptureException.Kind.TRUNCATED, name, status,
                        "the body ended early (" + received + " bytes): " + g.getMessage(), null, g);
            }
            return new CaptureException(CaptureException.Kind.MALFORMED, name, status,
                    "the body is not what the endpoint serves: " + g.getMessage(), null, g);
        }
        if (e instanceof RuntimeException) {
            return new CaptureException(CaptureException.Kind.MALFORMED, name, status,
                    "the body could not be read: " + e, null, e);
        }
        if (status < 0) {
            String why = e instanceof ConnectException ? "cannot connect to " + base.getHost() + ":" + port()
                    : "the request failed";
            return new CaptureException(CaptureException.Kind.CONNECTION, name, status,
                    why + ": " + describe(e), null, e);
        }
        return new CaptureException(CaptureException.Kind.TRUNCATED, name, status,
                "the connection broke" + after + ": " + describe(e), null, e);
    }

    private CaptureException httpError(String name, int status, HttpHeaders headers, String body) {
        boolean fromPprof = headers.firstValue("X-Go-Pprof").isPresent();
        String quoted = body.isBlank() ? "" : ": " + body;
        if (status == 404) {
            String message = fromPprof
                    ? "the service serves net/http/pprof but has no such profile (404" + quoted + ")"
                    : "the service does not serve net/http/pprof (404 on " + name + ")";
            return new CaptureException(CaptureException.Kind.NOT_FOUND, name, status, message, null, null);
        }
        String lower = body.toLowerCase(Locale.ROOT);
        if (status == 500 && (lower.contains("already in use") || lower.contains("already enabled"))) {
            String what = lower.contains("tracing") || lower.contains("tracer") ? "an execution trace"
                    : "a CPU profile";
            return new CaptureException(CaptureException.Kind.BUSY, name, status,
                    "the service is already capturing " + what + "; Go serves one at a time (HTTP 500" + quoted
                            + ")", null, null);
        }
        return new CaptureException(CaptureException.Kind.HTTP_STATUS, name, status, "HTTP " + status + quoted,
                null, null);
    }

    private static void refuseHtml(byte[] head, HttpHeaders response, String name, String expected)
            throws CaptureException {
        String type = response.firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < head.length && Character.isWhitespace(head[i])) {
            i++;
        }
        String start = new String(head, i, Math.min(head.length - i, 64), StandardCharsets.ISO_8859_1)
                .toLowerCase(Locale.ROOT);
        if (type.startsWith("text/html") || start.startsWith("<!doctype") || start.startsWith("<html")) {
            throw malformed(name, "expected " + expected + ", got an HTML page ("
                    + (type.isEmpty() ? "no Content-Type" : type) + "): "
                    + snippet(new String(head, StandardCharsets.UTF_8)));
        }
    }

    private static CaptureException malformed(String name, String message) {
        return new CaptureException(CaptureException.Kind.MALFORMED, name, 200, message, null, null);
    }

    private static String readSnippet(InputStream in) {
        try {
            // Go's error bodies are one line; a long page is cut, and the connection closed after it.
            return snippet(new String(in.readNBytes(4096), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return "";
        }
    }

    private static String snippet(String text) {
        String s = text.strip().replaceAll("\\s+", " ");
        return s.length() <= SNIPPET ? s : s.substring(0, SNIPPET) + "…";
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isEmpty() ? "" : " " + m);
    }

    private int port() {
        if (base.getPort() >= 0) {
            return base.getPort();
        }
        return "https".equalsIgnoreCase(base.getScheme()) ? 443 : 80;
    }

    private static String seconds(Duration d) {
        return java.math.BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
    }

    private static long wholeSeconds(Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("a CPU profile needs a positive duration: " + d);
        }
        long s = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
        return Math.max(1, s);
    }

    /** The duration a {@code seconds=N} parameter asks the service to spend before it answers. */
    private static Duration secondsOf(String endpoint) {
        int q = endpoint.indexOf('?');
        if (q < 0) {
            return Duration.ZERO;
        }
        for (String p : endpoint.substring(q + 1).split("&")) {
            if (p.startsWith("seconds=")) {
                try {
                    double s = Double.parseDouble(p.substring(8));
                    if (s > 0 && s < 1e6) {
                        return Duration.ofMillis((long) Math.ceil(s * 1000));
                    }
                } catch (NumberFormatException e) {
                    return Duration.ZERO; // the service will say what is wrong with it
                }
            }
        }
        return Duration.ZERO;
    }

    private static URI pprofBase(URI base) {
        Objects.requireNonNull(base, "base");
        String scheme = base.getScheme();
        if (!base.isAbsolute() || base.getHost() == null
                || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
            throw new IllegalArgumentException("not an absolute http or https address: " + base);
        }
        String path = base.getRawPath() == null ? "" : base.getRawPath();
        if (path.endsWith("/debug/pprof")) {
            path = path + "/";
        } else if (!path.endsWith("/debug/pprof/")) {
            path = (path.endsWith("/") ? path : path + "/") + "debug/pprof/";
        }
        return base.resolve(URI.create(base.getScheme() + "://" + base.getRawAuthority() + path));
    }

    /**
     * Configures a {@link GoService}. Not thread-safe; each {@link #build()} makes an independent service.
     */
    public static final class Builder {
        private final URI base;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Duration timeout = Duration.ofSeconds(10);
        private Limits limits = Limits.DEFAULT;
        private HttpClient client;
        private CaptureProgress progress = CaptureProgress.NONE;

        private Builder(URI base) {
            this.base = Objects.requireNonNull(base, "base");
        }

        /**
         * Adds a header sent with every request, such as {@code Authorization}.
         *
         * @param name  the header's name
         * @param value its value
         * @return this builder
         */
        public Builder header(String name, String value) {
            headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Sets how long a capture may take beyond its own duration, connecting included (default 10 s).
         *
         * @param timeout the timeout, positive
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive: " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * Sets the limits for parsing, and for the size of a body ({@link Limits#maxDecompressedSize()}).
         *
         * @param limits the limits
         * @return this builder
         */
        public Builder limits(Limits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * Uses this HTTP client (for a proxy, TLS settings or an executor) instead of a new one.
         *
         * @param client the client
         * @return this builder
         */
        public Builder httpClient(HttpClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * Sets the listener told how long captures are going.
         *
         * @param progress the listener
         * @return this builder
         */
        public Builder progress(CaptureProgress progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        /**
         * Makes the service.
         *
         * @return the service
         * @throws IllegalArgumentException if the address is not an absolute http or https URI
         */
        public GoService build() {
            return new GoService(this);
        }
    }
}
