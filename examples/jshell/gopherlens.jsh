// Gopherlens start-up script for jshell. From the repository root, after `mvn -B -ntp -q package -DskipTests`:
//   jshell --class-path examples/target/examples.jar examples/jshell/gopherlens.jsh
import java.nio.file.*;
import dev.gopherlens.core.*;
import dev.gopherlens.pprof.*;
import dev.gopherlens.trace.*;
import dev.gopherlens.pclntab.*;
import dev.gopherlens.examples.*;

/** Tells what a file is: identify("trace.out"). */
Identification identify(String path) throws java.io.IOException { return Inputs.identify(Path.of(path)); }

/** Reads a pprof profile: profile("cpu.pprof").toRawText(). */
Profile profile(String path) throws java.io.IOException { return Pprof.read(Path.of(path)); }

/** Reads a whole execution trace: trace("trace.out").countByKind(). */
Trace trace(String path) throws java.io.IOException { return GoTrace.read(Path.of(path)); }

/** The example files shipped in the jar: example("trace.out"). */
byte[] example(String name) { return ExampleData.bytes(name); }

System.out.println("Gopherlens loaded. Try: Inputs.identify(example(\"trace.out\")), Pprof.read(example(\"cpu.pprof\")), GoTrace.read(example(\"trace.out\")).countByKind(), profile(\"path/to/cpu.pprof\")");
