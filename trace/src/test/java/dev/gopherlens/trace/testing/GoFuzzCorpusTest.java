package dev.gopherlens.trace.testing;

import dev.gopherlens.core.testing.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GoFuzzCorpusTest {

    /** SHA-256 and length of each entry's bytes as Go 1.27's strconv.Unquote reads them. */
    private static final Map<String, String> GO = Map.ofEntries(
            Map.entry("0cb1786dee0f090b", "8ce495c2f2b35b7ef420d714db597ede30c351ab9f072e040e95006c34961c14 41"),
            Map.entry("1e45307d5b2ec36d", "2ec3423908185962211983c12c1b82eb96023fe452c8113fcc00feb37191ebf7 27"),
            Map.entry("2b05796f9b2fc48d", "97d839b4eab35972ace7c4a1f42445493c60b34b1e6de39520f2d348ef49d6ea 41"),
            Map.entry("2b9be9aebe08d511", "1a5a31454c868cbb92f85d8d2362b4a7c83a79cb38d789013cce14f708692071 41"),
            Map.entry("344331b314da0b08", "a61d0af19da4f7c4a3c8de96c279ce5f0a07429dcc455eb92608a04dfbb1b38b 90"),
            Map.entry("365d7b5b633b3f97", "67aabeebba9d167de0093eae7c1ad94ab741130d7d363ac25fb47c3ab1c8a7b3 28"),
            Map.entry("4055b17cae1a3443", "a24d60851012c5c751c2afc48f4a90d4909aaeb1f9a52504b1addd82e5ce9bdb 23"),
            Map.entry("4d9ddc909984e871", "b89ba84a475287bf31736ea9d34c27cb4c69727011872baeda7a60968b0b11f1 70"),
            Map.entry("56f073e57903588c", "e7fd6c5fd8da7acd965439666f128ab122ab5ebfb58570c9cdbfbfb6d49a7344 41"),
            Map.entry("9d6ee7d3ddf8d566", "d39f9994922f21c3408993534b305515074333df999b8daf5d01b5529893d002 70"),
            Map.entry("aeb749b6bc317b66", "25879233558be591ce73d060805f8f6e5a64f7bbb7979f2f5c639fe17b1291cd 27"),
            Map.entry("closing-unknown-region", "66e78616904404bf1724a6d96b247b204b82d851916ab5e0296cbcfa6b2a0355 71"),
            Map.entry("d478e18d2d6756b7", "0c33ff34e4d6b922ad88451a7eb6f1f2ee58f6d9f4bc757ebaf6b21c8e2ec0c1 41"),
            Map.entry("d91203cd397aa0bc", "6da40f24689eebe77186c55b489a69ff589dcf8525ef94ef0e9daee47c322a20 27"),
            Map.entry("invalid-proc-state", "a49bca04074352893b579d74006fcf77f2ebec24cc9900cb8113f064e78bc116 66"),
            Map.entry("large-id", "34452dd65b15081db280f415e921e77225a2c0a6e67eea76882d3fadf1c58397 73"),
            Map.entry("malformed-timestamp", "3cd93acaaef462208cc28d8b596fd0f468d28745fa9153f24125e204bccd19cc 68"));

    @Test
    void readsTheCorpusAsGo() throws IOException, NoSuchAlgorithmException {
        Map<String, String> read = new TreeMap<>();
        try (Stream<Path> entries = Files.list(Corpus.file("trace-tests/fuzz"))) {
            for (Path p : entries.toList()) {
                byte[] b = GoFuzzCorpus.read(p);
                read.put(p.getFileName().toString(),
                        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b)) + " " + b.length);
            }
        }
        assertThat(read).isEqualTo(new TreeMap<>(GO));
    }

    @Test
    void readsWhatGoWouldAccept(@TempDir Path dir) throws IOException {
        assertThat(read(dir, "go test fuzz v1\r\n  [] byte ( \"go\\x00\\377é\" )  \n\n"))
                .isEqualTo(new byte[] {'g', 'o', 0, (byte) 0xff, (byte) 0xc3, (byte) 0xa9});
        assertThat(read(dir, "go test fuzz v1\n[]byte(`a\\x)`)")).isEqualTo("a\\x)".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void rejectsOtherEntries(@TempDir Path dir) {
        assertThatThrownBy(() -> read(dir, "go test fuzz v2\n[]byte(\"\")\n")).hasMessageContaining("version");
        assertThatThrownBy(() -> read(dir, "go test fuzz v1\n")).hasMessageContaining("expected one value, found 0");
        assertThatThrownBy(() -> read(dir, "go test fuzz v1\n[]byte(\"\")\nint(1)\n"))
                .hasMessageContaining("expected one value, found 2");
        assertThatThrownBy(() -> read(dir, "go test fuzz v1\nstring(\"a\")\n")).hasMessageContaining("not a []byte");
        assertThatThrownBy(() -> read(dir, "go test fuzz v1\n[]byte(\"\\q\")\n"))
                .hasMessageContaining("not a Go string literal");
    }

    private static byte[] read(Path dir, String content) throws IOException {
        Path p = dir.resolve("entry");
        Files.writeString(p, content);
        return GoFuzzCorpus.read(p);
    }
}
