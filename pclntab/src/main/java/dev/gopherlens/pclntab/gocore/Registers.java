package dev.gopherlens.pclntab.gocore;

import dev.gopherlens.pclntab.internal.gocore.RegisterLayout;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A thread's general registers as the core holds them, by name ({@code rip}, {@code rsp}, {@code rbp}, … on amd64),
 * with the pc, stack pointer and frame pointer by role whatever the machine. Values are raw 64-bit words: segment
 * registers and {@code eflags} as the numbers gdb prints in hex. Immutable and thread-safe.
 */
public final class Registers {
    private final RegisterLayout layout;
    private final long[] values;

    Registers(RegisterLayout layout, long[] values) {
        this.layout = Objects.requireNonNull(layout, "layout");
        if (values.length != layout.names().size()) {
            throw new IllegalArgumentException("expected " + layout.names().size() + " values, got "
                    + values.length);
        }
        this.values = values.clone();
    }

    /** {@return Go's name for the architecture, such as {@code amd64}} */
    public String arch() {
        return layout.arch();
    }

    /** {@return the register names in the order the core stores them} */
    public List<String> names() {
        return layout.names();
    }

    /**
     * Returns a register by name.
     *
     * @param name a name from {@link #names()}, such as {@code rax}
     * @return its value
     * @throws IllegalArgumentException if the machine has no such register
     */
    public long get(String name) {
        int i = layout.names().indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException(layout.arch() + " has no register " + name + "; it has "
                    + layout.names());
        }
        return values[i];
    }

    /**
     * Returns a register by name, if the machine has it.
     *
     * @param name the name
     * @return its value, or empty
     */
    public OptionalLong find(String name) {
        int i = layout.names().indexOf(name);
        return i < 0 ? OptionalLong.empty() : OptionalLong.of(values[i]);
    }

    /** {@return the program counter ({@code rip} on amd64)} */
    public long pc() {
        return values[layout.pcIndex()];
    }

    /** {@return the stack pointer ({@code rsp} on amd64)} */
    public long sp() {
        return values[layout.spIndex()];
    }

    /** {@return the frame pointer ({@code rbp} on amd64)} */
    public long fp() {
        return values[layout.fpIndex()];
    }

    /** {@return every register by name, in the core's order} */
    public Map<String, Long> asMap() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            m.put(layout.names().get(i), values[i]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Registers r && r.layout == layout && Arrays.equals(r.values, values);
    }

    @Override
    public int hashCode() {
        return layout.hashCode() * 31 + Arrays.hashCode(values);
    }

    /** {@return for example {@code rip=0x48e877 rsp=0x303a8d44d320 rbp=0x303a8d44d330 r15=0x6adde8 …}} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(24 * values.length);
        sb.append(layout.names().get(layout.pcIndex())).append("=0x").append(Long.toHexString(pc()));
        sb.append(' ').append(layout.names().get(layout.spIndex())).append("=0x").append(Long.toHexString(sp()));
        sb.append(' ').append(layout.names().get(layout.fpIndex())).append("=0x").append(Long.toHexString(fp()));
        for (int i = 0; i < values.length; i++) {
            if (i != layout.pcIndex() && i != layout.spIndex() && i != layout.fpIndex()) {
                sb.append(' ').append(layout.names().get(i)).append("=0x").append(Long.toHexString(values[i]));
            }
        }
        return sb.toString();
    }
}
