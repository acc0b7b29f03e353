package dev.gopherlens.live;

import java.util.Objects;

/**
 * A program counter and the function the service's own runtime named for it ({@code /debug/pprof/symbol}).
 * Immutable.
 *
 * @param pc       the program counter
 * @param function the function's name as {@code runtime.FuncForPC} gives it
 */
public record RemoteSymbol(long pc, String function) {
    /**
     * Checks the name.
     *
     * @param pc       the program counter
     * @param function the function's name, not null
     */
    public RemoteSymbol {
        Objects.requireNonNull(function, "function");
    }

    @Override
    public String toString() {
        return "0x" + Long.toHexString(pc) + " " + function;
    }
}
