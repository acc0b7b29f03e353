package dev.gopherlens.pprof.internal.legacy;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.pprof.Profile;

/**
 * Reads the legacy profile formats that google/pprof's {@code profile.Parse} accepts when its input is no
 * profile.proto, trying them in its order (parseLegacy in profile.go): gperftools' binary CPU profile, the text heap
 * profile, Go's count profiles, thread dumps, contention profiles, then Java's text profiles. The first reader that
 * recognizes the input gives the profile, with the frames to drop that google/pprof gives it.
 *
 * <p>Only for {@code dev.gopherlens.pprof.Pprof}; stateless and thread-safe.
 */
public final class LegacyProfiles {
    private LegacyProfiles() {
    }

    /**
     * Reads a legacy profile, or says that the input is none.
     *
     * @param data the decompressed bytes; not modified
     * @param from the first byte of the profile
     * @param to   the index after its last byte
     * @return the profile, or null when no legacy format recognizes the input
     * @throws GoParseException if a format recognizes the input but the input is malformed; offsets count from
     *                          {@code from}
     */
    public static Profile read(byte[] data, int from, int to) throws GoParseException {
        if (from < 0 || to > data.length || from > to) {
            throw new IllegalArgumentException("range " + from + ".." + to + " of " + data.length + " bytes");
        }
        NotThisFormat first = null;
        Draft p = null;
        try {
            p = CpuProfiles.read(data, from, to);
        } catch (NotThisFormat e) {
            first = e;
        }
        if (p == null) {
            String text = Text.latin1(data, from, to);
            for (int k = 0; k < 5 && p == null; k++) {
                try {
                    p = switch (k) {
                        case 0 -> HeapProfiles.read(text);
                        case 1 -> CountProfiles.read(text);
                        case 2 -> ThreadProfiles.read(text);
                        case 3 -> ContentionProfiles.read(text);
                        default -> JavaProfiles.read(text);
                    };
                } catch (NotThisFormat e) {
                    if (first == null) {
                        first = e;
                    }
                }
            }
        }
        if (p == null) {
            if (first != null) {
                throw first;
            }
            return null;
        }
        p.addLegacyFrameInfo();
        p.checkValid();
        return p.toProfile();
    }
}
