package dev.gopherlens.pclntab.gocore;

import dev.gopherlens.core.GoParseException;

/**
 * A read of process memory that neither the core nor the binary can answer: the address was not mapped, or was
 * mapped but its bytes were not written to the core (a {@code PROT_NONE} reservation, a file other than the
 * binary). The offset is -1, since no byte of the input is at fault; {@link #address()} says where. Immutable.
 */
public final class UnmappedAddressException extends GoParseException {
    private static final long serialVersionUID = 1L;

    /** The first address that could not be read. */
    private final long address;

    /**
     * Makes the exception.
     *
     * @param address the first address that could not be read
     * @param context the context path, empty when none
     * @param reason  why, including the address
     */
    UnmappedAddressException(long address, String context, String reason) {
        super("core", -1, context, reason, null);
        this.address = address;
    }

    /** {@return the first address that could not be read} */
    public long address() {
        return address;
    }

    @Override
    protected UnmappedAddressException copy(String newContext) {
        return new UnmappedAddressException(address, newContext, reason());
    }
}
