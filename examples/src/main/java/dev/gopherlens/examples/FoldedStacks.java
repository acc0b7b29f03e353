package dev.gopherlens.examples;

import dev.gopherlens.pprof.Location;
import dev.gopherlens.pprof.Pprof;
import dev.gopherlens.pprof.ProfileReader;
import dev.gopherlens.pprof.Sample;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts a profile to folded stacks, one line per distinct stack, outermost frame first and frames joined by
 * {@code ;}, then a space and the value of the profile's default sample type: the input of flame-graph tools.
 * Inlined calls are frames of their own. It streams the samples with a {@link ProfileReader}.
 *
 * <pre>
 * java -cp examples/target/examples.jar dev.gopherlens.examples.FoldedStacks [PROFILE]
 * </pre>
 * Without arguments it converts the CPU profile shipped in the jar.
 */
public final class FoldedStacks {
    private FoldedStacks() {
    }

    /**
     * Runs the example.
     *
     * @param args a profile file; none for the shipped CPU profile
     * @throws IOException if the profile cannot be read
     */
    public static void main(String[] args) throws IOException {
        try (ProfileReader r = args.length > 0 ? Pprof.open(Path.of(args[0]))
                : Pprof.open(new ByteArrayInputStream(ExampleData.bytes("cpu.pprof")))) {
            print(r, System.out);
        }
    }

    static void print(ProfileReader r, PrintStream out) {
        int index = r.header().defaultSampleTypeIndex();
        Map<String, Long> folded = new LinkedHashMap<>();
        r.samples().forEach(s -> {
            String stack = fold(s);
            if (!stack.isEmpty()) {
                folded.merge(stack, s.value(index), Long::sum);
            }
        });
        folded.forEach((stack, value) -> out.println(stack + " " + value));
    }

    /** The stack outermost first: locations leaf-first, and each location's lines innermost-first, reversed. */
    static String fold(Sample s) {
        StringBuilder sb = new StringBuilder();
        List<Location> locs = s.locations();
        for (int i = locs.size() - 1; i >= 0; i--) {
            var lines = locs.get(i).lines();
            if (lines.isEmpty()) {
                append(sb, "0x" + Long.toHexString(locs.get(i).address()));
            }
            for (int j = lines.size() - 1; j >= 0; j--) {
                var f = lines.get(j).function();
                append(sb, f == null || f.name().isEmpty() ? "??" : f.name());
            }
        }
        return sb.toString();
    }

    private static void append(StringBuilder sb, String frame) {
        if (sb.length() > 0) {
            sb.append(';');
        }
        sb.append(frame.replace(';', ':'));
    }
}
