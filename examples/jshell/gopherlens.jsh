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

/** The flat profile of go tool pprof -top: top("cpu.pprof"); then report(...).focus("main").peek("spin"). */
TopReport top(String path) throws java.io.IOException { return profile(path).top(); }

/** The reports of go tool pprof over a profile: report("heap.pprof").traces(). */
Report report(String path) throws java.io.IOException { return profile(path).report(); }

/** Reads a whole execution trace: trace("trace.out").countByKind(). */
Trace trace(String path) throws java.io.IOException { return GoTrace.read(Path.of(path)); }

/** The example files shipped in the jar: example("trace.out"). */
byte[] example(String name) { return ExampleData.bytes(name); }

System.out.println("Gopherlens loaded. Try: Inputs.identify(example(\"trace.out\")), Pprof.read(example(\"cpu.pprof\")).top(), GoTrace.read(example(\"trace.out\")).countByKind(), profile(\"path/to/cpu.pprof\")");
