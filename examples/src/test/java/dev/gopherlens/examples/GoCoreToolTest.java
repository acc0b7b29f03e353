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

    @Test
    void btOfOneGoroutineIsTheRuntimesWithoutArguments() throws IOException {
        assertThat(run("bt", "15")).isEqualTo("""
                goroutine 15 gp=0x303a8d4b8960 m=nil [chan receive, 1 minutes, locked to thread]:
                runtime.gopark
                \truntime/proc.go:474 +0xca fp=0x303a8d4b76c8 sp=0x303a8d4b76a8 pc=0x486aca
                runtime.chanrecv
                \truntime/chan.go:667 +0x4ae fp=0x303a8d4b7740 sp=0x303a8d4b76c8 pc=0x41776e
                runtime.chanrecv1
                \truntime/chan.go:509 +0x12 fp=0x303a8d4b7768 sp=0x303a8d4b7740 pc=0x4172b2
                main.lockedRecv
                \tcoregen/main.go:251 +0x30 fp=0x303a8d4b7790 sp=0x303a8d4b7768 pc=0x533870
                main.main.func12
                \tcoregen/main.go:351 +0x17 fp=0x303a8d4b77a8 sp=0x303a8d4b7790 pc=0x535a77
                main.spawn.func1
                \tcoregen/main.go:158 +0x36 fp=0x303a8d4b77e0 sp=0x303a8d4b77a8 pc=0x535516
                runtime.goexit
                \truntime/asm_amd64.s:1264 +0x1 fp=0x303a8d4b77e8 sp=0x303a8d4b77e0 pc=0x48d301
                created by main.spawn in goroutine 1

                """);
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
