package dev.gopherlens.pclntab.internal.dwarf;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.core.LimitExceededException;
import dev.gopherlens.core.UnsupportedVersionException;
import dev.gopherlens.core.testing.Corpus;
import dev.gopherlens.pclntab.Symbol;
import dev.gopherlens.pclntab.internal.Container;
import dev.gopherlens.pclntab.internal.Section;
import dev.gopherlens.pclntab.internal.elf.ElfFile;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.Deflater;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Truncated and corrupted DWARF gives a {@link GoParseException} or answers, never another exception or a hang. */
class MalformedDwarfTest {

    /** Asks a reader everything the conformance tests ask. */
    static void exercise(Map<String, byte[]> sections) throws GoParseException {
        Dwarf d = Dwarf.of(sections, false);
        for (Dwarf.Names k : Dwarf.Names.values()) {
            d.names(k);
        }
        d.constants("runtime._G");
        d.lineAt(0x401000L);
        d.lineAt(0x4a0000L);
        var recurse = d.function("main.recurse");
        if (recurse.isPresent()) {
            for (Local l : recurse.get().locals()) {
                if (l.location() != null) {
                    d.ranges(l.location());
                }
            }
        }
        d.function("runtime.gopark");
        var allgs = d.global("runtime.allgs");
        if (allgs.isPresent() && allgs.get().type() != null) {
            allgs.get().type().resolve().underlying();
        }
        var g = d.type("runtime.g");
        if (g.isPresent() && g.get() instanceof StructType s) {
            for (Field f : s.fields()) {
                if (f.type() != null) {
                    f.type().resolve().underlying();
                }
            }
            s.toString();
        }
    }

    private static Map<String, byte[]> corpusSections() throws IOException {
        byte[] elf = DwarfFixtures.gunzip(Corpus.file("core/go1.27/coregen.gz"));
        return Sections.of(ElfFile.read(ByteBuffer.wrap(elf))).orElseThrow().asMap();
    }

    private static void parsesOrThrowsGoParseException(Map<String, byte[]> sections) {
        try {
            exercise(sections);
        } catch (GoParseException expected) {
            assertThat(expected.getMessage()).contains("dwarf");
        }
    }

    @Test
    void truncatedSectionsOfTheCorpusBinary() throws IOException {
        Map<String, byte[]> whole = corpusSections();
        exercise(whole);
        for (String name : List.of("info", "abbrev", "addr", "line", "loclists")) {
            byte[] b = whole.get(name);
            int step = Math.max(1, b.length / 53);
            for (int cut = 0; cut < b.length; cut += cut < 96 ? 1 : step) {
                Map<String, byte[]> m = new HashMap<>(whole);
                m.put(name, java.util.Arrays.copyOf(b, cut));
                parsesOrThrowsGoParseException(m);
            }
        }
    }

    @Test
    void randomByteFlipsInTheCorpusBinary() throws IOException {
        Map<String, byte[]> whole = corpusSections();
        Random r = new Random(12);
        for (int i = 0; i < 100; i++) {
            String name = i % 4 == 0 ? "abbrev" : i % 4 == 1 ? "line" : "info";
            byte[] b = whole.get(name).clone();
            // The first units (runtime types included) are what the queries read; flip there most.
            int span = i % 2 == 0 ? Math.min(b.length, 4096) : b.length;
            for (int k = 0; k < 1 + r.nextInt(8); k++) {
                b[r.nextInt(span)] = (byte) r.nextInt(256);
            }
            Map<String, byte[]> m = new HashMap<>(whole);
            m.put(name, b);
            parsesOrThrowsGoParseException(m);
        }
    }

    // ---- small hand-made units ----------------------------------------------------------------------------------

    /** Abbreviations: 1 compile unit (children, name), 2 typedef (name, ref4 type), 3 base type (name, size). */
    private static final byte[] ABBREV = {
        1, 0x11, 1, 0x03, 0x08, 0, 0,
        2, 0x16, 0, 0x03, 0x08, 0x49, 0x13, 0, 0,
        3, 0x24, 0, 0x03, 0x08, 0x0b, 0x0b, 0, 0,
        0,
    };

