// Gopherlens start-up script for jshell, every parser at once (pprof.jsh, trace.jsh and pclntab.jsh have one each).
// From the repository root, after `mvn -B -ntp -q package -DskipTests -pl examples -am`:
//   jshell --class-path examples/target/examples.jar examples/jshell/gopherlens.jsh
import java.nio.file.*;
import dev.gopherlens.core.*;
import dev.gopherlens.pprof.*;
import dev.gopherlens.pprof.goroutines.*;
import dev.gopherlens.trace.*;
import dev.gopherlens.pclntab.*;
import dev.gopherlens.examples.*;

/** Tells what a file is: identify("trace.out"). */
Identification identify(String path) throws java.io.IOException { return Inputs.identify(Path.of(path)); }

/** Reads a pprof profile (profile.proto or a legacy text/binary format): profile("cpu.pprof"). */
Profile profile(String path) throws java.io.IOException { return Pprof.read(Path.of(path)); }

/** The flat profile, as go tool pprof -top prints it: top("cpu.pprof"). */
TopReport top(String path) throws java.io.IOException { return profile(path).top(); }

/** The reports of go tool pprof: report("heap.pprof").focus("main").traces(). */
Report report(String path) throws java.io.IOException { return profile(path).report(); }

/** A goroutine dump (a panic's output or /debug/pprof/goroutine?debug=2): goroutines("crash.txt").buckets(). */
GoroutineDump goroutines(String path) throws java.io.IOException { return GoroutineDump.read(Path.of(path)); }

/** Reads a whole execution trace of any Go version: trace("trace.out").countByKind(). */
Trace trace(String path) throws java.io.IOException { return GoTrace.read(Path.of(path)); }

/** What go tool trace shows first, in one pass: analyze("trace.out").goroutines().leaks(). */
TraceAnalysis analyze(String path) throws java.io.IOException { return TraceAnalysis.of(Path.of(path)); }

/** Opens a Go binary (ELF, Mach-O or PE, gzipped or not): binary("server").buildInfo(). */
GoBinary binary(String path) throws java.io.IOException { return GoBinary.open(Path.of(path)); }

/** The frames at a pc, innermost (inlined) first, like go tool addr2line: addr2line(binary("server"), 0x4a1b2c). */
java.util.List<Frame> addr2line(GoBinary b, long pc) throws java.io.IOException { return b.frames(pc); }

/** The example files shipped in the jar: example("trace.out"). */
byte[] example(String name) { return ExampleData.bytes(name); }

System.out.println("Gopherlens loaded. Try: Inputs.identify(example(\"trace.out\")), Pprof.read(example(\"cpu.pprof\")).top(), GoTrace.read(example(\"trace.out\")).countByKind(), top(\"path/to/cpu.pprof\")");
