package dev.gopherlens.trace;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gopherlens.core.GoParseException;
import dev.gopherlens.core.Limits;

import java.io.IOException;

/**
 * Fuzz target for both trace decoders and the ordering: any input parses to the end, every event materialized, or
 * fails with {@link GoParseException}. In the normal build it runs over the seeds in
 * {@code src/test/resources/dev/gopherlens/trace/TraceFuzzTestInputs/decode/} (the fixtures of each format); run
 * with {@code JAZZER_FUZZ=1} to fuzz.
 */
class TraceFuzzTest {
    private static final Limits SMALL = Limits.DEFAULT.withMaxDecompressedSize(4 << 20).withMaxTableEntries(1 << 16)
            .withMaxRecordSize(16 << 20);

    @FuzzTest(maxDuration = "30s")
    void decode(byte[] data) throws IOException {
        try (TraceCursor c = GoTrace.cursor(data, SMALL)) {
            Scheduler scheduler = c.scheduler();
            while (c.next()) {
                c.event();
            }
            scheduler.goroutines();
        } catch (GoParseException expected) {
            // A clean rejection.
        }
    }
}
