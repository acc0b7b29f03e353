package dev.gopherlens.pprof.goroutines;

import dev.gopherlens.core.Frame;
import dev.gopherlens.core.GoParseException;
import dev.gopherlens.core.Input;
import dev.gopherlens.core.Inputs;
import dev.gopherlens.core.Limits;
import dev.gopherlens.core.Stack;
import dev.gopherlens.pprof.Line;
import dev.gopherlens.pprof.Location;
import dev.gopherlens.pprof.Profile;
import dev.gopherlens.pprof.ProfileBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A Go goroutine dump, read whole: what a panic, a fatal error, a {@code SIGQUIT}, {@code runtime.Stack(buf, true)}
 * or {@code /debug/pprof/goroutine?debug=2} prints. Immutable and thread-safe.
 *
 * <p>{@link #read(Path)} and its siblings parse the text (gzipped or not) of Go 1.15 to 1.27 into this model;
 * {@link #open(Path)} and its siblings give a {@link GoroutineReader} that hands out one goroutine at a time;
 * {@link #goroutines()} lists every goroutine with its state and frames, {@link #crash()} the panic or fatal
 * error that caused the dump, {@link #buckets()} groups alike goroutines and {@link #toProfile()} turns the dump
 * into a pprof goroutine profile. Lines the parser does not recognize are kept in {@link #unknownLines()}; a
 * broken frame structure is a {@link GoParseException} naming the line.
 *
 * <pre>{@code
 * GoroutineDump dump = GoroutineDump.read(Path.of("crash.txt"));
 * dump.crash().panics();                       // [panic: runtime error: ...]
 * dump.buckets().get(0);                       // 240 x [chan receive] main.worker <- ...
 * Pprof.write(dump.toProfile(), out);          // for go tool pprof
 * }</pre>
 */
public final class GoroutineDump {
    private final List<Goroutine> goroutines;
    private final Crash crash;
    private final List<Call> runtimeStack;
    private final List<UnknownLine> unknownLines;
    private final int exitStatus;
    private final boolean truncated;
    private final int lineCount;
    private final Map<Long, Goroutine> byId;
    /** The buckets, computed on first use; a benign race computes equal lists. */
    private volatile List<Bucket> buckets;

    GoroutineDump(List<Goroutine> goroutines, Crash crash, List<Call> runtimeStack, List<UnknownLine> unknownLines,
                  int exitStatus, boolean truncated, int lineCount) {
        this.goroutines = List.copyOf(goroutines);
        this.crash = Objects.requireNonNull(crash, "crash");
        this.runtimeStack = List.copyOf(runtimeStack);
        this.unknownLines = List.copyOf(unknownLines);
        this.exitStatus = exitStatus;
        this.truncated = truncated;
        this.lineCount = lineCount;
        Map<Long, Goroutine> ids = new HashMap<>();
        for (Goroutine g : this.goroutines) {
            ids.putIfAbsent(g.id(), g);
        }
        this.byId = ids;
    }

    /**
     * Reads a dump from a file, gzipped or not.
     *
     * @param path the file
     * @return the dump
     * @throws GoParseException if the frame structure is broken or a limit is exceeded
     * @throws IOException      if the file cannot be read
     */
    public static GoroutineDump read(Path path) throws IOException {
        return read(path, Limits.defaults());
    }

    /**
     * Reads a dump from a file, gzipped or not, within limits.
     *
     * @param path   the file
     * @param limits the limits: longest line ({@code maxStringLength}), most frames a goroutine
     *               ({@code maxStackDepth}), most goroutines ({@code maxTableEntries}), decompressed size
     * @return the dump
     * @throws GoParseException if the frame structure is broken or a limit is exceeded
     * @throws IOException      if the file cannot be read
     */
    public static GoroutineDump read(Path path, Limits limits) throws IOException {
        try (Input in = Inputs.open(path, limits)) {
            return parse(in.buffer(), limits);
        }
    }

    /**
     * Reads a dump from bytes, gzipped or not; the array is not kept.
     *
     * @param bytes the dump
     * @return the dump
     * @throws GoParseException if the frame structure is broken or a limit is exceeded
     * @throws IOException      if gzipped data is corrupt
     */
    public static GoroutineDump read(byte[] bytes) throws IOException {
        return read(bytes, Limits.defaults());
    }

    /**
     * Reads a dump from bytes, gzipped or not, within limits; the array is not kept.
     *
     * @param bytes  the dump
     * @param limits the limits, as for {@link #read(Path, Limits)}
     * @return the dump
     * @throws GoParseException if the frame structure is broken or a limit is exceeded
     * @throws IOException      if gzipped data is corrupt
     */
    public static GoroutineDump read(byte[] bytes, Limits limits) throws IOException {
        try (Input in = Inputs.open(bytes, limits)) {
            return parse(in.buffer(), limits);
        }
    }

    /**
     * Reads a dump from a buffer's remaining bytes, gzipped or not; the buffer's position is not changed.
     *
     * @param buffer the dump
     * @return the dump
     * @throws GoParseException if the frame structure is broken or a limit is exceeded
     * @throws IOException      if gzipped data is corrupt
     */
    public static GoroutineDump read(ByteBuffer buffer) throws IOException {
        try (Input in = Inputs.open(buffer, Limits.defaults())) {
            return parse(in.buffer(), Limits.defaults());
        }
    }

    /**
     * Reads a dump from a stream to its end, gzipped or not; the stream is not closed.
     *
     * @param in the dump
     * @return the dump
     * @throws GoParseException if the frame structure is broken or a limit is exceeded
     * @throws IOException      if reading fails
     */
    public static GoroutineDump read(InputStream in) throws IOException {
        return read(in, Limits.defaults());
    }

    /**
     * Reads a dump from a stream to its end, gzipped or not, within limits; the stream is not closed.
     *
     * @param in     the dump
     * @param limits the limits, as for {@link #read(Path, Limits)}
     * @return the dump
     * @throws GoParseException if the frame structure is broken or a limit is exceeded
     * @throws IOException      if reading fails
     */
    public static GoroutineDump read(InputStream in, Limits limits) throws IOException {
        Objects.requireNonNull(in, "in");
        // Input closes the stream it was given; the caller owns this one.
        InputStream unclosed = new java.io.FilterInputStream(in) {
            @Override
            public void close() {
            }
        };
        try (Input input = Inputs.open(unclosed, limits)) {
            return parse(input.buffer(), limits);
        }
    }

    /**
     * Parses a dump held in a string, such as a panic copied from a log.
     *
     * @param text the dump
     * @return the dump
     * @throws GoParseException if the frame structure is broken or a limit is exceeded
     */
    public static GoroutineDump read(String text) throws GoParseException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new DumpParser(bytes, 0, bytes.length, Limits.defaults(), true).parse();
    }

    private static GoroutineDump parse(ByteBuffer buffer, Limits limits) throws GoParseException {
        return parser(buffer, limits, true).parse();
    }

    static DumpParser parser(ByteBuffer buffer, Limits limits, boolean retain) {
        if (buffer.hasArray()) {
            int start = buffer.arrayOffset() + buffer.position();
            return new DumpParser(buffer.array(), start, start + buffer.remaining(), limits, retain);
        }
        // A mapped file or direct buffer: a dump is text that becomes strings anyway, so one copy costs little.
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return new DumpParser(copy, 0, copy.length, limits, retain);
    }

    /**
     * Opens a dump file, gzipped or not, to read its goroutines one at a time without keeping them.
     *
     * @param path the file
     * @return the reader, to be closed
     * @throws IOException if the file cannot be read, or a gzipped one is corrupt
     */
    public static GoroutineReader open(Path path) throws IOException {
        return open(path, Limits.defaults());
    }

    /**
     * Opens a dump file, gzipped or not, within limits, to read its goroutines one at a time.
     *
     * @param path   the file
     * @param limits the limits, as for {@link #read(Path, Limits)}
     * @return the reader, to be closed
     * @throws IOException if the file cannot be read, or a gzipped one is corrupt
     */
    public static GoroutineReader open(Path path, Limits limits) throws IOException {
        try (Input in = Inputs.open(path, limits)) {
            return new GoroutineReader(parser(in.buffer(), limits, false));
        }
    }

    /**
     * Opens a dump held in bytes, gzipped or not, to read its goroutines one at a time; the array is not copied
     * when it is not gzipped, and must not change while the reader is used.
     *
     * @param bytes the dump
     * @return the reader, to be closed
     * @throws IOException if gzipped data is corrupt
     */
    public static GoroutineReader open(byte[] bytes) throws IOException {
        try (Input in = Inputs.open(bytes, Limits.defaults())) {
            return new GoroutineReader(parser(in.buffer(), Limits.defaults(), false));
        }
    }

    /**
     * Opens a dump from a stream, gzipped or not, to read its goroutines one at a time; the stream is read to its
     * end now and not closed.
     *
     * @param in the dump
     * @return the reader, to be closed
     * @throws IOException if reading fails
     */
    public static GoroutineReader open(InputStream in) throws IOException {
        Objects.requireNonNull(in, "in");
        InputStream unclosed = new java.io.FilterInputStream(in) {
            @Override
            public void close() {
            }
        };
        try (Input input = Inputs.open(unclosed, Limits.defaults())) {
            return new GoroutineReader(parser(input.buffer(), Limits.defaults(), false));
        }
    }

    /** {@return the goroutines in the order of the dump (the crashing or dumping goroutine first)} */
    public List<Goroutine> goroutines() {
        return goroutines;
    }

    /**
     * Finds a goroutine by id. A dump holds each id once; in text that joins several dumps the first wins.
     *
     * @param id the goroutine id
     * @return the goroutine, or empty
     */
    public Optional<Goroutine> goroutine(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** {@return the panics, fatal error and signal that caused the dump; equal to {@link Crash#NONE} when none} */
    public Crash crash() {
        return crash;
    }

    /** {@return the frames after {@code runtime stack:} (a fatal error's system stack), empty when not printed} */
    public List<Call> runtimeStack() {
        return runtimeStack;
    }

    /** {@return the lines that were not recognized, with their line numbers} */
    public List<UnknownLine> unknownLines() {
        return unknownLines;
    }

    /** {@return the status of an {@code exit status N} line, as {@code go run} prints it; empty when none} */
    public OptionalInt exitStatus() {
        return exitStatus < 0 ? OptionalInt.empty() : OptionalInt.of(exitStatus);
    }

    /** {@return whether the input ended in the middle of a frame, as a cut-off log does; that frame is dropped} */
    public boolean truncated() {
        return truncated;
    }

    /** {@return how many lines the input had} */
    public int lineCount() {
        return lineCount;
    }

    /**
     * Groups alike goroutines (see {@link Bucket}) and ranks the groups: most goroutines first; among equal
     * counts, the group whose lowest goroutine id is lowest first (the older goroutines, and the dump's own order
     * for a crash), so the ranking is deterministic.
     *
     * @return the buckets, ranked
     */
    public List<Bucket> buckets() {
        List<Bucket> b = buckets;
        if (b == null) {
            b = bucketize();
            buckets = b;
        }
        return b;
    }

    private record Key(String state, boolean locked, List<Frame> frames, int elided, Frame createdBy) {
    }

    private List<Bucket> bucketize() {
        Map<Key, List<Goroutine>> groups = new LinkedHashMap<>();
        for (Goroutine g : goroutines) {
            List<Frame> frames = new ArrayList<>(g.calls().size());
            for (Call c : g.calls()) {
                frames.add(withoutPc(c.frame()));
            }
            Frame created = g.createdBy().map(c -> withoutPc(c.frame())).orElse(null);
            Key k = new Key(g.state(), g.lockedToThread(), List.copyOf(frames), g.elidedFrames(), created);
            groups.computeIfAbsent(k, x -> new ArrayList<>()).add(g);
        }
        List<Bucket> out = new ArrayList<>(groups.size());
        for (Map.Entry<Key, List<Goroutine>> e : groups.entrySet()) {
            Key k = e.getKey();
            out.add(new Bucket(k.state(), k.locked(), new Stack(k.frames()), Optional.ofNullable(k.createdBy()),
                    e.getValue()));
        }
        out.sort(Comparator.comparingInt(Bucket::count).reversed()
                .thenComparingLong(GoroutineDump::lowestId));
        return List.copyOf(out);
    }

    private static long lowestId(Bucket b) {
        long min = Long.MAX_VALUE;
        for (Goroutine g : b.goroutines()) {
            min = Math.min(min, g.id());
        }
        return min;
    }

    private static Frame withoutPc(Frame f) {
        return f.pc() == 0 ? f : Frame.of(f.function(), f.file(), f.line());
    }

    /**
     * Converts the dump to a pprof goroutine profile, as runtime/pprof's {@code goroutine} profile has it: sample
     * type and period type {@code goroutine/count}, period 1, one sample per {@link #buckets() bucket} (in rank
     * order) whose value is the bucket's count and whose stack is its frames, innermost first.
     *
     * <p>A dump has no addresses, so every location has address 0 and no mapping; pprof tools then work from the
     * function, file and line. A call printed as inlined ({@code (...)}, no pc offset) is one more line of the
     * location of the call after it, innermost first, as a location with inlined calls is in runtime/pprof's
     * profiles. Locations and functions are shared between samples. The profile has no labels, no time and no
     * {@code created by} frames, like runtime/pprof's; goroutines of different states that share a stack stay
     * separate samples. Elided frames are missing from the stack, as in the dump.
     *
     * @return the profile
     */
    public Profile toProfile() {
        ProfileBuilder b = Profile.builder()
                .sampleType("goroutine", "count")
                .period("goroutine", "count", 1);
        Map<List<Frame>, Location> locations = new HashMap<>();
        for (Bucket bucket : buckets()) {
            List<Call> calls = bucket.goroutines().get(0).calls();
            List<Location> stack = new ArrayList<>();
            int i = 0;
            while (i < calls.size()) {
                int j = i;
                // An inlined call shares its physical frame with its caller, which is printed after it.
                while (j + 1 < calls.size() && calls.get(j).inlined()) {
                    j++;
                }
                List<Frame> group = new ArrayList<>(j - i + 1);
                for (int k = i; k <= j; k++) {
                    group.add(withoutPc(calls.get(k).frame()));
                }
                Location loc = locations.get(group);
                if (loc == null) {
                    List<Line> lines = new ArrayList<>(group.size());
                    for (Frame f : group) {
                        lines.add(new Line(b.function(f.function(), f.function(), f.file(), 0), f.line(), 0));
                    }
                    loc = b.location(null, 0, lines);
                    locations.put(List.copyOf(group), loc);
                }
                stack.add(loc);
                i = j + 1;
            }
            b.sample(stack, new long[] {bucket.count()}, List.of());
        }
        return b.build();
    }

    /** {@return a summary: goroutine and bucket counts, the crash, the largest buckets} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append("GoroutineDump{").append(goroutines.size()).append(" goroutines in ").append(buckets().size())
                .append(" buckets");
        if (crash.isCrash()) {
            sb.append(", ").append(crash.toString().replace("\n", " / "));
        }
        if (!unknownLines.isEmpty()) {
            sb.append(", ").append(unknownLines.size()).append(" unknown lines");
        }
        if (truncated) {
            sb.append(", truncated");
        }
        sb.append('}');
        List<Bucket> top = buckets();
        for (int i = 0; i < Math.min(5, top.size()); i++) {
            sb.append("\n  ").append(top.get(i));
        }
        if (top.size() > 5) {
            sb.append("\n  ...");
        }
        return sb.toString();
    }
}
