/**
 * Readers of the profile formats that google/pprof's {@code profile.Parse} accepts besides profile.proto:
 * gperftools' binary CPU profiles, the text heap, growth, contention and thread profiles, Java's legacy profiles,
 * and Go's {@code debug=1} text profiles. Each reads into the same immutable
 * {@link dev.gopherlens.pprof.Profile} that google/pprof would build, so that
 * {@link dev.gopherlens.pprof.Pprof#read(java.nio.file.Path)} accepts them transparently.
 *
 * <p>Not exported: {@link dev.gopherlens.pprof.internal.legacy.LegacyProfiles} is the only entry, called by
 * {@code Pprof} when the input is no profile.proto.
 */
package dev.gopherlens.pprof.internal.legacy;
