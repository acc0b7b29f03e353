/**
 * Go core dumps: a Linux ELF core read with the binary that wrote it, without gdb, Delve or a Go toolchain.
 * {@link dev.gopherlens.pclntab.gocore.GoCore} opens the pair and refuses a mismatch, lists the
 * {@link dev.gopherlens.pclntab.gocore.Thread threads} with their
 * {@link dev.gopherlens.pclntab.gocore.Registers registers}, the process, signal, auxiliary vector and mapped files, and reads the process's
 * {@link dev.gopherlens.pclntab.gocore.Memory memory}, and prints {@code info threads} and {@code info registers}
 * as gdb does. On top of it: the {@link dev.gopherlens.pclntab.gocore.Goroutine goroutines}, each one's stack
 * (through the runtime's signal frames for a running one) and a thread's stack as gdb's {@code bt} shows it, and
 * {@link dev.gopherlens.pclntab.gocore.GoCore#traceback(Goroutine) traceback(g)}, a goroutine as the runtime's own
 * crash traceback prints it, to diff against a crash log;
 * {@link dev.gopherlens.pclntab.gocore.GoCore#global(String) global(name)} reads a package variable as a
 * {@link dev.gopherlens.pclntab.gocore.GoValue} and prints it as Go's {@code %#v} would have.
 *
 * <pre>{@code
 * GoCore core = GoCore.open(Path.of("core.gz"), Path.of("coregen.gz"));
 * System.out.print(core.infoThreads());                      // as gdb's info threads
 * System.out.print(core.infoRegisters(core.threads().get(0)));  // as gdb's info registers
 * long v = core.memory().u64(address);
 * for (Goroutine g : core.goroutines()) {
 *     System.out.println(core.traceback(g));                 // as GOTRACEBACK=crash prints it
 * }
 * System.out.println(core.global("main.GlobalConfig").orElseThrow().toGoSyntax());   // as GoCoreTool's print
 * }</pre>
 */
package dev.gopherlens.pclntab.gocore;
