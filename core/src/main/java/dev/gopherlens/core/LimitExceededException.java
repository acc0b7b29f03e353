package dev.gopherlens.core;

/**
 * A size or count in the input exceeds one of the {@link Limits}; nothing was allocated for it. The message names
 * the limit and the wither that raises it. Made by {@link GoParseException#limitExceeded}.
 */
public final class LimitExceededException extends GoParseException {
    private static final long serialVersionUID = 1L;

    /** The limit's name. */
    private final String limit;
    /** What the input asked for. */
    private final long requested;
    /** What the limit allows. */
    private final long maximum;

    LimitExceededException(String format, long offset, String context, String limit, long requested, long maximum) {
        super(format, offset, context, describe(limit, requested, maximum), null);
        this.limit = limit;
        this.requested = requested;
        this.maximum = maximum;
    }

    private static String describe(String limit, long requested, long maximum) {
        String wither = "with" + Character.toUpperCase(limit.charAt(0)) + limit.substring(1);
        return "limit exceeded: " + limit + " is " + maximum + " but the input asks for " + requested
                + "; raise it with Limits." + wither + "(…) if the input is trusted";
    }

    /** {@return the name of the limit, a component of {@link Limits} such as {@code maxStringLength}} */
    public String limit() {
        return limit;
    }

    /** {@return what the input asked for} */
    public long requested() {
        return requested;
    }

    /** {@return what the limit allows} */
    public long maximum() {
        return maximum;
    }

    @Override
    protected LimitExceededException copy(String newContext) {
        return new LimitExceededException(format(), offset(), newContext, limit, requested, maximum);
    }
}
