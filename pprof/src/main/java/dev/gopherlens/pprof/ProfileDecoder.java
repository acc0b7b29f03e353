package dev.gopherlens.pprof;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.core.Limits;
import dev.gopherlens.core.internal.ByteReader;

import java.util.ArrayList;
import java.util.List;

/**
 * The one decoder of profile.proto (google/pprof {@code proto/profile.proto}). Samples come before the string
 * table in files Go writes, so decoding takes two steps: an index pass over the top-level fields that records
 * where every sample, mapping, location, function and string lies, then the tables are built, and the samples are
 * decoded one at a time by a {@link SampleCursor}. Not thread-safe.
 */
final class ProfileDecoder {
    static final String FORMAT = "pprof";

    // profile.proto field numbers
    private static final int SAMPLE_TYPE = 1;
    private static final int SAMPLE = 2;
    private static final int MAPPING = 3;
    private static final int LOCATION = 4;
    private static final int FUNCTION = 5;
    private static final int STRING_TABLE = 6;
    private static final int DROP_FRAMES = 7;
    private static final int KEEP_FRAMES = 8;
    private static final int TIME_NANOS = 9;
    private static final int DURATION_NANOS = 10;
    private static final int PERIOD_TYPE = 11;
    private static final int PERIOD = 12;
    private static final int COMMENT = 13;
    private static final int DEFAULT_SAMPLE_TYPE = 14;
    private static final int DOC_URL = 15;

    final byte[] buf;
    final ByteReader in;
    final Limits limits;

    /** Start and end positions of each record of a kind, in input order. */
    final IntList sampleSpans = new IntList();
    private final IntList sampleTypeSpans = new IntList();
    private final IntList mappingSpans = new IntList();
    private final IntList locationSpans = new IntList();
    private final IntList functionSpans = new IntList();
    private final IntList stringSpans = new IntList();
    private final IntList commentIndexes = new IntList();
    private int periodTypeStart = -1;
    private int periodTypeEnd;
    private long dropFramesIdx;
    private long keepFramesIdx;
    private long defaultSampleTypeIdx;
    private long docUrlIdx;
    private long timeNanos;
    private long durationNanos;
    private long period;
    /** Offsets of the scalar string indexes, for errors. */
    private long dropAt;
    private long keepAt;
    private long defaultAt;
    private long docAt;

    StringTable strings;
    final List<ValueType> sampleTypes = new ArrayList<>();
    Function[] functions;
    Mapping[] mappings;
    Location[] locations;
    IdIndex locationIndex;
    /** Whether location i has id i + 1 for every i, as in every profile Go and google/pprof write. */
    boolean identityIds;

    ProfileDecoder(ByteReader in, Limits limits) throws GoParseException {
        this.in = in;
        this.buf = in.array();
        this.limits = limits;
        index();
        strings = new StringTable(buf, stringSpans);
        strings.checkFirstIsEmpty(this);
        decodeTables();
    }

    long offsetOf(int position) {
        return in.offsetOf(position);
    }

    int sampleCount() {
        return sampleSpans.size() / 2;
    }

    // ---- the index pass ----

    private void index() throws GoParseException {
        ByteReader r = in;
        while (r.hasRemaining()) {
            long tagAt = r.offset();
            long tag = r.uvarint();
            int field = fieldOf(tag, tagAt);
            int wire = (int) (tag & 7);
            switch (field) {
                case SAMPLE_TYPE -> span(r, wire, sampleTypeSpans, "sample_type");
                case SAMPLE -> {
                    span(r, wire, sampleSpans, "sample");
                    sampleRun(r);
                }
                case MAPPING -> span(r, wire, mappingSpans, "mapping");
                case LOCATION -> span(r, wire, locationSpans, "location");
                case FUNCTION -> span(r, wire, functionSpans, "function");
                case STRING_TABLE -> {
                    expectWire(wire, 2, "string_table", tagAt);
                    long lengthAt = r.offset();
                    long len = r.uvarint();
                    if (len > limits.maxStringLength()) {
                        throw GoParseException.limitExceeded(FORMAT, lengthAt, "maxStringLength", len,
                                limits.maxStringLength());
                    }
                    int start = r.position();
                    r.skip(len);
                    checkCount(stringSpans, "string_table", lengthAt);
                    stringSpans.add(start);
                    stringSpans.add((int) len);
                }
                case DROP_FRAMES -> {
                    dropAt = r.offset();
                    dropFramesIdx = varint(r, wire, "drop_frames", tagAt);
                }
                case KEEP_FRAMES -> {
                    keepAt = r.offset();
                    keepFramesIdx = varint(r, wire, "keep_frames", tagAt);
                }
                case TIME_NANOS -> timeNanos = varint(r, wire, "time_nanos", tagAt);
                case DURATION_NANOS -> durationNanos = varint(r, wire, "duration_nanos", tagAt);
                case PERIOD_TYPE -> {
                    expectWire(wire, 2, "period_type", tagAt);
                    long len = r.uvarint();
                    periodTypeStart = r.position();
                    r.skip(len);
                    periodTypeEnd = r.position();
                }
                case PERIOD -> period = varint(r, wire, "period", tagAt);
                case COMMENT -> {
                    if (wire == 2) {
                        int old = r.pushLimit(r.uvarint());
                        while (r.hasRemaining()) {
                            commentIndexes.add(r.position());
                            r.uvarint();
                        }
                        r.popLimit(old);
                    } else {
                        expectWire(wire, 0, "comment", tagAt);
                        commentIndexes.add(r.position());
                        r.uvarint();
                    }
                }
                case DEFAULT_SAMPLE_TYPE -> {
                    defaultAt = r.offset();
                    defaultSampleTypeIdx = varint(r, wire, "default_sample_type", tagAt);
                }
                case DOC_URL -> {
                    docAt = r.offset();
                    docUrlIdx = varint(r, wire, "doc_url", tagAt);
                }
                default -> skip(r, wire, tagAt);
            }
        }
    }

