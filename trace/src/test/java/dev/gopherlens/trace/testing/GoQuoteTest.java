package dev.gopherlens.trace.testing;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Expected strings are what Go 1.27's strconv.Quote and strconv.Unquote return. */
class GoQuoteTest {

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    @Test
    void quotesTextAsGo() {
        String[][] cases = {{"", "\"\""}, {"hello, world", "\"hello, world\""},
                {"\u0007\b\f\n\r\t\u000b\\\"", "\"\\a\\b\\f\\n\\r\\t\\v\\\\\\\"\""},
                {"'`", "\"'`\""}, {"\u0000\u001f\u007f", "\"\\x00\\x1f\\x7f\""},
                // C1 controls, no-break space, soft hyphen: not printable
                {"\u0080\u0085\u00a0\u00ad", "\"\\u0080\\u0085\\u00a0\\u00ad\""},
                // letters and a combining mark are printed as they are
                {"é日本語\u0301", "\"é日本語\u0301\""},
                // line separator, format characters, private use, a space other than ASCII's, unassigned
                {"\u2028\u200b\ufeff\ue000\u3000\u0378", "\"\\u2028\\u200b\\ufeff\\ue000\\u3000\\u0378\""},
                {"😀\ud834\udd73\udb40\udc01\udbff\udfff\ufffd", "\"😀\\U0001d173\\U000e0001\\U0010ffff\ufffd\""},
                {"\u061c\u2066\ud83c\udffb\u1680 ¡", "\"\\u061c\\u2066\ud83c\udffb\\u1680 ¡\""},
                // Go's string(rune) makes a surrogate U+FFFD
                {"\ud800", "\"\ufffd\""}};
        for (String[] c : cases) {
            assertThat(GoQuote.quote(c[0])).as(c[1]).isEqualTo(c[1]);
        }
    }

    @Test
    void quotesBytesAsGo() {
        String[][] cases = {{"ff", "\"\\xff\""}, {"c3", "\"\\xc3\""},
                // a surrogate, an overlong slash, past U+10FFFF, cut short: byte by byte
                {"eda080", "\"\\xed\\xa0\\x80\""}, {"c0af", "\"\\xc0\\xaf\""},
                {"f4908080", "\"\\xf4\\x90\\x80\\x80\""}, {"e697", "\"\\xe6\\x97\""}, {"61e69762", "\"a\\xe6\\x97b\""},
                {"efbfbd", "\"\ufffd\""}, {"c3a9e697a5", "\"é日\""}, {"f09f9880", "\"😀\""}, {"00", "\"\\x00\""}};
        for (String[] c : cases) {
            assertThat(GoQuote.quote(hex(c[0]))).as(c[0]).isEqualTo(c[1]);
        }
    }

    @Test
    void unquotesAsGo() {
        assertThat(GoQuote.unquote("\"\\x41\\101\\u00e9\\U0001F600\\a\\b\\f\\n\\r\\t\\v\\\\\\\"\""))
                .isEqualTo(hex("4141c3a9f09f988007080c0a0d090b5c22"));
        assertThat(GoQuote.unquote("\"\\377\"")).isEqualTo(hex("ff"));
        assertThat(GoQuote.unquote("\"日本\"")).isEqualTo(hex("e697a5e69cac"));
        assertThat(GoQuote.unquote("\"😀\"")).isEqualTo(hex("f09f9880"));
        assertThat(GoQuote.unquote("\"\"")).isEmpty();
        // raw strings: no escapes, carriage returns dropped
        assertThat(GoQuote.unquote("`a\\nb`")).isEqualTo(hex("615c6e62"));
        assertThat(GoQuote.unquote("`a\r\nb`")).isEqualTo(hex("610a62"));
        for (String bad : List.of("\"\\400\"", "\"\\u00\"", "\"\\uD800\"", "\"\\'\"", "\"a\"b\"", "\"abc",
                "\"a\nb\"", "'a'", "\"\\q\"", "\"\\x4\"", "\"\\U00110000\"", "\"\\UFFFFFFFF\"", "\"\\\"", "\"",
                "`a`b`", "\"\\x١٢\"")) {
            assertThatThrownBy(() -> GoQuote.unquote(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void quoteAndUnquoteAreInverses() {
        for (int b = 0; b < 256; b++) {
            byte[] one = {(byte) b};
            assertThat(GoQuote.unquote(GoQuote.quote(one))).isEqualTo(one);
        }
        for (String s : List.of("é日本語\u0301", "\u2028\u0378😀\udb40\udc01", "\u0007\"\\")) {
            assertThat(new String(GoQuote.unquote(GoQuote.quote(s)), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(s);
        }
    }

    @Test
    void printableIsGosSetAsFarAsJavasUnicodeGoes() {
        assertThat(GoQuote.isPrint(' ')).isTrue();
        assertThat(GoQuote.isPrint('\u00a0')).isFalse();
        assertThat(GoQuote.isPrint('\u00ad')).isFalse();
        assertThat(GoQuote.isPrint('~')).isTrue();
        assertThat(GoQuote.isPrint(0x1F600)).isTrue();
        assertThat(GoQuote.isPrint(0xE000)).isFalse();
    }
}
