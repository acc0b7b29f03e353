package dev.gopherlens.pprof;

/** Go's {@code time.Duration.String()}: {@code 1h2m3.5s}, {@code 307.423ms}, {@code 1.5µs}, {@code 0s}. */
final class GoDuration {
    private GoDuration() {
    }

    static String format(long d) {
        if (d == 0) {
            return "0s";
        }
        boolean neg = d < 0;
        // The magnitude as unsigned, so that Long.MIN_VALUE works.
        long u = neg ? -d : d;
        StringBuilder sb = new StringBuilder();
        if (Long.compareUnsigned(u, 1_000_000_000L) < 0) {
            if (Long.compareUnsigned(u, 1_000L) < 0) {
                sb.append(Long.toUnsignedString(u)).append("ns");
            } else if (Long.compareUnsigned(u, 1_000_000L) < 0) {
                fraction(sb, u, 3);
                sb.append("µs");
            } else {
                fraction(sb, u, 6);
                sb.append("ms");
            }
        } else {
            long secondsNanos = Long.remainderUnsigned(u, 60_000_000_000L);
            long minutes = Long.divideUnsigned(u, 60_000_000_000L);
            long hours = minutes / 60;
            minutes %= 60;
            if (hours > 0) {
                sb.append(hours).append('h');
            }
            if (hours > 0 || minutes > 0) {
                sb.append(minutes).append('m');
            }
            fraction(sb, secondsNanos, 9);
            sb.append('s');
        }
        return neg ? "-" + sb : sb.toString();
    }

    /** Appends v / 10^digits with the fraction's trailing zeros (and a bare dot) removed. */
    private static void fraction(StringBuilder sb, long v, int digits) {
        long scale = 1;
        for (int i = 0; i < digits; i++) {
            scale *= 10;
        }
        sb.append(Long.divideUnsigned(v, scale));
        String frac = String.format("%0" + digits + "d", Long.remainderUnsigned(v, scale));
        int end = frac.length();
        while (end > 0 && frac.charAt(end - 1) == '0') {
            end--;
        }
        if (end > 0) {
            sb.append('.').append(frac, 0, end);
        }
    }
}
