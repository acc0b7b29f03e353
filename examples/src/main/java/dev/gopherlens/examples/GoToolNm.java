package dev.gopherlens.examples;

import dev.gopherlens.pclntab.GoBinary;
import dev.gopherlens.pclntab.Symbol;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A work-alike of {@code go tool nm -n -size}: a binary's symbols by address, with sizes and kinds.
 *
 * <pre>
 * java -cp examples/target/examples.jar dev.gopherlens.examples.GoToolNm [BINARY]
 * </pre>
 * Without arguments it lists the binary shipped in the jar.
 */
public final class GoToolNm {
    private GoToolNm() {
    }

    /**
     * Runs the example.
     *
     * @param args a binary; none for the shipped one
     * @throws IOException if the binary cannot be read
     */
    public static void main(String[] args) throws IOException {
        GoBinary b = args.length > 0 ? GoBinary.open(Path.of(args[0]))
                : GoBinary.open(ExampleData.bytes(ExampleData.BINARY));
        print(b, System.out);
    }

    static void print(GoBinary b, PrintStream out) throws IOException {
        List<Symbol> symbols = new ArrayList<>(b.symbols());
        if (symbols.isEmpty()) {
            out.println("no symbols (a stripped binary); its " + b.funcCount()
                    + " functions are still in the pclntab: see GoToolAddr2line");
            return;
        }
        symbols.sort(Comparator.comparingLong(Symbol::address));
        for (Symbol s : symbols) {
            out.println(s);
        }
    }
}
