package dev.gopherlens.pclntab.internal.gocore;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Numbers, strings and map key order against Go's own fmt: gosyntax/gosyntax.golden was written by
 * gosyntax/main.go (Go 1.27) and holds each input's bits or bytes next to what {@code %#v} printed for it, including
 * hundreds of random float64 and float32 bit patterns and random byte strings.
 */
class GoSyntaxTest {
    private static final Pattern INDEX = Pattern.compile(":(\\d+)[,}]");

    private static List<String[]> golden(String kind) throws IOException {
        List<String[]> out = new ArrayList<>();
        try (InputStream in = GoSyntaxTest.class.getResourceAsStream("gosyntax/gosyntax.golden")) {
            assertThat(in).as("gosyntax.golden").isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] f = line.split("\t", 3);
                if (f[0].equals(kind)) {
                    out.add(f);
                }
            }
        }
        assertThat(out).as(kind + " lines").isNotEmpty();
        return out;
    }

    @Test
    void float64PrintsAsGo() throws IOException {
        List<String[]> lines = golden("float64");
        assertThat(lines).hasSizeGreaterThan(400);
        for (String[] f : lines) {
            double v = Double.longBitsToDouble(Long.parseUnsignedLong(f[1], 16));
            assertThat(GoSyntax.float64(v)).as(f[1]).isEqualTo(f[2]);
        }
    }

    @Test
    void float32PrintsAsGo() throws IOException {
        List<String[]> lines = golden("float32");
        assertThat(lines).hasSizeGreaterThan(200);
        for (String[] f : lines) {
            float v = Float.intBitsToFloat(Integer.parseUnsignedInt(f[1], 16));
            assertThat(GoSyntax.float32(v)).as(f[1]).isEqualTo(f[2]);
        }
    }

    @Test
    void complexPrintsAsGo() throws IOException {
        for (String[] f : golden("complex128")) {
            String[] parts = f[1].split(" ");
            double re = Double.longBitsToDouble(Long.parseUnsignedLong(parts[0], 16));
            double im = Double.longBitsToDouble(Long.parseUnsignedLong(parts[1], 16));
            assertThat(GoSyntax.complex(re, im, false)).as(f[1]).isEqualTo(f[2]);
        }
        for (String[] f : golden("complex64")) {
            String[] parts = f[1].split(" ");
            float re = Float.intBitsToFloat(Integer.parseUnsignedInt(parts[0], 16));
            float im = Float.intBitsToFloat(Integer.parseUnsignedInt(parts[1], 16));
            assertThat(GoSyntax.complex(re, im, true)).as(f[1]).isEqualTo(f[2]);
        }
    }

    @Test
    void stringsQuoteAsGo() throws IOException {
        List<String[]> lines = golden("string");
        assertThat(lines).hasSizeGreaterThan(100);
        for (String[] f : lines) {
            assertThat(GoSyntax.quote(HexFormat.of().parseHex(f[1]))).as(f[1]).isEqualTo(f[2]);
        }
    }

    /** The values of fmt's {@code map[K]int{k:i, ...}} line: the inputs' indexes in the order fmt printed them. */
    private static List<Integer> printedOrder(String map) {
        List<Integer> out = new ArrayList<>();
        Matcher m = INDEX.matcher(map);
        while (m.find()) {
            out.add(Integer.parseInt(m.group(1)));
        }
        return out;
    }

    private static <T> List<Integer> sortedOrder(List<T> keys, Comparator<T> order) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            idx.add(i);
        }
        idx.sort((a, b) -> order.compare(keys.get(a), keys.get(b)));
        return idx;
    }

    @Test
    void mapKeysSortAsFmtsort() throws IOException {
        String[] f = golden("floatorder").get(0);
        List<Double> floats = new ArrayList<>();
        for (String bits : f[1].split(",")) {
            floats.add(Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16)));
        }
        assertThat(sortedOrder(floats, KeyOrder::floats)).isEqualTo(printedOrder(f[2])).hasSize(floats.size());
        // The keys themselves print as %#v prints floats.
        StringBuilder sb = new StringBuilder("map[float64]int{");
        List<Integer> order = printedOrder(f[2]);
        for (int i = 0; i < order.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(GoSyntax.float64(floats.get(order.get(i)))).append(':')
                    .append(order.get(i));
        }
        assertThat(sb.append('}').toString()).isEqualTo(f[2]);

        String[] s = golden("stringorder").get(0);
        List<byte[]> strings = new ArrayList<>();
        for (String hex : s[1].split(",", -1)) {
            strings.add(HexFormat.of().parseHex(hex));
        }
        assertThat(sortedOrder(strings, KeyOrder::strings)).isEqualTo(printedOrder(s[2])).hasSize(strings.size());

        String[] i = golden("intorder").get(0);
        String[] u = golden("uintorder").get(0);
        List<Long> ints = new ArrayList<>();
        for (String bits : i[1].split(",")) {
            ints.add(Long.parseUnsignedLong(bits, 16));
        }
        assertThat(sortedOrder(ints, Long::compare)).isEqualTo(printedOrder(i[2]));
        assertThat(sortedOrder(ints, Long::compareUnsigned)).isEqualTo(printedOrder(u[2]));
        // Unsigned integers print in hex under %#v, signed ones in decimal.
        assertThat(u[2]).contains(GoSyntax.hex(-1L) + ":1");
    }

    @Test
    void typeNamesDropImportPaths() {
        // cmd/link writes a type's DWARF name with its package's import path; reflect prints the package name.
        assertThat(GoSyntax.typeName("main.Config")).isEqualTo("main.Config");
        assertThat(GoSyntax.typeName("map[string]*net/http.Client")).isEqualTo("map[string]*http.Client");
        assertThat(GoSyntax.typeName("internal/runtime/maps.Map")).isEqualTo("maps.Map");
        assertThat(GoSyntax.typeName("func(*example.com/a-b/c.T, []golang.org/x/y.Z) error"))
                .isEqualTo("func(*c.T, []y.Z) error");
        // Go 1.27's linker names struct{ a int; B string } with a qualified unexported field; fmt prints it bare.
        assertThat(GoSyntax.typeName("struct { main.a int; B string }")).isEqualTo("struct { a int; B string }");
        assertThat(GoSyntax.typeName("struct { example.com/p.x *net/http.Client; main.T }"))
                .isEqualTo("struct { x *http.Client; main.T }");
    }
}
