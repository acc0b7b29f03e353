package dev.gopherlens.pclntab.gocore;

/**
 * One entry of the auxiliary vector the kernel gave the process ({@code NT_AUXV}). Immutable.
 *
 * @param type  the {@code AT_*} type
 * @param value its value
 */
public record AuxvEntry(long type, long value) {
    /** {@code AT_PHDR}: the address of the program headers. */
    public static final long AT_PHDR = 3;
    /** {@code AT_PAGESZ}: the page size. */
    public static final long AT_PAGESZ = 6;
    /** {@code AT_BASE}: the interpreter's base address. */
    public static final long AT_BASE = 7;
    /** {@code AT_ENTRY}: the program's entry point, load bias included. */
    public static final long AT_ENTRY = 9;
    /** {@code AT_RANDOM}: the address of 16 random bytes. */
    public static final long AT_RANDOM = 25;
    /** {@code AT_EXECFN}: the address of the executed file name. */
    public static final long AT_EXECFN = 31;
    /** {@code AT_SYSINFO_EHDR}: the vDSO's base address. */
    public static final long AT_SYSINFO_EHDR = 33;

    /** {@return the type's name per linux/auxvec.h, such as {@code AT_ENTRY}, or {@code AT_<number>}} */
    public String name() {
        return switch ((int) Math.min(Math.max(type, -1), 100)) {
            case 0 -> "AT_NULL";
            case 2 -> "AT_EXECFD";
            case 3 -> "AT_PHDR";
            case 4 -> "AT_PHENT";
            case 5 -> "AT_PHNUM";
            case 6 -> "AT_PAGESZ";
            case 7 -> "AT_BASE";
            case 8 -> "AT_FLAGS";
            case 9 -> "AT_ENTRY";
            case 11 -> "AT_UID";
            case 12 -> "AT_EUID";
            case 13 -> "AT_GID";
            case 14 -> "AT_EGID";
            case 15 -> "AT_PLATFORM";
            case 16 -> "AT_HWCAP";
            case 17 -> "AT_CLKTCK";
            case 23 -> "AT_SECURE";
            case 24 -> "AT_BASE_PLATFORM";
            case 25 -> "AT_RANDOM";
            case 26 -> "AT_HWCAP2";
            case 27 -> "AT_RSEQ_FEATURE_SIZE";
            case 28 -> "AT_RSEQ_ALIGN";
            case 29 -> "AT_HWCAP3";
            case 30 -> "AT_HWCAP4";
            case 31 -> "AT_EXECFN";
            case 33 -> "AT_SYSINFO_EHDR";
            case 51 -> "AT_MINSIGSTKSZ";
            default -> "AT_" + type;
        };
    }

    /** {@return for example {@code AT_ENTRY 0x48c680}} */
    @Override
    public String toString() {
        return name() + " 0x" + Long.toHexString(value);
    }
}
