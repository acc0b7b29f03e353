package dev.gopherlens.pprof;

/** Go's string order: bytewise over UTF-8, which differs from {@link String#compareTo} above U+FFFF. */
final class GoStrings {
    private GoStrings() {
    }

    static int compare(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                // UTF-8 orders by code point; UTF-16 puts surrogates (U+D800..DFFF) below U+E000..FFFF.
                boolean sx = Character.isSurrogate(x);
                boolean sy = Character.isSurrogate(y);
                if (sx != sy) {
                    return sx ? 1 : -1;
                }
                return Character.compare(x, y);
            }
        }
        return Integer.compare(a.length(), b.length());
    }
}
