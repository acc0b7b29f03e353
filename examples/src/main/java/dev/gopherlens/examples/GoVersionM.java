package dev.gopherlens.examples;

import dev.gopherlens.pclntab.BuildInfo;
import dev.gopherlens.pclntab.GoBinary;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * A work-alike of {@code go version -m}: the Go version, main module, dependencies and build settings of Go
 * binaries, stripped ones too.
 *
 * <pre>
 * java -cp examples/target/examples.jar dev.gopherlens.examples.GoVersionM [BINARY...]
 * </pre>
 * Without arguments it reads the binary shipped in the jar.
 */
public final class GoVersionM {
    private GoVersionM() {
    }

    /**
     * Runs the example.
     *
     * @param args binaries; none for the shipped one
     * @throws IOException if a binary cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            print(ExampleData.BINARY, GoBinary.open(ExampleData.bytes(ExampleData.BINARY)), System.out);
            return;
        }
        for (String arg : args) {
            print(arg, GoBinary.open(Path.of(arg)), System.out);
        }
    }

    static void print(String name, GoBinary b, PrintStream out) {
        out.print(b.buildInfo().map(bi -> bi.format(name)).orElse(name + ": no Go build info (before Go 1.13?)\n"));
    }

    /** {@return the build info's Go version, for tests} */
    static String version(GoBinary b) {
        return b.buildInfo().map(BuildInfo::goVersion).orElse("");
    }
}
