package dev.gopherlens.core;

/**
 * The input ended before an element was complete: a file cut short, or a length that claims more bytes than
 * remain. Made by {@link GoParseException#truncated}.
 */
public final class TruncatedInputException extends GoParseException {
    private static final long serialVersionUID = 1L;

    /** The element being read. */
    private final String what;
    /** The bytes it needed. */
    private final long needed;
    /** The bytes that remained, or -1. */
    private final long available;

    TruncatedInputException(String format, long offset, String context, String what, long needed, long available) {
        super(format, offset, context, describe(what, needed, available), null);
        this.what = what;
        this.needed = needed;
        this.available = available;
    }

    private static String describe(String what, long needed, long available) {
        String remain = available < 0 ? "the input ended" : available + (available == 1 ? " remains" : " remain");
        return "truncated input: " + what + " needs " + needed + (needed == 1 ? " byte, " : " bytes, ") + remain;
    }

    /** {@return the element that could not be read completely} */
    public String what() {
        return what;
    }

    /** {@return how many bytes the element needed} */
    public long needed() {
        return needed;
    }

    /** {@return how many bytes remained, or -1 when unknown (a stream that ended)} */
    public long available() {
        return available;
    }

    @Override
    protected TruncatedInputException copy(String newContext) {
        return new TruncatedInputException(format(), offset(), newContext, what, needed, available);
    }
}
