package dev.gopherlens.pclntab.gocore;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.pclntab.internal.dwarf.Field;
import dev.gopherlens.pclntab.internal.dwarf.GoKind;
import dev.gopherlens.pclntab.internal.dwarf.PointerType;
import dev.gopherlens.pclntab.internal.dwarf.StructType;
import dev.gopherlens.pclntab.internal.dwarf.Type;
import dev.gopherlens.pclntab.internal.gocore.GoSyntax;
import dev.gopherlens.pclntab.internal.gocore.ValueReader;

import java.util.Objects;
import java.util.Optional;

/**
 * A typed value in a core's memory, such as a global variable: where it lies, its Go type, and its text as Go's
 * {@code fmt.Sprintf("%#v", v)} prints it, read from the core (so values changed at run time are the new ones).
 * Navigate with {@link #field(String)} and {@link #deref()}:
 *
 * <pre>{@code
 * GoValue cfg = core.global("main.GlobalConfig").orElseThrow();
 * cfg.toGoSyntax();                                   // main.Config{Name:"gopherlens", ..., Next:(*main.Point)(0xc0000141b0), ...}
 * cfg.field("Next").orElseThrow().deref().orElseThrow().toGoSyntax();   // main.Point{X:3, Y:4}
 * }</pre>
 *
 * <p>Memory is read when asked, not when the value is made, so a value is cheap and its reads can fail: unreadable
 * memory, a malformed runtime structure or a rendering past a million elements (or 64 Mi characters) gives a
 * {@link GoParseException}. Methods such as {@code GoString} cannot run on a dead process; values print as fmt
 * prints a type without them. Immutable and thread-safe.
 */
public final class GoValue {
    private final ValueReader reader;
    private final String expression;
    private final Type type;
    private final long address;

    GoValue(ValueReader reader, String expression, Type type, long address) {
        this.reader = reader;
        this.expression = expression;
        this.type = type;
        this.address = address;
    }

    /** {@return how this value was reached: {@code main.GlobalConfig}, {@code main.GlobalConfig.Next}, {@code *main.GlobalConfig.Next}} */
    public String expression() {
        return expression;
    }

    /** {@return the Go type as {@code reflect.Type.String} prints it ({@code main.Config}, {@code map[string]int})} */
    public String type() {
        return GoSyntax.typeName(type.name());
    }

    /** {@return the address where the value lies, as Go's {@code %p} of a pointer to it prints} */
    public long address() {
        return address;
    }

    /**
     * Returns the value's size in bytes (for a slice, string, map or interface, its header's).
     *
     * @return the size
     * @throws GoParseException if the DWARF gives the type no size
     */
    public long size() throws GoParseException {
        return ValueReader.sizeOf(type);
    }

    /**
     * Renders the value as Go's {@code %#v} does at the top level: a non-nil pointer to a struct, array, slice or
     * map as {@code &T{...}}; pointers inside it by address, {@code (*main.Point)(0xc0000141b0)}.
     *
     * @return the text
     * @throws GoParseException if memory is unreadable, a runtime structure is malformed, or a limit is reached;
     *                          its context names the member that failed ({@code main.GlobalConfig.Tags[2]})
     */
    public String toGoSyntax() throws GoParseException {
        try {
            return reader.format(type, address);
        } catch (GoParseException e) {
            throw e.withContext(expression); // "... in main.GlobalConfig.Tags[2]"
        }
    }

    /**
     * Returns a member of a struct value.
     *
     * @param name the member's name ({@code Next}); an embedded member is named after its type
     * @return the member, or empty when the struct has none of that name
     * @throws GoParseException      if the DWARF is malformed
     * @throws IllegalStateException if this value is not a struct
     */
    public Optional<GoValue> field(String name) throws GoParseException {
        Objects.requireNonNull(name, "name");
        if (!(type.underlying() instanceof StructType s) || ValueReader.kindOf(type) != GoKind.STRUCT) {
            throw new IllegalStateException(expression + " is a " + type() + ", not a struct");
        }
        Optional<Field> f = s.field(name);
        if (f.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new GoValue(reader, expression + "." + name, f.get().type().resolve(),
                address + f.get().offset()));
    }

    /**
     * Follows a pointer value to what it points to.
     *
     * @return the pointed-to value, or empty for a nil pointer
     * @throws GoParseException      if the pointer cannot be read
     * @throws IllegalStateException if this value is not a typed pointer ({@code unsafe.Pointer} has no target type)
     */
    public Optional<GoValue> deref() throws GoParseException {
        if (!(type.underlying() instanceof PointerType p) || p.elem() == null
                || ValueReader.kindOf(type) != GoKind.POINTER) {
            throw new IllegalStateException(expression + " is a " + type() + ", not a typed pointer");
        }
        long target = reader.memory().pointer(address);
        if (target == 0) {
            return Optional.empty();
        }
        return Optional.of(new GoValue(reader, "*" + expression, p.elem().resolve(), target));
    }

    /** {@return for example {@code main.GlobalConfig main.Config @0x61e320}} */
    @Override
    public String toString() {
        return expression + " " + type() + " @0x" + Long.toHexString(address);
    }
}
