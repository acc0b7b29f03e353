package dev.gopherlens.core.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The conformance corpus: what the Go runtime and toolchain wrote, one folder per Go version. Conformance tests in
 * every module start here.
 *
 * <p>The corpus is {@code ../shared/corpus} beside the repository, or the folder the system property
 * {@value #PROPERTY} names ({@code mvn verify -Dgopherlens.corpus=DIR}). When it is missing, a test that asks for
 * it fails with a clear message under {@code CI=true} and is skipped elsewhere.
 */
public final class Corpus {
    /** The system property that points at the corpus. */
    public static final String PROPERTY = "gopherlens.corpus";

    private static final Pattern VERSION_DIR = Pattern.compile("go1\\.(\\d+)");

    private Corpus() {
    }

    /** A Go toolchain's folder of the corpus. */
    public record GoVersion(int minor, Path dir) {
        /** {@return the folder's name, such as {@code go1.22}} */
        public String name() {
            return "go1." + minor;
        }

        /**
         * Resolves a file of this version.
         *
         * @param relative a path such as {@code data/cpu.pprof}
         * @return the path
         */
        public Path file(String relative) {
            return dir.resolve(relative);
        }

        @Override
        public String toString() {
            return name();
        }
    }

    /**
     * Finds the corpus without judging: the property's folder, else {@code ../shared/corpus} beside the
     * repository that contains the working directory.
     *
     * @return the folder, which may not exist
     */
    public static Path location() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve(".ci")) || Files.isRegularFile(d.resolve("core/pom.xml"))) {
                return d.resolveSibling("shared").resolve("corpus").normalize();
            }
        }
        return dir.resolveSibling("shared").resolve("corpus").normalize();
    }

    /**
     * Returns the corpus folder, or ends the calling test: a failure under {@code CI=true}, a skip elsewhere.
     *
     * @return the corpus folder, which exists
     */
    public static Path root() {
        Path root = location();
        if (!Files.isDirectory(root)) {
            String message = "conformance corpus not found at " + root
                    + "; put the shared folder beside the repository or pass -D" + PROPERTY + "=DIR";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(message);
            }
            Assumptions.abort(message);
        }
        return root;
    }

    /**
     * Resolves a path in the corpus, ending the test as {@link #root()} does when the corpus is missing, and
     * failing when the corpus exists but lacks the file.
     *
     * @param relative a path such as {@code pprof-testdata/java.cpu}
     * @return the path, which exists
     */
    public static Path file(String relative) {
        Path p = root().resolve(relative);
        Assertions.assertTrue(Files.exists(p), () -> "the corpus has no " + relative);
        return p;
    }

    /**
     * Lists the per-version folders, oldest first.
     *
     * @return the versions; at least one, or the test fails
     */
    public static List<GoVersion> versions() {
        Path root = root();
        try (Stream<Path> dirs = Files.list(root)) {
            List<GoVersion> versions = dirs.filter(Files::isDirectory)
                    .map(d -> {
                        Matcher m = VERSION_DIR.matcher(d.getFileName().toString());
                        return m.matches() ? new GoVersion(Integer.parseInt(m.group(1)), d) : null;
                    })
                    .filter(v -> v != null)
                    .sorted(Comparator.comparingInt(GoVersion::minor))
                    .toList();
            Assertions.assertFalse(versions.isEmpty(), () -> "no go1.N folders in " + root);
            return versions;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
