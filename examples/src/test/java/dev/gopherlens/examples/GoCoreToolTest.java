package dev.gopherlens.examples;

import dev.gopherlens.core.testing.Corpus;
import dev.gopherlens.pclntab.gocore.GoCore;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** GoCoreTool on the Go 1.27 corpus core: its lines are the runtime's own traceback lines for the same crash. */
class GoCoreToolTest {
    private static String run(String... command) throws IOException {
        Path dir = Corpus.file("core/go1.27");
        GoCore core = GoCore.open(dir.resolve("core.gz"), dir.resolve("coregen.gz"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GoCoreTool.run(core, List.of(command), new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void goroutinesAreTheTracebacksHeadersWithTheirUserFrame() throws IOException {
        String text = run("goroutines");
        // The runtime also printed labels after some headers ("] {index: 0, role: worker}:"); ours stop at "]:".
        List<String> traceback = Files.readAllLines(Corpus.file("core/go1.27/traceback.txt")).stream()
                .map(t -> t.replaceFirst("\\] \\{.*\\}:$", "]:")).toList();
        assertThat(text).contains("goroutine 15 gp=0x303a8d4b8960 m=nil [chan receive, 1 minutes, locked to thread]: "
                + "main.lockedRecv coregen/main.go:251\n");
        for (String line : text.lines().toList()) {
            String header = line.substring(0, line.indexOf("]:") + 2);
            assertThat(traceback).contains(header);
        }
        assertThat(text.lines().count()).isEqualTo(35);
    }

    /** The runtime's block for a goroutine in traceback.txt: its first header through the line before a blank. */
    private static String runtimeBlock(List<String> traceback, long id) {
        int i = 0;
        while (!traceback.get(i).startsWith("goroutine " + id + " ")) {
            i++;
        }
        StringBuilder sb = new StringBuilder();
        for (; !traceback.get(i).isEmpty(); i++) {
            sb.append(traceback.get(i)).append('\n');
        }
        return sb.toString();
    }

    @Test
    void btOfOneGoroutineIsTheRuntimesText() throws IOException {
        List<String> traceback = Files.readAllLines(Corpus.file("core/go1.27/traceback.txt"));
        // Locked to its thread, a blocked channel receive: main.lockedRecv(0x...) and the rest with arguments.
        String bt = run("bt", "15");
        assertThat(bt).startsWith("goroutine 15 gp=").contains("main.lockedRecv(");
        assertThat(bt).isEqualTo(runtimeBlock(traceback, 15) + "\n");
    }

    @Test
    void btOfAllIsEveryGoroutineAsTheRuntimePrintedIt() throws IOException {
        List<String> traceback = Files.readAllLines(Corpus.file("core/go1.27/traceback.txt"));
        String bt = run("bt");
        List<String> blocks = List.of(bt.split("\n\n"));
        assertThat(blocks).hasSize(35);
        for (String block : blocks) {
            long id = Long.parseLong(block.substring("goroutine ".length(), block.indexOf(' ', "goroutine ".length())));
            assertThat(block + "\n").isEqualTo(runtimeBlock(traceback, id));
        }
    }

    @Test
    void printShowsGlobalsAsTheProgramPrintedThem() throws IOException {
        int compared = 0;
        for (String line : Files.readAllLines(Corpus.file("core/go1.27/report.txt"))) {
            String[] f = line.split("\t", 4);
            if (f.length == 4 && f[0].equals("var")) {
                // The program printed GlobalConfig.Next followed, *GlobalConfig.Next in Go.
                String name = f[1].equals("main.GlobalConfig.Next") ? "*main.GlobalConfig.Next" : f[1];
                assertThat(run("print", name)).as(name).isEqualTo(f[3] + "\n");
                compared++;
            }
        }
        assertThat(compared).isEqualTo(8);
        assertThat(run("print", "main.GlobalConfig.Origin")).isEqualTo("main.Point{X:100, Y:-200}\n");
    }

    @Test
    void anUnknownGoroutineOrGlobalIsSaidSo() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> run("bt", "99999"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no goroutine 99999 in the core");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> run("print", "main.NoSuchGlobal"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no global main.NoSuchGlobal");
    }

    @Test
    void threadsAreGdbs() throws IOException {
        String text = run("threads");
        assertThat(text).contains("Thread 1 (LWP ").contains("rip            0x");
        String gdb = Files.readString(Corpus.file("core/go1.27/gdb.txt"));
        // gdb's info registers lines for rip, one per thread, are ours too.
        for (String line : gdb.lines().filter(l -> l.startsWith("rip ")).toList()) {
            assertThat(text).contains(line);
        }
    }
}
