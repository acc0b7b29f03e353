package dev.gopherlens.pprof;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every report kind and option against Go 1.27's {@code go tool pprof}: {@code reports/cases.txt} lists the flags
 * each golden was made with (see {@code reports/README.md}); the test turns the flags into {@link ReportOptions}.
 */
class ReportGoldenTest {
    private static final String DIR = "/dev/gopherlens/pprof/reports/";

    static List<String> cases() throws IOException {
        List<String> cases = new ArrayList<>();
        for (String line : resource("cases.txt").split("\n")) {
            if (!line.isBlank()) {
                cases.add(line);
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportEqualsGo127(String testCase) throws IOException {
        String[] words = testCase.split(" ");
        String name = words[0];
        String input = name.substring(0, name.indexOf('.'));
        Profile p;
        try (InputStream in = ReportGoldenTest.class.getResourceAsStream(DIR + input + ".pprof")) {
            p = Pprof.read(Objects.requireNonNull(in, input));
        }
        ReportOptions o = ReportOptions.defaults();
        List<String[]> filters = new ArrayList<>();
        String command = null;
        String peek = null;
        for (int i = 1; i < words.length; i++) {
            String w = words[i];
            String value = w.contains("=") ? w.substring(w.indexOf('=') + 1) : "";
            String flag = w.contains("=") ? w.substring(0, w.indexOf('=')) : w;
            switch (flag) {
                case "-top", "-traces", "-tree", "-dot", "-callgrind" -> command = flag.substring(1);
                case "-peek" -> {
                    command = "peek";
                    peek = value.replace("\\", "");
                }
                case "-nodecount" -> o = o.withNodeCount(Integer.parseInt(value));
                case "-nodefraction" -> o = o.withFractions(Double.parseDouble(value), o.edgeFraction());
                case "-edgefraction" -> o = o.withFractions(o.nodeFraction(), Double.parseDouble(value));
                case "-lines" -> o = o.withGranularity(Granularity.LINES);
                case "-files" -> o = o.withGranularity(Granularity.FILES);
                case "-filefunctions" -> o = o.withGranularity(Granularity.FILE_FUNCTIONS);
                case "-addresses" -> o = o.withGranularity(Granularity.ADDRESSES);
                case "-noinlines" -> o = o.withNoInlines(true);
                case "-cum" -> o = o.withCumSort(true);
                case "-mean" -> o = o.withMean(true);
                case "-unit" -> o = o.withUnit(value);
                case "-divide_by" -> o = o.withDivideBy(Double.parseDouble(value));
                case "-sample_index" -> o = o.withSampleIndex(value);
                case "-focus", "-ignore", "-hide", "-show", "-show_from", "-tagfocus", "-tagignore" ->
                        filters.add(new String[] {flag, value});
                default -> throw new IllegalArgumentException("unknown flag in cases.txt: " + w);
            }
        }
        Report r = p.report(o);
        for (String[] f : filters) {
            r = switch (f[0]) {
                case "-focus" -> r.focus(f[1]);
                case "-ignore" -> r.ignore(f[1]);
                case "-hide" -> r.hide(f[1]);
                case "-show" -> r.show(f[1]);
                case "-show_from" -> r.showFrom(f[1]);
                case "-tagfocus" -> r.tagFocus(f[1]);
                default -> r.tagIgnore(f[1]);
            };
        }
        String actual = switch (Objects.requireNonNull(command, "no command")) {
            case "top" -> r.top().toText();
            case "traces" -> r.traces();
            case "tree" -> r.tree();
            case "peek" -> r.peek(peek);
            case "dot" -> r.dot();
            case "callgrind" -> r.callgrind();
            default -> throw new IllegalStateException(command);
        };
        String golden = resource(name + ".txt");
        if (testCase.contains(" -files")) {
            // At -files granularity nodes of one file differ by their functions' start lines yet print the same
            // name; Go 1.27's sort calls them equal, so their order is its map order, different on every run.
            assertThat(actual.lines().sorted().toList()).isEqualTo(golden.lines().sorted().toList());
        } else {
            assertThat(actual).isEqualTo(golden);
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ReportGoldenTest.class.getResourceAsStream(DIR + name)) {
            return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
