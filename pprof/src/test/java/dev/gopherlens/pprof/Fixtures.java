package dev.gopherlens.pprof;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Profiles made in the tests, so that unit tests need no corpus. */
final class Fixtures {
    private Fixtures() {
    }

    /** A profile that uses every field of profile.proto. */
    static Profile everyField() {
        ProfileBuilder b = Profile.builder()
                .sampleType("alloc_objects", "count").sampleType("alloc_space", "bytes")
                .defaultSampleType("alloc_space")
                .period("space", "bytes", 524288)
                .timeNanos(1_764_000_000_123_456_789L).durationNanos(2_500_000_000L)
                .comment("made by a test").comment("second comment")
                .docUrl("https://example.com/heap")
                .frameFilters("runtime\\..*", "runtime\\.main");
        Mapping exe = b.mapping(0x400000, 0x6a9000, 0, "/opt/app/bin/app", "abc123");
        Mapping vdso = b.mapping(0x7fff0000, 0x7fff2000, 0, "[vdso]", "");
        Function square = b.function("main.square", "main.square", "app/main.go", 10);
        Function sum = b.function("main.sumSquares", "main.sumSquares", "app/main.go", 20);
        Function main = b.function("main.main", "main.main", "app/main.go", 30);
        Function mangled = b.function("std::vector<int>::push_back", "_ZNSt6vectorIiE9push_backE", "vector.h", 0);
        Location inlined = b.location(exe, 0x401000, List.of(new Line(square, 11, 0), new Line(sum, 22, 5)));
        Location caller = b.location(exe, 0x402000, List.of(new Line(main, 33, 0)));
        Location lib = b.location(vdso, 0x7fff0100, List.of(new Line(mangled, 7, 0)));
        Location bare = b.location(null, 0xffffffffffffffffL, List.of());
        b.sample(List.of(inlined, caller), new long[] {3, 3072}, List.of(Label.of("stage", "cpu"),
                Label.of("bytes", 1024, "bytes"), Label.of("stage", "io")));
        b.sample(List.of(lib, caller), new long[] {-1, Long.MIN_VALUE}, List.of(Label.of("request", 7, ""),
                Label.of("request", 8, "bytes")));
        b.sample(List.of(), new long[] {5, 0}, List.of());
        b.sample(List.of(bare), new long[] {0, 0}, List.of(new Label("empty", "", 0, "")));
        return b.build();
    }

    static byte[] gunzip(Path gz) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gzip(byte[] raw) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
                gz.write(raw);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
