/**
 * Go core dumps: a Linux ELF core read with the binary that wrote it, without gdb, Delve or a Go toolchain. So far
 * the foundation: {@link dev.gopherlens.pclntab.gocore.GoCore} opens the pair and refuses a mismatch, lists the
 * {@link dev.gopherlens.pclntab.gocore.Thread threads} with their {@link dev.gopherlens.pclntab.gocore.Registers
 * registers}, the process, signal, auxiliary vector and mapped files, and reads the process's
 * {@link dev.gopherlens.pclntab.gocore.Memory memory}, and prints {@code info threads} and {@code info registers}
 * as gdb does; {@link dev.gopherlens.pclntab.gocore.GoCore#global(String) global(name)} reads a package variable as a
 * {@link dev.gopherlens.pclntab.gocore.GoValue} and prints it as Go's {@code %#v} would have.
 *
 * <pre>{@code
 * GoCore core = GoCore.open(Path.of("core.gz"), Path.of("coregen.gz"));
 * System.out.print(core.infoThreads());                      // as gdb's info threads
 * System.out.print(core.infoRegisters(core.threads().get(0)));  // as gdb's info registers
 * long v = core.memory().u64(address);
 * System.out.println(core.global("main.GlobalConfig").orElseThrow().toGoSyntax());   // as GoCoreTool's print
 * }</pre>
 */
package dev.gopherlens.pclntab.gocore;
