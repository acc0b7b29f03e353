package dev.gopherlens.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LimitsTest {

    @Test
    void defaultsAreGenerous() {
        Limits d = Limits.defaults();
        assertThat(d).isSameAs(Limits.DEFAULT);
        assertThat(d.maxStringLength()).isEqualTo(16 << 20);
        assertThat(d.maxStackDepth()).isEqualTo(65536);
        assertThat(d.maxTableEntries()).isEqualTo(1 << 27);
        assertThat(d.maxRecordSize()).isEqualTo(1 << 30);
        assertThat(d.maxDecompressedSize()).isEqualTo(16L << 30);
    }

    @Test
    void withersChangeOneBound() {
        Limits l = Limits.DEFAULT.withMaxStringLength(1).withMaxStackDepth(2).withMaxTableEntries(3)
                .withMaxRecordSize(4).withMaxDecompressedSize(5);
        assertThat(l).isEqualTo(new Limits(1, 2, 3, 4, 5));
        assertThat(Limits.DEFAULT.withMaxStackDepth(7).maxStringLength()).isEqualTo(16 << 20);
    }

    @Test
    void boundsMustBePositive() {
        assertThatThrownBy(() -> Limits.DEFAULT.withMaxTableEntries(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxTableEntries");
        assertThatThrownBy(() -> Limits.DEFAULT.withMaxDecompressedSize(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
