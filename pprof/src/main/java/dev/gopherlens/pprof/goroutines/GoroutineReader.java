package dev.gopherlens.pprof.goroutines;

import dev.gopherlens.core.GoParseException;

import java.io.Closeable;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.OptionalInt;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads a goroutine dump one goroutine at a time, keeping none of them: the stream tier, for dumps of very many
 * goroutines. Made by {@link GoroutineDump#open}; the same parser as {@link GoroutineDump#read}, so the goroutines
 * are equal to the model's.
 *
 * <pre>{@code
 * try (GoroutineReader r = GoroutineDump.open(path)) {
 *     long blocked = r.goroutines().filter(g -> g.waitMinutes() >= 10).count();
 * }
 * }</pre>
 *
 * <p>The crash, unknown lines and the other whole-dump facts are those of the lines read so far: complete once
 * {@link #next()} has returned false. Single-threaded; not thread-safe.
 */
public final class GoroutineReader implements Closeable {
    private final DumpParser parser;
    private Goroutine current;
    private boolean done;
    private boolean closed;

    GoroutineReader(DumpParser parser) {
        this.parser = parser;
    }

    /**
     * Reads the next goroutine.
     *
     * @return true when there was one, now {@link #goroutine()}; false at the end of the dump
     * @throws GoParseException      if the frame structure is broken or a limit is exceeded
     * @throws IllegalStateException if the reader is closed
     */
    public boolean next() throws GoParseException {
        if (closed) {
            throw new IllegalStateException("the reader is closed");
        }
        if (done) {
            current = null;
            return false;
        }
        current = parser.nextGoroutine();
        done = current == null;
        return !done;
    }

    /**
     * Returns the goroutine that {@link #next()} read last.
     *
     * @return the goroutine, immutable
     * @throws IllegalStateException if {@link #next()} has not returned true
     */
    public Goroutine goroutine() {
        if (current == null) {
            throw new IllegalStateException("no goroutine: call next() first, and only while it returns true");
        }
        return current;
    }

    /**
     * Streams the goroutines not read yet, in the order of the dump. A broken frame structure stops the stream
     * with an {@link UncheckedIOException} whose cause is the {@link GoParseException}.
     *
     * @return the goroutines, a sequential stream over this reader
     */
    public Stream<Goroutine> goroutines() {
        Spliterator<Goroutine> s = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE,
                Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.IMMUTABLE) {
            @Override
            public boolean tryAdvance(Consumer<? super Goroutine> action) {
                try {
                    if (!next()) {
                        return false;
                    }
                } catch (GoParseException e) {
                    throw new UncheckedIOException(e);
                }
                action.accept(current);
                return true;
            }
        };
        return StreamSupport.stream(s, false);
    }

    /** {@return the panics, fatal error and signal read so far} */
    public Crash crash() {
        return parser.crash();
    }

    /** {@return the frames after {@code runtime stack:} read so far} */
    public List<Call> runtimeStack() {
        return parser.runtimeStack();
    }

    /** {@return the lines read so far that were not recognized} */
    public List<UnknownLine> unknownLines() {
        return parser.unknownLines();
    }

    /** {@return the status of an {@code exit status N} line read so far; empty when none} */
    public OptionalInt exitStatus() {
        int s = parser.exitStatus();
        return s < 0 ? OptionalInt.empty() : OptionalInt.of(s);
    }

    /** {@return whether the input ended in the middle of a frame; known at the end of the dump} */
    public boolean truncated() {
        return parser.truncated();
    }

    /** {@return how many lines were read so far} */
    public int lineCount() {
        return parser.lineCount();
    }

    /** Closes the reader; later reads throw {@link IllegalStateException}. */
    @Override
    public void close() {
        closed = true;
    }

    /** {@return {@code GoroutineReader{line N, …}}} */
    @Override
    public String toString() {
        return "GoroutineReader{line " + parser.lineCount() + (done ? ", at the end" : "")
                + (closed ? ", closed" : "") + "}";
    }
}
