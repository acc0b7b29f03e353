package dev.gopherlens.pclntab;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gopherlens.core.GoParseException;
import dev.gopherlens.pclntab.internal.PclnTable;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Fuzz targets for the binary readers. In the normal build they run over the seeds in
 * {@code src/test/resources/dev/gopherlens/pclntab/PclntabFuzzTestInputs/}; the README says how to fuzz longer.
 */
class PclntabFuzzTest {

    /** Any bytes as a pclntab: header, function table, names, files and pc-value programs. */
    @FuzzTest(maxDuration = "30s")
    void pclntab(byte[] data) throws IOException {
        PclnTable t;
        try {
            t = new PclnTable(ByteBuffer.wrap(data), 0, 0x400000, 0);
        } catch (GoParseException expected) {
            return;
        }
        int n = Math.min(t.funcCount(), 64);
        for (int i = 0; i < n; i++) {
            try {
                long entry = t.entry(i);
                t.name(i);
                t.find(entry);
                t.line(i, entry);
                t.file(i, entry);
                t.line(i, t.end(i) - 1);
                t.funcId(i);
                t.startLine(i);
            } catch (GoParseException expected) {
                // a corrupt record; the next may still be read
            }
        }
    }

    /** Any bytes as a binary file. */
    @FuzzTest(maxDuration = "30s")
    void binary(byte[] data) throws IOException {
        GoBinary b;
        try {
            b = GoBinary.open(data);
        } catch (GoParseException expected) {
            return;
        }
        try {
            b.symbols();
            for (int i = 0; i < Math.min(b.funcCount(), 16); i++) {
                Func f = b.func(i);
                b.frames(f.entry());
                b.lines(f);
            }
        } catch (GoParseException expected) {
            // a corrupt table
        }
    }
}
