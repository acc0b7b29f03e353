package dev.gopherlens.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GoParseExceptionTest {

    @Test
    void messageNamesFormatReasonContextAndOffset() {
        GoParseException e = GoParseException.malformed("pprof", 0x1A2B, "expected wire type 2 for sample");
        assertThat(e.getMessage()).isEqualTo("pprof: expected wire type 2 for sample at offset 0x1A2B (6699)");
        assertThat(e.withContext("sample[3]").getMessage())
                .isEqualTo("pprof: expected wire type 2 for sample in sample[3] at offset 0x1A2B (6699)");
        assertThat(GoParseException.malformed("trace", -7, "x").getMessage()).endsWith("at offset unknown");
        assertThat(GoParseException.malformed("trace", -7, "x").offset()).isEqualTo(-1);
    }

    @Test
    void contextsNestOutward() {
        GoParseException e = GoParseException.malformed("pprof", 10, "bad id")
                .withContext("location_id").withContext("[1042]").withContext("sample");
        assertThat(e.context()).isEqualTo("sample[1042].location_id");
        assertThat(e.reason()).isEqualTo("bad id");
        assertThat(e.format()).isEqualTo("pprof");
    }

    @Test
    void subclassesSurviveWithContext() {
        TruncatedInputException t = GoParseException.truncated("trace", 16, "batch", 100, 3);
        GoParseException moved = t.withContext("generation[2]");
        assertThat(moved).isInstanceOf(TruncatedInputException.class);
        assertThat(((TruncatedInputException) moved).needed()).isEqualTo(100);
        assertThat(moved.getStackTrace()).isEqualTo(t.getStackTrace());
        assertThat(moved.getMessage())
                .isEqualTo("trace: truncated input: batch needs 100 bytes, 3 remain in generation[2] at offset 0x10 (16)");
        assertThat(GoParseException.truncated("trace", 16, "u8", 1, -1).getMessage())
                .contains("u8 needs 1 byte, the input ended");

        UnsupportedVersionException u = GoParseException.unsupportedVersion("trace", 0, "go 1.5", "go 1.11 to go 1.27");
        assertThat(u.withContext("header")).isInstanceOf(UnsupportedVersionException.class);
        assertThat(u.getMessage()).isEqualTo("trace: unsupported version go 1.5 (supported: go 1.11 to go 1.27) at offset 0x0 (0)");
        assertThat(u.found()).isEqualTo("go 1.5");
        assertThat(u.supported()).isEqualTo("go 1.11 to go 1.27");

        LimitExceededException l = GoParseException.limitExceeded("pprof", 5, "maxStringLength", 1 << 30, 16 << 20);
        assertThat(l.withContext("string_table[7]")).isInstanceOf(LimitExceededException.class);
        assertThat(l.getMessage()).contains("maxStringLength is 16777216 but the input asks for 1073741824")
                .contains("Limits.withMaxStringLength");
        assertThat(l.limit()).isEqualTo("maxStringLength");
        assertThat(l.requested()).isEqualTo(1 << 30);
        assertThat(l.maximum()).isEqualTo(16 << 20);
    }

    @Test
    void isAnIOExceptionWithItsCause() {
        RuntimeException cause = new RuntimeException("inflate failed");
        GoParseException e = GoParseException.malformed("gzip", 3, "corrupt compressed data", cause);
        assertThat(e).isInstanceOf(java.io.IOException.class).hasCause(cause);
    }
}
