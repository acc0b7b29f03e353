package dev.gopherlens.pprof;

/**
 * The level at which a report or aggregation merges locations, as
 * {@code go tool pprof}'s {@code -granularity} flag: one node per function, per function and file, per file, per
 * source line or per address.
 */
public enum Granularity {
    /** One node per function name ({@code -functions}, pprof's default). */
    FUNCTIONS,
    /** One node per function name and source file ({@code -filefunctions}). */
    FILE_FUNCTIONS,
    /** One node per source file ({@code -files}). */
    FILES,
    /** One node per function, file and line ({@code -lines}). */
    LINES,
    /** One node per address, keeping every line of the location ({@code -addresses}). */
    ADDRESSES
}
