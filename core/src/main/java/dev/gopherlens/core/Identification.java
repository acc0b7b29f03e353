package dev.gopherlens.core;

import java.util.Objects;

/**
 * What {@link Inputs#identify} found an input to be.
 *
 * @param format      the format
 * @param compression the compression around it, {@link Compression#NONE} when none
 * @param version     the format's version where the input declares one ({@code "1.22"} for a Go 1.22 trace),
 *                    else empty
 * @param detail      more about it in words ({@code "ELF64 little-endian x86-64 executable"}), or empty
 */
public record Identification(Format format, Compression compression, String version, String detail) {

    /**
     * Checks the components.
     *
     * @param format      the format
     * @param compression the compression around it
     * @param version     the format's version, or empty
     * @param detail      more about it in words, or empty
     * @throws NullPointerException if one is null
     */
    public Identification {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(detail, "detail");
    }

    /** {@return for example {@code Go execution trace, version 1.22 (gzip)}} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(format.description());
        if (!version.isEmpty()) {
            sb.append(", version ").append(version);
        }
        if (!detail.isEmpty()) {
            sb.append(": ").append(detail);
        }
        if (compression != Compression.NONE) {
            sb.append(" (").append(compression.name().toLowerCase(java.util.Locale.ROOT)).append(')');
        }
        return sb.toString();
    }
}
