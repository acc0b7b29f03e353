// Gopherlens trace start-up script for jshell. From the repository root, after `mvn -B -ntp -q package -DskipTests -pl examples -am`:
//   jshell --class-path examples/target/examples.jar examples/jshell/trace.jsh
import java.nio.file.*;
import dev.gopherlens.core.*;
import dev.gopherlens.trace.*;
import dev.gopherlens.examples.*;

/** Reads a whole execution trace of any Go version: trace("trace.out").countByKind(). */
Trace trace(String path) throws java.io.IOException { return GoTrace.read(Path.of(path)); }

/** What go tool trace shows first, in one pass: analyze("trace.out").goroutines().leaks(). */
TraceAnalysis analyze(String path) throws java.io.IOException { return TraceAnalysis.of(Path.of(path)); }

/** The example files shipped in the jar: example("trace.out"). */
byte[] example(String name) { return ExampleData.bytes(name); }

System.out.println("Gopherlens trace loaded. Try: GoTrace.read(example(\"trace.out\")), trace(\"trace.out\").countByKind(), analyze(\"trace.out\")");
