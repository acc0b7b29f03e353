package dev.gopherlens.trace;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.core.testing.Corpus;
import dev.gopherlens.trace.testing.GoFuzzCorpus;
import dev.gopherlens.trace.testing.TraceTestFile;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The Go project's own trace conformance suite ({@code trace-tests/tests/*.test}): the SUCCESS traces parse to the
 * end, the others fail with an error matching Go's expectation. And its fuzz corpus: every entry gives a clean parse
 * or a clean {@link GoParseException}.
 */
class GoTraceTestsTest {

    /** Reads every event and materializes it, as a user would; returns the error, or null. */
    static GoParseException readAll(byte[] bytes) throws IOException {
        try (TraceCursor c = GoTrace.cursor(bytes)) {
            while (c.next()) {
                assertThat(c.event().kind()).isEqualTo(c.kind());
                c.stack();
            }
            return null;
        } catch (GoParseException e) {
            return e;
        }
    }

    private static List<Path> files(String dir) throws IOException {
        try (Stream<Path> s = Files.list(Corpus.file("trace-tests/" + dir))) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> goTests() throws IOException {
        List<Path> tests = files("tests");
        assertThat(tests).hasSizeGreaterThanOrEqualTo(22);
        return tests.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            TraceTestFile t = TraceTestFile.read(p);
            GoParseException e = readAll(t.bytes());
            if (t.expectSuccess() && e != null) {
                fail(t.name() + " should parse, but: " + e.getMessage(), e);
            }
            if (!t.expectSuccess()) {
                assertThat(e).as("%s should fail with %s", t.name(), t.failurePattern()).isNotNull();
                assertThat(t.matches(e.reason())).as("%s: %s vs %s", t.name(), e.reason(), t.failurePattern())
                        .isTrue();
            }
        }));
    }

    /** What Go 1.27 says of each fuzz entry (run by hand); entries not listed fail as the first twelve do. */
    private static final java.util.Map<String, String> GO_SAYS = java.util.Map.of(
            "closing-unknown-region", "",
            "large-id", "",
            "invalid-proc-state", "invalid status for proc 0: 69",
            "malformed-timestamp", "found invalid uvarint for timestamp",
            "4055b17cae1a3443", "unexpected event type 36");

    @TestFactory
    Stream<DynamicTest> goFuzzCorpus() throws IOException {
        return files("fuzz").stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            String name = p.getFileName().toString();
            GoParseException e = readAll(GoFuzzCorpus.read(p));
            String expected = GO_SAYS.getOrDefault(name, "expected frequency or clock snapshot event, got 48");
            if (expected.isEmpty()) {
                assertThat(e).as(name).isNull();
            } else {
                assertThat(e).as(name).isNotNull();
                assertThat(e.reason()).as(name).contains(expected);
            }
        }));
    }
}
