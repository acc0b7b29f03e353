package dev.gopherlens.pprof.internal.legacy;

import dev.gopherlens.core.GoParseException;

/** google/pprof's parseAdditionalSections: skips to a memory map marker and reads the map after it. Stateless. */
final class Additional {
    private Additional() {
    }

    /**
     * Skips lines up to the first that holds a memory map marker (from the current line on), then reads the
     * mappings after it and fixes up the profile; without a marker there are no mappings.
     *
     * @param text the lines, at the last line the profile's reader looked at
     * @param p    the profile
     * @throws GoParseException if matching a line takes too long
     */
    static void sections(Text text, Draft p) throws GoParseException {
        while (!Text.isMemoryMapSentinel(text.line()) && text.scan()) {
            // Skipped: sections google/pprof does not read.
        }
        p.parseMemoryMap(text);
    }
}
