package dev.gopherlens.trace.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Go's string literals: {@code strconv.Quote} (what {@code %q} prints) and {@code strconv.Unquote}, so that tests
 * can read what Go wrote and print what Go would print.
 *
 * <p>A Go string is bytes, usually UTF-8. {@link #quote(byte[])} follows Go exactly for bytes that are not UTF-8;
 * which runes are printable comes from Java's Unicode tables, so runes assigned after the JDK's Unicode version
 * (13.0 in Java 17, 16.0 in Java 25; Go 1.27 knows 17.0) are escaped here where Go prints them as they are.
 */
public final class GoQuote {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private GoQuote() {
    }

    /**
     * Quotes a string as Go's {@code strconv.Quote} does. A lone surrogate is quoted as U+FFFD, as Go's
     * {@code string(rune)} conversion turns one into U+FFFD.
     *
     * @param s the text
     * @return a double-quoted Go string literal
     */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        s.codePoints().forEach(r -> appendRune(out, Character.isSurrogate((char) r) ? 0xFFFD : r));
        return out.append('"').toString();
    }

    /**
     * Quotes bytes as Go's {@code strconv.Quote} quotes a string holding them: each byte that starts no valid
     * UTF-8 sequence as {@code \xNN}.
     *
     * @param b the bytes
     * @return a double-quoted Go string literal
     */
    public static String quote(byte[] b) {
        StringBuilder out = new StringBuilder(b.length + 2).append('"');
        for (int i = 0; i < b.length; ) {
            int r = decodeRune(b, i);
            if (r < 0) {
                out.append("\\x").append(HEX[(b[i] >> 4) & 0xF]).append(HEX[b[i] & 0xF]);
                i++;
            } else {
                appendRune(out, r);
                i += utf8Length(r);
            }
        }
        return out.append('"').toString();
    }

    /**
     * Reads a Go string literal as {@code strconv.Unquote} does: interpreted ({@code "..."}, with every escape Go
     * knows) or raw ({@code `...`}, carriage returns dropped).
     *
     * @param literal the literal, quotes included
     * @return the string's bytes; escapes such as {@code \xff} can make them other than UTF-8
     * @throws IllegalArgumentException if the literal is not valid Go
     */
    public static byte[] unquote(String literal) {
        int n = literal.length();
        char q = n >= 2 ? literal.charAt(0) : 0;
        if (n < 2 || literal.charAt(n - 1) != q || (q != '"' && q != '`')) {
            throw invalid(literal);
        }
        String body = literal.substring(1, n - 1);
        if (q == '`') {
            if (body.indexOf('`') >= 0) {
                throw invalid(literal);
            }
            return body.replace("\r", "").getBytes(StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length());
        for (int i = 0; i < body.length(); ) {
            char c = body.charAt(i++);
            if (c == '"' || c == '\n') {
                throw invalid(literal);
            }
            if (c != '\\') {
                int start = i - 1;
                if (Character.isHighSurrogate(c) && i < body.length() && Character.isLowSurrogate(body.charAt(i))) {
                    i++;
                }
                out.writeBytes(body.substring(start, i).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            if (i >= body.length()) {
                throw invalid(literal);
            }
            char e = body.charAt(i++);
            int simple = "abfnrtv\\\"".indexOf(e);
            if (simple >= 0) {
                out.write("\u0007\b\f\n\r\t\u000b\\\"".charAt(simple));
            } else if (e >= '0' && e <= '7') {
                // Exactly three octal digits, at most \377: one byte.
                int v = digits(literal, body, i - 1, 3, 8);
                if (v > 0xFF) {
                    throw invalid(literal);
                }
                out.write(v);
                i += 2;
            } else if (e == 'x') {
                out.write(digits(literal, body, i, 2, 16));
                i += 2;
            } else if (e == 'u' || e == 'U') {
                int len = e == 'u' ? 4 : 8;
                int r = digits(literal, body, i, len, 16);
                if (r < 0 || r > Character.MAX_CODE_POINT || (r >= 0xD800 && r <= 0xDFFF)) {
                    throw invalid(literal);
                }
                out.writeBytes(Character.toString(r).getBytes(StandardCharsets.UTF_8));
                i += len;
            } else {
                throw invalid(literal); // \' among them: Go allows it only in rune literals
            }
        }
        return out.toByteArray();
    }

    private static int digits(String literal, String s, int from, int count, int radix) {
        if (from + count > s.length()) {
            throw invalid(literal);
        }
        long v = 0;
        for (int i = from; i < from + count; i++) {
            int d = Character.digit(s.charAt(i), radix);
            if (d < 0 || s.charAt(i) > 0x7F) {
                throw invalid(literal);
            }
            v = v * radix + d;
        }
        // \U with eight digits can exceed an int; such a value is no rune either.
        return v > Integer.MAX_VALUE ? -1 : (int) v;
    }

    private static IllegalArgumentException invalid(String literal) {
        return new IllegalArgumentException("not a Go string literal: " + literal);
    }

    /** Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    static boolean isPrint(int r) {
        if (r == ' ') {
            return true;
        }
        return switch (Character.getType(r)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER,
                    Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK,
                    Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER,
                    Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION,
                    Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL,
                    Character.OTHER_SYMBOL -> true;
            default -> false;
        };
    }

    /** Go's {@code appendEscapedRune} for a valid rune. */
    private static void appendRune(StringBuilder out, int r) {
        if (r == '"' || r == '\\') {
            out.append('\\').append((char) r);
        } else if (isPrint(r)) {
            out.appendCodePoint(r);
        } else {
            int simple = "\u0007\b\f\n\r\t\u000b".indexOf(r);
            if (simple >= 0) {
                out.append('\\').append("abfnrtv".charAt(simple));
            } else if (r < ' ' || r == 0x7F) {
                hex(out.append("\\x"), r, 2);
            } else if (r < 0x10000) {
                hex(out.append("\\u"), r, 4);
            } else {
                hex(out.append("\\U"), r, 8);
            }
        }
    }

    private static void hex(StringBuilder out, int v, int digits) {
        for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) {
            out.append(HEX[(v >> shift) & 0xF]);
        }
    }

    /**
     * Decodes one rune as Go's {@code utf8.DecodeRune} does, rejecting what Go rejects: overlong forms,
     * surrogates, values past U+10FFFF and cut-short sequences.
     *
     * @return the rune, or -1 where Go decodes {@code RuneError} of width 1
     */
    static int decodeRune(byte[] b, int i) {
        int b0 = b[i] & 0xFF;
        if (b0 < 0x80) {
            return b0;
        }
        int n;
        int lo = 0x80;
        int hi = 0xBF;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            n = 2;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            n = 3;
            lo = b0 == 0xE0 ? 0xA0 : 0x80; // no overlong forms
            hi = b0 == 0xED ? 0x9F : 0xBF; // no surrogates
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            n = 4;
            lo = b0 == 0xF0 ? 0x90 : 0x80;
            hi = b0 == 0xF4 ? 0x8F : 0xBF; // nothing past U+10FFFF
        } else {
            return -1;
        }
        if (i + n > b.length) {
            return -1;
        }
        int r = b0 & (0x7F >> n);
        for (int k = 1; k < n; k++) {
            int c = b[i + k] & 0xFF;
            if (c < (k == 1 ? lo : 0x80) || c > (k == 1 ? hi : 0xBF)) {
                return -1;
            }
            r = (r << 6) | (c & 0x3F);
        }
        return r;
    }

    private static int utf8Length(int r) {
        return r < 0x80 ? 1 : r < 0x800 ? 2 : r < 0x10000 ? 3 : 4;
    }
}
