package dev.gopherlens.pprof;

import dev.gopherlens.core.Frame;

import java.util.ArrayList;
import java.util.List;

/**
 * A program location of a profile: an address, the mapping it lies in, and its source lines, innermost inlined
 * function first.
 *
 * @param id       the profile's nonzero id for it
 * @param mapping  the mapping, or null when unknown
 * @param address  the instruction address, 0 when unknown
 * @param lines    the source lines, innermost first; copied
 * @param isFolded whether several symbols share this address (identical code folding)
 */
public record Location(long id, Mapping mapping, long address, List<Line> lines, boolean isFolded) {

    /**
     * Checks the components and copies the lines.
     *
     * @param id       the nonzero id
     * @param mapping  the mapping, or null
     * @param address  the instruction address
     * @param lines    the source lines, innermost first
     * @param isFolded whether several symbols share the address
     * @throws NullPointerException     if lines is null or holds a null
     * @throws IllegalArgumentException if the id is zero
     */
    public Location {
        if (id == 0) {
            throw new IllegalArgumentException("location id must be nonzero");
        }
        lines = List.copyOf(lines);
    }

    /**
     * Returns this location as code-location frames, innermost first: one per line, all with this address.
     *
     * @return the frames; one frame without a function when there are no lines
     */
    public List<Frame> frames() {
        if (lines.isEmpty()) {
            return List.of(new Frame("", "", 0, address));
        }
        List<Frame> frames = new ArrayList<>(lines.size());
        for (Line l : lines) {
            Function f = l.function();
            frames.add(new Frame(f == null ? "" : f.name(), f == null ? "" : f.filename(),
                    (int) Math.max(0, Math.min(Integer.MAX_VALUE, l.line())), address));
        }
        return List.copyOf(frames);
    }

    /** {@return the id, address and lines} */
    @Override
    public String toString() {
        return id + ": 0x" + Long.toHexString(address) + " " + lines;
    }
}
