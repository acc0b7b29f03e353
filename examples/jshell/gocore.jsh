// Gopherlens core-dump start-up script for jshell. From the repository root, after `mvn -B -ntp -q package -DskipTests -pl examples -am`:
//   jshell --class-path examples/target/examples.jar examples/jshell/gocore.jsh
import java.nio.file.*;
import dev.gopherlens.core.*;
import dev.gopherlens.pclntab.*;
import dev.gopherlens.pclntab.gocore.*;

/** Opens a core dump with the binary that wrote it (either gzipped or not): var c = core("server", "core"). */
GoCore core(String binary, String core) throws java.io.IOException { return GoCore.open(Path.of(core), Path.of(binary)); }

/** info goroutines: goroutines(c).forEach(System.out::println). */
java.util.List<Goroutine> goroutines(GoCore c) throws java.io.IOException { return c.goroutines(); }

/** goroutine N bt, as the runtime's crash traceback prints it (arguments included): System.out.print(bt(c, 15)). */
String bt(GoCore c, long id) throws java.io.IOException {
    for (Goroutine g : c.goroutines()) if (g.id() == id) return c.traceback(g);
    throw new IllegalArgumentException("no goroutine " + id);
}

/** info threads, then info registers of each: threads(c). */
String threads(GoCore c) throws java.io.IOException {
    StringBuilder sb = new StringBuilder(c.infoThreads());
    for (dev.gopherlens.pclntab.gocore.Thread t : c.threads()) sb.append("\nLWP ").append(t.lwp()).append(":\n").append(c.infoRegisters(t));
    return sb.toString();
}

/** p NAME: a global as Go's %#v prints it, read from the core: print(c, "main.GlobalConfig"). */
String print(GoCore c, String name) throws java.io.IOException { return c.global(name).orElseThrow(() -> new IllegalArgumentException("no global " + name)).toGoSyntax(); }

System.out.println("Gopherlens gocore loaded. Try: var c = core(\"server\", \"core\"); goroutines(c); bt(c, 1); threads(c); print(c, \"main.GlobalConfig\")");
