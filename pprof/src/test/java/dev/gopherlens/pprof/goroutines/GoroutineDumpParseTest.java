package dev.gopherlens.pprof.goroutines;

import dev.gopherlens.core.Frame;
import dev.gopherlens.core.GoParseException;
import dev.gopherlens.core.LimitExceededException;
import dev.gopherlens.core.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The parser on small dumps. Those marked "crafted" were written for the test in the layout runtime/traceback.go
 * prints (the Go version that prints it is named) because a test cannot wait minutes or run a cgo symbolizer;
 * the others are cut from the dumpgen fixtures.
 */
class GoroutineDumpParseTest {

    /** Cut from go1.27/panic-all.txt.gz, with one goroutine of each kind. */
    static final String PANIC = """
            panic: first panic [recovered]
            \tpanic: second panic after recovering first panic

            goroutine 1 [running]:
            main.nested.func1()
            \tdumpgen/main.go:128 +0x4e
            panic({0x65f698?, 0x532a30?})
            \truntime/panic.go:859 +0x125
            main.nested()
            \tdumpgen/main.go:130 +0x3e
            main.main()
            \tdumpgen/main.go:167 +0x348

            goroutine 20 [chan receive]:
            main.recvForever()
            \tdumpgen/main.go:45 +0x33
            created by main.spawn in goroutine 1
            \tdumpgen/main.go:113 +0x3d

            goroutine 21 [chan receive]:
            main.recvForever()
            \tdumpgen/main.go:45 +0x33
            created by main.spawn in goroutine 1
            \tdumpgen/main.go:113 +0x3d

            goroutine 229 [chan receive]:
            main.park(...)
            \tdumpgen/main.go:87
            main.inlinedCaller()
            \tdumpgen/main.go:92 +0x3f
            created by main.spawn in goroutine 1
            \tdumpgen/main.go:113 +0x3d
            exit status 2
            """;

    @Test
    void readsPanicsGoroutinesFramesAndTrailer() throws IOException {
        GoroutineDump d = GoroutineDump.read(PANIC);
        assertThat(d.crash().panics()).containsExactly(
                new Panic("first panic", true, false, 1),
                new Panic("second panic after recovering first panic", false, false, 2));
        assertThat(d.exitStatus()).hasValue(2);
        assertThat(d.goroutines()).extracting(Goroutine::id).containsExactly(1L, 20L, 21L, 229L);
        Goroutine main = d.goroutine(1).orElseThrow();
        assertThat(main.lineNumber()).isEqualTo(4);
        assertThat(main.calls().get(1)).isEqualTo(new Call(Frame.of("panic", "runtime/panic.go", 859),
                "{0x65f698?, 0x532a30?}", 0x125, false, 0, 0));
        Goroutine g20 = d.goroutine(20).orElseThrow();
        assertThat(g20.createdBy()).hasValue(new CreatedBy(Frame.of("main.spawn", "dumpgen/main.go", 113), 0x3d, 1));
        assertThat(d.goroutine(229).orElseThrow().calls().get(0))
                .isEqualTo(new Call(Frame.of("main.park", "dumpgen/main.go", 87), "...", -1, true, 0, 0));
        assertThat(d.goroutine(2)).isEmpty();
        assertThat(d.buckets()).extracting(Bucket::count).containsExactly(2, 1, 1);
        assertThat(d.buckets().get(0).ids()).containsExactly(20L, 21L);
        // Equal counts rank by the lowest goroutine id: main before 229.
        assertThat(d.buckets().get(1).ids()).containsExactly(1L);
        assertThat(d.toString()).contains("4 goroutines in 3 buckets", "panic: first panic [recovered]",
                "2 x [chan receive] main.recvForever (created by main.spawn)");
    }

