package dev.gopherlens.examples;

import dev.gopherlens.core.Frame;
import dev.gopherlens.pprof.goroutines.Bucket;
import dev.gopherlens.pprof.goroutines.GoroutineDump;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Summarizes a goroutine dump (a panic, a fatal error, {@code /debug/pprof/goroutine?debug=2}) the way
 * panicparse does: the crash, then the goroutines grouped by state and stack, largest groups first, each with
 * its frames and the go statement that started it. Uses the model tier, {@link GoroutineDump}.
 *
 * <pre>
 * java -cp examples/target/examples.jar dev.gopherlens.examples.GoroutineDumpSummary [DUMP [GROUPS]]
 * </pre>
 * Without arguments it reads the Go 1.27 deadlock shipped in the jar and prints every group.
 */
public final class GoroutineDumpSummary {
    /** The dump shipped in the jar. */
    static final String SHIPPED = "goroutines/deadlock.txt.gz";

    private GoroutineDumpSummary() {
    }

    /**
     * Runs the example.
     *
     * @param args a dump file (text, or gzipped) and how many groups to print (all); none for the shipped dump
     * @throws IOException if the dump cannot be read or is malformed
     */
    public static void main(String[] args) throws IOException {
        GoroutineDump dump = args.length > 0 ? GoroutineDump.read(Path.of(args[0])) : GoroutineDump.read(shipped());
        print(dump, args.length > 1 ? Integer.parseInt(args[1]) : Integer.MAX_VALUE, System.out);
    }

    static byte[] shipped() {
        try (InputStream in = GoroutineDumpSummary.class.getResourceAsStream(SHIPPED)) {
            if (in == null) {
                throw new IllegalStateException("no " + SHIPPED + " in the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void print(GoroutineDump dump, int groups, PrintStream out) {
        if (dump.crash().isCrash()) {
            out.println(dump.crash());
            out.println();
        }
        List<Bucket> buckets = dump.buckets();
        out.printf("%d goroutines in %d groups%n", dump.goroutines().size(), buckets.size());
        for (Bucket b : buckets.subList(0, Math.min(groups, buckets.size()))) {
            out.println();
            StringBuilder head = new StringBuilder();
            head.append(b.count()).append(": ").append(b.state());
            if (b.maxWaitMinutes() > 0) {
                head.append(", ").append(b.minWaitMinutes()).append('-').append(b.maxWaitMinutes()).append(" minutes");
            }
            if (b.lockedToThread()) {
                head.append(", locked to thread");
            }
            // A few ids tell which goroutines to look for in the dump itself.
            List<Long> ids = b.ids();
            head.append("  [goroutine ").append(ids.get(0));
            if (ids.size() > 1) {
                head.append(ids.size() == 2 ? " and " : " and " + (ids.size() - 1) + " more, last ")
                        .append(ids.get(ids.size() - 1));
            }
            out.println(head.append(']'));
            List<Frame> frames = b.stack().frames();
            int elidedAt = b.goroutines().get(0).elidedAt();
            for (int i = 0; i < frames.size(); i++) {
                if (i == elidedAt && b.goroutines().get(0).framesElided()) {
                    out.println("    ...");
                }
                out.printf("    %-40s %s:%d%n", frames.get(i).function(), frames.get(i).file(), frames.get(i).line());
            }
            b.createdBy().ifPresent(c -> out.printf("    created by %-29s %s:%d%n", c.function(), c.file(),
                    c.line()));
        }
        if (groups < buckets.size()) {
            out.printf("%n... %d more groups%n", buckets.size() - groups);
        }
    }
}
