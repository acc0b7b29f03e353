package dev.gopherlens.pprof;

import java.util.Objects;

/**
 * A label of a sample, as stored: a key with either a string value or a number and its unit. Go's runtime writes
 * {@code pprof.Do} labels as string labels and heap sample sizes as the numeric label {@code bytes}.
 *
 * <p>A label with an empty string, a zero number and no unit carries nothing; google/pprof drops such labels when
 * it reads a profile, and {@link Sample#stringLabels()} and {@link Sample#numericLabels()} skip them, but they are
 * kept here so that writing a profile back loses nothing.
 *
 * @param key     the key
 * @param str     the string value, empty for a numeric label
 * @param num     the numeric value, 0 for a string label
 * @param numUnit the unit of the numeric value ({@code bytes}, {@code requests}), may be empty
 */
public record Label(String key, String str, long num, String numUnit) {

    /**
     * Checks the components.
     *
     * @param key     the key
     * @param str     the string value
     * @param num     the numeric value
     * @param numUnit the unit
     * @throws NullPointerException if a string is null
     */
    public Label {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(str, "str");
        Objects.requireNonNull(numUnit, "numUnit");
    }

    /**
     * Makes a string label.
     *
     * @param key   the key
     * @param value the value
     * @return the label
     */
    public static Label of(String key, String value) {
        return new Label(key, value, 0, "");
    }

    /**
     * Makes a numeric label.
     *
     * @param key   the key
     * @param value the value
     * @param unit  the unit, may be empty
     * @return the label
     */
    public static Label of(String key, long value, String unit) {
        return new Label(key, "", value, unit);
    }

    /** {@return whether this is a string label: its string value is not empty} */
    public boolean isString() {
        return !str.isEmpty();
    }

    /** {@return whether this is a numeric label: no string value, and a nonzero number or a unit} */
    public boolean isNumeric() {
        return str.isEmpty() && (num != 0 || !numUnit.isEmpty());
    }

    /** {@return {@code key=value} or {@code key=num unit}} */
    @Override
    public String toString() {
        if (isString()) {
            return key + "=" + str;
        }
        return key + "=" + num + (numUnit.isEmpty() ? "" : " " + numUnit);
    }
}
