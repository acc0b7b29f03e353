package dev.gopherlens.trace;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.core.TruncatedInputException;
import dev.gopherlens.core.UnsupportedVersionException;
import dev.gopherlens.core.testing.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TraceVersionTest {

    private static byte[] header(String s) {
        return java.util.Arrays.copyOf(s.getBytes(StandardCharsets.US_ASCII), 16);
    }

    @Test
    void everySupportedHeader() throws IOException {
        for (TraceVersion v : TraceVersion.values()) {
            assertThat(TraceVersion.fromHeader(header(v.header()))).isEqualTo(v);
            assertThat(TraceVersion.of(new ByteArrayInputStream(header(v.header())))).isEqualTo(v);
        }
        assertThat(TraceVersion.GO_1_21.isGenerational()).isFalse();
        assertThat(TraceVersion.GO_1_22.isGenerational()).isTrue();
    }

    @Test
    void otherVersionsAreUnsupported() {
        assertThatThrownBy(() -> TraceVersion.fromHeader(header("go 1.5 trace")))
                .isInstanceOf(UnsupportedVersionException.class)
                .hasMessage("trace: unsupported version go 1.5 (supported: go 1.11, go 1.19, go 1.21, go 1.22, "
                        + "go 1.23, go 1.25, go 1.26) at offset 0x0 (0)");
        assertThatThrownBy(() -> TraceVersion.fromHeader(header("go 1.24 trace")))
                .isInstanceOf(UnsupportedVersionException.class);
    }

    @Test
    void otherBytesAreNotATrace() {
        for (String bad : List.of("go 1.22 trace!!!", "go 1.x2 trace", "go 2.22 trace", "go 1. trace",
                "go 1.1234 trace", "gzip")) {
            assertThatThrownBy(() -> TraceVersion.fromHeader(header(bad))).as(bad)
                    .isExactlyInstanceOf(GoParseException.class).hasMessageContaining("not a Go execution trace");
        }
        assertThatThrownBy(() -> TraceVersion.fromHeader(new byte[3])).isInstanceOf(TruncatedInputException.class);
    }

    static List<Corpus.GoVersion> versions() {
        return Corpus.versions();
    }

    private static final Map<Integer, TraceVersion> WRITTEN = Map.of(15, TraceVersion.GO_1_11,
            19, TraceVersion.GO_1_19, 21, TraceVersion.GO_1_21, 22, TraceVersion.GO_1_22, 23, TraceVersion.GO_1_23,
            24, TraceVersion.GO_1_23, 25, TraceVersion.GO_1_25, 26, TraceVersion.GO_1_26, 27, TraceVersion.GO_1_26);

    @ParameterizedTest
    @MethodSource("versions")
    void corpusTraces(Corpus.GoVersion v) throws IOException {
        assertThat(TraceVersion.of(v.file("data/trace.out"))).isEqualTo(WRITTEN.get(v.minor()));
    }
}
