package dev.gopherlens.trace.internal.v1;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.core.Limits;
import dev.gopherlens.trace.internal.EventSource;

import java.io.IOException;
import java.io.InputStream;

/** Go 1.11 to 1.21 traces, converted to the v2 event model (in progress). */
public final class V1Source {
    private V1Source() {
    }

    /**
     * Reads a v1 trace.
     *
     * @param in     the bytes after the header
     * @param minor  11, 19 or 21
     * @param limits the limits
     * @return the events
     * @throws IOException always, for now
     */
    public static EventSource open(InputStream in, int minor, Limits limits) throws IOException {
        throw GoParseException.unsupportedVersion("trace", 0, "go 1." + minor, "go 1.22 and later (so far)");
    }
}
