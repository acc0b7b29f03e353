package dev.gopherlens.pclntab.internal.gocore;

import java.util.List;

/**
 * linux/amd64: {@code struct user_regs_struct} (arch/x86/include/asm/user_64.h) at offset 112 of the 336-byte
 * {@code struct elf_prstatus}, after the signal info, pids and four {@code timeval}s. Immutable singleton.
 */
final class Amd64Layout implements RegisterLayout {
    static final Amd64Layout INSTANCE = new Amd64Layout();

    /** user_regs_struct, in order. */
    private static final List<String> NAMES = List.of("r15", "r14", "r13", "r12", "rbp", "rbx", "r11", "r10",
            "r9", "r8", "rax", "rcx", "rdx", "rsi", "rdi", "orig_rax", "rip", "cs", "eflags", "rsp", "ss",
            "fs_base", "gs_base", "ds", "es", "fs", "gs");

    private Amd64Layout() {
    }

    @Override
    public String arch() {
        return "amd64";
    }

    @Override
    public int machine() {
        return 62; // EM_X86_64
    }

    @Override
    public List<String> names() {
        return NAMES;
    }

    @Override
    public int prstatusSize() {
        return 112 + 27 * 8;
    }

    @Override
    public int registersOffset() {
        return 112;
    }

    @Override
    public int pcIndex() {
        return 16;
    }

    @Override
    public int spIndex() {
        return 19;
    }

    @Override
    public int fpIndex() {
        return 4;
    }

    @Override
    public String toString() {
        return "amd64 user_regs_struct";
    }
}
