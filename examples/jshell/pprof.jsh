// Gopherlens pprof start-up script for jshell. From the repository root, after `mvn -B -ntp -q package -DskipTests -pl examples -am`:
//   jshell --class-path examples/target/examples.jar examples/jshell/pprof.jsh
import java.nio.file.*;
import dev.gopherlens.core.*;
import dev.gopherlens.pprof.*;
import dev.gopherlens.pprof.goroutines.*;
import dev.gopherlens.examples.*;

/** Reads a pprof profile (profile.proto or a legacy text/binary format): profile("cpu.pprof"). */
Profile profile(String path) throws java.io.IOException { return Pprof.read(Path.of(path)); }

/** The flat profile, as go tool pprof -top prints it: top("cpu.pprof"). */
TopReport top(String path) throws java.io.IOException { return profile(path).top(); }

/** The reports of go tool pprof: report("heap.pprof").focus("main").traces(). */
Report report(String path) throws java.io.IOException { return profile(path).report(); }

/** A goroutine dump (a panic's output or /debug/pprof/goroutine?debug=2): goroutines("crash.txt").buckets(). */
GoroutineDump goroutines(String path) throws java.io.IOException { return GoroutineDump.read(Path.of(path)); }

/** The example files shipped in the jar: example("cpu.pprof"). */
byte[] example(String name) { return ExampleData.bytes(name); }

System.out.println("Gopherlens pprof loaded. Try: Pprof.read(example(\"cpu.pprof\")).top(), top(\"cpu.pprof\"), report(\"cpu.pprof\").peek(\"main\")");
