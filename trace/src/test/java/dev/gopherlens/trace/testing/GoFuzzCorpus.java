package dev.gopherlens.trace.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An entry of a Go fuzz corpus ({@code testdata/fuzz/FuzzX/NAME}) holding one {@code []byte} value, as Go's
 * {@code internal/fuzz} writes it: the line {@code go test fuzz v1}, then {@code []byte("...")} with the bytes as
 * a Go string literal.
 */
public final class GoFuzzCorpus {
    private static final String VERSION = "go test fuzz v1";
    // Go parses the value as an expression, so spaces between the tokens are allowed.
    private static final Pattern BYTES = Pattern.compile("\\[\\s*]\\s*byte\\s*\\(\\s*(.+?)\\s*\\)");

    private GoFuzzCorpus() {
    }

    /**
     * Reads the bytes of a one-value {@code []byte} corpus entry.
     *
     * @param path the entry
     * @return the bytes
     * @throws IOException if the file cannot be read, or is not UTF-8
     * @throws IllegalArgumentException if it is not such an entry
     */
    public static byte[] read(Path path) throws IOException {
        String[] lines = Files.readString(path).split("\n", -1);
        if (!lines[0].replaceFirst("\r$", "").equals(VERSION)) {
            throw new IllegalArgumentException(path.getFileName() + ": unknown encoding version: " + lines[0]);
        }
        List<String> values = Arrays.stream(lines).skip(1).map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (values.size() != 1) {
            throw new IllegalArgumentException(path.getFileName() + ": expected one value, found " + values.size());
        }
        Matcher m = BYTES.matcher(values.get(0));
        if (!m.matches()) {
            throw new IllegalArgumentException(path.getFileName() + ": not a []byte value: " + values.get(0));
        }
        return GoQuote.unquote(m.group(1));
    }
}