    @Test
    void everyInputKindReadsTheSame() throws IOException {
        byte[] bytes = PANIC.getBytes(StandardCharsets.UTF_8);
        GoroutineDump expected = GoroutineDump.read(PANIC);
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(bytes);
        }
        List<GoroutineDump> all = List.of(
                GoroutineDump.read(bytes),
                GoroutineDump.read(ByteBuffer.wrap(bytes)),
                GoroutineDump.read(direct),
                GoroutineDump.read(new ByteArrayInputStream(bytes)),
                GoroutineDump.read(new OneByteAtATime(bytes)),
                GoroutineDump.read(gz.toByteArray()),
                GoroutineDump.read(PANIC.replace("\n", "\r\n")));
        for (GoroutineDump d : all) {
            assertThat(d.goroutines()).isEqualTo(expected.goroutines());
            assertThat(d.crash()).isEqualTo(expected.crash());
            assertThat(d.buckets()).isEqualTo(expected.buckets());
        }
    }

    @Test
    void readsAFileAndLeavesAStreamOpen(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("dump.txt");
        Files.writeString(file, PANIC);
        assertThat(GoroutineDump.read(file).goroutines()).hasSize(4);
        boolean[] closed = {false};
        InputStream in = new ByteArrayInputStream(PANIC.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        GoroutineDump.read(in);
        assertThat(closed[0]).isFalse();
    }

    @Test
    void headerForms() throws IOException {
        // Crafted: goroutineheader's forms from Go 1.15 to 1.27 (minutes, locked, gp/m, synctest, labels).
        String text = """
                goroutine 7 [chan receive, 5 minutes]:
                main.f()
                \tmain.go:1 +0x1

                goroutine 8 [syscall, 1440 minutes, locked to thread]:
                main.f()
                \tmain.go:1 +0x1

                goroutine 9 gp=0xc000002380 m=nil [select (durable), synctest bubble 3]:
                main.f()
                \tmain.go:1 +0x1 fp=0xc000050fd0 sp=0xc000050fb0 pc=0x47a1b5

                goroutine 10 [running (scan)] {a: b, "c d": "e, \\"f\\""}:
                \tgoroutine running on other thread; stack unavailable
                created by main.g
                \tmain.go:2 +0x22
                """;
        GoroutineDump d = GoroutineDump.read(text);
        assertThat(d.unknownLines()).isEmpty();
        Goroutine g7 = d.goroutine(7).orElseThrow();
        assertThat(g7.state()).isEqualTo("chan receive");
        assertThat(g7.waitMinutes()).isEqualTo(5);
        assertThat(g7.lockedToThread()).isFalse();
        Goroutine g8 = d.goroutine(8).orElseThrow();
        assertThat(g8.state()).isEqualTo("syscall");
        assertThat(g8.waitMinutes()).isEqualTo(1440);
        assertThat(g8.lockedToThread()).isTrue();
        Goroutine g9 = d.goroutine(9).orElseThrow();
        assertThat(g9.state()).isEqualTo("select (durable)");
        assertThat(g9.details()).containsExactly("synctest bubble 3");
        assertThat(g9.threadInfo()).isEqualTo("gp=0xc000002380 m=nil");
        assertThat(g9.calls().get(0).frame().pc()).isEqualTo(0x47a1b5);
        assertThat(g9.calls().get(0).fp()).isEqualTo(0xc000050fd0L);
        assertThat(g9.calls().get(0).sp()).isEqualTo(0xc000050fb0L);
        Goroutine g10 = d.goroutine(10).orElseThrow();
        assertThat(g10.state()).isEqualTo("running (scan)");
        assertThat(g10.labels()).containsExactly(Map.entry("a", "b"), Map.entry("c d", "e, \"f\""));
        assertThat(g10.stackUnavailable()).isTrue();
        assertThat(g10.calls()).isEmpty();
        assertThat(g10.createdBy()).map(CreatedBy::function).hasValue("main.g");
        assertThat(g10.createdBy().orElseThrow().parentId()).isZero();
        // Goroutines that differ only in minutes share a bucket; locked ones do not share with unlocked ones.
        GoroutineDump two = GoroutineDump.read(text.substring(0, text.indexOf("goroutine 8"))
                + text.substring(0, text.indexOf("goroutine 8")).replace("7 [chan receive, 5", "11 [chan receive, 9"));
        assertThat(two.buckets()).singleElement().satisfies(b -> {
            assertThat(b.count()).isEqualTo(2);
            assertThat(b.minWaitMinutes()).isEqualTo(5);
            assertThat(b.maxWaitMinutes()).isEqualTo(9);
            assertThat(b.toString()).isEqualTo("2 x [chan receive, 5-9 minutes] main.f");
        });
    }

    @Test
    void elisionAncestorsCgoAndRuntimeStack() throws IOException {
        // Crafted: the older elision marker (Go 1.15), an ancestor (GODEBUG=tracebackancestors), cgo symbolizer
        // frames and a non-Go frame (runtime/traceback.go printOneCgoTraceback), a fatal error's runtime stack.
        String text = """
                fatal error: unexpected signal during runtime execution
                [signal SIGSEGV: segmentation violation code=0x80 addr=0x0 pc=0x4601b7]

                runtime stack:
                runtime.throw({0x4a2c1e?, 0x0?})
                \truntime/panic.go:1023 +0x5c fp=0x7ffd7f6a9d38 sp=0x7ffd7f6a9d08 pc=0x43a0fc

                goroutine 1 [syscall]:
                C.crash
                \tcrash.c:12 pc=0x4a1234
                non-Go function
                \tpc=0x4a1300
                non-Go function at pc=0x7f0012345678
                main.a(0x1)
                \t/src/main.go:10 +0x10
                ...additional frames elided...
                main.main()
                \t/src/main.go:20 +0x20
                [originating from goroutine 5]:
                main.b(...)
                \t/src/main.go:30 +0x30
                ...additional frames elided...
                created by main.c
                \t/src/main.go:40 +0x40
                """;
        GoroutineDump d = GoroutineDump.read(text);
        assertThat(d.crash().fatalError()).isEqualTo("unexpected signal during runtime execution");
        assertThat(d.crash().signal()).startsWith("SIGSEGV");
        assertThat(d.runtimeStack()).singleElement().extracting(Call::function).isEqualTo("runtime.throw");
        Goroutine g = d.goroutine(1).orElseThrow();
        assertThat(g.calls()).extracting(Call::function)
                .containsExactly("C.crash", "non-Go function", "", "main.a", "main.main");
        assertThat(g.calls().get(0).frame()).isEqualTo(new Frame("C.crash", "crash.c", 12, 0x4a1234));
        assertThat(g.calls().get(1).frame()).isEqualTo(new Frame("non-Go function", "", 0, 0x4a1300));
        assertThat(g.calls().get(2).frame().pc()).isEqualTo(0x7f0012345678L);
        assertThat(g.elidedFrames()).isEqualTo(-1);
        assertThat(g.elidedAt()).isEqualTo(4);
        assertThat(g.createdBy()).isEmpty();
        assertThat(g.ancestors()).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo(5);
            assertThat(a.calls()).extracting(Call::function).containsExactly("main.b");
            assertThat(a.framesElided()).isTrue();
            assertThat(a.createdBy()).map(CreatedBy::function).hasValue("main.c");
        });
    }

    @Test
    void multiLinePanicsRepanicsAndUnknownLinesAreKept() throws IOException {
        // Crafted: a panic value with a newline, [recovered, repanicked] (Go 1.25), and program output.
        String text = """
                starting server
                panic: bad config:
                line 2 of the message [recovered, repanicked]

                goroutine 1 [running]:
                main.main()
                \tmain.go:5 +0x1d
                some output the program printed
                """;
        GoroutineDump d = GoroutineDump.read(text);
        assertThat(d.crash().panics()).containsExactly(
                new Panic("bad config:\nline 2 of the message", true, true, 2));
        assertThat(d.unknownLines()).containsExactly(new UnknownLine(1, "starting server"),
                new UnknownLine(8, "some output the program printed"));
        assertThat(d.goroutines()).singleElement().extracting(Goroutine::topFunction).isEqualTo("main.main");
    }

    @Test
    void programOutputBetweenGoroutinesIsKept() throws IOException {
        // Crafted: a log line with parentheses right after a goroutine, with no blank line between.
        String text = """
                goroutine 1 [running]:
                main.main()
                \tmain.go:5 +0x1d
                INFO server stopped (pid 3)
                goroutine 7 finished
                goroutine 2 [chan receive]:
                main.f()
                \tmain.go:9 +0x1
                """;
        GoroutineDump d = GoroutineDump.read(text);
        assertThat(d.goroutines()).extracting(Goroutine::id).containsExactly(1L, 2L);
        assertThat(d.unknownLines()).containsExactly(new UnknownLine(4, "INFO server stopped (pid 3)"),
                new UnknownLine(5, "goroutine 7 finished"));
    }

    @Test
    void statusOfPrintedStates() {
        assertThat(GoroutineStatus.of("running")).isEqualTo(GoroutineStatus.RUNNING);
        assertThat(GoroutineStatus.of("running (scan)")).isEqualTo(GoroutineStatus.RUNNING);
        assertThat(GoroutineStatus.of("runnable")).isEqualTo(GoroutineStatus.RUNNABLE);
        assertThat(GoroutineStatus.of("syscall")).isEqualTo(GoroutineStatus.SYSCALL);
        assertThat(GoroutineStatus.of("chan receive")).isEqualTo(GoroutineStatus.WAITING);
        assertThat(GoroutineStatus.of("select (no cases)")).isEqualTo(GoroutineStatus.WAITING);
        assertThat(GoroutineStatus.of("chan receive (leaked)")).isEqualTo(GoroutineStatus.LEAKED);
        assertThat(GoroutineStatus.of("idle")).isEqualTo(GoroutineStatus.IDLE);
        assertThat(GoroutineStatus.of("waiting for cgo callback")).isEqualTo(GoroutineStatus.DEAD);
        assertThat(GoroutineStatus.of("???")).isEqualTo(GoroutineStatus.UNKNOWN);
    }

    @Test
    void aCutOffDumpKeepsWhatIsWhole() throws IOException {
        GoroutineDump d = GoroutineDump.read(PANIC.substring(0, PANIC.indexOf("\tdumpgen/main.go:87")));
        assertThat(d.truncated()).isTrue();
        assertThat(d.goroutine(229).orElseThrow().calls()).isEmpty();
        assertThat(d.goroutines()).hasSize(4);
        assertThat(GoroutineDump.read("").goroutines()).isEmpty();
    }

    @Test
    void brokenStructureNamesTheLine() {
        assertThatThrownBy(() -> GoroutineDump.read("goroutine 1 [running]:\nmain.main()\nmain.g()\n"))
                .isInstanceOf(GoParseException.class)
                .hasMessageContaining("line 3: expected a tab and \"file:line\" after the call on line 2")
                .hasMessageContaining("at offset 0x23 (35)");
        assertThatThrownBy(() -> GoroutineDump.read("goroutine 1 [running]:\n\tmain.go:1\n"))
                .isInstanceOf(GoParseException.class).hasMessageContaining("line 2: expected a call");
        assertThatThrownBy(() -> GoroutineDump.read("goroutine 1 [running]:\nmain.main()\n\tmain.go:x +0x1\n"))
                .isInstanceOf(GoParseException.class).hasMessageContaining("line 3: expected a tab and \"file:line\"");
        assertThatThrownBy(() -> GoroutineDump.read("goroutine 1 [running]:\nmain.main()\n\tmain.go:1 +0xZZ\n"))
                .isInstanceOf(GoParseException.class).hasMessageContaining("hex pc offset");
        assertThatThrownBy(() -> GoroutineDump.read("goroutine 1 running:\n"))
                .isInstanceOf(GoParseException.class).hasMessageContaining("line 1: expected a goroutine header");
        assertThatThrownBy(() -> GoroutineDump.read("goroutine 99999999999999999999 [running]:\n"))
                .isInstanceOf(GoParseException.class).hasMessageContaining("goroutine header");
        assertThatThrownBy(() -> GoroutineDump.read("goroutine 1 [running] {a: \"b}:\n"))
                .isInstanceOf(GoParseException.class).hasMessageContaining("closing quote");
        assertThatThrownBy(() -> GoroutineDump.read("goroutine 1 [running]:\ncreated by main.f\nmain.g()\n"))
                .isInstanceOf(GoParseException.class).hasMessageContaining("after \"created by\" on line 2");
    }

    @Test
    void limitsAreChecked() {
        String two = "goroutine 1 [running]:\n\ngoroutine 2 [running]:\n";
        assertThatThrownBy(() -> GoroutineDump.read(two.getBytes(StandardCharsets.UTF_8),
                Limits.DEFAULT.withMaxTableEntries(1)))
                .isInstanceOf(LimitExceededException.class).hasMessageContaining("maxTableEntries");
        String deep = "goroutine 1 [running]:\n" + "main.f()\n\tmain.go:1 +0x1\n".repeat(3);
        assertThatThrownBy(() -> GoroutineDump.read(deep.getBytes(StandardCharsets.UTF_8),
                Limits.DEFAULT.withMaxStackDepth(2)))
                .isInstanceOf(LimitExceededException.class).hasMessageContaining("maxStackDepth");
        assertThatThrownBy(() -> GoroutineDump.read(two.getBytes(StandardCharsets.UTF_8),
                Limits.DEFAULT.withMaxStringLength(10)))
                .isInstanceOf(LimitExceededException.class).hasMessageContaining("maxStringLength");
    }

    /** An input stream that returns one byte a read, as a slow socket may. */
    static final class OneByteAtATime extends InputStream {
        private final byte[] bytes;
        private int pos;

        OneByteAtATime(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read() {
            return pos < bytes.length ? bytes[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            int c = read();
            if (c < 0) {
                return -1;
            }
            b[off] = (byte) c;
            return 1;
        }
    }
}
