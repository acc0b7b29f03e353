package dev.gopherlens.pprof;

import java.util.Objects;

/**
 * A function of a profile: its names, source file and first line.
 *
 * @param id         the profile's nonzero id for it
 * @param name       the human-readable name ({@code main.(*server).handle}), may be empty
 * @param systemName the name as the system knows it (a mangled name), may be empty
 * @param filename   the source file, may be empty
 * @param startLine  the line the function starts at, 0 when unknown
 */
public record Function(long id, String name, String systemName, String filename, long startLine) {

    /**
     * Checks the components.
     *
     * @param id         the nonzero id
     * @param name       the human-readable name
     * @param systemName the system name
     * @param filename   the source file
     * @param startLine  the first line
     * @throws NullPointerException     if a string is null
     * @throws IllegalArgumentException if the id is zero
     */
    public Function {
        if (id == 0) {
            throw new IllegalArgumentException("function id must be nonzero");
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(systemName, "systemName");
        Objects.requireNonNull(filename, "filename");
    }

    /** {@return the name, file and start line} */
    @Override
    public String toString() {
        return name + " " + filename + " s=" + startLine;
    }
}
