package dev.gopherlens.examples;

import dev.gopherlens.pprof.Pprof;
import dev.gopherlens.pprof.Profile;
import dev.gopherlens.pprof.TopReport;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Prints the flat profile of {@code go tool pprof -top} from the {@link Profile} model: for each function, the
 * value of the samples it was running in (flat) and of those it was on the stack of (cum), for the profile's
 * default sample type. The text is {@code go tool pprof}'s, row for row.
 *
 * <pre>
 * java -cp examples/target/examples.jar dev.gopherlens.examples.PprofTop [PROFILE [COUNT]]
 * </pre>
 * Without arguments it reads the CPU profile shipped in the jar.
 */
public final class PprofTop {
    private PprofTop() {
    }

    /**
     * Runs the example.
     *
     * @param args a profile file and how many rows to print (10); none for the shipped CPU profile
     * @throws IOException if the profile cannot be read
     */
    public static void main(String[] args) throws IOException {
        Profile p = args.length > 0 ? Pprof.read(Path.of(args[0])) : Pprof.read(ExampleData.bytes("cpu.pprof"));
        print(p, args.length > 1 ? Integer.parseInt(args[1]) : 10, System.out);
    }

    static void print(Profile p, int count, PrintStream out) {
        TopReport top = p.top();
        out.print(top.limit(count).toText());
    }
}
