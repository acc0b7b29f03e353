package dev.gopherlens.core;

/**
 * The input declares a version of its format that this library does not read. Made by
 * {@link GoParseException#unsupportedVersion}.
 */
public final class UnsupportedVersionException extends GoParseException {
    private static final long serialVersionUID = 1L;

    /** The version found. */
    private final String found;
    /** The versions read. */
    private final String supported;

    UnsupportedVersionException(String format, long offset, String context, String found, String supported) {
        super(format, offset, context, "unsupported version " + found + " (supported: " + supported + ")", null);
        this.found = found;
        this.supported = supported;
    }

    /** {@return the version the input declares} */
    public String found() {
        return found;
    }

    /** {@return the versions that are read, in words} */
    public String supported() {
        return supported;
    }

    @Override
    protected UnsupportedVersionException copy(String newContext) {
        return new UnsupportedVersionException(format(), offset(), newContext, found, supported);
    }
}
