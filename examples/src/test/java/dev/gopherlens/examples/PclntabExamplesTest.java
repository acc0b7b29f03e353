package dev.gopherlens.examples;

import dev.gopherlens.pclntab.GoBinary;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The work-alikes print what Go 1.27.4's own tools printed for the shipped binary. */
class PclntabExamplesTest {

    private static String resource(String name) throws IOException {
        try (InputStream in = PclntabExamplesTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private interface Body {
        void run(PrintStream out) throws IOException;
    }

    private static String capture(Body body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        body.run(new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static GoBinary hello() throws IOException {
        return GoBinary.open(ExampleData.bytes(ExampleData.BINARY));
    }

    @Test
    void goVersionM() throws IOException {
        assertThat(capture(out -> GoVersionM.print("hello-linux-amd64", hello(), out)))
                .isEqualTo(resource("hello-linux-amd64.buildinfo.txt"));
    }

    @Test
    void goToolNm() throws IOException {
        // go tool nm -n sorts with Go's unstable sort: symbols sharing an address may come in another order.
        Comparator<String> byAddressThenLine = Comparator.comparing(
                (String l) -> Long.parseLong(l.trim().split(" +")[0], 16)).thenComparing(Comparator.naturalOrder());
        List<String> ours = new ArrayList<>(capture(out -> GoToolNm.print(hello(), out)).lines().toList());
        List<String> theirs = new ArrayList<>(resource("hello-linux-amd64.nm.txt").lines().toList());
        ours.sort(byAddressThenLine);
        theirs.sort(byAddressThenLine);
        assertThat(ours).isEqualTo(theirs);
    }

    @Test
    void goToolAddr2line() throws IOException {
        List<Long> pcs = resource("hello-linux-amd64.addr2line.in").lines()
                .map(l -> Long.parseUnsignedLong(l.substring(2), 16)).toList();
        assertThat(capture(out -> GoToolAddr2line.resolve(hello(), pcs, false, out)))
                .isEqualTo(resource("hello-linux-amd64.addr2line.txt"));
    }

    @Test
    void addr2lineWithInlinesShowsTheInlinedSquare() throws IOException {
        GoBinary b = hello();
        var f = b.func("main.sumSquares").orElseThrow();
        List<Long> pcs = new ArrayList<>();
        for (long pc = f.entry(); pc < f.end(); pc++) {
            if (b.frames(pc).size() == 2) {
                pcs.add(pc);
                break;
            }
        }
        assertThat(capture(out -> GoToolAddr2line.resolve(b, pcs, true, out)))
                .contains("\tmain.square\n\tfixture/main.go:15\n\tmain.sumSquares\n\tfixture/main.go:");
    }
}
