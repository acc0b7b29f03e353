package dev.gopherlens.pprof;

import dev.gopherlens.core.testing.Corpus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conformance: the operations on profiles give what Go 1.27's {@code go tool pprof -raw -symbolize=none FLAGS
 * PROFILES} printed for the corpus profiles (goldens under {@code ops/}, made by {@code ops/generate.sh} from
 * {@code ops/cases.tsv}). Each case's flags are replayed as the driver applies them: sources merged, base normalized
 * and subtracted, drop_frames pruned, label frames added (tagroot, tagleaf), then focus, ignore, hide, show,
 * show_from, tagfocus, tagignore, tagshow, taghide, prune_from, and -noinlines.
 */
class OpsConformanceTest {
    private static final String DIR = "ops/";

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String line : resource("cases.tsv").split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\t", 2);
            out.add(Arguments.of(parts[0], parts[1]));
        }
        assertThat(out).hasSizeGreaterThan(80);
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void rawTextEqualsGoToolPprof(String name, String args) throws IOException {
        String golden = resource(name + ".raw.txt");
        Profile p = replay(args.split(" "));
        assertThat(p.toRawText(RawText.Style.CURRENT).lines()).containsExactlyElementsOf(golden.lines().toList());
    }

    private static Profile replay(String[] args) throws IOException {
        List<Profile> sources = new ArrayList<>();
        Profile base = null;
        boolean diff = false;
        boolean normalize = false;
        List<String[]> flags = new ArrayList<>();
        for (String a : args) {
            if (!a.startsWith("-")) {
                sources.add(read(a));
            } else if (a.startsWith("-base=") || a.startsWith("-diff_base=")) {
                diff = a.startsWith("-diff_base=");
                base = read(a.substring(a.indexOf('=') + 1));
            } else if (a.equals("-normalize")) {
                normalize = true;
            } else {
                int eq = a.indexOf('=');
                flags.add(eq < 0 ? new String[] {a.substring(1), ""}
                        : new String[] {a.substring(1, eq), a.substring(eq + 1)});
            }
        }
        // internal/driver/fetch.go: one source is used as is, several are combined.
        Profile p = Profile.combine(sources);
        if (base != null) {
            if (normalize) {
                p = p.normalize(base);
            }
            p = diff ? p.diffBase(base) : p.subtractBase(base);
        }
        p = p.removeUninteresting();
        // internal/driver/driver.go: numeric label units are decided before anything changes the samples.
        Map<String, String> units = p.numLabelUnits();
        // internal/driver/driver.go: label frames are made before the filters, so that these can match them.
        String roots = value(flags, "tagroot");
        String leaves = value(flags, "tagleaf");
        if (!roots.isEmpty() || !leaves.isEmpty()) {
            p = p.tagRootsAndLeaves(List.of(roots.split(",", -1)), List.of(leaves.split(",", -1)));
        }
        for (String option : List.of("focus", "ignore", "hide", "show", "show_from", "tagfocus", "tagignore",
                "tagshow", "taghide", "prune_from", "noinlines")) {
            for (String[] f : flags) {
                if (f[0].equals(option)) {
                    p = apply(p, option, f[1], units);
                }
            }
        }
        for (String[] f : flags) {
            assertThat(List.of("focus", "ignore", "hide", "show", "show_from", "tagfocus", "tagignore", "tagshow",
                    "taghide", "prune_from", "noinlines", "tagroot", "tagleaf")).as("flag handled by the test")
                    .contains(f[0]);
        }
        return p;
    }

    private static String value(List<String[]> flags, String option) {
        for (String[] f : flags) {
            if (f[0].equals(option)) {
                return f[1];
            }
        }
        return "";
    }

    private static Profile apply(Profile p, String option, String value, Map<String, String> units) {
        return switch (option) {
            case "focus" -> p.focus(value);
            case "ignore" -> p.ignore(value);
            case "hide" -> p.hide(value);
            case "show" -> p.show(value);
            case "show_from" -> p.showFrom(value);
            case "tagfocus" -> p.tagFocus(value, units);
            case "tagignore" -> p.tagIgnore(value, units);
            case "tagshow" -> p.tagShow(value);
            case "taghide" -> p.tagHide(value);
            case "prune_from" -> p.pruneFrom(value);
            case "noinlines" -> p.noInlines();
            default -> throw new IllegalArgumentException(option);
        };
    }

    /** {@code go1.27/cpu} is the corpus's {@code go1.27/data/cpu.pprof}; a bare name a fixture beside the goldens. */
    private static Profile read(String ref) throws IOException {
        int slash = ref.indexOf('/');
        if (slash < 0) {
            try (InputStream in = OpsConformanceTest.class.getResourceAsStream(DIR + ref + ".pb.gz")) {
                return Pprof.read(Objects.requireNonNull(in, () -> "missing test resource " + DIR + ref + ".pb.gz"));
            }
        }
        return Pprof.read(Corpus.file(ref.substring(0, slash) + "/data/" + ref.substring(slash + 1) + ".pprof"));
    }

    @org.junit.jupiter.api.Test
    void theFixturesAreWhatOpsFixturesBuilds() throws IOException {
        assertThat(read("rich")).isEqualTo(OpsFixtures.rich());
        assertThat(read("micro")).isEqualTo(OpsFixtures.micro());
    }

    /** go tool pprof -normalize -diff_base=go1.27/cpu micro fails the same way: Normalize comes before units. */
    @org.junit.jupiter.api.Test
    void normalizeRefusesOtherUnitsAsPprofDoes() throws IOException {
        Profile cpu = read("go1.27/cpu");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> read("micro").normalize(cpu))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("incompatible period types");
    }

    private static String resource(String name) {
        try (InputStream in = OpsConformanceTest.class.getResourceAsStream(DIR + name)) {
            Objects.requireNonNull(in, () -> "missing test resource " + DIR + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
