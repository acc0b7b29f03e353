package dev.gopherlens.pprof.internal.legacy;

/**
 * Go's {@code strconv.ParseInt} and {@code ParseUint} for 64 bits, whose base-0 form (prefixes {@code 0x},
 * {@code 0o}, {@code 0b}, a leading {@code 0} for octal, and underscores between digits) the legacy formats use for
 * some of their numbers. Returns {@code null}-free results through a sentinel: callers check {@link #ok}.
 * Not thread-safe: one instance per reader.
 */
final class GoNumbers {
    /** Whether the last parse succeeded. */
    boolean ok;

    /**
     * strconv.ParseInt(s, base, 64) for base 0 or 10.
     *
     * @param s    the text
     * @param base 0 or 10
     * @return the value, meaningful only when {@link #ok}
     */
    long parseInt(String s, int base) {
        ok = false;
        if (s.isEmpty()) {
            return 0;
        }
        boolean neg = false;
        String digits = s;
        if (s.charAt(0) == '+' || s.charAt(0) == '-') {
            neg = s.charAt(0) == '-';
            digits = s.substring(1);
        }
        long u = parseUint(digits, base);
        if (!ok) {
            return 0;
        }
        ok = false;
        if (!neg && u < 0) {
            return 0;
        }
        if (neg && Long.compareUnsigned(u, Long.MIN_VALUE) > 0) {
            return 0;
        }
        ok = true;
        return neg ? -u : u;
    }

    /**
     * strconv.ParseUint(s, base, 64) for base 0, 10 or 16.
     *
     * @param s    the text
     * @param base 0, 10 or 16
     * @return the value as an unsigned long, meaningful only when {@link #ok}
     */
    long parseUint(String s, int base) {
        ok = false;
        if (s.isEmpty()) {
            return 0;
        }
        String s0 = s;
        boolean underscores = false;
        int i = 0;
        if (base == 0) {
            base = 10;
            if (s.charAt(0) == '0') {
                char c = s.length() >= 3 ? Character.toLowerCase(s.charAt(1)) : 0;
                if (c == 'b') {
                    base = 2;
                    i = 2;
                } else if (c == 'o') {
                    base = 8;
                    i = 2;
                } else if (c == 'x') {
                    base = 16;
                    i = 2;
                } else {
                    base = 8;
                    i = 1;
                }
            }
            underscores = true;
        }
        long n = 0;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            int d;
            if (c == '_' && underscores) {
                continue;
            } else if (c >= '0' && c <= '9') {
                d = c - '0';
            } else if (c >= 'a' && c <= 'z') {
                d = c - 'a' + 10;
            } else if (c >= 'A' && c <= 'Z') {
                d = c - 'A' + 10;
            } else {
                return 0;
            }
            if (d >= base) {
                return 0;
            }
            // n * base + d must fit in 64 unsigned bits.
            if (Long.compareUnsigned(n, Long.divideUnsigned(-1L, base)) > 0) {
                return 0;
            }
            long m = n * base;
            long n1 = m + d;
            if (Long.compareUnsigned(n1, m) < 0) {
                return 0;
            }
            n = n1;
        }
        if (underscores && !underscoreOk(s0)) {
            return 0;
        }
        ok = true;
        return n;
    }

    /** strconv's underscoreOK: underscores only between digits, or between a base prefix and a digit. */
    private static boolean underscoreOk(String s) {
        char saw = '^';
        int i = 0;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            s = s.substring(1);
        }
        boolean hex = false;
        if (s.length() >= 2 && s.charAt(0) == '0') {
            char c = Character.toLowerCase(s.charAt(1));
            if (c == 'b' || c == 'o' || c == 'x') {
                i = 2;
                saw = '0';
                hex = c == 'x';
            }
        }
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            char lc = Character.toLowerCase(c);
            if (c >= '0' && c <= '9' || hex && lc >= 'a' && lc <= 'f') {
                saw = '0';
                continue;
            }
            if (c == '_') {
                if (saw != '0') {
                    return false;
                }
                saw = '_';
                continue;
            }
            if (saw == '_') {
                return false;
            }
            saw = '!';
        }
        return saw != '_';
    }
}