    // Implementation note: a profile is mostly samples, written one after another, so the records that follow a
    // sample are indexed here while they are samples with a length of one or two bytes, with the position in a
    // local; anything else, errors included, goes back to the general loop, which owns the messages. Measured by
    // PprofDecodeBenchmark.cursor, whose time includes this pass.
    private void sampleRun(ByteReader r) throws GoParseException {
        final byte[] b = buf;
        final int end = r.limit();
        final int max = limits.maxTableEntries();
        int p = r.position();
        while (end - p >= 3 && b[p] == 0x12 && sampleSpans.size() / 2 < max) {
            int len = b[p + 1];
            int start = p + 2;
            if (len < 0) {
                int high = b[p + 2];
                if (high < 0) {
                    break;
                }
                len = len & 0x7f | high << 7;
                start++;
            }
            if (len > end - start) {
                break;
            }
            sampleSpans.add(start);
            sampleSpans.add(start + len);
            p = start + len;
        }
        r.position(p);
    }

    private void checkCount(IntList list, String what, long at) throws GoParseException {
        if (list.size() / 2 >= limits.maxTableEntries()) {
            throw GoParseException.limitExceeded(FORMAT, at, "maxTableEntries", list.size() / 2 + 1L,
                    limits.maxTableEntries()).withContext(what);
        }
    }

    /** Records where a length-delimited record lies and skips it. */
    private void span(ByteReader r, int wire, IntList spans, String what) throws GoParseException {
        long at = r.offset();
        expectWire(wire, 2, what, at);
        long len = r.uvarint();
        if (len > r.remaining()) {
            throw GoParseException.truncated(FORMAT, r.offset(), what + " of " + len + " bytes", len, r.remaining());
        }
        int start = r.position();
        r.skip(len);
        checkCount(spans, what, at);
        spans.add(start);
        spans.add(r.position());
    }

    static int fieldOf(long tag, long at) throws GoParseException {
        long field = tag >>> 3;
        if (field == 0 || field > 0x1FFF_FFFFL) {
            throw GoParseException.malformed(FORMAT, at, "expected a field tag, found " + Long.toUnsignedString(tag));
        }
        return (int) field;
    }

    static void expectWire(int wire, int expected, String what, long at) throws GoParseException {
        if (wire != expected) {
            throw GoParseException.malformed(FORMAT, at, "expected wire type " + expected + " for " + what
                    + ", found " + wire);
        }
    }

    static long varint(ByteReader r, int wire, String what, long at) throws GoParseException {
        expectWire(wire, 0, what, at);
        return r.uvarint();
    }

    static void skip(ByteReader r, int wire, long at) throws GoParseException {
        switch (wire) {
            case 0 -> r.uvarint();
            case 1 -> r.skip(8);
            case 2 -> r.skip(r.uvarint());
            case 5 -> r.skip(4);
            default -> throw GoParseException.malformed(FORMAT, at,
                    "expected wire type 0, 1, 2 or 5 for an unknown field, found " + wire);
        }
    }

    // ---- the tables ----

