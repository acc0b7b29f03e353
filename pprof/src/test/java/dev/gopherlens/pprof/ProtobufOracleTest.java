package dev.gopherlens.pprof;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import dev.gopherlens.core.testing.Corpus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The oracle: protobuf-java decodes the same bytes with a descriptor of profile.proto, and every sample, location,
 * function and mapping must agree with ours. Also: corpus profiles survive write and read unchanged.
 */
class ProtobufOracleTest {
    private static final Descriptors.Descriptor PROFILE = descriptor();

    private static FieldDescriptorProto field(String name, int number, Type type, boolean repeated, String message) {
        FieldDescriptorProto.Builder f = FieldDescriptorProto.newBuilder().setName(name).setNumber(number)
                .setType(type).setLabel(repeated ? Label.LABEL_REPEATED : Label.LABEL_OPTIONAL);
        if (message != null) {
            f.setTypeName(".perftools.profiles." + message);
        }
        return f.build();
    }

    private static DescriptorProto message(String name, FieldDescriptorProto... fields) {
        return DescriptorProto.newBuilder().setName(name).addAllField(List.of(fields)).build();
    }

    /** profile.proto (google/pprof), written out field by field. */
    private static Descriptors.Descriptor descriptor() {
        Type i64 = Type.TYPE_INT64;
        Type u64 = Type.TYPE_UINT64;
        Type msg = Type.TYPE_MESSAGE;
        FileDescriptorProto file = FileDescriptorProto.newBuilder().setName("profile.proto")
                .setPackage("perftools.profiles").setSyntax("proto3")
                .addMessageType(message("Profile",
                        field("sample_type", 1, msg, true, "ValueType"), field("sample", 2, msg, true, "Sample"),
                        field("mapping", 3, msg, true, "Mapping"), field("location", 4, msg, true, "Location"),
                        field("function", 5, msg, true, "Function"),
                        field("string_table", 6, Type.TYPE_STRING, true, null),
                        field("drop_frames", 7, i64, false, null), field("keep_frames", 8, i64, false, null),
                        field("time_nanos", 9, i64, false, null), field("duration_nanos", 10, i64, false, null),
                        field("period_type", 11, msg, false, "ValueType"), field("period", 12, i64, false, null),
                        field("comment", 13, i64, true, null), field("default_sample_type", 14, i64, false, null),
                        field("doc_url", 15, i64, false, null)))
                .addMessageType(message("ValueType", field("type", 1, i64, false, null),
                        field("unit", 2, i64, false, null)))
                .addMessageType(message("Sample", field("location_id", 1, u64, true, null),
                        field("value", 2, i64, true, null), field("label", 3, msg, true, "Label")))
                .addMessageType(message("Label", field("key", 1, i64, false, null), field("str", 2, i64, false, null),
                        field("num", 3, i64, false, null), field("num_unit", 4, i64, false, null)))
                .addMessageType(message("Mapping", field("id", 1, u64, false, null),
                        field("memory_start", 2, u64, false, null), field("memory_limit", 3, u64, false, null),
                        field("file_offset", 4, u64, false, null), field("filename", 5, i64, false, null),
                        field("build_id", 6, i64, false, null), field("has_functions", 7, Type.TYPE_BOOL, false, null),
                        field("has_filenames", 8, Type.TYPE_BOOL, false, null),
                        field("has_line_numbers", 9, Type.TYPE_BOOL, false, null),
                        field("has_inline_frames", 10, Type.TYPE_BOOL, false, null)))
                .addMessageType(message("Location", field("id", 1, u64, false, null),
                        field("mapping_id", 2, u64, false, null), field("address", 3, u64, false, null),
                        field("line", 4, msg, true, "Line"), field("is_folded", 5, Type.TYPE_BOOL, false, null)))
                .addMessageType(message("Line", field("function_id", 1, u64, false, null),
                        field("line", 2, i64, false, null), field("column", 3, i64, false, null)))
                .addMessageType(message("Function", field("id", 1, u64, false, null), field("name", 2, i64, false, null),
                        field("system_name", 3, i64, false, null), field("filename", 4, i64, false, null),
                        field("start_line", 5, i64, false, null)))
                .build();
        try {
            return Descriptors.FileDescriptor.buildFrom(file, new Descriptors.FileDescriptor[0])
                    .findMessageTypeByName("Profile");
        } catch (Descriptors.DescriptorValidationException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Arguments> profiles() {
        return Corpus.versions().stream().flatMap(v -> RawTextConformanceTest.PROFILES.stream()
                .map(name -> Arguments.of(v, name)));
    }

    private static Object get(DynamicMessage m, String field) {
        return m.getField(m.getDescriptorForType().findFieldByName(field));
    }

    @SuppressWarnings("unchecked")
    private static List<DynamicMessage> list(DynamicMessage m, String field) {
        return (List<DynamicMessage>) get(m, field);
    }

    private static long num(DynamicMessage m, String field) {
        Object v = get(m, field);
        return v instanceof Boolean b ? (b ? 1 : 0) : (Long) v;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("profiles")
    void protobufJavaAgrees(Corpus.GoVersion v, String name) throws IOException {
        byte[] raw = Fixtures.gunzip(v.file("data/" + name + ".pprof"));
        Profile ours = Pprof.read(raw);
        DynamicMessage theirs = DynamicMessage.parseFrom(PROFILE, raw);
        @SuppressWarnings("unchecked")
        List<String> strings = (List<String>) get(theirs, "string_table");

        List<DynamicMessage> samples = list(theirs, "sample");
        assertThat(ours.samples()).hasSize(samples.size());
        for (int i = 0; i < samples.size(); i++) {
            Sample s = ours.samples().get(i);
            DynamicMessage t = samples.get(i);
            assertThat(s.values()).containsExactly(((List<?>) get(t, "value")).stream()
                    .mapToLong(x -> (Long) x).toArray());
            assertThat(s.locations().stream().mapToLong(Location::id).toArray())
                    .containsExactly(((List<?>) get(t, "location_id")).stream().mapToLong(x -> (Long) x).toArray());
            List<dev.gopherlens.pprof.Label> labels = new ArrayList<>();
            for (DynamicMessage l : list(t, "label")) {
                labels.add(new dev.gopherlens.pprof.Label(strings.get((int) num(l, "key")),
                        strings.get((int) num(l, "str")), num(l, "num"), strings.get((int) num(l, "num_unit"))));
            }
            assertThat(s.labels()).isEqualTo(labels);
        }
        List<DynamicMessage> locations = list(theirs, "location");
        assertThat(ours.locations()).hasSize(locations.size());
        for (int i = 0; i < locations.size(); i++) {
            Location l = ours.locations().get(i);
            DynamicMessage t = locations.get(i);
            assertThat(l.id()).isEqualTo(num(t, "id"));
            assertThat(l.address()).isEqualTo(num(t, "address"));
            assertThat(l.mapping() == null ? 0 : l.mapping().id()).isEqualTo(num(t, "mapping_id"));
            List<DynamicMessage> lines = list(t, "line");
            assertThat(l.lines()).hasSize(lines.size());
            for (int j = 0; j < lines.size(); j++) {
                assertThat(l.lines().get(j).function().id()).isEqualTo(num(lines.get(j), "function_id"));
                assertThat(l.lines().get(j).line()).isEqualTo(num(lines.get(j), "line"));
            }
        }
        List<DynamicMessage> functions = list(theirs, "function");
        assertThat(ours.functions()).hasSize(functions.size());
        for (int i = 0; i < functions.size(); i++) {
            Function f = ours.functions().get(i);
            DynamicMessage t = functions.get(i);
            assertThat(f).isEqualTo(new Function(num(t, "id"), strings.get((int) num(t, "name")),
                    strings.get((int) num(t, "system_name")), strings.get((int) num(t, "filename")),
                    num(t, "start_line")));
        }
        List<DynamicMessage> mappings = list(theirs, "mapping");
        assertThat(ours.mappings()).hasSize(mappings.size());
        for (int i = 0; i < mappings.size(); i++) {
            DynamicMessage t = mappings.get(i);
            assertThat(ours.mappings().get(i)).isEqualTo(new Mapping(num(t, "id"), num(t, "memory_start"),
                    num(t, "memory_limit"), num(t, "file_offset"), strings.get((int) num(t, "filename")),
                    strings.get((int) num(t, "build_id")), num(t, "has_functions") != 0,
                    num(t, "has_filenames") != 0, num(t, "has_line_numbers") != 0, num(t, "has_inline_frames") != 0));
        }
        assertThat(ours.timeNanos()).isEqualTo(num(theirs, "time_nanos"));
        assertThat(ours.durationNanos()).isEqualTo(num(theirs, "duration_nanos"));
        assertThat(ours.period()).isEqualTo(num(theirs, "period"));
        assertThat(ours.defaultSampleType()).isEqualTo(strings.get((int) num(theirs, "default_sample_type")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("profiles")
    void corpusProfilesSurviveWriteAndRead(Corpus.GoVersion v, String name) throws IOException {
        Profile p = Pprof.read(v.file("data/" + name + ".pprof"));
        byte[] again = Pprof.encode(p);
        Profile back = Pprof.read(again);
        assertThat(back).isEqualTo(p);
        assertThat(back.toRawText()).isEqualTo(p.toRawText());
        // and protobuf-java reads what we wrote
        assertThat(list(DynamicMessage.parseFrom(PROFILE, again), "sample")).hasSize(p.samples().size());
    }
}
