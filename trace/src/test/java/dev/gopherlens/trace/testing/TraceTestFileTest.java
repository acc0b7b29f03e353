package dev.gopherlens.trace.testing;

import dev.gopherlens.core.testing.Corpus;
import dev.gopherlens.trace.TraceVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TraceTestFileTest {

    /**
     * SHA-256 of the bytes Go's own raw.TextReader and raw.Writer (golang.org/x/exp, Go 1.27) make of each file's
     * trace section.
     */
    private static final Map<String, String> GO_SHA256 = Map.ofEntries(
            Map.entry("go122-annotations-stress", "6fb4a1e3b2ba9d0647648e5d328dfa369f133442c80ddf55a7b4db584f4d18b8"),
            Map.entry("go122-annotations", "b59c26f4937418a743f96df82ca86201bcc7aa197540e9d4dfe307474bf53b03"),
            Map.entry("go122-confuse-seq-across-generations",
                    "c61d8d2c0287384cfe2a801494acf1ad03b163634cbeb2d84c8551f9ce672743"),
            Map.entry("go122-create-syscall-reuse-thread-id",
                    "69ae309957c90b6c7ed579b7bf29b8bf20ec429b9bfe43629f730efc3fd26662"),
            Map.entry("go122-create-syscall-with-p", "e086fa9d9b1139fdff719916364c329d3db9eff545bfc80302e9d4cd951f9311"),
            Map.entry("go122-fail-first-gen-first", "20e0e657e38e5a76b1ab088b2ddfb26e44a65f2526554c4b800b4d72e6f4c538"),
            Map.entry("go122-gc-stress", "754fd4af96fb95681afe4b3157fd3e51aa32d20ddb75723b2a7962966ce59330"),
            Map.entry("go122-go-create-without-running-g",
                    "0b31267c3d1992f14ccf1ee9cf7f2f620ca2fb7cffb205f825c3b16de841e9ec"),
            Map.entry("go122-syscall-steal-proc-ambiguous",
                    "806728b14c570be9d9f0fe454d8a7dff546f27688f2eae7bdefdd348ddba1cd5"),
            Map.entry("go122-syscall-steal-proc-gen-boundary-bare-m",
                    "44fb158069f5fbe4556d4065594484e10386ab091550eb71a994251901592ed0"),
            Map.entry("go122-syscall-steal-proc-gen-boundary-reacquire-new-proc-bare-m",
                    "0bf819ae81303f36397e9f4d5609ace17713c63b310f4abd3a4bb3f6811dc40b"),
            Map.entry("go122-syscall-steal-proc-gen-boundary-reacquire-new-proc",
                    "ddd9bae6f49fc62a6ecb35e1434713afbe047bd70c6b3447ca6a7bcc7f5cb50f"),
            Map.entry("go122-syscall-steal-proc-gen-boundary",
                    "10281337b7f850c4a3fcbb83bbcd9b489740812de268f5a850b437e3653eaf39"),
            Map.entry("go122-syscall-steal-proc-reacquire-new-proc-bare-m",
                    "19dd51c3810507652d6dca8044decbb3b600d4810f9fd1d55d36a3700ad19fa4"),
            Map.entry("go122-syscall-steal-proc-reacquire-new-proc",
                    "638211218fdeba7daebee1e2b54f7ad6774d4856778020e0d7e7ec9fd9e00b38"),
            Map.entry("go122-syscall-steal-proc-self", "73aa37521c30a275c16283b1716af8b5bcacc2497a9df5e3bd78434f6548f6f8"),
            Map.entry("go122-syscall-steal-proc-simple-bare-m",
                    "1cc4ba40f37a87156349ebc98b4019e8ce9e818765c825fb523e778c2d66cfa5"),
            Map.entry("go122-syscall-steal-proc-simple", "815a0f1c6f31e0da345ee72152d3ae96da1c5abf884be495a9b8cdac07e1c991"),
            Map.entry("go122-syscall-steal-proc-sitting-in-syscall",
                    "d5739f8aac95e75a98d58da823f7090e0c3992b3e0b6e93bf5809846d8d895a0"),
            Map.entry("go122-task-across-generations", "58941979d1f70f2efe3458dbad95e1537dbf1ffac335cd7dc891ea6b7cf2e10c"),
            Map.entry("go123-sync", "b3c12aa5d8c679e37cbb939f78b5a6289f947763a79aac5f0038a1aa3985e051"),
            Map.entry("go125-sync", "4c556548cd3e5d7bd930a7b13f0d2862e5cabe679cfa1f63dfd2ed46f00862d4"));

    static List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(Corpus.file("trace-tests/tests"))) {
            return s.filter(p -> p.toString().endsWith(".test")).sorted().toList();
        }
    }

    @Test
    void theCorpusHasTheGoProjectsTests() throws IOException {
        assertThat(files()).hasSize(22);
    }

    @ParameterizedTest
    @MethodSource("files")
    void bytesAreGos(Path file) throws IOException, NoSuchAlgorithmException {
        TraceTestFile t = TraceTestFile.read(file);
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(t.bytes())))
                .isEqualTo(GO_SHA256.get(t.name()));
    }

    @ParameterizedTest
    @MethodSource("files")
    void everyBatchSizeTheGoAuthorsWroteFitsTheEncoding(Path file) throws IOException {
        TraceTestFile t = TraceTestFile.read(file);
        List<List<String>> expected = batches(eventText(file));
        Printer p = new Printer(t.bytes(), t.version());
        List<List<String>> walked = new ArrayList<>();
        p.header();
        while (p.pos < p.b.length) {
            int type = p.b[p.pos];
            List<String> batch = new ArrayList<>(List.of(p.event()));
            if (type == 1) {
                // EventBatch gen m time size: the events in the next size bytes are the batch
                long end = p.pos + p.lastArgs[3];
                while (p.pos < Math.min(end, p.b.length)) {
                    batch.add(p.event());
                }
                if (p.pos < end && p.pos == p.b.length) {
                    // A trace cut short in its last batch; the Go authors wrote one on purpose.
                    assertThat(t.name()).isEqualTo("go122-fail-first-gen-first");
                    assertThat(batch).containsExactly("EventBatch gen=2 m=0 time=0 size=50");
                } else {
                    assertThat(p.pos).as("%s: batch %d ends between events", t.name(), walked.size())
                            .isEqualTo(end);
                }
            } else {
                // ExperimentalBatch carries its body as data; EndOfGeneration stands alone
                assertThat(type).as("%s: event type outside a batch", t.name()).isIn(49, 52);
            }
            walked.add(batch);
        }
        assertThat(walked).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("files")
    void bytesPrintBackToTheText(Path file) throws IOException {
        TraceTestFile t = TraceTestFile.read(file);
        Printer p = new Printer(t.bytes(), t.version());
        List<String> printed = new ArrayList<>(List.of(p.header()));
        while (p.pos < p.b.length) {
            printed.add(p.event());
        }
        List<String> text = new ArrayList<>(List.of("Trace Go1." + t.version().minor()));
        text.addAll(eventText(file));
        assertThat(printed).isEqualTo(text);
    }

    @Test
    void whatTheFilesDeclareAndExpect() throws IOException {
        Map<String, TraceTestFile> tests = files().stream().map(f -> {
            try {
                return TraceTestFile.read(f);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }).collect(Collectors.toMap(TraceTestFile::name, t -> t));
        tests.forEach((name, t) -> assertThat(t.version()).as(name).isEqualTo(
                name.equals("go123-sync") ? TraceVersion.GO_1_23
                        : name.equals("go125-sync") ? TraceVersion.GO_1_25 : TraceVersion.GO_1_22));
        assertThat(tests.values().stream().filter(t -> !t.expectSuccess()).map(TraceTestFile::name).sorted())
                .containsExactly("go122-create-syscall-with-p", "go122-fail-first-gen-first");
        // The error Go's own reader (golang.org/x/exp/trace, Go 1.27) gives for both failing traces.
        String goError = "expected a proc but didn't have one";
        TraceTestFile withP = tests.get("go122-create-syscall-with-p");
        assertThat(withP.failurePattern().pattern()).isEqualTo(".*expected a proc but didn't have one.*");
        assertThat(withP.matches(goError)).isTrue();
        assertThat(withP.matches("invalid generation 1: " + goError + " (at event 5)")).isTrue();
        assertThat(withP.matches(null)).isFalse();
        TraceTestFile first = tests.get("go122-fail-first-gen-first");
        assertThat(first.failurePattern().pattern()).isEqualTo("expected a proc but didn't have one");
        assertThat(first.matches(goError)).isTrue();
        assertThat(first.matches("expected a proc")).isFalse();
        TraceTestFile ok = tests.get("go122-gc-stress");
        assertThat(ok.failurePattern()).isNull();
        assertThat(ok.matches(null)).isTrue();
        assertThat(ok.matches(goError)).isFalse();
    }

    @Test
    void encodesEveryKindOfEventAsGoDoes() {
        String text = """
                -- expect --
                SUCCESS
                -- trace --
                Trace Go1.26
                # a comment line, then a blank one

                EventBatch gen=1 m=18446744073709551615 time=300 size=0
                Stacks
                Stack id=1 nframes=2
                \tpc=4198400 func=2 file=3 line=42
                    # comments and blank lines may sit between frames

                \tpc=128 func=2 file=3 line=7
                Strings
                String id=2
                \tdata="main.main\\x00\\u00e9"
                ExperimentalBatch exp=1 gen=1 m=2 time=5
                \tdata="\\xff\\x01"
                Span dt=1 id=2 npages_value=3 kindclass=4
                EndOfGeneration
                """;
        TraceTestFile t = TraceTestFile.parse("small", text);
        // What Go's raw.Writer writes for the same text.
        assertThat(HexFormat.of().formatHex(t.bytes())).isEqualTo("676f20312e32362074726163650000000101ffffffffff"
                + "ffffffff01ac02000203010280a0800202032a80010203070405020c6d61696e2e6d61696e00c3a931010102050"
                + "2ff01800102030434");
        assertThat(t.version()).isEqualTo(TraceVersion.GO_1_26);
        assertThat(t.name()).isEqualTo("small");
        assertThat(t.bytes()).isNotSameAs(t.bytes());
    }

    @Test
    void expectations() {
        assertThat(TraceTestFile.parse("t", "-- expect --\n-- trace --\nTrace Go1.22\n").expectSuccess()).isTrue();
        TraceTestFile raw = TraceTestFile.parse("t", "-- expect --\nFAILURE `a\\.b$`\n-- trace --\nTrace Go1.22\n");
        assertThat(raw.expectSuccess()).isFalse();
        assertThat(raw.matches("xa.b")).isTrue();
        assertThat(raw.matches("xa.b\n")).isFalse();
        assertThat(raw.matches("axb")).isFalse();
        assertThat(TraceTestFile.parse("t", "-- expect --\r\nSUCCESS\r\n-- trace --\r\nTrace Go1.22\r\n")
                .bytes()).hasSize(16);
        assertThatThrownBy(() -> TraceTestFile.parse("t", "-- expect --\nFAILURE\n-- trace --\nTrace Go1.22\n"))
                .hasMessage("t: bad header line for FAILURE: \"FAILURE\"");
        assertThatThrownBy(() -> TraceTestFile.parse("t", "-- expect --\nOK\n-- trace --\nTrace Go1.22\n"))
                .hasMessage("t: bad header line: \"OK\"");
        assertThatThrownBy(() -> TraceTestFile.parse("t", "-- expect --\nFAILURE 'x'\n-- trace --\nTrace Go1.22\n"))
                .hasMessage("not a Go string literal: 'x'");
        assertThatThrownBy(() -> TraceTestFile.parse("t", "-- trace --\nTrace Go1.22\n"))
                .hasMessage("t: malformed test: wrong number of files");
        assertThatThrownBy(() -> TraceTestFile.parse("t", "-- trace --\nTrace Go1.22\n-- expect --\nSUCCESS\n"))
                .hasMessage("t: malformed test: want sections expect, then trace");
    }

    @Test
    void malformedTextFailsAsGosTextReaderDoes() {
        Map<String, String> cases = Map.ofEntries(
                Map.entry("", "t:4: no header"),
                Map.entry("Trace Go1.24", "t:4: unknown or unsupported Go version 1.24"),
                Map.entry("Trace Go2.22", "t:4: failed to parse header Go version"),
                Map.entry("Trace Go1.+22", "t:4: failed to parse header Go version: Go1.+22"),
                Map.entry("Tracing Go1.22", "t:4: failed to parse header"),
                Map.entry("Trace Go1.22 x", "t:4: encountered unexpected non-space at the end of the header: \" x\""),
                Map.entry("Trace Go1.22\nSync", "t:5: unidentified event: Sync"),
                Map.entry("Trace Go1.21\nEventBatch gen=1 m=1 time=1 size=1", "t:5: unidentified event: EventBatch"),
                Map.entry("Trace Go1.22\nProcStart dt=1 q=2 p_seq=3",
                        "t:5: reading args for ProcStart: expected argument \"p\", but got \"q\""),
                Map.entry("Trace Go1.22\nProcStart dt=1 p=2",
                        "t:5: reading args for ProcStart: no argument"),
                Map.entry("Trace Go1.22\nProcStop dt=1 # a comment after the arguments is an error",
                        "t:5: reading args for ProcStop: encountered unexpected non-space at the end of an event: "
                                + "\" # a comment after the arguments is an error\""),
                Map.entry("Trace Go1.22\nProcStop dt", "t:5: reading args for ProcStop: malformed argument: \"dt\""),
                Map.entry("Trace Go1.22\nProcStop dt=+1",
                        "t:5: reading args for ProcStop: failed to parse argument value \"+1\" for arg \"dt\""),
                Map.entry("Trace Go1.22\nProcStop dt=18446744073709551616",
                        "t:5: reading args for ProcStop: failed to parse argument value \"18446744073709551616\" "
                                + "for arg \"dt\""),
                Map.entry("Trace Go1.22\nStack id=1 nframes=2\n pc=1 func=2 file=3 line=4",
                        "t:6: unexpected EOF while reading stack: args=[1 2 1 2 3 4]"),
                Map.entry("Trace Go1.22\nStack id=1 nframes=1\n pc=1 fn=2 file=3 line=4",
                        "t:6: expected argument \"func\", but got \"fn\""),
                Map.entry("Trace Go1.22\nString id=1", "t:5: unexpected EOF while reading data for String: args=[1]"),
                Map.entry("Trace Go1.22\nString id=1\n text=\"a\"", "t:6: malformed data: \" text=\\\"a\\\"\""),
                Map.entry("Trace Go1.22\nString id=1\n data=a", "t:6: failed to parse data: \" data=a\": invalid syntax"));
        cases.forEach((trace, message) -> assertThatThrownBy(
                () -> TraceTestFile.parse("t", "-- expect --\nSUCCESS\n-- trace --\n" + trace + "\n"))
                .as(trace).isInstanceOf(IllegalArgumentException.class).hasMessage(message));
    }

    @Test
    void aStackCountPast2To63IsNoFrames() {
        // Go converts nframes to int, so 2^64-1 reads as -1 and no frame lines are read.
        TraceTestFile t = TraceTestFile.parse("t", "-- expect --\nSUCCESS\n-- trace --\nTrace Go1.22\n"
                + "Stack id=1 nframes=18446744073709551615\nStrings\n");
        assertThat(Arrays.copyOfRange(t.bytes(), 16, t.bytes().length)).containsExactly(3, 1, 0xff, 0xff, 0xff,
                0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 4);
    }

    @Test
    void eachVersionNamesItsOwnEvents() {
        assertThat(TraceTestFile.specs(TraceVersion.GO_1_22)).hasSize(45).last()
                .extracting(TraceTestFile.Spec::name).isEqualTo("UserLog");
        assertThat(TraceTestFile.specs(TraceVersion.GO_1_23).get(49).name()).isEqualTo("ExperimentalBatch");
        assertThat(TraceTestFile.specs(TraceVersion.GO_1_25)).hasSize(52).last()
                .extracting(TraceTestFile.Spec::name).isEqualTo("ClockSnapshot");
        assertThat(TraceTestFile.specs(TraceVersion.GO_1_26).get(52).name()).isEqualTo("EndOfGeneration");
        assertThat(TraceTestFile.specs(TraceVersion.GO_1_26).get(136).name()).isEqualTo("GoroutineStackFree");
        assertThat(TraceTestFile.specs(TraceVersion.GO_1_21)).isEmpty();
    }

    @Test
    void goRegexpsMeanWhatTheyMeanInGo() {
        // {Go regexp, text, whether Go 1.27's regexp.MatchString matches}
        Object[][] cases = {{"a$", "a\n", false}, {"a$", "a", true}, {"a\\sb", "a\u000bb", false},
                {"a\\sb", "a\tb", true}, {"a.b", "a\rb", true}, {"a.b", "a\nb", false}, {"(?s)a.b", "a\nb", true},
                {"(?P<x>a)b", "ab", true}, {"a{,2}", "a{,2}", true}, {"a{2}", "aa", true}, {"x{", "x{", true},
                {"[[:alpha:]]+1", "ab1", true}, {"[[:^digit:]]", "5", false}, {"[a&&b]", "&", true},
                {"[[]", "[", true}, {"[]a]", "]", true}, {"\\101", "A", true}, {"\\bfoo\\b", "éfoo", true},
                {"\\Bfoo", "éfoo", false}, {"(?i)é", "É", true}, {"\\pL", "é", true}, {"\\p{Greek}", "α", true},
                {"\\PL", "a", false}, {"\\P{^L}", "a", true}, {"a\\vb", "a\u000bb", true}, {"[\\s]", "\u000b", false},
                {"\\Q$.\\E", "$.", true}, {"a\\.b", "a.b", true}, {"(?i:AB)c", "abc", true},
                {".*expected a proc but didn't have one.*", "expected a proc but didn't have one", true}};
        for (Object[] c : cases) {
            assertThat(TraceTestFile.goRegexp((String) c[0]).matcher((String) c[1]).find()).as("%s", c[0])
                    .isEqualTo(c[2]);
        }
        assertThatThrownBy(() -> TraceTestFile.goRegexp("(?m)^a$")).hasMessageContaining("not supported");
        assertThatThrownBy(() -> TraceTestFile.goRegexp("(?U)a+")).hasMessageContaining("not supported");
    }

    /** The trace section's events as Go's raw.Event.String() prints them: frames and data on tab-led lines. */
    private static List<String> eventText(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> events = new ArrayList<>();
        for (String line : lines.subList(lines.indexOf("-- trace --") + 2, lines.size())) {
            String l = line.strip().replaceAll("\\s+", " ");
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            if (l.startsWith("pc=") || l.startsWith("data=")) {
                events.set(events.size() - 1, events.get(events.size() - 1) + "\n\t" + l);
            } else {
                events.add(l);
            }
        }
        return events;
    }

    /** Groups events as batches: each batch's header event, then those up to the next header. */
    private static List<List<String>> batches(List<String> events) {
        List<List<String>> batches = new ArrayList<>();
        for (String e : events) {
            if (e.startsWith("EventBatch ") || e.startsWith("ExperimentalBatch ") || e.equals("EndOfGeneration")) {
                batches.add(new ArrayList<>());
            }
            batches.get(batches.size() - 1).add(e);
        }
        return batches;
    }

    /** The inverse of the conversion, from the same spec table: wire bytes to Go's text form. */
    private static final class Printer {
        final byte[] b;
        final List<TraceTestFile.Spec> specs;
        final TraceVersion version;
        int pos;
        long[] lastArgs;

        Printer(byte[] b, TraceVersion version) {
            this.b = b;
            this.version = version;
            this.specs = TraceTestFile.specs(version);
        }

        String header() {
            byte[] expected = Arrays.copyOf(version.header().getBytes(StandardCharsets.US_ASCII), 16);
            assertThat(Arrays.copyOf(b, 16)).isEqualTo(expected);
            pos = 16;
            return "Trace Go1." + version.minor();
        }

        String event() {
            TraceTestFile.Spec spec = specs.get(b[pos++] & 0xFF);
            StringBuilder s = new StringBuilder(spec.name());
            lastArgs = new long[spec.args().size()];
            for (int i = 0; i < lastArgs.length; i++) {
                lastArgs[i] = uvarint();
                s.append(' ').append(spec.args().get(i)).append('=').append(Long.toUnsignedString(lastArgs[i]));
            }
            if (spec.stack()) {
                for (long f = 0; f < lastArgs[1]; f++) {
                    s.append("\n\tpc=").append(uvarint()).append(" func=").append(uvarint()).append(" file=")
                            .append(uvarint()).append(" line=").append(uvarint());
                }
            }
            if (spec.data()) {
                int n = (int) uvarint();
                s.append("\n\tdata=").append(GoQuote.quote(Arrays.copyOfRange(b, pos, pos + n)));
                pos += n;
            }
            return s.toString();
        }

        long uvarint() {
            long v = 0;
            for (int shift = 0; ; shift += 7) {
                int x = b[pos++] & 0xFF;
                v |= (long) (x & 0x7F) << shift;
                if (x < 0x80) {
                    return v;
                }
            }
        }
    }
}
