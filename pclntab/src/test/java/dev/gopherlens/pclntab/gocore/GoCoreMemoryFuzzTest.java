package dev.gopherlens.pclntab.gocore;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gopherlens.core.GoParseException;
import dev.gopherlens.core.testing.Corpus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Fuzz target for everything read from a real Go process's memory: the Go 1.27 corpus core with up to 32 of its
 * non-zero words overwritten (a random word, one bit flipped, a small delta, zero), then every goroutine listed,
 * unwound and printed as the runtime's traceback, every thread unwound, and the program's globals printed as
 * {@code %#v}. Each must succeed or throw {@link GoParseException}: never another exception, a hang or a huge
 * allocation. The patched words are the core's non-zero ones (pointers, lengths, counts, states), where corruption
 * reaches the runtime structures; zero pages are most of the file and would mostly miss. In the normal build it runs
 * over the seeds in {@code src/test/resources/dev/gopherlens/pclntab/gocore/GoCoreMemoryFuzzTestInputs/}.
 */
class GoCoreMemoryFuzzTest {
    private static final List<String> GLOBALS = List.of("main.GlobalConfig", "main.GlobalSlice", "main.GlobalMap",
            "main.GlobalBigMap", "main.GlobalCounter", "main.GlobalString", "main.GlobalArray", "runtime.allglen");

    /** The clean core, patched in place by one input and restored after it; the binary opened once. */
    private static final class State {
        final byte[] core;
        final ByteBuffer words;
        final int[] nonZero;
        final GoCore base;

        State() throws IOException {
            var dir = Corpus.file("core/go1.27");
            try (InputStream in = new GZIPInputStream(Files.newInputStream(dir.resolve("core.gz")))) {
                core = in.readAllBytes();
            }
            words = ByteBuffer.wrap(core).order(ByteOrder.LITTLE_ENDIAN);
            int[] at = new int[core.length / 8];
            int n = 0;
            for (int i = 0; i + 8 <= core.length; i += 8) {
                if (words.getLong(i) != 0) {
                    at[n++] = i;
                }
            }
            nonZero = Arrays.copyOf(at, n);
            base = GoCore.open(ByteBuffer.wrap(core.clone()), ByteBuffer.wrap(binary(dir)));
        }

        private static byte[] binary(java.nio.file.Path dir) throws IOException {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(dir.resolve("coregen.gz")))) {
                return in.readAllBytes();
            }
        }
    }

    private static State state;

    private static State state() {
        if (state == null) {
            try {
                state = new State();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return state;
    }

    @FuzzTest(maxDuration = "60s")
    void corruptedMemory(FuzzedDataProvider data) {
        State s = state();
        int n = data.consumeInt(1, 32);
        int[] at = new int[n];
        long[] old = new long[n];
        for (int i = 0; i < n; i++) {
            at[i] = s.nonZero[data.consumeInt(0, s.nonZero.length - 1)];
            old[i] = s.words.getLong(at[i]);
            long v = switch (data.consumeInt(0, 3)) {
                case 0 -> data.consumeLong();
                case 1 -> old[i] ^ (1L << data.consumeInt(0, 63));
                case 2 -> old[i] + data.consumeInt(-4096, 4096);
                default -> 0;
            };
            s.words.putLong(at[i], v);
        }
        try {
            walk(s.base.withCore(ByteBuffer.wrap(s.core)));
        } catch (GoParseException expected) {
            // a refused core is a clean answer
        } finally {
            for (int i = n - 1; i >= 0; i--) {
                s.words.putLong(at[i], old[i]);
            }
        }
    }

    /** Reads all a debugger would; each step may refuse with a GoParseException, which ends only that step. */
    private static void walk(GoCore c) throws GoParseException {
        List<Goroutine> gs = c.goroutines();
        for (Goroutine g : gs) {
            g.toString();
            try {
                c.stack(g);
                c.traceback(g);
            } catch (GoParseException refused) {
                // this goroutine's stack or the structures around it are corrupt
            }
        }
        for (Thread t : c.threads()) {
            try {
                c.stack(t);
            } catch (GoParseException refused) {
                // this thread's stack is corrupt
            }
        }
        for (String name : GLOBALS) {
            try {
                c.global(name).ifPresent(v -> {
                    try {
                        v.toGoSyntax();
                    } catch (GoParseException refused) {
                        // this value's memory is corrupt
                    }
                });
            } catch (GoParseException refused) {
                // the variable's type or address could not be read
            }
        }
    }
}
