/**
 * Gopherlens pprof: pprof profiles (profile.proto, gzipped or raw), legacy text profiles and goroutine dumps.
 */
module dev.gopherlens.pprof {
    requires transitive dev.gopherlens.core;
    requires com.google.protobuf;
}