    /** A DWARF 4 unit: root "p", then the given children, then the terminating 0. */
    private static byte[] unit(int version, int addrSize, byte[] children) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(version);
        body.write(0);
        body.writeBytes(new byte[] {0, 0, 0, 0}); // abbrev offset
        body.write(addrSize);
        body.writeBytes(new byte[] {1, 'p', 0});
        body.writeBytes(children);
        body.write(0);
        byte[] b = body.toByteArray();
        ByteBuffer out = ByteBuffer.allocate(4 + b.length).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(b.length).put(b);
        return out.array();
    }

    private static Map<String, byte[]> sections(byte[] info) {
        return Map.of("info", info, "abbrev", ABBREV);
    }

    @Test
    void aSelfReferentialTypedefIsACycleNotAHang() throws GoParseException {
        // offset 11 (4 length + 7 header) is the root, 14 the typedef "T" whose type is itself.
        byte[] info = unit(4, 8, new byte[] {2, 'T', 0, 14, 0, 0, 0});
        Dwarf d = Dwarf.of(sections(info), false);
        Type t = d.type("T").orElseThrow();
        assertThat(t).isInstanceOf(TypedefType.class);
        assertThatThrownBy(t::underlying).isInstanceOf(GoParseException.class).hasMessageContaining("64 links");
        assertThatThrownBy(t::effectiveKind).isInstanceOf(GoParseException.class);
    }

    @Test
    void aReferenceOutsideTheUnitsIsMalformed() throws GoParseException {
        byte[] info = unit(4, 8, new byte[] {2, 'T', 0, (byte) 0xff, 0x7f, 0, 0});
        Dwarf d = Dwarf.of(sections(info), false);
        assertThatThrownBy(() -> d.type("T")).isInstanceOf(GoParseException.class)
                .hasMessageContaining("0x7fff");
    }

    @Test
    void goodTypesResolve() throws GoParseException {
        byte[] info = unit(4, 8, new byte[] {3, 'u', '8', 0, 1, 2, 'T', 0, 14, 0, 0, 0});
        Dwarf d = Dwarf.of(sections(info), false);
        assertThat(d.type("T").orElseThrow().underlying()).isEqualTo(new BaseType("u8", 1, 0, GoKind.INVALID, 14));
        assertThat(d.version()).isEqualTo(4);
        assertThat(d.unitCount()).isEqualTo(1);
    }

    @Test
    void unknownAbbreviationCode() {
        byte[] info = unit(4, 8, new byte[] {9});
        assertThatThrownBy(() -> Dwarf.of(sections(info), false).names(Dwarf.Names.TYPES))
                .isInstanceOf(GoParseException.class).hasMessageContaining("abbreviation code");
    }

    @Test
    void unsupportedVersionAndAddressSize() {
        assertThatThrownBy(() -> Dwarf.of(sections(unit(9, 8, new byte[0])), false))
                .isInstanceOf(UnsupportedVersionException.class);
        assertThatThrownBy(() -> Dwarf.of(sections(unit(4, 3, new byte[0])), false))
                .isInstanceOf(GoParseException.class).hasMessageContaining("address size");
    }

    @Test
    void unitLengthBeyondTheSection() {
        byte[] info = unit(4, 8, new byte[0]);
        info[0] = 0x70;
        assertThatThrownBy(() -> Dwarf.of(sections(info), false)).isInstanceOf(GoParseException.class)
                .hasMessageContaining("offset 0x0");
    }

    @Test
    void childrenThatNeverEndStopAtTheUnitsEnd() throws GoParseException {
        // The root's terminating 0 is cut off: the walk stops at the unit's end, as Go's debug/dwarf does.
        byte[] info = unit(4, 8, new byte[] {3, 'u', 0, 1});
        byte[] cut = java.util.Arrays.copyOf(info, info.length - 1);
        ByteBuffer.wrap(cut).order(ByteOrder.LITTLE_ENDIAN).putInt(0, cut.length - 4);
        Dwarf d = Dwarf.of(sections(cut), false);
        assertThat(d.names(Dwarf.Names.TYPES)).containsExactly("u");
        assertThat(d.type("u").orElseThrow().size()).isEqualTo(1);
    }

    @Test
    void unitsThatEachReReadTheAbbreviationsHitABudgetInsteadOfQuadraticWork() {
        ByteArrayOutputStream abbrev = new ByteArrayOutputStream();
        int[] starts = new int[10000];
        for (int code = 1; code <= starts.length; code++) {
            starts[code - 1] = abbrev.size();
            for (int v = code; ; v >>>= 7) { // ULEB128
                abbrev.write(v >= 0x80 ? (v & 0x7f) | 0x80 : v);
                if (v < 0x80) {
                    break;
                }
            }
            abbrev.writeBytes(new byte[] {0x24, 0, 0, 0});
        }
        abbrev.write(0);
        ByteBuffer info = ByteBuffer.allocate(11 * starts.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int start : starts) {
            info.putInt(7).putShort((short) 4).putInt(start).put((byte) 8);
        }
        Map<String, byte[]> m = Map.of("info", info.array(), "abbrev", abbrev.toByteArray());
        assertThatThrownBy(() -> Dwarf.of(m, false)).isInstanceOf(LimitExceededException.class)
                .hasMessageContaining(".debug_abbrev");
    }

    // ---- compressed sections through a container ----------------------------------------------------------------

    /** A container of named sections laid end to end, for the section reader. */
    private static Container container(Map<String, byte[]> named) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        List<Section> list = new java.util.ArrayList<>();
        for (var e : new java.util.TreeMap<>(named).entrySet()) {
            list.add(new Section(e.getKey(), 0, data.size(), e.getValue().length, e.getValue().length,
                    Section.Kind.OTHER));
            data.writeBytes(e.getValue());
        }
        ByteBuffer all = ByteBuffer.wrap(data.toByteArray());
        return new Container() {
            @Override
            public String format() {
                return "test";
            }

            @Override
            public String goarch() {
                return "amd64";
            }

            @Override
            public ByteOrder order() {
                return ByteOrder.LITTLE_ENDIAN;
            }

            @Override
            public int ptrSize() {
                return 8;
            }

            @Override
            public List<Section> sections() {
                return list;
            }

            @Override
            public List<Symbol> symbols() {
                return List.of();
            }

            @Override
            public ByteBuffer data() {
                return all;
            }
        };
    }

    private static byte[] zdebug(byte[] raw, long claimedSize) {
        Deflater def = new Deflater();
        def.setInput(raw);
        def.finish();
        byte[] buf = new byte[raw.length + 64];
        int n = def.deflate(buf);
        def.end();
        ByteBuffer out = ByteBuffer.allocate(12 + n).order(ByteOrder.BIG_ENDIAN);
        out.put("ZLIB".getBytes(StandardCharsets.US_ASCII)).putLong(claimedSize).put(buf, 0, n);
        return out.array();
    }

    @Test
    void gnuCompressedSectionsDecompress() throws GoParseException {
        byte[] info = unit(4, 8, new byte[] {3, 'u', '8', 0, 1});
        Container c = container(Map.of(".zdebug_info", zdebug(info, info.length), ".debug_abbrev", ABBREV));
        Dwarf d = Dwarf.of(c).orElseThrow();
        assertThat(d.type("u8").orElseThrow().size()).isEqualTo(1);
        assertThat(d.sectionSizes()).containsEntry("info", info.length);
    }

    @Test
    void aCompressedSizeBeyondWhatZlibCanExpandIsRefusedBeforeAllocating() {
        byte[] info = unit(4, 8, new byte[0]);
        Container c = container(Map.of(".zdebug_info", zdebug(info, 1L << 40), ".debug_abbrev", ABBREV));
        assertThatThrownBy(() -> Dwarf.of(c)).isInstanceOf(LimitExceededException.class);
    }

    @Test
    void aShortOrCorruptZlibStream() {
        byte[] info = unit(4, 8, new byte[0]);
        Container longer = container(Map.of(".zdebug_info", zdebug(info, info.length + 10), ".debug_abbrev", ABBREV));
        assertThatThrownBy(() -> Dwarf.of(longer)).isInstanceOf(GoParseException.class)
                .hasMessageContaining("zlib");
        byte[] z = zdebug(info, info.length);
        z[13] ^= 0x55;
        Container corrupt = container(Map.of(".zdebug_info", z, ".debug_abbrev", ABBREV));
        assertThatThrownBy(() -> Dwarf.of(corrupt)).isInstanceOf(GoParseException.class);
    }

    @Test
    void noDebugInfoMeansNoDwarf() throws GoParseException {
        assertThat(Dwarf.of(container(Map.of(".text", new byte[4], ".debug_abbrev", ABBREV)))).isEmpty();
    }
}
