package dev.gopherlens.pprof;

import dev.gopherlens.core.internal.Varint;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Encodes a {@link Profile} as profile.proto bytes: the string table is rebuilt ("" first, then strings in the
 * order they are met), repeated scalars are packed, and fields equal to their default are left out, as
 * google/pprof's encoder does. Decoding the bytes gives a profile equal to the one encoded. Not thread-safe; one
 * encoder per call.
 */
final class ProfileEncoder {
    private final Map<String, Integer> strings = new HashMap<>();
    private final java.util.ArrayList<String> table = new java.util.ArrayList<>();
    private final Out out = new Out(1 << 16);
    private final Out[] scratch = {new Out(256), new Out(256)};

    private ProfileEncoder() {
        index("");
    }

    static byte[] encode(Profile p) {
        return new ProfileEncoder().run(p);
    }

    private long index(String s) {
        Integer i = strings.get(s);
        if (i == null) {
            i = table.size();
            strings.put(s, i);
            table.add(s);
        }
        return i;
    }

    private byte[] run(Profile p) {
        for (ValueType t : p.sampleTypes()) {
            Out m = scratch[0].reset();
            valueType(m, t);
            out.message(1, m);
        }
        for (Sample s : p.samples()) {
            Out m = scratch[0].reset();
            long[] ids = new long[s.locations().size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = s.locations().get(i).id();
            }
            m.packed(1, ids, ids.length);
            long[] values = s.values();
            m.packed(2, values, values.length);
            for (Label l : s.labels()) {
                Out lm = scratch[1].reset();
                lm.varint(1, index(l.key()));
                lm.varint(2, l.str().isEmpty() ? 0 : index(l.str()));
                lm.varint(3, l.num());
                lm.varint(4, l.numUnit().isEmpty() ? 0 : index(l.numUnit()));
                m.message(3, lm);
            }
            out.message(2, m);
        }
        for (Mapping mp : p.mappings()) {
            Out m = scratch[0].reset();
            m.varint(1, mp.id());
            m.varint(2, mp.start());
            m.varint(3, mp.limit());
            m.varint(4, mp.offset());
            m.varint(5, index(mp.file()));
            m.varint(6, index(mp.buildId()));
            m.varint(7, mp.hasFunctions() ? 1 : 0);
            m.varint(8, mp.hasFilenames() ? 1 : 0);
            m.varint(9, mp.hasLineNumbers() ? 1 : 0);
            m.varint(10, mp.hasInlineFrames() ? 1 : 0);
            out.message(3, m);
        }
        for (Location l : p.locations()) {
            Out m = scratch[0].reset();
            m.varint(1, l.id());
            m.varint(2, l.mapping() == null ? 0 : l.mapping().id());
            m.varint(3, l.address());
            for (Line ln : l.lines()) {
                Out lm = scratch[1].reset();
                lm.varint(1, ln.function() == null ? 0 : ln.function().id());
                lm.varint(2, ln.line());
                lm.varint(3, ln.column());
                m.message(4, lm);
            }
            m.varint(5, l.isFolded() ? 1 : 0);
            out.message(4, m);
        }
        for (Function f : p.functions()) {
            Out m = scratch[0].reset();
            m.varint(1, f.id());
            m.varint(2, index(f.name()));
            m.varint(3, index(f.systemName()));
            m.varint(4, index(f.filename()));
            m.varint(5, f.startLine());
            out.message(5, m);
        }
        // Every string but these is indexed by now; these go into the table before it is written.
        long drop = index(p.dropFrames());
        long keep = index(p.keepFrames());
        long[] comments = new long[p.comments().size()];
        for (int i = 0; i < comments.length; i++) {
            comments[i] = index(p.comments().get(i));
        }
        long defaultType = index(p.defaultSampleType());
        long doc = index(p.docUrl());
        ValueType periodType = p.periodType().orElse(null);
        if (periodType != null) {
            index(periodType.type());
            index(periodType.unit());
        }
        for (String s : table) {
            out.bytes(6, s.getBytes(StandardCharsets.UTF_8));
        }
        out.varint(7, drop);
        out.varint(8, keep);
        out.varint(9, p.timeNanos());
        out.varint(10, p.durationNanos());
        if (periodType != null) {
            Out m = scratch[0].reset();
            valueType(m, periodType);
            out.message(11, m);
        }
        out.varint(12, p.period());
        out.packed(13, comments, comments.length);
        out.varint(14, defaultType);
        out.varint(15, doc);
        return out.toByteArray();
    }

    private void valueType(Out m, ValueType t) {
        m.varint(1, index(t.type()));
        m.varint(2, index(t.unit()));
    }

    /** A growable protobuf output buffer. */
    static final class Out {
        private byte[] buf;
        private int size;

        Out(int capacity) {
            buf = new byte[capacity];
        }

        Out reset() {
            size = 0;
            return this;
        }

        private void ensure(long more) {
            if (size + more > buf.length) {
                long want = Math.max(size + more, 2L * buf.length);
                if (want > Integer.MAX_VALUE - 8) {
                    throw new IllegalStateException("profile too large to encode in one array");
                }
                buf = Arrays.copyOf(buf, (int) want);
            }
        }

        private void raw(long v) {
            ensure(Varint.MAX_LENGTH);
            size = Varint.write(buf, size, v);
        }

        /** A varint field, left out when zero (proto3). */
        void varint(int field, long v) {
            if (v != 0) {
                raw((long) field << 3);
                raw(v);
            }
        }

        void bytes(int field, byte[] b) {
            raw((long) field << 3 | 2);
            raw(b.length);
            ensure(b.length);
            System.arraycopy(b, 0, buf, size, b.length);
            size += b.length;
        }

        /** A packed repeated varint field, left out when empty. */
        void packed(int field, long[] values, int n) {
            if (n == 0) {
                return;
            }
            long len = 0;
            for (int i = 0; i < n; i++) {
                len += Varint.size(values[i]);
            }
            raw((long) field << 3 | 2);
            raw(len);
            ensure(len);
            for (int i = 0; i < n; i++) {
                size = Varint.write(buf, size, values[i]);
            }
        }

        void message(int field, Out m) {
            raw((long) field << 3 | 2);
            raw(m.size);
            ensure(m.size);
            System.arraycopy(m.buf, 0, buf, size, m.size);
            size += m.size;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, size);
        }
    }
}
