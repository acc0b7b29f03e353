package dev.gopherlens.pprof;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.gopherlens.pprof.OpsFixtures.small;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * aggregate and noInlines, as the driver's aggregate() calls google/pprof's Profile.Aggregate: -raw cannot show
 * granularity (the driver forces addresses for it), so these expectations come from Aggregate's code: for each
 * granularity, which of (inline frames, function, file name, line, column, address) it keeps.
 */
class AggregationTest {

    private static Profile columns() {
        ProfileBuilder b = Profile.builder().sampleType("samples", "count");
        Mapping m = b.mapping(0x400000, 0x500000, 0, "/bin/app", "id");
        Function f = b.function("main.f", "main.f", "f.go", 1);
        Function g = b.function("main.g", "main.g", "g.go", 9);
        Location l = b.location(m, 0x401000, List.of(new Line(f, 3, 7), new Line(g, 11, 2)));
        b.sample(List.of(l), new long[] {1}, List.of());
        return b.build();
    }

    private static Location only(Profile p) {
        return p.locations().get(0);
    }

    @Test
    void addressesChangeNothing() {
        Profile p = columns();
        assertThat(p.aggregate(Granularity.ADDRESSES)).isSameAs(p);
    }

    @Test
    void linesKeepFunctionsFilesAndLinesButNotColumnsOrAddresses() {
        Profile p = columns().aggregate(Granularity.LINES);
        assertThat(only(p).address()).isZero();
        assertThat(only(p).lines()).extracting(Line::line).containsExactly(3L, 11L);
        assertThat(only(p).lines()).extracting(Line::column).containsExactly(0L, 0L);
        assertThat(only(p).lines()).extracting(l -> l.function().filename()).containsExactly("f.go", "g.go");
        Mapping m = p.mappings().get(0);
        assertThat(List.of(m.hasFunctions(), m.hasFilenames(), m.hasLineNumbers(), m.hasInlineFrames()))
                .containsExactly(true, true, true, true);
    }

    @Test
    void functionsForgetFilesLinesAndAddresses() {
        Profile p = columns().aggregate(Granularity.FUNCTIONS);
        assertThat(only(p).address()).isZero();
        assertThat(only(p).lines()).extracting(Line::line).containsExactly(0L, 0L);
        assertThat(p.functions()).extracting(Function::name).containsExactly("main.f", "main.g");
        assertThat(p.functions()).extracting(Function::filename).containsExactly("", "");
        // start lines are not touched by Aggregate
        assertThat(p.functions()).extracting(Function::startLine).containsExactly(1L, 9L);
        Mapping m = p.mappings().get(0);
        assertThat(List.of(m.hasFunctions(), m.hasFilenames(), m.hasLineNumbers(), m.hasInlineFrames()))
                .containsExactly(true, false, false, true);
        // the samples refer to the new locations, with the new functions
        assertThat(p.samples().get(0).locations().get(0)).isSameAs(only(p));
        assertThat(only(p).lines().get(0).function()).isSameAs(p.functions().get(0));
    }

    @Test
    void fileFunctionsKeepNamesAndFiles() {
        Profile p = columns().aggregate(Granularity.FILE_FUNCTIONS);
        assertThat(p.functions()).extracting(Function::filename).containsExactly("f.go", "g.go");
        assertThat(p.functions()).extracting(Function::name).containsExactly("main.f", "main.g");
        assertThat(only(p).lines()).extracting(Line::line).containsExactly(0L, 0L);
    }

    @Test
    void filesForgetFunctionNames() {
        Profile p = columns().aggregate(Granularity.FILES);
        assertThat(p.functions()).extracting(Function::name).containsExactly("", "");
        assertThat(p.functions()).extracting(Function::systemName).containsExactly("", "");
        assertThat(p.functions()).extracting(Function::filename).containsExactly("f.go", "g.go");
        assertThat(p.mappings().get(0).hasFunctions()).isFalse();
    }

    @Test
    void noInlinesKeepsTheOutermostLineAndTheAddress() {
        Profile p = columns().noInlines();
        assertThat(only(p).address()).isEqualTo(0x401000L);
        assertThat(only(p).lines()).singleElement().satisfies(l -> {
            assertThat(l.function().name()).isEqualTo("main.g");
            assertThat(l.line()).isEqualTo(11);
            assertThat(l.column()).isZero();
        });
        assertThat(p.mappings().get(0).hasInlineFrames()).isFalse();
        // with a granularity, in either order: the flags combine
        assertThat(columns().noInlines().aggregate(Granularity.FUNCTIONS))
                .isEqualTo(columns().aggregate(Granularity.FUNCTIONS).noInlines());
    }

    @Test
    void compactThenJoinsLocationsThatBecameEqual() {
        ProfileBuilder b = Profile.builder().sampleType("samples", "count");
        Function f = b.function("main.f", "main.f", "f.go", 1);
        Location a = b.location(null, 0x10, List.of(new Line(f, 3, 0)));
        Location c = b.location(null, 0x20, List.of(new Line(f, 4, 0)));
        b.sample(List.of(a), new long[] {1}, List.of()).sample(List.of(c), new long[] {2}, List.of());
        Profile p = b.build();
        assertThat(p.aggregate(Granularity.FUNCTIONS).locations()).hasSize(2);
        Profile joined = p.aggregate(Granularity.FUNCTIONS).compact();
        assertThat(joined.locations()).hasSize(1);
        assertThat(joined.samples()).singleElement().extracting(s -> s.value(0)).isEqualTo(3L);
        assertThat(p.aggregate(Granularity.LINES).compact().locations()).hasSize(2);
    }
}
