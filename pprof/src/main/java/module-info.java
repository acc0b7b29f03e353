/**
 * Gopherlens pprof: pprof profiles (google/pprof's profile.proto, gzipped or raw), read in three tiers (cursor,
 * stream, model) and written back. {@link dev.gopherlens.pprof.Pprof} is the entry point.
 */
module dev.gopherlens.pprof {
    requires transitive dev.gopherlens.core;

    exports dev.gopherlens.pprof;
    exports dev.gopherlens.pprof.goroutines;
}
