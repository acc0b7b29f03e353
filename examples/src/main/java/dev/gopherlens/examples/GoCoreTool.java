package dev.gopherlens.examples;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.pclntab.gocore.GoCore;
import dev.gopherlens.pclntab.gocore.GoValue;
import dev.gopherlens.pclntab.gocore.Goroutine;
import dev.gopherlens.pclntab.gocore.StackFrame;
import dev.gopherlens.pclntab.gocore.Thread;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The debugger's first questions, asked of a Go core dump with the binary that wrote it, with no gdb, delve or Go
 * toolchain: which goroutines there were, where each one stood, and the threads' registers.
 *
 * <pre>
 * java -cp examples/target/examples.jar dev.gopherlens.examples.GoCoreTool BINARY CORE [goroutines | bt [ID] | threads | print NAME]
 * </pre>
 * {@code goroutines} (the default) prints one line per goroutine, its traceback header and its innermost frame
 * outside the runtime; {@code bt} one goroutine or all of them as the runtime's crash traceback prints them
 * ({@code GOTRACEBACK=crash}, arguments included), each block followed by a blank line; {@code threads} gdb's
 * {@code info threads} and each thread's registers; {@code print} a global as Go's {@code %#v} prints it
 * ({@code print main.GlobalConfig}), members after its name ({@code print main.GlobalConfig.Origin}) and a leading
 * {@code *} to follow a pointer ({@code print *main.GlobalConfig.Next}). Both files may be gzipped.
 * Get a core of a Go service with {@code GOTRACEBACK=crash} and {@code ulimit -c unlimited} (a crash writes one), or
 * {@code gcore PID} from a running one.
 */
public final class GoCoreTool {
    private GoCoreTool() {
    }

    /**
     * Runs the example.
     *
     * @param args the binary, the core, then a command
     * @throws IOException if a file cannot be read or the core does not match the binary
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: GoCoreTool BINARY CORE [goroutines | bt [ID] | threads | print NAME]");
            System.exit(2);
        }
        GoCore core = GoCore.open(Path.of(args[1]), Path.of(args[0]));
        try {
            run(core, List.of(args).subList(2, args.length), System.out);
        } catch (IllegalArgumentException e) {
            // A name or goroutine id the core does not have: say so, without a stack trace.
            System.err.println("GoCoreTool: " + e.getMessage());
            System.exit(1);
        }
    }

    static void run(GoCore core, List<String> command, PrintStream out) throws IOException {
        String what = command.isEmpty() ? "goroutines" : command.get(0);
        long now = core.nanotime();
        switch (what) {
            case "goroutines" -> {
                for (Goroutine g : core.goroutines()) {
                    out.println(g.header(now) + " " + topUserFrame(core, g));
                }
            }
            case "bt" -> {
                boolean found = false;
                for (Goroutine g : core.goroutines()) {
                    if (command.size() > 1 && g.id() != Long.parseLong(command.get(1))) {
                        continue;
                    }
                    // The runtime's own text for the core's Go version, so it diffs against the crash log.
                    out.print(core.traceback(g));
                    out.println();
                    found = true;
                }
                if (!found && command.size() > 1) {
                    throw new IllegalArgumentException("no goroutine " + command.get(1) + " in the core");
                }
            }
            case "threads" -> {
                out.print(core.infoThreads());
                for (Thread t : core.threads()) {
                    out.println();
                    out.println("Thread " + t.index() + " (LWP " + t.lwp() + "):");
                    out.print(core.infoRegisters(t));
                }
            }
            case "print" -> {
                if (command.size() != 2) {
                    throw new IllegalArgumentException("print takes one name, such as main.GlobalConfig");
                }
                out.println(value(core, command.get(1)).toGoSyntax());
            }
            default -> throw new IllegalArgumentException("unknown command " + what
                    + " (goroutines, bt [ID], threads, print NAME)");
        }
    }

    /**
     * Resolves {@code [*]GLOBAL[.MEMBER...]}: the longest dotted prefix that names a global (package paths have dots
     * too), then struct members, then the dereference.
     */
    static GoValue value(GoCore core, String expression) throws IOException {
        boolean deref = expression.startsWith("*");
        String path = deref ? expression.substring(1) : expression;
        for (int end = path.length(); end > 0; end = path.lastIndexOf('.', end - 1)) {
            var global = core.global(path.substring(0, end));
            if (global.isEmpty()) {
                continue;
            }
            GoValue v = global.get();
            if (end < path.length()) {
                for (String member : path.substring(end + 1).split("\\.")) {
                    GoValue parent = v;
                    v = v.field(member).orElseThrow(() -> new IllegalArgumentException(parent.type() + " has no member "
                            + member));
                }
            }
            if (deref) {
                GoValue pointer = v;
                v = v.deref().orElseThrow(() -> new IllegalArgumentException(pointer.expression() + " is nil"));
            }
            return v;
        }
        throw new IllegalArgumentException("no global " + path + " in the binary's DWARF");
    }

    private static String topUserFrame(GoCore core, Goroutine g) throws IOException {
        List<StackFrame> frames;
        try {
            frames = core.stack(g);
        } catch (GoParseException e) {
            return "(stack unreadable: " + e.getMessage() + ")";
        }
        for (StackFrame f : frames) {
            if (!f.function().startsWith("runtime.") && !f.function().startsWith("internal/")) {
                return f.function() + " " + f.file() + ":" + f.line();
            }
        }
        return frames.isEmpty() ? "" : frames.get(0).function() + " " + frames.get(0).file() + ":" + frames.get(0).line();
    }
}
