package dev.gopherlens.pprof;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.core.Frame;
import dev.gopherlens.core.testing.InputKind;
import dev.gopherlens.core.testing.OneByteInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PprofReadTest {

    private static Profile read(InputKind kind, byte[] bytes) throws IOException {
        return switch (kind) {
            case BYTES -> Pprof.read(bytes);
            case HEAP_BUFFER -> {
                byte[] padded = new byte[bytes.length + 3];
                System.arraycopy(bytes, 0, padded, 3, bytes.length);
                yield Pprof.read(ByteBuffer.wrap(padded, 3, bytes.length).slice());
            }
            case DIRECT_BUFFER -> Pprof.read(ByteBuffer.allocateDirect(bytes.length).put(bytes).flip());
            case STREAM -> Pprof.read(new ByteArrayInputStream(bytes));
            case ONE_BYTE_STREAM -> Pprof.read(new OneByteInputStream(bytes));
        };
    }

    @ParameterizedTest
    @EnumSource(InputKind.class)
    void everyInputKindRoundTrips(InputKind kind) throws IOException {
        Profile p = Fixtures.everyField();
        byte[] raw = Pprof.encode(p);
        assertThat(read(kind, raw)).isEqualTo(p);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        Pprof.write(p, gz);
        assertThat(read(kind, gz.toByteArray())).isEqualTo(p);
    }

    @Test
    void everyFieldSurvivesAndPrints() throws IOException {
        Profile p = Pprof.read(Pprof.encode(Fixtures.everyField()));
        assertThat(p.comments()).containsExactly("made by a test", "second comment");
        assertThat(p.docUrl()).isEqualTo("https://example.com/heap");
        assertThat(p.dropFrames()).isEqualTo("runtime\\..*");
        assertThat(p.keepFrames()).isEqualTo("runtime\\.main");
        assertThat(p.defaultSampleTypeIndex()).isEqualTo(1);
        assertThat(p.location(1).orElseThrow().lines()).hasSize(2);
        assertThat(p.function(4).orElseThrow().systemName()).isEqualTo("_ZNSt6vectorIiE9push_backE");
        assertThat(p.mapping(2).orElseThrow().file()).isEqualTo("[vdso]");
        assertThat(p.location(99)).isEmpty();
        Sample first = p.samples().get(0);
        assertThat(first.stringLabels()).isEqualTo(Map.of("stage", List.of("cpu", "io")));
        assertThat(first.numericLabels()).isEqualTo(Map.of("bytes", List.of(1024L)));
        assertThat(first.stack().frames()).containsExactly(
                new Frame("main.square", "app/main.go", 11, 0x401000),
                new Frame("main.sumSquares", "app/main.go", 22, 0x401000),
                new Frame("main.main", "app/main.go", 33, 0x402000));
        assertThat(p.toString()).isEqualTo("Profile[[alloc_objects/count, alloc_space/bytes], 4 samples, 4 locations,"
                + " 4 functions, 2 mappings, period 524288 bytes, duration 2500ms]");
        assertThat(p.toRawText()).isEqualTo("""
                Comment: made by a test
                Comment: second comment
                Doc: https://example.com/heap
                PeriodType: space bytes
                Period: 524288
                Time: 2025-11-24 16:00:00.123456789 +0000 UTC
                Duration: 2.5s
                Samples:
                alloc_objects/count alloc_space/bytes[dflt]
                          3       3072: 1 2\s
                                stage:[cpu io]
                                bytes:[1024 bytes]
                         -1 -9223372036854775808: 3 2\s
                                request:[7  8 bytes]
                          5          0:\s
                          0          0: 4\s
                Locations
                     1: 0x401000 M=1 main.square app/main.go:11:0 s=10
                             main.sumSquares app/main.go:22:5 s=20
                     2: 0x402000 M=1 main.main app/main.go:33:0 s=30
                     3: 0x7fff0100 M=2 std::vector<int>::push_back vector.h:7:0 s=0(_ZNSt6vectorIiE9push_backE)
                     4: 0xffffffffffffffff\s
                Mappings
                1: 0x400000/0x6a9000/0x0 /opt/app/bin/app abc123 [FN][FL][LN][IN]
                2: 0x7fff0000/0x7fff2000/0x0 [vdso]  [FN][FL][LN][IN]
                """);
    }

    @Test
    void theThreeTiersAgree() throws IOException {
        byte[] raw = Pprof.encode(Fixtures.everyField());
        Profile model = Pprof.read(raw);
        List<Sample> streamed;
        try (ProfileReader r = Pprof.open(raw)) {
            assertThat(r.sampleCount()).isEqualTo(4);
            assertThat(r.header().samples()).isEmpty();
            assertThat(r.header().locations()).isEqualTo(model.locations());
            streamed = r.samples().toList();
            assertThatThrownBy(r::samples).isInstanceOf(IllegalStateException.class);
        }
        assertThat(streamed).isEqualTo(model.samples());
        List<Sample> cursored = new ArrayList<>();
        try (SampleCursor c = Pprof.cursor(raw)) {
            while (c.next()) {
                Sample s = model.samples().get(c.index());
                assertThat(c.valueCount()).isEqualTo(s.valueCount());
                for (int i = 0; i < c.locationCount(); i++) {
                    assertThat(c.location(i)).isEqualTo(s.locations().get(i));
                    assertThat(c.locationId(i)).isEqualTo(s.locations().get(i).id());
                }
                for (int i = 0; i < c.labelCount(); i++) {
                    Label l = s.labels().get(i);
                    assertThat(new Label(c.labelKey(i), c.labelStr(i), c.labelNum(i), c.labelNumUnit(i))).isEqualTo(l);
                }
                assertThat(c.offset()).isPositive();
                cursored.add(c.sample());
            }
            assertThat(c.next()).isFalse();
            assertThatThrownBy(() -> c.value(0)).isInstanceOf(IndexOutOfBoundsException.class);
        }
        assertThat(cursored).isEqualTo(model.samples());
    }

    @Test
    void filesRoundTrip(@TempDir Path dir) throws IOException {
        Profile p = Fixtures.everyField();
        Path f = dir.resolve("p.pprof");
        Pprof.write(p, f);
        assertThat(Pprof.read(f)).isEqualTo(p);
        try (ProfileReader r = Pprof.open(f)) {
            assertThat(r.samples().count()).isEqualTo(4);
        }
        try (SampleCursor c = Pprof.cursor(f)) {
            assertThat(c.sampleCount()).isEqualTo(4);
        }
    }

    @Test
    void otherFormatsAreNamed() throws IOException {
        // A legacy text profile is read as google/pprof reads it (see internal.legacy), no longer rejected.
        byte[] text = "heap profile: 3: 328272 [134: 3809872] @ heap/1048576\n".getBytes();
        assertThat(Pprof.read(text).sampleTypes()).extracting(ValueType::type)
                .containsExactly("alloc_objects", "alloc_space", "inuse_objects", "inuse_space");
        byte[] trace = "go 1.22 trace\0\0\0\1\2\3".getBytes();
        assertThatThrownBy(() -> Pprof.read(trace)).hasMessageContaining("found Go execution trace, version 1.22");
    }

    @Test
    void sparseAndWideLocationIdsDecode() throws IOException {
        Function f = new Function(1, "f", "f", "f.go", 1);
        Location wide = new Location(3_000_000_000L, null, 0x10, List.of(new Line(f, 1, 0)), false);
        Location small = new Location(5, null, 0x20, List.of(new Line(f, 2, 0)), false);
        Location mid = new Location(20_000, null, 0x30, List.of(), false);
        Profile.Parts parts = new Profile.Parts();
        parts.sampleTypes = List.of(new ValueType("samples", "count"));
        parts.functions = List.of(f);
        parts.locations = List.of(wide, small, mid);
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            samples.add(new Sample(List.of(wide, small, mid, small, wide), new long[] {i}, List.of()));
        }
        parts.samples = samples;
        Profile p = new Profile(parts);
        Profile back = Pprof.read(Pprof.encode(p));
        assertThat(back).isEqualTo(p);
        try (SampleCursor c = Pprof.cursor(Pprof.encode(p))) {
            assertThat(c.next()).isTrue();
            assertThat(c.locationId(0)).isEqualTo(3_000_000_000L);
            assertThat(c.locationId(2)).isEqualTo(20_000);
        }
    }
}
