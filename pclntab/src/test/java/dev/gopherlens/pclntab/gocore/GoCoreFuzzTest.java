package dev.gopherlens.pclntab.gocore;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz target for the core reader: any bytes as a core of the {@link TinyCore} binary must open or throw
 * {@link dev.gopherlens.core.GoParseException}. In the normal build it runs over the seeds in
 * {@code src/test/resources/dev/gopherlens/pclntab/gocore/GoCoreFuzzTestInputs/}; the module's fuzz README says
 * how to fuzz longer.
 */
class GoCoreFuzzTest {
    private static final byte[] BINARY = TinyCore.binary();

    /** Any bytes as a core: headers, notes, threads, memory image. */
    @FuzzTest(maxDuration = "30s")
    void core(byte[] data) {
        CoreCorruptionTest.openAndWalk(data, BINARY);
    }
}