    private void decodeTables() throws GoParseException {
        for (int i = 0; i < sampleTypeSpans.size(); i += 2) {
            sampleTypes.add(valueType(sampleTypeSpans.get(i), sampleTypeSpans.get(i + 1), "sample_type[" + i / 2 + "]"));
        }
        IdIndex functionIndex = new IdIndex(functionSpans.size() / 2);
        functions = table(functionSpans, new Function[functionSpans.size() / 2], functionIndex, "function",
                this::function, Function::id);
        IdIndex mappingIndex = new IdIndex(mappingSpans.size() / 2);
        mappings = table(mappingSpans, new Mapping[mappingSpans.size() / 2], mappingIndex, "mapping",
                this::mapping, Mapping::id);
        locationIndex = new IdIndex(locationSpans.size() / 2);
        locations = table(locationSpans, new Location[locationSpans.size() / 2], locationIndex, "location",
                (start, end) -> location(start, end, functionIndex, mappingIndex), Location::id);
        identityIds = true;
        for (int i = 0; i < locations.length && identityIds; i++) {
            identityIds = locations[i].id() == i + 1L;
        }
        if (!sampleSpans.hasNone() && sampleTypes.isEmpty()) {
            throw GoParseException.malformed(FORMAT, offsetOf(sampleSpans.get(0)),
                    "expected sample types for the samples (missing sample type information)");
        }
    }

    /** Decodes one record of a table from its span. */
    private interface RecordDecoder<T> {
        T decode(int start, int end) throws GoParseException;
    }

    /** Decodes every record of a table and indexes it by its id, which must be unique. */
    private <T> T[] table(IntList spans, T[] out, IdIndex index, String what, RecordDecoder<T> decoder,
                          java.util.function.ToLongFunction<T> id) throws GoParseException {
        for (int i = 0; i < out.length; i++) {
            int start = spans.get(2 * i);
            try {
                out[i] = decoder.decode(start, spans.get(2 * i + 1));
                if (!index.put(id.applyAsLong(out[i]), i)) {
                    throw GoParseException.malformed(FORMAT, offsetOf(start), "expected unique " + what
                            + " ids, found " + Long.toUnsignedString(id.applyAsLong(out[i])) + " again");
                }
            } catch (GoParseException e) {
                throw e.withContext(what + "[" + i + "]");
            }
        }
        return out;
    }

    private ValueType valueType(int start, int end, String what) throws GoParseException {
        ByteReader r = in;
        r.window(start, end);
        long type = 0;
        long unit = 0;
        long typeAt = -1;
        long unitAt = -1;
        try {
            while (r.hasRemaining()) {
                long tagAt = r.offset();
                long tag = r.uvarint();
                int field = fieldOf(tag, tagAt);
                int wire = (int) (tag & 7);
                if (field == 1) {
                    typeAt = r.offset();
                    type = varint(r, wire, "type", tagAt);
                } else if (field == 2) {
                    unitAt = r.offset();
                    unit = varint(r, wire, "unit", tagAt);
                } else {
                    skip(r, wire, tagAt);
                }
            }
            return new ValueType(strings.get(type, typeAt), strings.get(unit, unitAt));
        } catch (GoParseException e) {
            throw e.withContext(what);
        }
    }

    private Function function(int start, int end) throws GoParseException {
        ByteReader r = in;
        r.window(start, end);
        long id = 0;
        long name = 0;
        long systemName = 0;
        long filename = 0;
        long startLine = 0;
        long nameAt = -1;
        long systemAt = -1;
        long fileAt = -1;
        while (r.hasRemaining()) {
            long tagAt = r.offset();
            long tag = r.uvarint();
            int wire = (int) (tag & 7);
            switch (fieldOf(tag, tagAt)) {
                case 1 -> id = varint(r, wire, "id", tagAt);
                case 2 -> {
                    nameAt = r.offset();
                    name = varint(r, wire, "name", tagAt);
                }
                case 3 -> {
                    systemAt = r.offset();
                    systemName = varint(r, wire, "system_name", tagAt);
                }
                case 4 -> {
                    fileAt = r.offset();
                    filename = varint(r, wire, "filename", tagAt);
                }
                case 5 -> startLine = varint(r, wire, "start_line", tagAt);
                default -> skip(r, wire, tagAt);
            }
        }
        if (id == 0) {
            throw GoParseException.malformed(FORMAT, offsetOf(start), "expected a nonzero function id");
        }
        return new Function(id, strings.get(name, nameAt), strings.get(systemName, systemAt),
                strings.get(filename, fileAt), startLine);
    }

