package dev.gopherlens.pclntab.internal.dwarf;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.pclntab.internal.elf.ElfFile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Opening corpus binaries, and the line dump that {@code src/test/fixtures/dwarf/oracle} prints with Go's debug/dwarf. */
final class DwarfFixtures {
    static final Path DIR = Path.of("src/test/fixtures/dwarf");

    /** The oracle's type list (oracle/main.go {@code typeNames}), in its order. */
    static final List<String> TYPE_NAMES = List.of(
            "runtime.g", "runtime.m", "runtime.p", "runtime.stack", "runtime.gobuf", "runtime._panic", "runtime._defer",
            "runtime.hmap", "runtime.bmap", "internal/runtime/maps.Map", "internal/runtime/maps.table",
            "internal/runtime/maps.groupsReference", "internal/abi.Type", "internal/abi.ITab", "runtime.itab",
            "runtime.moduledata", "runtime.sudog", "runtime.hchan", "runtime.eface", "runtime.iface", "runtime.schedt",
            "runtime.waitReason", "runtime.guintptr", "runtime.muintptr", "string", "[]*runtime.g", "[]string",
            "unsafe.Pointer", "main.Config", "main.Point", "map[string]int", "map[int32]string", "error",
            "interface {}");

    /** The oracle's function list (oracle/main.go {@code funcNames}). */
    static final List<String> FUNC_NAMES = List.of("main.main", "main.recurse", "runtime.gopark", "runtime.goexit",
            "runtime.mstart", "runtime.newproc", "runtime.schedule");

    private DwarfFixtures() {
    }

    static byte[] gunzip(Path p) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
            return in.readAllBytes();
        }
    }

    static Optional<Dwarf> open(Path gz) throws IOException {
        return Dwarf.of(ElfFile.read(ByteBuffer.wrap(gunzip(gz))));
    }

    /** Dumps what the oracle dumps, sorted the same way. */
    static List<String> dump(Dwarf d) throws GoParseException {
        List<String> out = new ArrayList<>();
        out.add("units " + d.unitCount());
        for (Dwarf.Names k : Dwarf.Names.values()) {
            out.add("count " + k.name().toLowerCase(java.util.Locale.ROOT) + " " + d.names(k).size());
        }
        for (String n : d.names(Dwarf.Names.VARIABLES)) {
            if (n.startsWith("main.") || n.startsWith("runtime.")) {
                Variable v = d.global(n).orElseThrow();
                out.add("var " + n + " 0x" + (v.address() < 0 ? "-1" : Long.toHexString(v.address())) + " "
                        + name(v.type()));
            }
        }
        for (String n : d.names(Dwarf.Names.CONSTANTS)) {
            if (n.startsWith("runtime._G") || n.startsWith("runtime.waitReason")) {
                out.add("const " + n + " " + d.constant(n).orElseThrow().value());
            }
        }
        for (String n : TYPE_NAMES) {
            Optional<Type> o = d.type(n);
            if (o.isEmpty()) {
                continue;
            }
            Type t = o.get();
            // The oracle prints the raw DW_AT_byte_size, which Go never writes on pointers.
            long size = t instanceof PointerType ? -1 : t.size();
            TypeRef target = null;
            if (t instanceof TypedefType x) {
                target = x.target();
            } else if (t instanceof PointerType x) {
                target = x.elem();
            } else if (t instanceof ArrayType x) {
                target = x.elem();
            }
            out.add("type " + n + " tag=" + tagName(t) + " kind=" + (t.kind() == GoKind.INVALID ? -1 : t.kind().ordinal())
                    + " size=" + size + " target=" + name(target));
            java.util.OptionalLong rt = d.runtimeTypeOffset(t);
            if (rt.isPresent()) {
                out.add("rtype " + n + " 0x" + Long.toHexString(rt.getAsLong()));
                if (rt.getAsLong() > 0) {
                    assertThat(d.typeForRuntimeType(rt.getAsLong()).orElseThrow().offset()).as(n)
                            .isEqualTo(t.offset());
                }
            }
            if (t instanceof StructType s) {
                for (Field f : s.fields()) {
                    out.add("field " + n + "." + f.name() + " " + f.offset() + " " + name(f.type())
                            + (f.embedded() ? " embedded" : ""));
                }
            }
        }
        for (String n : FUNC_NAMES) {
            Optional<Function> o = d.function(n);
            if (o.isEmpty()) {
                continue;
            }
            Function f = o.get();
            out.add("func " + n + " 0x" + Long.toHexString(f.lowPc()) + " 0x" + Long.toHexString(f.highPc()));
            for (Local l : f.locals()) {
                out.add("local " + n + " " + (l.parameter() ? "param " : "var ") + l.name() + " " + name(l.type()));
            }
        }
        out.sort(null);
        return out;
    }

    private static String name(TypeRef r) {
        if (r == null) {
            return "-";
        }
        return r.name().isEmpty() ? "<anonymous>" : r.name();
    }

    /** Go's debug/dwarf {@code Tag.String()} for the type tags. */
    private static String tagName(Type t) {
        if (t instanceof BaseType) {
            return "BaseType";
        } else if (t instanceof PointerType) {
            return "PointerType";
        } else if (t instanceof StructType) {
            return "StructType";
        } else if (t instanceof ArrayType) {
            return "ArrayType";
        } else if (t instanceof TypedefType) {
            return "Typedef";
        } else if (t instanceof FuncType) {
            return "SubroutineType";
        }
        OtherType x = (OtherType) t;
        return x.tag() == 0x3b ? "UnspecifiedType" : "Tag(" + x.tag() + ")";
    }
}
