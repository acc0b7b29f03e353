package dev.gopherlens.pprof;

import java.util.List;

/**
 * Merges a profile with itself as google/pprof's {@code Compact} does (a {@link Merging} of one profile), and copies a
 * profile's fields for the operations that change some of them. Stateless.
 */
final class Compaction {
    private Compaction() {
    }

    static Profile compact(Profile p) {
        return Merging.merge(List.of(p));
    }

    /**
     * What {@code go tool pprof} of Go 1.20 and earlier did to a profile before printing it: compact it, then drop
     * the samples without locations.
     */
    static Profile legacyDriver(Profile p) {
        Profile c = compact(p);
        Profile.Parts parts = parts(c);
        parts.samples = c.samples().stream().filter(s -> !s.locations().isEmpty()).toList();
        return new Profile(parts);
    }

    static Profile.Parts parts(Profile p) {
        Profile.Parts parts = new Profile.Parts();
        parts.sampleTypes = p.sampleTypes();
        parts.samples = p.samples();
        parts.mappings = p.mappings();
        parts.locations = p.locations();
        parts.functions = p.functions();
        parts.dropFrames = p.dropFrames();
        parts.keepFrames = p.keepFrames();
        parts.timeNanos = p.timeNanos();
        parts.durationNanos = p.durationNanos();
        parts.periodType = p.periodType().orElse(null);
        parts.period = p.period();
        parts.comments = p.comments();
        parts.defaultSampleType = p.defaultSampleType();
        parts.docUrl = p.docUrl();
        return parts;
    }
}
