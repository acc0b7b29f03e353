package dev.gopherlens.pprof.internal.legacy;

import dev.gopherlens.core.GoParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-written matchers that replace google/pprof's regular expressions where a backtracking matcher would be
 * slow, checked against those expressions (run by java.util.regex with Go's character classes) on random short
 * lines; and Go's base-0 integer syntax.
 */
class LegacyMatchersTest {
    private static final int ROUNDS = 20_000;

    private static String random(SplittableRandom r, String alphabet, int max) {
        int n = r.nextInt(max + 1);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    @Test
    void javaAttributesAsAttributeRx() {
        Pattern rx = Pattern.compile("([A-Za-z0-9_ ]+)=([A-Za-z0-9_ ]+)");
        SplittableRandom r = new SplittableRandom(1);
        int matched = 0;
        for (int i = 0; i < ROUNDS; i++) {
            String s = random(r, "a_= 1\t@-", 12);
            Matcher m = rx.matcher(s);
            String[] ours = JavaProfiles.attribute(s);
            if (m.find()) {
                matched++;
                assertThat(ours).as(s).containsExactly(m.group(1), m.group(2));
            } else {
                assertThat(ours).as(s).isNull();
            }
        }
        assertThat(matched).isGreaterThan(ROUNDS / 10);
    }

    @Test
    void glogPrefixesAsLogInfoRx() {
        Pattern rx = Pattern.compile("^[^\\[\\]]+:[0-9]+][\\t\\n\\f\\r ]");
        SplittableRandom r = new SplittableRandom(2);
        int matched = 0;
        for (int i = 0; i < ROUNDS; i++) {
            // Half the lines are made to look like a glog prefix, so that both outcomes are common.
            String s = r.nextBoolean() ? random(r, "a:1]2[ \t", 10)
                    : random(r, "a:1 [", 4) + ":" + random(r, "12a", 3) + "]" + random(r, " \ta", 2);
            Matcher m = rx.matcher(s);
            String expected = m.find() ? s.substring(m.end()) : s;
            matched += expected.equals(s) ? 0 : 1;
            assertThat(ProcMaps.removeLoggingInfo(s)).as(s).isEqualTo(expected);
        }
        assertThat(matched).isGreaterThan(ROUNDS / 100);
    }

    @Test
    void addressesAsHexNumberRx() throws GoParseException {
        Pattern rx = Pattern.compile("0x[0-9a-f]+");
        SplittableRandom r = new SplittableRandom(3);
        Text text = new Text("test", "", 0);
        for (int i = 0; i < ROUNDS; i++) {
            String s = random(r, "0x1fF ", 14);
            List<Long> expected = new ArrayList<>();
            Matcher m = rx.matcher(s);
            while (m.find()) {
                expected.add(Long.parseUnsignedLong(m.group().substring(2), 16));
            }
            assertThat(Addresses.parse(text, s)).as(s).isEqualTo(expected);
        }
    }

    @Test
    void trimSpaceRemovesWhatGoCallsSpaceIncludingUnicodeSpacesInUtf8() {
        byte[] utf8 = "\u00a0\u3000 \u000b x\u00e9 \u2028\u0085".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String latin1 = Text.latin1(utf8, 0, utf8.length);
        assertThat(Text.utf8(Text.trimSpace(latin1))).isEqualTo("x\u00e9");
        // A lone continuation byte is no space.
        assertThat(Text.trimSpace("\u00a0x")).isEqualTo("\u00a0x");
    }

    @Test
    void attributeReplacementIsFirstDefinedFirstAndNotRescanned() {
        List<String[]> attrs = List.of(new String[] {"$a", "X$b"}, new String[] {"$ab", "Y"},
                new String[] {"$b", "Z"});
        assertThat(ProcMaps.replace("$ab-$b-$c", attrs)).isEqualTo("X$bb-Z-$c");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "0x1F|31", "017|15", "0b101|5", "0o17|15", "1_000|1000", "0x_1f|31", "0|0", "+5|5", "-12|-12",
            "9223372036854775807|9223372036854775807", "-9223372036854775808|-9223372036854775808",
            "_1|", "1__0|", "1_|", "09|", "0x|", "9223372036854775808|", "''|", "+|", "12a|", "0x1g|"})
    void goBaseZeroIntegers(String text, String expected) {
        GoNumbers n = new GoNumbers();
        long v = n.parseInt(text, 0);
        if (expected == null) {
            assertThat(n.ok).as(text).isFalse();
        } else {
            assertThat(n.ok).as(text).isTrue();
            assertThat(v).isEqualTo(Long.parseLong(expected));
        }
    }

    @Test
    void decimalIntegersRejectUnderscoresAndPrefixes() {
        GoNumbers n = new GoNumbers();
        n.parseInt("1_000", 10);
        assertThat(n.ok).isFalse();
        n.parseInt("0x10", 10);
        assertThat(n.ok).isFalse();
        assertThat(n.parseInt("0010", 10)).isEqualTo(10);
        assertThat(n.ok).isTrue();
        assertThat(n.parseUint("ffffffffffffffff", 16)).isEqualTo(-1L);
        assertThat(n.ok).isTrue();
        n.parseUint("10000000000000000", 16);
        assertThat(n.ok).isFalse();
    }
}
