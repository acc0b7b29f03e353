package dev.gopherlens.pprof;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gopherlens.core.GoParseException;
import dev.gopherlens.core.Limits;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz target for the profile.proto decoder. In the normal build it runs over the seeds in
 * {@code src/test/resources/dev/gopherlens/pprof/PprofFuzzTestInputs/decode/}; see the README to fuzz for longer.
 */
class PprofFuzzTest {
    private static final Limits SMALL = Limits.DEFAULT.withMaxDecompressedSize(4 << 20).withMaxTableEntries(1 << 16);

    @FuzzTest(maxDuration = "30s")
    void decode(byte[] data) throws IOException {
        Profile p;
        try {
            p = Pprof.read(data, SMALL);
        } catch (GoParseException expected) {
            return;
        }
        // What decodes must print, and survive writing and reading back.
        p.toRawText();
        assertThat(Pprof.read(Pprof.encode(p))).isEqualTo(p);
    }
}
