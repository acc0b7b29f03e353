package dev.gopherlens.trace;

import dev.gopherlens.core.internal.Varint;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * An endless-looking Go 1.26-format trace made on the fly: generation after generation, each a sync batch, one
 * thread's batches of HeapAlloc metrics on proc 0 running goroutine 1, a string table and the end-of-generation
 * byte. Consistent across generations, so a reader must order all of it; generated, so a test can stream
 * gigabytes without storing them.
 */
final class SyntheticTrace extends InputStream {
    private final long generations;
    private final int batchesPerGeneration;
    private final int eventsPerBatch;
    private byte[] chunk = "go 1.26 trace\0\0\0".getBytes(StandardCharsets.ISO_8859_1);
    private int pos;
    private long gen;
    private long ticks = 1000;

    SyntheticTrace(long generations, int batchesPerGeneration, int eventsPerBatch) {
        this.generations = generations;
        this.batchesPerGeneration = batchesPerGeneration;
        this.eventsPerBatch = eventsPerBatch;
    }

    /** {@return the events a reader should see: per generation a Sync, 2 statuses and the metrics; then a Sync} */
    long expectedEvents() {
        return generations * (3L + (long) batchesPerGeneration * eventsPerBatch) + 1;
    }

    /** {@return the bytes one generation takes} */
    int generationBytes() {
        return makeGeneration(1).length;
    }

    private static void uv(ByteArrayOutputStream out, long v) {
        byte[] b = new byte[10];
        out.write(b, 0, Varint.write(b, 0, v));
    }

    private static void batch(ByteArrayOutputStream out, long gen, long m, long ticks, byte[] data) {
        out.write(1);
        uv(out, gen);
        uv(out, m);
        uv(out, ticks);
        uv(out, data.length);
        out.write(data, 0, data.length);
    }

    private byte[] makeGeneration(long g) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream d = new ByteArrayOutputStream();
        // Sync: frequency 1e9 (one tick per nanosecond) and a clock snapshot.
        d.write(50);
        d.write(8);
        uv(d, 1_000_000_000L);
        d.write(51);
        uv(d, 0);
        uv(d, ticks);
        uv(d, 1_700_000_000L);
        uv(d, 0);
        batch(out, g, -1, ticks, d.toByteArray());
        for (int b = 0; b < batchesPerGeneration; b++) {
            d.reset();
            if (b == 0) {
                d.write(13); // ProcStatus p=0 Running
                uv(d, 1);
                uv(d, 0);
                uv(d, 1);
                d.write(25); // GoStatus g=1 m=1 Running
                uv(d, 1);
                uv(d, 1);
                uv(d, 1);
                uv(d, 2);
            }
            for (int i = 0; i < eventsPerBatch; i++) {
                d.write(37); // HeapAlloc
                uv(d, 1);
                uv(d, 4096 + i);
            }
            batch(out, g, 1, ticks, d.toByteArray());
            ticks += 4L * eventsPerBatch + 8;
        }
        d.reset();
        d.write(4);
        d.write(5);
        uv(d, 1);
        uv(d, 4);
        d.write("gc's".getBytes(StandardCharsets.US_ASCII), 0, 4);
        batch(out, g, -1, ticks, d.toByteArray());
        out.write(52);
        ticks += 16;
        return out.toByteArray();
    }

    private boolean fill() {
        if (pos < chunk.length) {
            return true;
        }
        if (gen == generations) {
            return false;
        }
        gen++;
        chunk = makeGeneration(gen);
        pos = 0;
        return true;
    }

    @Override
    public int read() {
        return fill() ? chunk[pos++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, chunk.length - pos);
        System.arraycopy(chunk, pos, b, off, n);
        pos += n;
        return n;
    }
}
