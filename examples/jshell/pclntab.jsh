// Gopherlens pclntab start-up script for jshell. From the repository root, after `mvn -B -ntp -q package -DskipTests -pl examples -am`:
//   jshell --class-path examples/target/examples.jar examples/jshell/pclntab.jsh
import java.nio.file.*;
import dev.gopherlens.core.*;
import dev.gopherlens.pclntab.*;
import dev.gopherlens.examples.*;

/** Opens a Go binary (ELF, Mach-O or PE, gzipped or not): binary("server").buildInfo(). */
GoBinary binary(String path) throws java.io.IOException { return GoBinary.open(Path.of(path)); }

/** The frames at a pc, innermost (inlined) first, like go tool addr2line: addr2line(binary("server"), 0x4a1b2c). */
java.util.List<Frame> addr2line(GoBinary b, long pc) throws java.io.IOException { return b.frames(pc); }

/** The example files shipped in the jar: example("hello-linux-amd64.gz"). */
byte[] example(String name) { return ExampleData.bytes(name); }

System.out.println("Gopherlens pclntab loaded. Try: GoBinary.open(example(ExampleData.BINARY)), binary(\"server\").func(\"main.main\")");
