package dev.gopherlens.pprof;

import dev.gopherlens.core.GoParseException;

import java.io.UncheckedIOException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The stream tier: a profile's samples as a {@link Stream} of immutable {@link Sample}s, decoded as the stream is
 * consumed, with the rest of the profile in {@link #header()}. Made by {@link Pprof#open}.
 *
 * <pre>{@code
 * try (ProfileReader r = Pprof.open(path)) {
 *     long withLabel = r.samples().filter(s -> s.stringLabels().containsKey("stage")).count();
 * }
 * }</pre>
 *
 * <p>A malformed sample ends the stream with an {@link UncheckedIOException} whose cause is the
 * {@link GoParseException}. Not thread-safe; {@link #samples()} can be called once.
 */
public final class ProfileReader implements AutoCloseable {
    private final SampleCursor cursor;
    private boolean streamed;

    ProfileReader(SampleCursor cursor) {
        this.cursor = cursor;
    }

    /** {@return everything in the profile but its samples} */
    public Profile header() {
        return cursor.header();
    }

    /** {@return how many samples the profile has} */
    public int sampleCount() {
        return cursor.sampleCount();
    }

    /**
     * Returns the samples, in input order, decoded as the stream is consumed.
     *
     * @return the stream, sequential and ordered
     * @throws IllegalStateException if called a second time
     */
    public Stream<Sample> samples() {
        if (streamed) {
            throw new IllegalStateException("samples() can be called once");
        }
        streamed = true;
        Spliterator<Sample> split = new Spliterators.AbstractSpliterator<>(cursor.sampleCount(),
                Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.SIZED | Spliterator.IMMUTABLE) {
            @Override
            public boolean tryAdvance(Consumer<? super Sample> action) {
                try {
                    if (!cursor.next()) {
                        return false;
                    }
                } catch (GoParseException e) {
                    throw new UncheckedIOException(e);
                }
                action.accept(cursor.sample());
                return true;
            }
        };
        return StreamSupport.stream(split, false);
    }

    /** Closes the reader; a stream of its samples ends. */
    @Override
    public void close() {
        cursor.close();
    }
}
