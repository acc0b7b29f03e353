package dev.gopherlens.pprof;

import java.util.Objects;

/**
 * What a value measures: a type and a unit, such as {@code cpu/nanoseconds} or {@code alloc_space/bytes}.
 *
 * @param type the kind of value ({@code samples}, {@code cpu}, {@code inuse_space}, …), may be empty
 * @param unit the unit ({@code count}, {@code nanoseconds}, {@code bytes}, …), may be empty
 */
public record ValueType(String type, String unit) {

    /**
     * Checks the components.
     *
     * @param type the kind of value
     * @param unit the unit
     * @throws NullPointerException if either is null
     */
    public ValueType {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(unit, "unit");
    }

    /** {@return {@code type/unit}, as {@code go tool pprof -raw} prints it} */
    @Override
    public String toString() {
        return type + "/" + unit;
    }
}
