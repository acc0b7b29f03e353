package dev.gopherlens.pclntab.internal.gocore;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The pieces of Go's {@code %#v} that do not depend on memory: numbers as fmt prints them, strings as
 * {@code strconv.Quote} escapes them, and type names as {@code reflect.Type.String} spells them. Stateless and
 * thread-safe.
 */
public final class GoSyntax {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private GoSyntax() {
    }

    /**
     * Formats an unsigned integer as {@code %#v} does ({@code fmt0x64}: {@code 0x} and lower-case hex digits).
     *
     * @param v the value, read as unsigned
     * @return for example {@code 0xcafe}
     */
    public static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    /**
     * Formats a float64 as {@code %v} does: {@code strconv.FormatFloat(v, 'g', -1, 64)}, the shortest decimal
     * that reads back as {@code v}, with an exponent when it is below -4 or at least 6.
     *
     * @param v the value
     * @return for example {@code 3.25}, {@code 1e+21}, {@code +Inf}, {@code NaN}
     */
    public static String float64(double v) {
        return formatG(v, false);
    }

    /**
     * Formats a float32 as {@code %v} does: the shortest decimal that reads back as the same float32.
     *
     * @param v the value
     * @return the text
     */
    public static String float32(float v) {
        return formatG(v, true);
    }

    /**
     * Formats a complex number as {@code %v} does: {@code (re+imi)}, the imaginary part always signed.
     *
     * @param re        the real part
     * @param im        the imaginary part
     * @param single    whether the parts are float32 (a complex64)
     * @return for example {@code (1+2i)}
     */
    public static String complex(double re, double im, boolean single) {
        String r = single ? float32((float) re) : float64(re);
        String i = single ? float32((float) im) : float64(im);
        if (!i.startsWith("-") && !i.startsWith("+")) {
            i = "+" + i;
        }
        return "(" + r + i + "i)";
    }

