package dev.gopherlens.pprof.internal.legacy;

import dev.gopherlens.core.GoParseException;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A legacy text profile as one string of its bytes (ISO-8859-1, so that a character is a byte and an index is an
 * offset), read line by line as Go's {@code bufio.Scanner} with {@code ScanLines} does: lines end at {@code \n},
 * one trailing {@code \r} is dropped, and a last line without a newline counts only when it is not empty. After
 * the last line {@link #line()} is empty, as {@code Scanner.Text()} is.
 *
 * <p>Regular expressions run over a {@link Budget}, so a line made to make a backtracking matcher work for hours
 * gives a {@link GoParseException} instead. Not thread-safe.
 */
final class Text {
    /** Steps a match may take per character of its line, beyond a fixed allowance: far more than any real line needs. */
    private static final long STEPS_PER_CHAR = 512;

    private final String format;
    private final String text;
    private final int end;
    private int pos;
    private int lineNumber;
    private int lineStart;
    private String line = "";

    /**
     * Wraps a text.
     *
     * @param format the format being read, for errors
     * @param text   the bytes as ISO-8859-1 characters
     * @param from   where reading starts
     */
    Text(String format, String text, int from) {
        this.format = format;
        this.text = text;
        this.end = text.length();
        this.pos = from;
        this.lineStart = from;
    }

    /** {@return the bytes of an array as ISO-8859-1 characters, one per byte} */
    static String latin1(byte[] data, int from, int to) {
        return new String(data, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /** {@return a string read as ISO-8859-1 turned back into the UTF-8 text it was written as} */
    static String utf8(String latin1) {
        for (int i = 0; i < latin1.length(); i++) {
            if (latin1.charAt(i) >= 0x80) {
                return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            }
        }
        return latin1;
    }

    /**
     * Moves to the next line.
     *
     * @return whether there was one; if not, {@link #line()} is empty
     */
    boolean scan() {
        if (pos >= end) {
            line = "";
            lineStart = end;
            return false;
        }
        int nl = text.indexOf('\n', pos);
        int stop = nl < 0 ? end : nl;
        lineStart = pos;
        lineNumber++;
        int e = stop > pos && text.charAt(stop - 1) == '\r' ? stop - 1 : stop;
        line = text.substring(pos, e);
        pos = nl < 0 ? end : nl + 1;
        return true;
    }

    /** {@return the current line without its end, empty before the first and after the last} */
    String line() {
        return line;
    }

    /** {@return the current line's number, from 1} */
    int lineNumber() {
        return lineNumber;
    }

    /** {@return the offset of the current line's first byte in the text} */
    int lineStart() {
        return lineStart;
    }

    /** {@return the offset of the first byte not yet read as a line} */
    int position() {
        return pos;
    }

    /**
     * Reports the current line as malformed.
     *
     * @param expected what was expected
     * @return the exception, to throw
     */
    GoParseException malformed(String expected) {
        return GoParseException.malformed(format, lineStart, expected).withContext("line " + lineNumber);
    }

    /**
     * Reports that the current line is not of this reader's format.
     *
     * @param expected what was expected
     * @return the exception, to throw
     */
    NotThisFormat unrecognized(String expected) {
        return new NotThisFormat(format, lineStart, "line " + lineNumber, expected);
    }

    /**
     * Matches a whole pattern at the start of a line ({@code find} from 0 for an unanchored Go pattern), within a
     * budget of steps.
     *
     * @param p    the pattern
     * @param s    the line or part of it
     * @param find true for Go's {@code FindStringSubmatch} (leftmost match anywhere), false for a match at 0
     * @return the matcher after a match, or null
     * @throws GoParseException if matching takes too many steps
     */
    Matcher match(Pattern p, String s, boolean find) throws GoParseException {
        Matcher m = p.matcher(new Budget(s, STEPS_PER_CHAR * s.length() + 100_000));
        try {
            return (find ? m.find() : m.lookingAt()) ? m : null;
        } catch (Budget.Exhausted e) {
            throw GoParseException.malformed(format, lineStart, "a line that a pattern matches in reasonable time")
                    .withContext("line " + lineNumber);
        }
    }

    /** {@return whether a line is blank or a comment, as google/pprof's isSpaceOrComment decides} */
    static boolean isSpaceOrComment(String line) {
        String t = trimSpace(line);
        return t.isEmpty() || t.charAt(0) == '#';
    }

    /**
     * UTF-8 encodings (as ISO-8859-1 characters) of the white space beyond ASCII that Go's {@code unicode.IsSpace}
     * knows: U+0085, U+00A0, U+1680, U+2000 to U+200A, U+2028, U+2029, U+202F, U+205F and U+3000.
     */
    private static final String[] UNICODE_SPACES = unicodeSpaces();

    private static String[] unicodeSpaces() {
        int[] cps = {0x85, 0xA0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008,
            0x2009, 0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000};
        String[] out = new String[cps.length];
        for (int i = 0; i < cps.length; i++) {
            out[i] = new String(new String(Character.toChars(cps[i])).getBytes(StandardCharsets.UTF_8),
                    StandardCharsets.ISO_8859_1);
        }
        return out;
    }

    /** {@return a string without the white space Go's strings.TrimSpace removes at both ends} */
    static String trimSpace(String s) {
        int b = 0;
        int e = s.length();
        while (b < e) {
            if (isSpace(s.charAt(b))) {
                b++;
                continue;
            }
            int n = s.charAt(b) >= 0x80 ? unicodeSpaceAt(s, b, e, true) : 0;
            if (n == 0) {
                break;
            }
            b += n;
        }
        while (e > b) {
            if (isSpace(s.charAt(e - 1))) {
                e--;
                continue;
            }
            int n = s.charAt(e - 1) >= 0x80 ? unicodeSpaceAt(s, b, e, false) : 0;
            if (n == 0) {
                break;
            }
            e -= n;
        }
        return b == 0 && e == s.length() ? s : s.substring(b, e);
    }

    /** {@return the length of the Unicode space that starts at {@code b} or ends at {@code e}, or 0} */
    private static int unicodeSpaceAt(String s, int b, int e, boolean atStart) {
        for (String u : UNICODE_SPACES) {
            if (e - b >= u.length() && (atStart ? s.startsWith(u, b) : s.startsWith(u, e - u.length()))) {
                return u.length();
            }
        }
        return 0;
    }

    /** Whether a byte is ASCII white space to Go's strings.TrimSpace. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == '\f';
    }

    /** {@return whether a line holds one of the markers that start a memory map, as isMemoryMapSentinel decides} */
    static boolean isMemoryMapSentinel(String line) {
        return line.contains("--- Memory map: ---") || line.contains("MAPPED_LIBRARIES:");
    }

    /** A line for a matcher, that ends the match once it has read too many characters. */
    static final class Budget implements CharSequence {
        private final String s;
        private long steps;

        Budget(String s, long steps) {
            this.s = s;
            this.steps = steps;
        }

        @Override
        public int length() {
            return s.length();
        }

        @Override
        public char charAt(int index) {
            if (--steps < 0) {
                throw new Exhausted();
            }
            return s.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return s.substring(start, end);
        }

        @Override
        public String toString() {
            return s;
        }

        /** Thrown through the matcher when the budget is spent; never escapes {@link Text#match}. */
        static final class Exhausted extends RuntimeException {
            private static final long serialVersionUID = 1L;

            Exhausted() {
                super(null, null, false, false);
            }
        }
    }
}
