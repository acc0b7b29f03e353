package dev.gopherlens.pprof.goroutines;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gopherlens.core.GoParseException;
import dev.gopherlens.core.Limits;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz target for the goroutine dump parser. In the normal build it runs over the seeds in
 * {@code src/test/resources/dev/gopherlens/pprof/goroutines/GoroutineDumpFuzzTestInputs/parse/} (heads of the
 * dumpgen fixtures); to fuzz for longer:
 * {@code JAZZER_FUZZ=1 mvn -B -ntp test -pl pprof -am -Dtest=GoroutineDumpFuzzTest
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class GoroutineDumpFuzzTest {
    private static final Limits SMALL = Limits.DEFAULT.withMaxDecompressedSize(4 << 20).withMaxTableEntries(1 << 16);

    @FuzzTest(maxDuration = "30s")
    void parse(byte[] data) throws IOException {
        GoroutineDump d;
        try {
            d = GoroutineDump.read(data, SMALL);
        } catch (GoParseException expected) {
            return;
        }
        // What parses must summarize, bucket and convert, the buckets holding every goroutine once.
        assertThat(d.toString()).isNotEmpty();
        assertThat(d.buckets().stream().mapToInt(Bucket::count).sum()).isEqualTo(d.goroutines().size());
        assertThat(GoroutineBuckets.of(d.toProfile()).total()).isEqualTo(d.goroutines().size());
    }
}
