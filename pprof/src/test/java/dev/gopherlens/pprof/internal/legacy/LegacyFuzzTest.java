package dev.gopherlens.pprof.internal.legacy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gopherlens.core.GoParseException;
import dev.gopherlens.pprof.Pprof;
import dev.gopherlens.pprof.Profile;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz target for the legacy readers, called directly so that the profile.proto decoder does not take the inputs.
 * In the normal build it runs over the seeds in
 * {@code src/test/resources/dev/gopherlens/pprof/internal/legacy/LegacyFuzzTestInputs/read/} (the fixtures, and
 * any crasher found since); to fuzz for longer:
 * {@code JAZZER_FUZZ=1 mvn -B -ntp test -pl pprof -am -Dtest=LegacyFuzzTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class LegacyFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void read(byte[] data) throws IOException {
        Profile p;
        try {
            p = LegacyProfiles.read(data, 0, data.length);
        } catch (GoParseException expected) {
            return;
        }
        if (p == null) {
            return;
        }
        // What reads must print, and survive writing as profile.proto and reading back.
        assertThat(Pprof.read(Pprof.encode(p))).isEqualTo(p);
        p.toRawText();
    }
}
