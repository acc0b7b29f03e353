package dev.gopherlens.pprof;

import dev.gopherlens.core.Frame;
import dev.gopherlens.core.Stack;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProfileBuilderTest {

    @Test
    void stacksOfFramesShareFunctionsAndLocations() throws IOException {
        Frame square = new Frame("main.square", "main.go", 10, 0x401000);
        Frame sum = new Frame("main.sumSquares", "main.go", 20, 0x401000); // square inlined into sumSquares
        Frame main = new Frame("main.main", "main.go", 30, 0x402000);
        Profile p = Profile.builder().sampleType("samples", "count").sampleType("cpu", "nanoseconds")
                .period("cpu", "nanoseconds", 10_000_000)
                .sample(new Stack(List.of(square, sum, main)), 1, 10_000_000)
                .sample(new Stack(List.of(sum, main)), 2, 20_000_000)
                .sample(new Stack(List.of(square, sum, main)), 1, 10_000_000)
                .build();
        assertThat(p.functions()).extracting(Function::name)
                .containsExactly("main.square", "main.sumSquares", "main.main");
        assertThat(p.locations()).hasSize(3);
        assertThat(p.locations().get(0).lines()).hasSize(2);
        assertThat(p.samples().get(0).locations()).isEqualTo(p.samples().get(2).locations());
        assertThat(p.samples().get(0).stack().frames()).containsExactly(square, sum, main);
        assertThat(Pprof.read(Pprof.encode(p))).isEqualTo(p);
        assertThat(p.compact().samples()).hasSize(2);
        assertThat(p.compact().samples().get(0).values()).containsExactly(2, 20_000_000);
    }

    @Test
    void buildChecksWhatCheckValidChecks() {
        ProfileBuilder b = Profile.builder().sampleType("samples", "count");
        b.sample(List.of(), new long[] {1, 2}, List.of());
        assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has 2 values but there are 1 sample types");
        ProfileBuilder other = Profile.builder();
        Location foreign = other.location(null, 1, List.of());
        ProfileBuilder c = Profile.builder().sampleType("samples", "count");
        c.sample(List.of(new Location(7, null, 1, List.of(), false)), new long[] {1}, List.of());
        assertThatThrownBy(c::build).hasMessageContaining("refers to location 7");
        assertThat(foreign.id()).isEqualTo(1);
    }

    @Test
    void compactMergesAndRenumbers() throws IOException {
        Profile p = Pprof.read(Pprof.encode(Fixtures.everyField()));
        Profile c = p.compact();
        // the all-zero sample goes, and with it the bare location
        assertThat(c.samples()).hasSize(3);
        assertThat(c.locations()).extracting(Location::id).containsExactly(1L, 2L, 3L);
        assertThat(c.mappings()).hasSize(2);
        assertThat(c.compact()).isEqualTo(c);
    }

    @Test
    void mapLocationsAndWithMappingRewriteTheTables() throws IOException {
        Profile p = Pprof.read(Pprof.encode(Fixtures.everyField()));
        Function added = new Function(99, "main.added", "main.added", "added.go", 1);
        Profile q = p.mapLocations(l -> l.id() == 4 ? new Location(4, l.mapping(), l.address(),
                List.of(new Line(added, 2, 0)), false) : l);
        assertThat(q.location(4).orElseThrow().lines()).extracting(Line::function).containsExactly(added);
        assertThat(q.functions()).last().isEqualTo(added);
        assertThat(q.samples().get(3).locations().get(0)).isSameAs(q.location(4).orElseThrow());
        assertThat(p.location(4).orElseThrow().lines()).isEmpty();
        Mapping m = p.mappings().get(0);
        Mapping renamed = new Mapping(m.id(), m.start(), m.limit(), m.offset(), "/new/name", "", false, false, false,
                false);
        Profile r = p.withMapping(renamed);
        assertThat(r.mappings().get(0)).isEqualTo(renamed);
        assertThat(r.location(1).orElseThrow().mapping()).isEqualTo(renamed);
        assertThat(Pprof.read(Pprof.encode(r))).isEqualTo(r);
        assertThatThrownBy(() -> p.mapLocations(l -> new Location(l.id() + 100, null, 0, List.of(), false)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.withMapping(new Mapping(42, 0, 0, 0, "", "", false, false, false, false)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMappingIsAddedAsGivenWithItsFlags() throws IOException {
        ProfileBuilder b = Profile.builder().sampleType("samples", "count");
        Mapping m = b.mapping(new Mapping(1, 0x400000, 0x452000, 0, "/usr/bin/app", "", false, false, false, false));
        Location l = b.location(m, 0x400100, List.of());
        Profile p = b.sample(List.of(l), new long[] {1}, List.of()).build();
        assertThat(p.mappings()).containsExactly(m);
        assertThat(p.toRawText()).contains("1: 0x400000/0x452000/0x0 /usr/bin/app  \n");
        assertThat(Pprof.read(Pprof.encode(p))).isEqualTo(p);
        assertThatThrownBy(() -> b.mapping(new Mapping(3, 0, 1, 0, "", "", false, false, false, false)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("next id, 2");
    }
}
