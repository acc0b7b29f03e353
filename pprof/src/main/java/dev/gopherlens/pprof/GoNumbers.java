package dev.gopherlens.pprof;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The few {@code fmt} verbs {@code go tool pprof} prints numbers with, reproduced exactly.
 *
 * <p>Go rounds the exact binary value of a float64 half-to-even, so {@code %.2f} of 0.125 is {@code 0.12} and of
 * 1.005 (really 1.00499…) is {@code 1.00}; {@link String#format} rounds the shortest decimal form half-up and
 * would print {@code 0.13} and {@code 1.01}. Going through {@link BigDecimal#BigDecimal(double)} keeps the exact
 * value.
 */
final class GoNumbers {
    private GoNumbers() {
    }

    /** {@code fmt.Sprintf("%.2f", v)}. */
    static String fixed2(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        String s = new BigDecimal(v).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
        // Go keeps the sign of a negative number that rounds to zero.
        if ((v < 0 || (v == 0 && 1 / v < 0)) && !s.startsWith("-")) {
            s = "-" + s;
        }
        return s;
    }

    /** {@code fmt.Sprintf("%.2g", v)} for a finite, non-negative {@code v}. */
    static String general2(double v) {
        if (v == 0) {
            return "0";
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(2, RoundingMode.HALF_EVEN));
        int exp = d.precision() - d.scale() - 1;
        if (exp < -4 || exp >= 2) {
            BigDecimal mantissa = d.movePointLeft(exp).stripTrailingZeros();
            String m = mantissa.scale() <= 0 ? mantissa.toBigInteger().toString() : mantissa.toPlainString();
            String e = Integer.toString(Math.abs(exp));
            return m + (exp < 0 ? "e-" : "e+") + (e.length() < 2 ? "0" + e : e);
        }
        BigDecimal plain = d.stripTrailingZeros();
        return plain.scale() <= 0 ? plain.toBigInteger().toString() : plain.toPlainString();
    }

    /** {@code fmt.Sprintf("%Ns", s)}: right-aligned in {@code width} runes. */
    static String padLeft(String s, int width) {
        int n = s.codePointCount(0, s.length());
        return n >= width ? s : " ".repeat(width - n) + s;
    }

    /** {@code fmt.Sprintf("%-Ns", s)}: left-aligned in {@code width} runes. */
    static String padRight(String s, int width) {
        int n = s.codePointCount(0, s.length());
        return n >= width ? s : s + " ".repeat(width - n);
    }

    /** {@code fmt.Sprintf("%016x", v)} of an unsigned 64-bit value. */
    static String hex16(long v) {
        String h = Long.toHexString(v);
        return h.length() >= 16 ? h : "0".repeat(16 - h.length()) + h;
    }
}
