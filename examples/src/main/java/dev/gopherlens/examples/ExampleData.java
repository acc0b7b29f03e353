package dev.gopherlens.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The files the examples ship in their jar, so that every example runs without arguments. */
public final class ExampleData {
    /** The Go binary shipped for the pclntab examples. */
    public static final String BINARY = "hello-linux-amd64.gz";

    /** The shipped files, by name. */
    public static final List<String> NAMES = List.of("cpu.pprof", "heap.pprof", "goroutine.debug2.txt", "trace.out");

    private ExampleData() {
    }

    /**
     * Reads a shipped file.
     *
     * @param name one of {@link #NAMES}
     * @return its bytes
     */
    public static byte[] bytes(String name) {
        try (InputStream in = ExampleData.class.getResourceAsStream("data/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no example file " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
