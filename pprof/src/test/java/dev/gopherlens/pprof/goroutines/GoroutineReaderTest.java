package dev.gopherlens.pprof.goroutines;

import dev.gopherlens.core.GoParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stream tier reads the same goroutines and crash as the model. */
class GoroutineReaderTest {

    @ParameterizedTest
    @ValueSource(strings = {"go1.15/dump.txt.gz", "go1.27/panic-labels-ancestors.txt.gz", "go1.21/sigquit-crash.txt.gz",
        "go1.27/deadlock.txt.gz"})
    void streamEqualsModel(String name) throws IOException {
        byte[] raw = DumpFixtures.raw(name);
        GoroutineDump model = GoroutineDump.read(raw);
        try (GoroutineReader r = GoroutineDump.open(raw)) {
            List<Goroutine> streamed = r.goroutines().toList();
            assertThat(streamed).isEqualTo(model.goroutines());
            assertThat(r.crash()).isEqualTo(model.crash());
            assertThat(r.unknownLines()).isEqualTo(model.unknownLines());
            assertThat(r.exitStatus()).isEqualTo(model.exitStatus());
            assertThat(r.lineCount()).isEqualTo(model.lineCount());
            assertThat(r.next()).isFalse();
        }
    }

    @Test
    void cursorFileAndStreamInputs(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("panic.txt");
        Files.writeString(file, GoroutineDumpParseTest.PANIC);
        try (GoroutineReader r = GoroutineDump.open(file)) {
            assertThatThrownBy(r::goroutine).isInstanceOf(IllegalStateException.class);
            assertThat(r.next()).isTrue();
            // The panic lines come before the first goroutine, so they are known with it.
            assertThat(r.crash().panics()).hasSize(2);
            assertThat(r.goroutine().id()).isEqualTo(1);
            assertThat(r.goroutines().map(Goroutine::id)).containsExactly(20L, 21L, 229L);
            assertThat(r.exitStatus()).hasValue(2);
        }
        GoroutineReader r = GoroutineDump.open(new ByteArrayInputStream(
                GoroutineDumpParseTest.PANIC.getBytes(StandardCharsets.UTF_8)));
        r.close();
        assertThatThrownBy(r::next).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void brokenInputStopsTheStream() throws IOException {
        try (GoroutineReader r = GoroutineDump.open("goroutine 1 [running]:\nmain.main()\nmain.g()\n"
                .getBytes(StandardCharsets.UTF_8))) {
            assertThatThrownBy(() -> r.goroutines().count()).isInstanceOf(UncheckedIOException.class)
                    .hasCauseInstanceOf(GoParseException.class);
        }
    }
}
