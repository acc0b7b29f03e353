/**
 * Readers of the profile formats that google/pprof's {@code profile.Parse} accepts besides profile.proto:
 * gperftools' binary CPU profiles, the text heap, growth, contention and thread profiles, Java's legacy profiles,
 * and Go's {@code debug=1} text profiles. Each reads into the same immutable
 * {@link dev.gopherlens.pprof.Profile} that google/pprof would build, so that
 * {@link dev.gopherlens.pprof.Pprof#read(java.nio.file.Path)} accepts them transparently.
 *
 * <p>The source of truth is google/pprof's {@code profile/legacy_profile.go}, {@code legacy_java_profile.go} and
 * {@code profile.go} as vendored in Go 1.27 ({@code cmd/vendor/github.com/google/pprof}); the comments name the
 * functions there. A {@code Draft} is the mutable profile those functions work
 * on, so that their fix-ups run in the same order with the same results. Where this package knowingly differs:
 * <ul>
 *   <li>a line of 64 KiB or more, which Go's {@code bufio.Scanner} rejects, is read;</li>
 *   <li>file and function names that are not UTF-8 become Java strings with U+FFFD where Go keeps the bytes;</li>
 *   <li>a line that would take java.util.regex's backtracking far longer than Go's linear-time matcher is rejected
 *       ({@code Text.Budget}); google/pprof's expressions that real lines make slow are matched by hand instead;</li>
 *   <li>a heap sample's {@code bytes} label of 0 is in the model, but {@code RawText} does not print it, as
 *       google/pprof drops such labels when it reads profile.proto.</li>
 * </ul>
 *
 * <p>Not exported: {@link dev.gopherlens.pprof.internal.legacy.LegacyProfiles} is the only entry, called by
 * {@code Pprof} when the input is no profile.proto. Stateless; thread-safe.
 */
package dev.gopherlens.pprof.internal.legacy;