    private static String formatG(double v, boolean single) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        boolean negative = (Double.doubleToRawLongBits(v) < 0);
        String sign = negative ? "-" : "";
        if (v == 0) {
            return sign + "0";
        }
        // internal/strconv/ftoa.go (Go 1.27) fmtEFG: the shortest digits that read back as the same value, then
        // %e when the exponent is below -4 or at least 6 ("if shortest { eprec = 6 }"), else %f.
        // The closest p-digit decimal to the exact value, for the least p that reads back as the value; 17 digits
        // always do for a float64, 9 for a float32.
        BigDecimal exact = new BigDecimal(Math.abs(v));
        BigDecimal shortest = exact;
        for (int p = 1; p <= 17; p++) {
            shortest = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            boolean same = single ? Float.parseFloat(shortest.toString()) == (float) Math.abs(v)
                    : Double.parseDouble(shortest.toString()) == Math.abs(v);
            if (same) {
                break;
            }
        }
        shortest = shortest.stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        // The value is 0.digits × 10^dp, as strconv's decimal keeps it.
        int dp = digits.length() - shortest.scale();
        int nd = digits.length();
        int exp = dp - 1;
        StringBuilder sb = new StringBuilder(sign);
        if (exp < -4 || exp >= 6) {
            sb.append(digits.charAt(0));
            if (nd > 1) {
                sb.append('.').append(digits, 1, nd);
            }
            sb.append('e').append(exp < 0 ? '-' : '+');
            int e = Math.abs(exp);
            if (e < 10) {
                sb.append('0');
            }
            sb.append(e);
            return sb.toString();
        }
        if (dp <= 0) {
            sb.append("0.");
            sb.append("0".repeat(-dp));
            sb.append(digits);
        } else if (dp >= nd) {
            sb.append(digits).append("0".repeat(dp - nd));
        } else {
            sb.append(digits, 0, dp).append('.').append(digits, dp, nd);
        }
        return sb.toString();
    }

    /**
     * Quotes a Go string as {@code strconv.Quote} does: printable runes as they are, {@code \a \b \f \n \r \t \v},
     * other control and non-printable runes as backslash-x, -u or -U escapes, and each byte of
     * invalid UTF-8 as {@code \x}.
     *
     * @param s the string's bytes
     * @return the quoted string, with its double quotes
     */
    public static String quote(byte[] s) {
        StringBuilder sb = new StringBuilder(s.length + 2).append('"');
        int i = 0;
        while (i < s.length) {
            int b = s[i] & 0xff;
            if (b < 0x80) {
                appendRune(sb, b);
                i++;
                continue;
            }
            int[] decoded = decodeRune(s, i);
            if (decoded == null) {
                sb.append("\\x").append(HEX[b >> 4]).append(HEX[b & 15]);
                i++;
                continue;
            }
            appendRune(sb, decoded[0]);
            i += decoded[1];
        }
        return sb.append('"').toString();
    }

    private static void appendRune(StringBuilder sb, int r) {
        if (r == '"' || r == '\\') {
            sb.append('\\').append((char) r);
            return;
        }
        if (isPrint(r)) {
            sb.appendCodePoint(r);
            return;
        }
        switch (r) {
            case 7 -> sb.append("\\a");
            case '\b' -> sb.append("\\b");
            case '\f' -> sb.append("\\f");
            case '\n' -> sb.append("\\n");
            case '\r' -> sb.append("\\r");
            case '\t' -> sb.append("\\t");
            case 11 -> sb.append("\\v");
            default -> {
                if (r < ' ' || r == 0x7f) {
                    sb.append("\\x").append(HEX[r >> 4 & 15]).append(HEX[r & 15]);
                } else if (r < 0x10000) {
                    sb.append("\\u");
                    appendHex(sb, r, 4);
                } else {
                    sb.append("\\U");
                    appendHex(sb, r, 8);
                }
            }
        }
    }

    private static void appendHex(StringBuilder sb, int v, int digits) {
        for (int s = (digits - 1) * 4; s >= 0; s -= 4) {
            sb.append(HEX[v >> s & 15]);
        }
    }

    /**
     * strconv.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. Java's Unicode tables
     * stand in for Go's; they can differ for runes assigned in a Unicode version only one of them knows.
     */
    static boolean isPrint(int r) {
        if (r < 0x80) {
            return r >= 0x20 && r < 0x7f;
        }
        switch (Character.getType(r)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                 Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
                 Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK, Character.DECIMAL_DIGIT_NUMBER,
                 Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.CONNECTOR_PUNCTUATION,
                 Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                 Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                 Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> {
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /**
     * Decodes one UTF-8 sequence as Go's utf8.DecodeRune accepts it (no overlongs, no surrogates, at most
     * U+10FFFF).
     *
     * @return {rune, length}, or null when the bytes at {@code i} are not valid UTF-8
     */
    private static int[] decodeRune(byte[] s, int i) {
        int b0 = s[i] & 0xff;
        int n;
        int min;
        int r;
        if (b0 >= 0xc2 && b0 <= 0xdf) {
            n = 2;
            min = 0x80;
            r = b0 & 0x1f;
        } else if (b0 >= 0xe0 && b0 <= 0xef) {
            n = 3;
            min = 0x800;
            r = b0 & 0x0f;
        } else if (b0 >= 0xf0 && b0 <= 0xf4) {
            n = 4;
            min = 0x10000;
            r = b0 & 0x07;
        } else {
            return null;
        }
        if (i + n > s.length) {
            return null;
        }
        for (int k = 1; k < n; k++) {
            int c = s[i + k] & 0xff;
            if ((c & 0xc0) != 0x80) {
                return null;
            }
            r = r << 6 | (c & 0x3f);
        }
        if (r < min || r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff)) {
            return null;
        }
        return new int[] {r, n};
    }

    /**
     * Turns a type name as the linker writes it in DWARF ({@code github.com/x/y.T}, {@code map[string]*net/http.Client})
     * into the one {@code reflect.Type.String} prints ({@code y.T}, {@code map[string]*http.Client}): every
     * qualified name keeps only its package's last path element, and an anonymous struct's field names lose the
     * package the linker adds to unexported ones.
     *
     * @param dwarfName the DWARF name
     * @return the reflect name
     */
    public static String typeName(String dwarfName) {
        String name = stripPaths(dwarfName);
        if (name.indexOf("struct {") < 0) {
            return name;
        }
        // The linker qualifies an anonymous struct's unexported field names with their package
        // ("struct { main.a int; B string }"); reflect does not. An embedded field (a type with no name after it)
        // keeps its qualifier.
        return UNEXPORTED_FIELD.matcher(name).replaceAll("$1$2");
    }

    private static final java.util.regex.Pattern UNEXPORTED_FIELD = java.util.regex.Pattern.compile(
            "(\\{ |; )[\\p{L}_][\\p{L}\\p{N}_]*\\.([\\p{L}_][\\p{L}\\p{N}_]*)(?= [^}])");

    private static String stripPaths(String dwarfName) {
        if (dwarfName.indexOf('/') < 0) {
            return dwarfName;
        }
        StringBuilder sb = new StringBuilder(dwarfName.length());
        int start = 0; // where the current path-like token began in sb
        for (int i = 0; i < dwarfName.length(); i++) {
            char c = dwarfName.charAt(i);
            if (c == '/') {
                // Drop the import path so far: what follows the slash is the next path element.
                sb.setLength(start);
                continue;
            }
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-' || c == '~')) {
                start = sb.length() + 1;
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
