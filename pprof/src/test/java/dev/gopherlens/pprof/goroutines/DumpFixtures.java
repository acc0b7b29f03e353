package dev.gopherlens.pprof.goroutines;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;

/** The dumps under src/test/resources/dev/gopherlens/pprof/goroutines, made by dumpgen (see the README there). */
final class DumpFixtures {
    private DumpFixtures() {
    }

    /**
     * Reads a fixture, gunzipped.
     *
     * @param name such as {@code go1.27/dump.txt.gz}
     * @return its text's bytes
     */
    static byte[] text(String name) {
        try (InputStream raw = DumpFixtures.class.getResourceAsStream(name)) {
            if (raw == null) {
                throw new IllegalStateException("no test resource " + name);
            }
            try (InputStream in = name.endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a fixture's compressed bytes as they are committed.
     *
     * @param name such as {@code go1.27/dump.txt.gz}
     * @return the bytes
     */
    static byte[] raw(String name) {
        try (InputStream raw = DumpFixtures.class.getResourceAsStream(name)) {
            if (raw == null) {
                throw new IllegalStateException("no test resource " + name);
            }
            return raw.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
