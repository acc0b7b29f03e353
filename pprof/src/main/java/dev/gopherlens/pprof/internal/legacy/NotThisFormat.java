package dev.gopherlens.pprof.internal.legacy;

import dev.gopherlens.core.GoParseException;

/**
 * What google/pprof calls {@code errUnrecognized}: the input is not of the format a reader tried, so the next
 * reader gets its turn. Some readers report it only midway (a binary CPU profile whose stack runs past the end), as
 * google/pprof does; the first such report is what the caller sees when no reader accepts the input.
 */
final class NotThisFormat extends GoParseException {
    private static final long serialVersionUID = 1L;

    NotThisFormat(String format, long offset, String context, String reason) {
        super(format, offset, context, reason, null);
    }

    @Override
    protected GoParseException copy(String newContext) {
        return new NotThisFormat(format(), offset(), newContext, reason());
    }
}
