package dev.gopherlens.pclntab.internal.dwarf;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.core.testing.Corpus;
import dev.gopherlens.pclntab.internal.elf.ElfFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conformance on the core corpus binaries: the program's own {@code var NAME ADDRESS VALUE} lines of
 * {@code report.txt} (its {@code &x} and {@code %#v}), the runtime's anchors, and the internal consistency of the
 * runtime's struct layouts.
 */
class DwarfCoreCorpusTest {
    private static final Pattern ARRAY = Pattern.compile("\\[(\\d+)\\][^{]*\\{.*");

    static IntStream versions() {
        return IntStream.of(DwarfGoldenTest.CORE_VERSIONS);
    }

    private static Dwarf open(int v) throws IOException {
        return DwarfFixtures.open(Corpus.file("core/go1." + v + "/coregen.gz")).orElseThrow();
    }

    @ParameterizedTest(name = "go1.{0}")
    @MethodSource("versions")
    void reportGlobalsAreAtTheirAddressesWithFittingTypes(int v) throws IOException {
        Dwarf d = open(v);
        int checked = 0;
        for (String variant : List.of("report.txt", "report-panic.txt")) {
            for (String line : Files.readAllLines(Corpus.file("core/go1." + v + "/" + variant),
                    StandardCharsets.UTF_8)) {
                if (!line.startsWith("var\t")) {
                    continue;
                }
                String[] f = line.split("\t", 4);
                String name = f[1];
                if (name.indexOf('.') != name.lastIndexOf('.')) {
                    continue; // main.GlobalConfig.Next: a heap object the global points at, not a global
                }
                long address = Long.parseUnsignedLong(f[2].substring(2), 16);
                Variable var = d.global(name).orElseThrow(() -> new AssertionError("no global " + name));
                assertThat(var.address()).as(name).isEqualTo(address);
                assertFits(name, var.type().resolve(), f[3]);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(14);
    }

    /** The {@code %#v} text names the type of composite values and shows the kind of the others. */
    private static void assertFits(String name, Type t, String value) throws GoParseException {
        Type u = t.underlying();
        if (value.startsWith("\"")) {
            assertThat(t.effectiveKind()).as(name).isEqualTo(GoKind.STRING);
        } else if (value.matches("-?\\d+")) {
            assertThat(t.effectiveKind()).as(name).isIn(GoKind.INT, GoKind.INT8, GoKind.INT16, GoKind.INT32, GoKind.INT64,
                    GoKind.UINT, GoKind.UINT8, GoKind.UINT16, GoKind.UINT32, GoKind.UINT64, GoKind.UINTPTR);
            assertThat(u).isInstanceOf(BaseType.class);
        } else {
            String typeName = value.substring(0, value.indexOf('{'));
            assertThat(t.name()).as(name).isEqualTo(typeName);
            if (typeName.startsWith("[]")) {
                assertThat(t.effectiveKind()).as(name).isEqualTo(GoKind.SLICE);
                assertThat(((StructType) u).elem().name()).isEqualTo(typeName.substring(2));
            } else if (typeName.startsWith("map[")) {
                assertThat(t.effectiveKind()).as(name).isEqualTo(GoKind.MAP);
                TypedefType m = (TypedefType) t;
                assertThat("map[" + m.key().name() + "]" + m.elem().name()).isEqualTo(typeName);
            } else if (typeName.startsWith("[")) {
                Matcher m = ARRAY.matcher(value);
                assertThat(m.matches()).isTrue();
                ArrayType a = (ArrayType) u;
                assertThat(a.count()).as(name).isEqualTo(Long.parseLong(m.group(1)));
                assertThat(a.size()).isEqualTo(a.count() * a.elem().resolve().underlying().size());
            } else {
                assertThat(t.effectiveKind()).as(name).isEqualTo(GoKind.STRUCT);
                assertThat(u).isInstanceOf(StructType.class);
            }
        }
    }

    @ParameterizedTest(name = "go1.{0}")
    @MethodSource("versions")
    void runtimeAnchors(int v) throws IOException {
        Dwarf d = open(v);
        Variable allgs = d.global("runtime.allgs").orElseThrow();
        assertThat(allgs.type().resolve().effectiveKind()).isEqualTo(GoKind.SLICE);
        assertThat(((StructType) allgs.type().resolve().underlying()).elem().name()).isEqualTo("*runtime.g");
        assertThat(d.global("runtime.allglen").orElseThrow().type().resolve().effectiveKind()).isEqualTo(GoKind.UINTPTR);
        assertThat(d.global("runtime.buildVersion").orElseThrow().type().resolve().effectiveKind()).isEqualTo(GoKind.STRING);
        for (String g : List.of("runtime.allm", "runtime.allp", "runtime.sched", "runtime.firstmoduledata")) {
            assertThat(d.global(g)).as(g).isPresent();
            assertThat(d.global(g).get().address()).as(g).isPositive();
        }
        // The strings arrays are indexed by the enums, so their lengths are the enums' sizes.
        ArrayType reasons = (ArrayType) d.global("runtime.waitReasonStrings").orElseThrow().type().resolve().underlying();
        assertThat(reasons.count()).isEqualTo(d.constants("runtime.waitReason").size());
        assertThat(reasons.elem().name()).isEqualTo("string");
        ArrayType statuses = (ArrayType) d.global("runtime.gStatusStrings").orElseThrow().type().resolve().underlying();
        // The plain statuses (_Gidle … _Gdeadextra), not _GC* phases, _GoidCacheBatch or the _Gscan* bit forms.
        long maxStatus = d.constants("runtime._G").stream()
                .filter(c -> c.name().matches("runtime\\._G[a-z]+(_unused)?")
                        && !c.name().startsWith("runtime._Gscan") && !c.name().startsWith("runtime._Goid"))
                .mapToLong(Constant::value).max().orElseThrow();
        assertThat(statuses.count()).isEqualTo(maxStatus + 1);
        assertThat(d.constant("runtime._Gdead").orElseThrow().value()).isEqualTo(6);
        assertThat(d.constant("runtime._Gscan").orElseThrow().value()).isEqualTo(0x1000);
    }

    @ParameterizedTest(name = "go1.{0}")
    @MethodSource("versions")
    void runtimeGHasWhatATracebackNeeds(int v) throws IOException {
        Dwarf d = open(v);
        StructType g = d.struct("runtime.g").orElseThrow();
        for (String f : List.of("goid", "atomicstatus", "sched", "stack", "waitreason", "m", "labels", "waitsince",
                "lockedm", "gopc", "startpc", "parentGoid", "syscallsp", "syscallpc", "_panic", "_defer")) {
            assertThat(g.field(f)).as(f).isPresent();
        }
        assertThat(g.field("syscallbp").isPresent()).isEqualTo(v >= 23);
        assertThat(g.fieldAt("sched").type().name()).isEqualTo("runtime.gobuf");
        assertThat(g.fieldAt("stack").type().name()).isEqualTo("runtime.stack");
        assertThat(g.fieldAt("m").type().name()).isEqualTo("*runtime.m");
        assertThat(g.offsetOf("sched.sp")).isEqualTo(g.offsetOf("sched") + d.struct("runtime.gobuf").orElseThrow()
                .offsetOf("sp"));
        assertThat(g.offsetOf("sched.pc")).isGreaterThan(g.offsetOf("sched.sp"));
        assertThat(g.offsetOf("sched.bp")).isGreaterThan(g.offsetOf("sched.pc"));
        assertThat(g.offsetOf("stack.hi")).isEqualTo(g.offsetOf("stack.lo") + 8);
        // A cycle resolves lazily: g.m.curg is a *runtime.g again.
        StructType m = (StructType) ((PointerType) g.fieldAt("m").type().resolve()).elem().resolve().underlying();
        assertThat(m.name()).isEqualTo("runtime.m");
        assertThat(m.fieldAt("curg").type().name()).isEqualTo("*runtime.g");
        assertThat(m.fieldAt("g0").type().resolve()).isInstanceOf(PointerType.class);
    }

    @ParameterizedTest(name = "go1.{0}")
    @MethodSource("versions")
    void runtimeLayoutsAreConsistent(int v) throws IOException {
        Dwarf d = open(v);
        for (String name : List.of("runtime.g", "runtime.m", "runtime.p", "runtime.gobuf", "runtime.stack",
                "runtime._panic", "runtime._defer", "runtime.schedt", "runtime.moduledata", "runtime.sudog",
                "runtime.hchan", "internal/abi.Type", "main.Config", "runtime.eface", "runtime.iface")) {
            StructType s = d.struct(name).orElseThrow(() -> new AssertionError("no struct " + name));
            long end = 0;
            long align = 1;
            for (Field f : s.fields()) {
                Type ft = f.type().resolve().underlying();
                long size = ft.size();
                assertThat(size).as("%s.%s size", name, f.name()).isNotNegative();
                assertThat(f.offset()).as("%s.%s does not overlap the field before", name, f.name())
                        .isGreaterThanOrEqualTo(end);
                end = f.offset() + size;
                align = Math.max(align, alignment(ft));
                assertThat(f.offset() % alignment(ft)).as("%s.%s aligned", name, f.name()).isZero();
            }
            assertThat(end).as("%s fields fit", name).isLessThanOrEqualTo(s.size());
            assertThat(s.size() % align).as("%s size is a multiple of its alignment", name).isZero();
        }
    }

    /** Go's amd64 alignment: a scalar's size up to 8, a struct's or array's largest member alignment. */
    private static long alignment(Type t) throws GoParseException {
        Type u = t.underlying();
        if (u instanceof StructType s) {
            long a = 1;
            for (Field f : s.fields()) {
                a = Math.max(a, alignment(f.type().resolve()));
            }
            return a;
        }
        if (u instanceof ArrayType a) {
            return alignment(a.elem().resolve());
        }
        long size = u.size();
        if (u.kind() == GoKind.COMPLEX128 || u.kind() == GoKind.COMPLEX64) {
            size /= 2;
        }
        return size <= 0 ? 1 : Math.min(size, 8);
    }

    /**
     * {@code DW_AT_go_runtime_type} leads to the runtime's own type descriptor in the binary's rodata, read here with
     * DWARF layouts only ({@code runtime.moduledata.types}, {@code internal/abi.Type.Str} and {@code TFlag}): its
     * name is the DWARF name, the round trip a value printer makes for an interface's dynamic type.
     */
    @ParameterizedTest(name = "go1.{0}")
    @MethodSource("versions")
    void runtimeTypeDescriptorsNameTheirDwarfTypes(int v) throws IOException {
        ElfFile elf = ElfFile.read(ByteBuffer.wrap(DwarfFixtures.gunzip(Corpus.file("core/go1." + v
                + "/coregen.gz"))));
        Dwarf d = Dwarf.of(elf).orElseThrow();
        long moduledata = d.global("runtime.firstmoduledata").orElseThrow().address();
        long types = elf.pointer(moduledata + d.struct("runtime.moduledata").orElseThrow().offsetOf("types"));
        StructType abiType = d.struct("internal/abi.Type").orElseThrow();
        int checked = 0;
        for (String name : List.of("main.Config", "main.Point", "runtime.g", "error", "interface {}", "[]string",
                "map[string]int", "*main.Point")) {
            Type t = d.type(name).orElseThrow();
            long rt = d.runtimeTypeOffset(t).orElseThrow();
            assertThat(rt).as(name).isPositive();
            assertThat(d.typeForRuntimeType(rt).orElseThrow().name()).isEqualTo(name);
            long descriptor = types + rt;
            int tflag = elf.at(descriptor + abiType.offsetOf("TFlag"), 1).get(0) & 0xff;
            int str = elf.at(descriptor + abiType.offsetOf("Str"), 4).getInt(0);
            String runtimeName = runtimeName(elf, types + str);
            if ((tflag & 0x2) != 0) { // abi.TFlagExtraStar: the name is stored with a leading '*'
                runtimeName = runtimeName.substring(1);
            }
            assertThat(runtimeName).as(name).isEqualTo(name);
            checked++;
        }
        assertThat(checked).isEqualTo(8);
    }

    /** internal/abi/type.go (Go 1.21–1.27) {@code Name}: a flags byte, a uvarint length, then the bytes. */
    private static String runtimeName(ElfFile elf, long address) throws GoParseException {
        ByteBuffer b = elf.at(address, 12);
        int len = 0;
        int i = 1;
        for (int shift = 0; ; shift += 7) {
            int c = b.get(i++) & 0xff;
            len |= (c & 0x7f) << shift;
            if (c < 0x80) {
                break;
            }
        }
        byte[] bytes = new byte[len];
        elf.at(address + i, len).get(0, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The synthesized map types a map reader walks: hash buckets up to 1.23, Swiss tables from 1.24. */
    @ParameterizedTest(name = "go1.{0}")
    @MethodSource("versions")
    void mapTypesLeadToBucketsOrGroups(int v) throws IOException {
        Dwarf d = open(v);
        TypedefType map = d.typedef("map[string]int").orElseThrow();
        assertThat(map.kind()).isEqualTo(GoKind.MAP);
        assertThat(map.key().name()).isEqualTo("string");
        assertThat(map.elem().name()).isEqualTo("int");
        StructType header = (StructType) ((PointerType) map.target().resolve()).elem().resolve().underlying();
        if (v <= 23) {
            assertThat(header.name()).isEqualTo("hash<string,int>");
            assertThat(header.field("count")).isPresent();
            StructType bucket = (StructType) ((PointerType) header.fieldAt("buckets").type().resolve()).elem()
                    .resolve().underlying();
            assertThat(bucket.name()).isEqualTo("bucket<string,int>");
            ArrayType keys = (ArrayType) bucket.fieldAt("keys").type().resolve().underlying();
            assertThat(keys.count()).isEqualTo(8);
            assertThat(keys.elem().name()).isEqualTo("string");
            assertThat(bucket.offsetOf("keys")).isEqualTo(8);
            assertThat(bucket.offsetOf("values")).isEqualTo(8 + 8 * 16);
        } else {
            assertThat(header.name()).isEqualTo("map<string,int>");
            assertThat(header.field("used")).isPresent();
            assertThat(header.fieldAt("dirPtr").type().name()).isEqualTo("**table<string,int>");
            StructType table = d.struct("table<string,int>").orElseThrow();
            StructType group = (StructType) ((PointerType) table.fieldAt("groups.data").type().resolve()).elem()
                    .resolve().underlying();
            assertThat(group.name()).isEqualTo("noalg.map.group[string]int");
            assertThat(group.offsetOf("ctrl")).isZero();
            ArrayType slots = (ArrayType) group.fieldAt("slots").type().resolve().underlying();
            assertThat(slots.count()).isEqualTo(8);
            StructType slot = (StructType) slots.elem().resolve().underlying();
            assertThat(slot.offsetOf("elem")).isEqualTo(16);
            assertThat(group.size()).isEqualTo(8 + 8 * slot.size());
        }
    }

    /** The stack bounds and gobuf prefix did not move in 1.21–1.27; goid did, and the reader follows. */
    @Test
    void offsetsAgreeAcrossVersionsWhereTheStructPrefixIsUnchanged() throws IOException {
        Map<Integer, List<Long>> byVersion = new TreeMap<>();
        for (int v : DwarfGoldenTest.CORE_VERSIONS) {
            StructType g = open(v).struct("runtime.g").orElseThrow();
            byVersion.put(v, List.of(g.offsetOf("stack.lo"), g.offsetOf("stack.hi"), g.offsetOf("m"),
                    g.offsetOf("sched"), g.offsetOf("sched.sp"), g.offsetOf("sched.pc")));
        }
        assertThat(new ArrayList<>(byVersion.values())).as(byVersion.toString()).allMatch(
                l -> l.equals(byVersion.get(21)));
    }
}
