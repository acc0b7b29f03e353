package dev.gopherlens.core;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrameTest {

    @Test
    void framesPrintLikeATraceback() {
        Frame f = new Frame("main.sumSquares", "corpusgen/main.go", 42, 0x4a1b2c);
        assertThat(f).hasToString("main.sumSquares corpusgen/main.go:42 pc=0x4a1b2c");
        assertThat(Frame.of("", "", 0)).hasToString("? ?");
        assertThat(f.hasPc()).isTrue();
        assertThat(Frame.of("f", "f.go", 1).hasPc()).isFalse();
    }

    @Test
    void framesAreValidated() {
        assertThatThrownBy(() -> Frame.of(null, "", 0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Frame.of("f", "f.go", -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stacksAreImmutableAndPrintInnermostFirst() {
        List<Frame> frames = new ArrayList<>(List.of(Frame.of("main.square", "main.go", 10),
                new Frame("main.sumSquares", "main.go", 20, 0x401000)));
        Stack s = new Stack(frames);
        frames.clear();
        assertThat(s.depth()).isEqualTo(2);
        assertThat(s.top().function()).isEqualTo("main.square");
        assertThat(s).hasToString("main.square\n\tmain.go:10\nmain.sumSquares\n\tmain.go:20 pc=0x401000");
        assertThatThrownBy(() -> s.frames().add(Frame.of("x", "y", 1)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(Stack.EMPTY.isEmpty()).isTrue();
        assertThat(Stack.EMPTY).hasToString("(empty stack)");
        assertThatThrownBy(Stack.EMPTY::top).isInstanceOf(IllegalStateException.class);
        assertThat(Stack.of(Frame.of("a", "b", 1))).isEqualTo(new Stack(List.of(Frame.of("a", "b", 1))));
    }
}
