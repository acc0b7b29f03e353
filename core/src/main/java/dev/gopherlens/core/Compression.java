package dev.gopherlens.core;

/**
 * The compression wrapped around an input, recognized by its magic bytes and removed transparently by
 * {@link Inputs}.
 */
public enum Compression {
    /** Not compressed. */
    NONE,
    /** gzip (RFC 1952), as {@code net/http/pprof} and {@code runtime/pprof} write profiles; magic {@code 1f 8b}. */
    GZIP,
    /** Zstandard (RFC 8878); magic {@code 28 b5 2f fd}. */
    ZSTD,
    /** xz; magic {@code fd 37 7a 58 5a 00}. */
    XZ,
    /** bzip2; magic {@code BZh} and a block size digit. */
    BZIP2;

    /** The most leading bytes {@link #detect} looks at. */
    static final int MAGIC_LENGTH = 6;

    /**
     * Recognizes a compression from the first bytes of an input.
     *
     * @param prefix the first bytes of the input
     * @param length how many of them are valid
     * @return the compression, {@link #NONE} when no magic matches
     */
    static Compression detect(byte[] prefix, int length) {
        if (length >= 2 && (prefix[0] & 0xff) == 0x1f && (prefix[1] & 0xff) == 0x8b) {
            return GZIP;
        }
        if (length >= 4 && (prefix[0] & 0xff) == 0x28 && (prefix[1] & 0xff) == 0xb5
                && (prefix[2] & 0xff) == 0x2f && (prefix[3] & 0xff) == 0xfd) {
            return ZSTD;
        }
        if (length >= 6 && (prefix[0] & 0xff) == 0xfd && prefix[1] == '7' && prefix[2] == 'z'
                && prefix[3] == 'X' && prefix[4] == 'Z' && prefix[5] == 0) {
            return XZ;
        }
        if (length >= 4 && prefix[0] == 'B' && prefix[1] == 'Z' && prefix[2] == 'h'
                && prefix[3] >= '1' && prefix[3] <= '9') {
            return BZIP2;
        }
        return NONE;
    }
}
