package dev.gopherlens.examples;

import dev.gopherlens.core.Frame;
import dev.gopherlens.pclntab.Func;
import dev.gopherlens.pclntab.GoBinary;
import dev.gopherlens.pclntab.SourceLine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A work-alike of {@code go tool addr2line}: for each hex pc, the function and file:line; with {@code --inlines},
 * every frame of the calls inlined there, innermost first.
 *
 * <pre>
 * echo 0x4a1b2c | java -cp examples/target/examples.jar dev.gopherlens.examples.GoToolAddr2line [--inlines] BINARY
 * java -cp examples/target/examples.jar dev.gopherlens.examples.GoToolAddr2line --inlines
 * </pre>
 * Without a binary it reads the binary shipped in the jar and resolves a pc of each of its {@code main.}
 * functions.
 */
public final class GoToolAddr2line {
    private GoToolAddr2line() {
    }

    /**
     * Runs the example.
     *
     * @param args {@code --inlines} and a binary; pcs come on standard input, one per line
     * @throws IOException if the binary cannot be read
     */
    public static void main(String[] args) throws IOException {
        boolean inlines = args.length > 0 && args[0].equals("--inlines");
        int first = inlines ? 1 : 0;
        if (args.length <= first) {
            GoBinary b = GoBinary.open(ExampleData.bytes(ExampleData.BINARY));
            List<Long> pcs = new ArrayList<>();
            for (Func f : b.functions()) {
                if (f.name().startsWith("main.")) {
                    pcs.add(f.entry() + (f.end() - f.entry()) / 2);
                }
            }
            resolve(b, pcs, inlines, System.out);
            return;
        }
        GoBinary b = GoBinary.open(Path.of(args[first]));
        List<Long> pcs = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                String t = line.trim();
                if (!t.isEmpty()) {
                    pcs.add(Long.parseUnsignedLong(t.startsWith("0x") ? t.substring(2) : t, 16));
                }
            }
        }
        resolve(b, pcs, inlines, System.out);
    }

    static void resolve(GoBinary b, List<Long> pcs, boolean inlines, PrintStream out) throws IOException {
        for (long pc : pcs) {
            if (inlines) {
                out.println("0x" + Long.toHexString(pc));
                List<Frame> frames = b.frames(pc);
                if (frames.isEmpty()) {
                    out.println("\t?\n\t?:0");
                }
                for (Frame f : frames) {
                    out.println("\t" + f.function() + "\n\t" + f.file() + ":" + f.line());
                }
                continue;
            }
            SourceLine sl = b.lineAt(pc).orElse(new SourceLine("?", "?", 0));
            out.println(sl.function());
            // go tool addr2line prints ":-1" where the line tables do not cover the pc (padding).
            out.println(sl.line() == 0 && sl.file().equals("?") ? ":-1" : sl.file() + ":" + sl.line());
        }
    }
}