    private Mapping mapping(int start, int end) throws GoParseException {
        ByteReader r = in;
        r.window(start, end);
        long id = 0;
        long memStart = 0;
        long memLimit = 0;
        long fileOffset = 0;
        long file = 0;
        long buildId = 0;
        long fileAt = -1;
        long buildAt = -1;
        boolean fn = false;
        boolean fl = false;
        boolean ln = false;
        boolean inl = false;
        while (r.hasRemaining()) {
            long tagAt = r.offset();
            long tag = r.uvarint();
            int wire = (int) (tag & 7);
            switch (fieldOf(tag, tagAt)) {
                case 1 -> id = varint(r, wire, "id", tagAt);
                case 2 -> memStart = varint(r, wire, "memory_start", tagAt);
                case 3 -> memLimit = varint(r, wire, "memory_limit", tagAt);
                case 4 -> fileOffset = varint(r, wire, "file_offset", tagAt);
                case 5 -> {
                    fileAt = r.offset();
                    file = varint(r, wire, "filename", tagAt);
                }
                case 6 -> {
                    buildAt = r.offset();
                    buildId = varint(r, wire, "build_id", tagAt);
                }
                case 7 -> fn = varint(r, wire, "has_functions", tagAt) != 0;
                case 8 -> fl = varint(r, wire, "has_filenames", tagAt) != 0;
                case 9 -> ln = varint(r, wire, "has_line_numbers", tagAt) != 0;
                case 10 -> inl = varint(r, wire, "has_inline_frames", tagAt) != 0;
                default -> skip(r, wire, tagAt);
            }
        }
        if (id == 0) {
            throw GoParseException.malformed(FORMAT, offsetOf(start), "expected a nonzero mapping id");
        }
        return new Mapping(id, memStart, memLimit, fileOffset, strings.get(file, fileAt),
                strings.get(buildId, buildAt), fn, fl, ln, inl);
    }

    private Location location(int start, int end, IdIndex functionIndex, IdIndex mappingIndex)
            throws GoParseException {
        ByteReader r = in;
        r.window(start, end);
        long id = 0;
        long mappingId = 0;
        long address = 0;
        boolean folded = false;
        List<Line> lines = new ArrayList<>(2);
        while (r.hasRemaining()) {
            long tagAt = r.offset();
            long tag = r.uvarint();
            int wire = (int) (tag & 7);
            switch (fieldOf(tag, tagAt)) {
                case 1 -> id = varint(r, wire, "id", tagAt);
                case 2 -> mappingId = varint(r, wire, "mapping_id", tagAt);
                case 3 -> address = varint(r, wire, "address", tagAt);
                case 4 -> {
                    expectWire(wire, 2, "line", tagAt);
                    int lineOld = r.pushLimit(r.uvarint());
                    lines.add(line(r, functionIndex));
                    r.popLimit(lineOld);
                }
                case 5 -> folded = varint(r, wire, "is_folded", tagAt) != 0;
                default -> skip(r, wire, tagAt);
            }
        }
        if (id == 0) {
            throw GoParseException.malformed(FORMAT, offsetOf(start), "expected a nonzero location id");
        }
        // google/pprof: an unknown mapping or function id leaves the reference empty; it is not an error.
        int m = mappingIndex.get(mappingId);
        return new Location(id, m < 0 ? null : mappings[m], address, lines, folded);
    }

    private Line line(ByteReader r, IdIndex functionIndex) throws GoParseException {
        long functionId = 0;
        long line = 0;
        long column = 0;
        while (r.hasRemaining()) {
            long tagAt = r.offset();
            long tag = r.uvarint();
            int wire = (int) (tag & 7);
            switch (fieldOf(tag, tagAt)) {
                case 1 -> functionId = varint(r, wire, "function_id", tagAt);
                case 2 -> line = varint(r, wire, "line", tagAt);
                case 3 -> column = varint(r, wire, "column", tagAt);
                default -> skip(r, wire, tagAt);
            }
        }
        int f = functionIndex.get(functionId);
        return new Line(f < 0 ? null : functions[f], line, column);
    }

    // ---- the header ----

    /** Fills a profile's parts with everything but the samples. */
    void header(Profile.Parts p) throws GoParseException {
        p.sampleTypes = sampleTypes;
        p.functions = List.of(functions);
        p.mappings = List.of(mappings);
        p.locations = List.of(locations);
        p.dropFrames = strings.get(dropFramesIdx, dropAt);
        p.keepFrames = strings.get(keepFramesIdx, keepAt);
        p.timeNanos = timeNanos;
        p.durationNanos = durationNanos;
        p.period = period;
        p.defaultSampleType = strings.get(defaultSampleTypeIdx, defaultAt);
        p.docUrl = strings.get(docUrlIdx, docAt);
        if (periodTypeStart >= 0) {
            p.periodType = valueType(periodTypeStart, periodTypeEnd, "period_type");
        }
        List<String> comments = new ArrayList<>(commentIndexes.size());
        for (int i = 0; i < commentIndexes.size(); i++) {
            int at = commentIndexes.get(i);
            ByteReader r = ByteReader.of(FORMAT, buf, at, buf.length, offsetOf(at));
            comments.add(strings.get(r.uvarint(), offsetOf(at)));
        }
        p.comments = comments;
    }
}
