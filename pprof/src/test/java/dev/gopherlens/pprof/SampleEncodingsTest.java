package dev.gopherlens.pprof;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import dev.gopherlens.core.GoParseException;
import dev.gopherlens.core.Limits;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The cursor reads the samples Go writes on a fast path and everything else on a general one (see
 * {@code SampleCursor.decodeUsual}). Here the same samples are written both ways, in the usual shape and in legal
 * but unusual ones, and every tier must read the same profile from each; and what the fast path gives up on must
 * still fail with the general path's message.
 */
class SampleEncodingsTest {

    /** A profile whose samples use every id length up to three bytes, deep stacks and every kind of label. */
    private static Profile profile() {
        Random rnd = new Random(42);
        ProfileBuilder b = Profile.builder().sampleType("samples", "count").sampleType("cpu", "nanoseconds");
        Mapping m = b.mapping(0x400000, 0x800000, 0, "/bin/app", "");
        List<Location> locations = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            Function f = b.function("main.f" + i % 500, "main.f" + i % 500, "main.go", i % 500);
            locations.add(b.location(m, 0x400000 + 16L * i, List.of(new Line(f, 10 + i % 7, 0))));
        }
        for (int s = 0; s < 400; s++) {
            // Ids of one, two and three bytes; depths from none to past the cursor's first array (64) and more.
            int depth = s % 40 == 0 ? 300 + s : rnd.nextInt(s % 5 == 0 ? 3 : 70);
            List<Location> stack = new ArrayList<>();
            for (int k = 0; k < depth; k++) {
                int kind = rnd.nextInt(3);
                int i = kind == 0 ? rnd.nextInt(127) : kind == 1 ? 127 + rnd.nextInt(16_000) : 16_383 + rnd.nextInt(3_617);
                stack.add(locations.get(i));
            }
            long[] values = {1 + rnd.nextInt(3), s % 3 == 0 ? Long.MAX_VALUE - s : rnd.nextInt(1 << 30)};
            List<Label> labels = switch (s % 4) {
                case 0 -> List.of();
                case 1 -> List.of(new Label("handler", "/api/" + s % 7, 0, ""));
                case 2 -> List.of(new Label("bytes", "", -5L * s, "bytes"), new Label("tenant", "t" + s % 3, 0, ""));
                default -> List.of(new Label("n", "", 1L << 62, ""));
            };
            b.sample(stack, values, labels);
        }
        return b.build();
    }

    @Test
    void usualAndUnusualEncodingsReadTheSame() throws IOException {
        Profile p = profile();
        byte[] usual = Pprof.encode(p);
        for (Shape shape : Shape.values()) {
            byte[] unusual = rewriteSamples(usual, shape);
            assertThat(unusual).as(shape.name()).isNotEqualTo(usual);
            assertThat(Pprof.read(unusual).samples()).as(shape.name()).isEqualTo(Pprof.read(usual).samples());
            try (SampleCursor a = Pprof.cursor(usual); SampleCursor c = Pprof.cursor(unusual)) {
                while (a.next()) {
                    assertThat(c.next()).isTrue();
                    assertThat(c.sample()).as("%s sample %d", shape, a.index()).isEqualTo(a.sample());
                    assertThat(c.labelCount()).isEqualTo(a.labelCount());
                    for (int i = 0; i < a.labelCount(); i++) {
                        assertThat(c.labelKey(i)).isEqualTo(a.labelKey(i));
                        assertThat(c.labelNumUnit(i)).isEqualTo(a.labelNumUnit(i));
                    }
                }
                assertThat(c.next()).isFalse();
            }
        }
        assertThat(Pprof.read(usual).samples()).isEqualTo(p.samples());
    }

    @Test
    void aStackDeeperThanTheLimitIsRefusedOnEitherPath() throws IOException {
        byte[] usual = Pprof.encode(profile());
        Limits limits = Limits.DEFAULT.withMaxStackDepth(200);
        for (byte[] bytes : List.of(usual, rewriteSamples(usual, Shape.UNPACKED))) {
            assertThatThrownBy(() -> Pprof.read(bytes, limits)).isInstanceOf(GoParseException.class)
                    .hasMessageContaining("maxStackDepth");
        }
    }

    @Test
    void badIdsAndLabelsFailWithTheGeneralPathsMessage() throws IOException {
        Profile p = Profile.builder().sampleType("samples", "count").build();
        byte[] header = Pprof.encode(p);
        // location id 5 in a profile without locations; a label key past the string table.
        byte[] badId = sample(header, out -> {
            out.writeUInt64NoTag(5);
        }, 1, null);
        assertThatThrownBy(() -> Pprof.read(badId)).isInstanceOf(GoParseException.class)
                .hasMessageContaining("expected the id of a location in the profile, found 5");
        // A packed run whose last id is cut short, after ids of each length: refused, never read as shorter.
        byte[] withLocations = Pprof.encode(profile());
        // Each at the end of the input, and followed by an unknown field, so that the run is read both near the
        // array's end and by the fast path's eight-byte loads.
        byte[] unknownField = {(byte) 0xa2, 0x06, 16, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
        for (int[] run : new int[][] {{0x85}, {0x01, 0x85}, {0x81, 0x01, 0x85}, {0x81, 0x81, 0x01, 0x85, 0x85},
                {0x01, 0x85, 0x85}, {0x01, 0x81, 0x81, 0x81}, {0x81, 0x81, 0x81, 0x81, 0x81, 0x81, 0x81, 0x81}}) {
            byte[] cut = sample(withLocations, out -> {
                for (int x : run) {
                    out.writeRawByte((byte) x);
                }
            }, 2, null);
            byte[] followed = java.util.Arrays.copyOf(cut, cut.length + unknownField.length);
            System.arraycopy(unknownField, 0, followed, cut.length, unknownField.length);
            for (byte[] bytes : List.of(cut, followed)) {
                assertThatThrownBy(() -> Pprof.read(bytes)).as(java.util.Arrays.toString(run))
                        .isInstanceOf(GoParseException.class).hasMessageContaining("varint");
            }
        }
        // An id of four bytes, past any table the fast path reads: the general path's message, anywhere.
        byte[] longId = sample(withLocations, out -> out.writeUInt64NoTag(1L << 21), 2, null);
        byte[] longIdFollowed = java.util.Arrays.copyOf(longId, longId.length + unknownField.length);
        System.arraycopy(unknownField, 0, longIdFollowed, longId.length, unknownField.length);
        for (byte[] bytes : List.of(longId, longIdFollowed)) {
            assertThatThrownBy(() -> Pprof.read(bytes)).isInstanceOf(GoParseException.class)
                    .hasMessageContaining("expected the id of a location in the profile, found 2097152");
        }
        byte[] badLabel = sample(header, null, 1, new long[] {999, 0});
        assertThatThrownBy(() -> Pprof.read(badLabel)).isInstanceOf(GoParseException.class)
                .hasMessageContaining("expected a string index below");
        byte[] fewValues = sample(header, null, 0, null);
        assertThatThrownBy(() -> Pprof.read(fewValues)).isInstanceOf(GoParseException.class)
                .hasMessageContaining("expected 1 values, one per sample type, found 0");
    }

    /**
     * The two paths over damaged samples: corpus profiles and the test's own, with bytes of their samples changed
     * at random. Each sample must read the same on both, or fail on both with the same message; a sample the fast
     * path reads differently would be a silently wrong result.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("dev.gopherlens.pprof.MalformedProfileTest#inputs")
    void damagedSamplesReadTheSameOnBothPaths(byte[] whole) throws IOException {
        Random random = new Random(whole.length);
        int compared = 0;
        for (int round = 0; round < 300; round++) {
            byte[] bad = whole.clone();
            int[] span = sampleSpan(whole, random);
            if (span == null) {
                return;
            }
            for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
                bad[span[0] + random.nextInt(span[1] - span[0])] = (byte) random.nextInt(256);
            }
            compared += compareBothPaths(bad);
        }
        assertThat(compared).isPositive();
    }

    @Test
    void damagedSamplesOfEveryShapeReadTheSameOnBothPaths() throws IOException {
        byte[] usual = Pprof.encode(profile());
        for (Shape shape : Shape.values()) {
            byte[] whole = rewriteSamples(usual, shape);
            Random random = new Random(shape.ordinal());
            for (int round = 0; round < 100; round++) {
                byte[] bad = whole.clone();
                int[] span = sampleSpan(whole, random);
                for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
                    bad[span[0] + random.nextInt(span[1] - span[0])] = (byte) random.nextInt(256);
                }
                compareBothPaths(bad);
            }
        }
    }

    /** The bytes of one sample record, picked at random, or null when there is none. */
    private static int[] sampleSpan(byte[] profile, Random random) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(profile);
        List<int[]> spans = new ArrayList<>();
        for (int tag; (tag = in.readTag()) != 0; ) {
            if (WireFormat.getTagFieldNumber(tag) == 2 && WireFormat.getTagWireType(tag) == 2) {
                int len = in.readRawVarint32();
                int start = in.getTotalBytesRead();
                if (len > 0) {
                    spans.add(new int[] {start, start + len});
                }
                in.skipRawBytes(len);
            } else {
                in.skipField(tag);
            }
        }
        return spans.isEmpty() ? null : spans.get(random.nextInt(spans.size()));
    }

    /** Reads every sample on both paths and compares them; returns how many samples were read alike. */
    private static int compareBothPaths(byte[] bytes) throws IOException {
        SampleCursor fast;
        SampleCursor general;
        try {
            fast = Pprof.cursor(bytes);
            general = Pprof.cursor(bytes);
        } catch (GoParseException e) {
            return 0; // the header is shared by both paths
        }
        general.generalPathOnly();
        int n = 0;
        try (fast; general) {
            while (true) {
                String a = step(fast);
                String b = step(general);
                assertThat(a).as("sample %d", n).isEqualTo(b);
                if (a.equals("end") || a.startsWith("error")) {
                    return n;
                }
                n++;
            }
        }
    }

    /** One sample as text, "end", or the error's message. */
    private static String step(SampleCursor c) {
        try {
            if (!c.next()) {
                return "end";
            }
            StringBuilder sb = new StringBuilder(c.sample().toString());
            for (int i = 0; i < c.labelCount(); i++) {
                sb.append(' ').append(c.labelKey(i)).append('=').append(c.labelStr(i)).append('/')
                        .append(c.labelNum(i)).append(c.labelNumUnit(i));
            }
            return sb.toString();
        } catch (GoParseException e) {
            return "error " + e.getMessage();
        }
    }

    private interface Ids {
        void write(CodedOutputStream out) throws IOException;
    }

    /** A profile's bytes with one sample appended: packed ids, {@code values} values of 1, one label (key, str). */
    private static byte[] sample(byte[] profile, Ids ids, int values, long[] label) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        CodedOutputStream s = CodedOutputStream.newInstance(body);
        if (ids != null) {
            ByteArrayOutputStream packed = new ByteArrayOutputStream();
            CodedOutputStream po = CodedOutputStream.newInstance(packed);
            ids.write(po);
            po.flush();
            s.writeByteArray(1, packed.toByteArray());
        }
        for (int i = 0; i < values; i++) {
            s.writeInt64(2, 1);
        }
        if (label != null) {
            ByteArrayOutputStream l = new ByteArrayOutputStream();
            CodedOutputStream lo = CodedOutputStream.newInstance(l);
            lo.writeInt64(1, label[0]);
            lo.writeInt64(2, label[1]);
            lo.flush();
            s.writeByteArray(3, l.toByteArray());
        }
        s.flush();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(profile);
        CodedOutputStream o = CodedOutputStream.newInstance(all);
        o.writeByteArray(2, body.toByteArray());
        o.flush();
        return all.toByteArray();
    }

    /** Legal ways to write a sample that Go does not use. */
    private enum Shape {
        /** location ids and values one field each, not packed */
        UNPACKED,
        /** an unknown field in each sample and in each label (a newer profile.proto) */
        UNKNOWN_FIELDS,
        /** ids packed in two runs, and values written as a packed run then a single field */
        SPLIT_RUNS,
        /** every varint one byte longer than it needs to be (0x80 then 0x00 at its end) */
        PADDED_VARINTS
    }

    /** Rewrites each sample record of a profile in a shape; everything else is copied as it is. */
    private static byte[] rewriteSamples(byte[] profile, Shape shape) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(profile);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        for (int tag; (tag = in.readTag()) != 0; ) {
            if (WireFormat.getTagFieldNumber(tag) == 2) {
                out.writeByteArray(2, rewriteSample(in.readByteArray(), shape));
            } else {
                out.writeTag(WireFormat.getTagFieldNumber(tag), WireFormat.getTagWireType(tag));
                switch (WireFormat.getTagWireType(tag)) {
                    case WireFormat.WIRETYPE_VARINT -> out.writeUInt64NoTag(in.readUInt64());
                    case WireFormat.WIRETYPE_LENGTH_DELIMITED -> out.writeByteArrayNoTag(in.readByteArray());
                    default -> throw new IllegalStateException("profile.proto has no field of wire type " + tag);
                }
            }
        }
        out.flush();
        return bytes.toByteArray();
    }

    private static byte[] rewriteSample(byte[] sample, Shape shape) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(sample);
        List<Long> ids = new ArrayList<>();
        List<Long> values = new ArrayList<>();
        List<long[]> labels = new ArrayList<>();
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> readPacked(in, ids);
                case 2 -> readPacked(in, values);
                case 3 -> {
                    CodedInputStream l = CodedInputStream.newInstance(in.readByteArray());
                    long[] label = new long[4];
                    for (int t; (t = l.readTag()) != 0; ) {
                        label[WireFormat.getTagFieldNumber(t) - 1] = l.readUInt64();
                    }
                    labels.add(label);
                }
                default -> throw new IllegalStateException("unexpected field " + tag);
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        switch (shape) {
            case UNPACKED -> {
                for (long id : ids) {
                    out.writeUInt64(1, id);
                }
                for (long v : values) {
                    out.writeUInt64(2, v);
                }
            }
            case UNKNOWN_FIELDS -> {
                out.writeUInt64(9, 12345);
                writePacked(out, 1, ids, false);
                writePacked(out, 2, values, false);
            }
            case SPLIT_RUNS -> {
                int half = ids.size() / 2;
                writePacked(out, 1, ids.subList(0, half), false);
                writePacked(out, 1, ids.subList(half, ids.size()), false);
                writePacked(out, 2, values.subList(0, values.size() - 1), false);
                out.writeUInt64(2, values.get(values.size() - 1));
            }
            case PADDED_VARINTS -> {
                writePacked(out, 1, ids, true);
                writePacked(out, 2, values, true);
            }
        }
        for (long[] label : labels) {
            ByteArrayOutputStream l = new ByteArrayOutputStream();
            CodedOutputStream lo = CodedOutputStream.newInstance(l);
            for (int f = 0; f < 4; f++) {
                if (label[f] != 0) {
                    lo.writeUInt64(f + 1, label[f]);
                }
            }
            if (shape == Shape.UNKNOWN_FIELDS) {
                lo.writeString(7, "unknown");
            }
            lo.flush();
            out.writeByteArray(3, l.toByteArray());
        }
        out.flush();
        return bytes.toByteArray();
    }

    private static void readPacked(CodedInputStream in, List<Long> into) throws IOException {
        CodedInputStream run = CodedInputStream.newInstance(in.readByteArray());
        while (!run.isAtEnd()) {
            into.add(run.readUInt64());
        }
    }

    private static void writePacked(CodedOutputStream out, int field, List<Long> values, boolean padded)
            throws IOException {
        if (values.isEmpty()) {
            return;
        }
        ByteArrayOutputStream run = new ByteArrayOutputStream();
        for (long v : values) {
            // A varint's last byte made a continuation byte, then a zero byte: the same value, one byte longer
            // (valid while the varint had fewer than ten bytes).
            do {
                int low = (int) (v & 0x7f);
                v >>>= 7;
                run.write(v != 0 || padded ? low | 0x80 : low);
            } while (v != 0);
            if (padded) {
                run.write(0);
            }
        }
        out.writeByteArray(field, run.toByteArray());
    }
}
