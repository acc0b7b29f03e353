package dev.gopherlens.examples;

import dev.gopherlens.core.Identification;
import dev.gopherlens.core.Inputs;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Tells what each file is: a pprof profile, a Go execution trace (and its version), a goroutine dump, a Go
 * binary or core dump, looking through gzip, zstd, xz and bzip2.
 *
 * <pre>
 * java -jar examples/target/examples.jar [FILE...]
 * </pre>
 * Without arguments it identifies the example files shipped in the jar.
 */
public final class Identify {
    private Identify() {
    }

    /**
     * Runs the example.
     *
     * @param args the files to identify; none for the shipped examples
     * @throws IOException if a file cannot be read
     */
    public static void main(String[] args) throws IOException {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
        if (args.length == 0) {
            out.println("No files given; identifying the example files shipped in the jar.");
            for (String name : ExampleData.NAMES) {
                out.println(name + ": " + Inputs.identify(ExampleData.bytes(name)));
            }
            return 0;
        }
        int status = 0;
        for (String arg : args) {
            try {
                Identification id = Inputs.identify(Path.of(arg));
                out.println(arg + ": " + id);
            } catch (IOException e) {
                err.println(arg + ": " + e.getMessage());
                status = 1;
            }
        }
        return status;
    }
}
