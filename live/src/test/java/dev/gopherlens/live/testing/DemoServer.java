package dev.gopherlens.live.testing;

import dev.gopherlens.core.testing.Corpus;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The corpus's demo service ({@code live/demo-server-linux-amd64.gz}, a Go 1.27 program serving net/http/pprof
 * under load it makes itself), run for a test: unpacked to a temporary folder, started with a pipe as stdin, its
 * address read from its first line. {@link #close()} closes its stdin, which makes it exit; it is killed if it
 * does not. Off linux/amd64 a test that asks for it is skipped, or fails under {@code CI=true}.
 */
public final class DemoServer implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

    private final Path dir;
    private final Path binary;
    private final Process process;
    private final URI base;

    private DemoServer(Path dir, Path binary, Process process, URI base) {
        this.dir = dir;
        this.binary = binary;
        this.process = process;
        this.base = base;
    }

    /**
     * Starts the service, or ends the calling test off linux/amd64 (skipped; failed under {@code CI=true}).
     *
     * @param flags the service's flags, such as {@code -leak-every 5}
     * @return the running service
     */
    public static DemoServer start(String... flags) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            String message = "the demo service is a linux/amd64 binary; this is " + os + "/" + arch;
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(message);
            }
            Assumptions.abort(message);
        }
        Path gz = Corpus.file("live/demo-server-linux-amd64.gz");
        Path dir = null;
        try {
            dir = Files.createTempDirectory("gopherlens-demo-server");
            Path binary = dir.resolve("demo-server");
            try (InputStream in = new GZIPInputStream(Files.newInputStream(gz), 1 << 16)) {
                Files.copy(in, binary);
            }
            Assertions.assertTrue(binary.toFile().setExecutable(true), "chmod +x " + binary);
            List<String> command = new ArrayList<>();
            command.add(binary.toString());
            command.addAll(List.of(flags));
            Process process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectError(dir.resolve("stderr.txt").toFile())
                    .start();
            BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            String line;
            try {
                line = first.get(20, TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException e) {
                process.destroyForcibly();
                throw new AssertionError("the demo service printed no address: "
                        + Files.readString(dir.resolve("stderr.txt")), e);
            }
            Matcher m = LISTENING.matcher(line == null ? "" : line);
            if (!m.find()) {
                process.destroyForcibly();
                throw new AssertionError("the demo service's first line is not 'listening on ...': " + line);
            }
            return new DemoServer(dir, binary, process, URI.create(m.group(1)));
        } catch (IOException e) {
            deleteQuietly(dir);
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            deleteQuietly(dir);
            throw new AssertionError(e);
        }
    }

    /** {@return the service's address, such as {@code http://127.0.0.1:40123}} */
    public URI base() {
        return base;
    }

    /** {@return the unpacked binary the service runs, for symbolizing with pclntab} */
    public Path binary() {
        return binary;
    }

    /** {@return whether the process is still running} */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the service at once (SIGKILL), as a crash would: its connections break mid-response. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the service by closing its stdin, kills it if it has not exited within 5 s, and deletes its folder. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A leftover temporary folder is harmless.
        }
    }

    @Override
    public String toString() {
        return "DemoServer[" + base + ", pid " + process.pid() + "]";
    }
}
