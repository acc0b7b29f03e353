package dev.gopherlens.trace;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A trace far larger than what the reader may keep streams in memory bounded by one generation: 512 MiB of
 * generated trace (≈ 128 M events), with the heap in use after a collection checked at every 64th generation.
 */
class StreamingMemoryTest {

    @Test
    void streamsHalfAGigabyteInBoundedMemory() throws Exception {
        // A generation of 11 batches of 12 000 events is about 0.5 MiB; 1024 of them make 512 MiB.
        SyntheticTrace trace = new SyntheticTrace(1024, 11, 12_000);
        long generationBytes = trace.generationBytes();
        assertThat(generationBytes * 1024).isGreaterThan(500L << 20);
        Runtime rt = Runtime.getRuntime();
        long worst = 0;
        long events = 0;
        try (TraceCursor c = GoTrace.cursor(trace)) {
            c.scheduler();
            while (c.next()) {
                events++;
                if (c.kind() == EventKind.SYNC && c.syncNumber() % 64 == 0) {
                    System.gc();
                    worst = Math.max(worst, rt.totalMemory() - rt.freeMemory());
                }
            }
            assertThat(c.scheduler().state(1)).isEqualTo(GoState.RUNNING);
        }
        assertThat(events).isEqualTo(trace.expectedEvents());
        // One generation (its bytes, and the reader's copy) plus the JVM's own; far below the trace's size.
        assertThat(worst).as("heap in use").isLessThan(64L << 20);
    }
}
