package dev.gopherlens.pclntab.internal;

import java.util.Arrays;

/** Sorting and searching addresses as the unsigned 64-bit numbers they are. Stateless. */
public final class Addresses {
    private Addresses() {
    }

    /**
     * Sorts a copy of addresses in unsigned order.
     *
     * @param addresses the addresses
     * @return a sorted copy
     */
    public static long[] sortedUnsigned(long[] addresses) {
        long[] s = new long[addresses.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = addresses[i] ^ Long.MIN_VALUE;
        }
        Arrays.sort(s);
        for (int i = 0; i < s.length; i++) {
            s[i] ^= Long.MIN_VALUE;
        }
        return s;
    }

    /**
     * Finds the first address greater than a value, as Go's {@code sort.Search(len, a[i] > v)}.
     *
     * @param sorted addresses in unsigned order
     * @param v      the value
     * @return the index of the first greater address, or the length
     */
    public static int upperBound(long[] sorted, long v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(sorted[mid], v) > 0) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
