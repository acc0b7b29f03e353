package dev.gopherlens.pprof.internal.legacy;

import dev.gopherlens.core.GoParseException;

import java.util.ArrayList;
import java.util.List;

/**
 * google/pprof's parseHexAddresses: every {@code 0x[0-9a-f]+} in a text, in order, each of which must fit in 64
 * bits. Stateless.
 */
final class Addresses {
    private Addresses() {
    }

    /**
     * Finds the addresses in a text.
     *
     * @param text for errors
     * @param s    the text
     * @return the addresses
     * @throws GoParseException if one has more than 64 bits
     */
    static List<Long> parse(Text text, String s) throws GoParseException {
        List<Long> addrs = new ArrayList<>();
        int n = s.length();
        int i = 0;
        while (i + 2 < n) {
            int x = s.indexOf("0x", i);
            if (x < 0 || x + 2 >= n || !isHex(s.charAt(x + 2))) {
                if (x < 0) {
                    break;
                }
                i = x + 1;
                continue;
            }
            int e = x + 2;
            while (e < n && isHex(s.charAt(e))) {
                e++;
            }
            // Leading zeros do not count toward the 64 bits.
            int d = x + 2;
            while (d < e - 1 && s.charAt(d) == '0') {
                d++;
            }
            if (e - d > 16) {
                throw text.malformed("addresses of at most 64 bits, found " + s.substring(x, Math.min(e, x + 40)));
            }
            addrs.add(Long.parseUnsignedLong(s, d, e, 16));
            i = e;
        }
        return addrs;
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f';
    }
}
