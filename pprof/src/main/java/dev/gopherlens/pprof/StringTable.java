package dev.gopherlens.pprof;

import dev.gopherlens.core.GoParseException;

import java.nio.charset.StandardCharsets;

/**
 * A profile's string table: where each string lies in the input, decoded to a {@link String} once, when first
 * asked for. Not thread-safe.
 */
final class StringTable {
    private final byte[] buf;
    private final IntList spans;
    private final String[] decoded;

    /** @param spans start and length pairs, in table order */
    StringTable(byte[] buf, IntList spans) {
        this.buf = buf;
        this.spans = spans;
        this.decoded = new String[spans.size() / 2];
        if (decoded.length > 0) {
            decoded[0] = spans.get(1) == 0 ? "" : null;
        }
    }

    int size() {
        return decoded.length;
    }

    /** Checks google/pprof's rule that the first string is empty. */
    void checkFirstIsEmpty(ProfileDecoder d) throws GoParseException {
        if (decoded.length > 0 && spans.get(1) != 0) {
            throw GoParseException.malformed(ProfileDecoder.FORMAT, d.offsetOf(spans.get(0)),
                    "expected string_table[0] to be the empty string");
        }
    }

    /**
     * Checks that an index found at an offset names a string, without decoding it.
     *
     * @param index  the index read from the input
     * @param offset where it was read, for the error
     */
    void check(long index, long offset) throws GoParseException {
        if ((index < 0 || index >= decoded.length) && index != 0) {
            throw GoParseException.malformed(ProfileDecoder.FORMAT, offset, "expected a string index below "
                    + decoded.length + ", found " + index);
        }
    }

    /**
     * Resolves an index found at an offset.
     *
     * @param index  the index read from the input
     * @param offset where it was read, for the error
     * @return the string; "" for index 0 of an empty table
     */
    String get(long index, long offset) throws GoParseException {
        if (index >= 0 && index < decoded.length) {
            String s = decoded[(int) index];
            if (s == null) {
                int i = (int) index;
                s = new String(buf, spans.get(2 * i), spans.get(2 * i + 1), StandardCharsets.UTF_8);
                decoded[i] = s;
            }
            return s;
        }
        if (index == 0) {
            return "";
        }
        throw GoParseException.malformed(ProfileDecoder.FORMAT, offset, "expected a string index below "
                + decoded.length + ", found " + index);
    }
}
