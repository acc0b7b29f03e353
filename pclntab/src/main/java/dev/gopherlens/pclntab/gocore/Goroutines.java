package dev.gopherlens.pclntab.gocore;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.pclntab.Func;
import dev.gopherlens.pclntab.internal.dwarf.ArrayType;
import dev.gopherlens.pclntab.internal.dwarf.Dwarf;
import dev.gopherlens.pclntab.internal.dwarf.Field;
import dev.gopherlens.pclntab.internal.dwarf.StructType;
import dev.gopherlens.pclntab.internal.dwarf.Type;
import dev.gopherlens.pclntab.internal.dwarf.Variable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Walks {@code runtime.allgs} with the layouts the binary's DWARF gives for its Go version: no offset of
 * {@code runtime.g} or {@code runtime.m} is written here, and the status and wait-reason strings are the binary's
 * own {@code gStatusStrings} and {@code waitReasonStrings}.
 */
final class Goroutines {
    // runtime/runtime2.go: the g status codes, unchanged since Go 1.0 apart from additions; DWARF's constants win.
    static final int G_SYSCALL = 3;
    static final int G_WAITING = 4;
    private static final int G_DEAD = 6;
    private static final int G_SCAN = 0x1000;

    private Goroutines() {
    }

    static List<Goroutine> read(Memory mem, Dwarf dwarf, LoadedCode binary) throws GoParseException {
        StructType g = struct(dwarf, "runtime.g");
        StructType m = struct(dwarf, "runtime.m");
        long goid = g.offsetOf("goid");
        long status = g.offsetOf("atomicstatus");
        long waitreason = g.offsetOf("waitreason");
        long waitsince = g.offsetOf("waitsince");
        long lockedm = g.offsetOf("lockedm");
        long gm = g.offsetOf("m");
        long gopc = g.offsetOf("gopc");
        long parent = g.field("parentGoid").map(Field::offset).orElse(-1L);
        long labelsAt = g.field("labels").map(Field::offset).orElse(-1L);
        Optional<Labels> labels = Labels.of(mem, dwarf);
        long mid = m.offsetOf("id");
        long procid = m.offsetOf("procid");
        int waiting = constant(dwarf, "runtime._Gwaiting", G_WAITING);
        int dead = constant(dwarf, "runtime._Gdead", G_DEAD);
        int scanBit = constant(dwarf, "runtime._Gscan", G_SCAN);
        List<String> statusStrings = strings(mem, dwarf, binary, "runtime.gStatusStrings");
        List<String> waitStrings = strings(mem, dwarf, binary, "runtime.waitReasonStrings");

        Variable allgs = global(dwarf, "runtime.allgs");
        long data = mem.pointer(binary.address(allgs.address()));
        long len = mem.u64(binary.address(allgs.address()) + 8);
        Optional<Variable> allglen = dwarf.global("runtime.allglen");
        if (allglen.isPresent()) {
            len = Math.min(len, mem.u64(binary.address(allglen.get().address())));
        }
        if (len < 0 || len > 1 << 24) {
            throw GoParseException.malformed("core", -1, "runtime.allgs with fewer than 2^24 goroutines, not " + len);
        }
        List<Goroutine> out = new ArrayList<>((int) len);
        for (long i = 0; i < len; i++) {
            long gp = mem.pointer(data + 8 * i);
            if (gp == 0) {
                continue;
            }
            int raw = mem.i32(gp + status);
            boolean scan = (raw & scanBit) != 0;
            raw &= ~scanBit;
            if (raw == dead) {
                continue;
            }
            String text = raw >= 0 && raw < statusStrings.size() ? statusStrings.get(raw) : "???";
            int reason = mem.u8(gp + waitreason);
            if (raw == waiting && reason != 0) {
                text = reason < waitStrings.size() ? waitStrings.get(reason) : "unknown wait reason";
            }
            long mp = mem.pointer(gp + gm);
            OptionalLong mId = mp == 0 ? OptionalLong.empty() : OptionalLong.of(mem.u64(mp + mid));
            long lwp = mp == 0 ? 0 : mem.u64(mp + procid);
            long id = mem.u64(gp + goid);
            long pc = mem.pointer(gp + gopc);
            String creator = "";
            if (id != 1 && pc != 0) {
                Optional<Func> f = binary.funcAt(pc);
                if (f.isPresent()) {
                    creator = f.get().name();
                }
            }
            long parentId = parent >= 0 ? mem.u64(gp + parent) : 0;
            Map<String, String> l = labelsAt >= 0 && labels.isPresent()
                    ? labels.get().read(mem.pointer(gp + labelsAt)) : Map.of();
            out.add(new Goroutine(id, gp, text, raw, scan, mem.u64(gp + waitsince), mem.pointer(gp + lockedm) != 0,
                    mId, mp, lwp, creator, pc, parentId, l));
        }
        return List.copyOf(out);
    }

    private static int constant(Dwarf dwarf, String name, int fallback) throws GoParseException {
        return dwarf.constant(name).map(c -> (int) c.value()).orElse(fallback);
    }

    /** {@return the runtime's struct type of a name, which goroutines and backtraces cannot do without} */
    static StructType struct(Dwarf dwarf, String name) throws GoParseException {
        return dwarf.struct(name).orElseThrow(() -> GoParseException.malformed("DWARF", -1,
                "the runtime's type " + name + " in the binary's DWARF"));
    }

    private static Variable global(Dwarf dwarf, String name) throws GoParseException {
        return dwarf.global(name).orElseThrow(() -> GoParseException.malformed("DWARF", -1,
                "the runtime's variable " + name + " in the binary's DWARF"));
    }

    /** A global {@code [N]string} of the runtime, read from the memory image. */
    private static List<String> strings(Memory mem, Dwarf dwarf, LoadedCode binary, String name) throws GoParseException {
        Variable v = global(dwarf, name);
        Type t = v.type().resolve().underlying();
        if (!(t instanceof ArrayType a)) {
            throw GoParseException.malformed("DWARF", -1, name + " as an array of strings, not " + t.name());
        }
        List<String> out = new ArrayList<>((int) Math.min(a.count(), 4096));
        for (long i = 0; i < a.count() && i < 4096; i++) {
            long header = binary.address(v.address()) + 16 * i;
            long ptr = mem.pointer(header);
            long n = mem.u64(header + 8);
            out.add(ptr == 0 || n == 0 ? "" : mem.goString(ptr, n));
        }
        return out;
    }
}
