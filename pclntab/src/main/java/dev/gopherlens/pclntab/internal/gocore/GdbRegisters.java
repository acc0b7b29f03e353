package dev.gopherlens.pclntab.internal.gocore;

import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Prints general registers as gdb 13's {@code info registers} does, for amd64 and (in {@link #formatArm64}) arm64.
 * On amd64: the name padded to 15 columns, the raw
 * value in hex padded to 20, then the natural value (gdb/amd64-tdep.c and features/i386/64bit-core.xml, gdb 13):
 * {@code rbp}/{@code rsp} as data pointers, {@code rip} as a code pointer with {@code <symbol+offset>}, {@code eflags}
 * as its named flags, the rest as signed decimals ({@code int64}, the segment registers {@code int32}). Stateless.
 */
public final class GdbRegisters {
    /** gdb's order of the general registers (the target description's), not the kernel's. */
    public static final List<String> ORDER = List.of("rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp", "r8",
            "r9", "r10", "r11", "r12", "r13", "r14", "r15", "rip", "eflags", "cs", "ss", "ds", "es", "fs", "gs");
    private static final List<String> SEGMENTS = List.of("cs", "ss", "ds", "es", "fs", "gs");
    /** i386_eflags: the named one-bit fields, by bit. */
    private static final String[] FLAGS = new String[22];

    static {
        String[][] named = {{"0", "CF"}, {"2", "PF"}, {"4", "AF"}, {"6", "ZF"}, {"7", "SF"}, {"8", "TF"}, {"9", "IF"},
                {"10", "DF"}, {"11", "OF"}, {"14", "NT"}, {"16", "RF"}, {"17", "VM"}, {"18", "AC"}, {"19", "VIF"},
                {"20", "VIP"}, {"21", "ID"}};
        for (String[] n : named) {
            FLAGS[Integer.parseInt(n[0])] = n[1];
        }
    }

    private GdbRegisters() {
    }

    /**
     * Formats the registers.
     *
     * @param values    amd64 registers by name
     * @param symbolize a code address to {@code name+offset} (or {@code name} at offset 0), or null when unknown
     * @return one line per register, each ending in a newline
     */
    public static String format(Map<String, Long> values, LongFunction<String> symbolize) {
        StringBuilder sb = new StringBuilder(ORDER.size() * 48);
        for (String name : ORDER) {
            long v = values.get(name);
            String hex = "0x" + Long.toHexString(SEGMENTS.contains(name) || name.equals("eflags") ? v & 0xffff_ffffL
                    : v);
            String natural;
            switch (name) {
                case "rbp", "rsp" -> natural = hex;
                case "rip" -> {
                    String s = symbolize.apply(v);
                    natural = s == null ? hex : hex + " <" + s + ">";
                }
                case "eflags" -> natural = flags(v);
                default -> natural = SEGMENTS.contains(name) ? Integer.toString((int) v) : Long.toString(v);
            }
            sb.append(pad(name, 15)).append(pad(hex, 19)).append(' ').append(natural).append('\n');
        }
        return sb.toString();
    }

    /** gdb's order of the arm64 general registers (features/aarch64-core.xml). */
    public static final List<String> ORDER_ARM64;
    /** aarch64 cpsr_flags, by bit: single bits named, and the two-bit fields EL (2-3) and BTYPE (10-11). */
    private static final String[] CPSR = new String[32];

    static {
        // The note's order, with gdb's name for pstate.
        ORDER_ARM64 = Arm64Layout.INSTANCE.names().stream().map(n -> n.equals("pstate") ? "cpsr" : n).toList();
        String[][] named = {{"0", "SP"}, {"4", "nRW"}, {"6", "F"}, {"7", "I"}, {"8", "A"}, {"9", "D"}, {"12", "SSBS"},
                {"20", "IL"}, {"21", "SS"}, {"22", "PAN"}, {"23", "UAO"}, {"24", "DIT"}, {"25", "TCO"}, {"28", "V"},
                {"29", "C"}, {"30", "Z"}, {"31", "N"}};
        for (String[] f : named) {
            CPSR[Integer.parseInt(f[0])] = f[1];
        }
    }

    /**
     * Formats arm64 registers as gdb 13's {@code info registers} does (features/aarch64-core.xml): {@code x0}-{@code
     * x30} as signed decimals, {@code sp} as a data pointer, {@code pc} as a code pointer with {@code <symbol+offset>},
     * {@code cpsr} (the note's {@code pstate}) as its fields.
     *
     * @param values    arm64 registers by name, {@code pstate} among them
     * @param symbolize a code address to {@code name+offset} (or {@code name} at offset 0), or null when unknown
     * @return one line per register, each ending in a newline
     */
    public static String formatArm64(Map<String, Long> values, LongFunction<String> symbolize) {
        StringBuilder sb = new StringBuilder(ORDER_ARM64.size() * 48);
        for (String name : ORDER_ARM64) {
            long v = values.get(name.equals("cpsr") ? "pstate" : name);
            String hex = "0x" + Long.toHexString(name.equals("cpsr") ? v & 0xffff_ffffL : v);
            String natural;
            switch (name) {
                case "sp" -> natural = hex;
                case "pc" -> {
                    String s = symbolize.apply(v);
                    natural = s == null ? hex : hex + " <" + s + ">";
                }
                case "cpsr" -> natural = cpsr(v);
                default -> natural = Long.toString(v);
            }
            sb.append(pad(name, 15)).append(pad(hex, 19)).append(' ').append(natural).append('\n');
        }
        return sb.toString();
    }

    /** gdb's val_print_type_code_flags for cpsr_flags: the multi-bit fields always, the single bits when set. */
    private static String cpsr(long v) {
        StringBuilder sb = new StringBuilder("[ ");
        for (int bit = 0; bit < 32; bit++) {
            if (bit == 2) {
                sb.append("EL=").append((v >>> 2) & 3).append(' ');
            } else if (bit == 10) {
                sb.append("BTYPE=").append((v >>> 10) & 3).append(' ');
            } else if (CPSR[bit] != null && (v & (1L << bit)) != 0) {
                sb.append(CPSR[bit]).append(' ');
            }
        }
        return sb.append(']').toString();
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    /** gdb's val_print_type_code_flags: {@code [ } each set named flag {@code ]}. */
    private static String flags(long v) {
        StringBuilder sb = new StringBuilder("[ ");
        for (int bit = 0; bit < FLAGS.length; bit++) {
            if (FLAGS[bit] != null && (v & (1L << bit)) != 0) {
                sb.append(FLAGS[bit]).append(' ');
            }
        }
        return sb.append(']').toString();
    }
}
