package dev.gopherlens.pclntab.internal.gocore;

import java.util.List;

/**
 * linux/arm64: {@code struct user_pt_regs} (arch/arm64/include/uapi/asm/ptrace.h; x/sys/unix
 * ztypes_linux_arm64.go {@code PtraceRegs}: x0–x30, sp, pc, pstate) at offset 112 of {@code struct elf_prstatus},
 * the same generic prefix as on amd64. The frame pointer is x29. Checked against a synthetic core and against cores
 * qemu-aarch64 wrote of a crashing Go program (the corpus has no arm64 cores). Immutable singleton.
 */
final class Arm64Layout implements RegisterLayout {
    static final Arm64Layout INSTANCE = new Arm64Layout();

    private static final List<String> NAMES;

    static {
        String[] n = new String[34];
        for (int i = 0; i < 31; i++) {
            n[i] = "x" + i;
        }
        n[31] = "sp";
        n[32] = "pc";
        n[33] = "pstate";
        NAMES = List.of(n);
    }

    private Arm64Layout() {
    }

    @Override
    public String arch() {
        return "arm64";
    }

    @Override
    public int machine() {
        return 183; // EM_AARCH64
    }

    @Override
    public List<String> names() {
        return NAMES;
    }

    @Override
    public int prstatusSize() {
        return 112 + 34 * 8;
    }

    @Override
    public int registersOffset() {
        return 112;
    }

    @Override
    public int pcIndex() {
        return 32;
    }

    @Override
    public int spIndex() {
        return 31;
    }

    @Override
    public int fpIndex() {
        return 29;
    }

    @Override
    public String toString() {
        return "arm64 user_pt_regs";
    }
}
