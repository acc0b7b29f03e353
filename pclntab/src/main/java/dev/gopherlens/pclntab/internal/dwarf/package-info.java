/**
 * Our own reader of the DWARF in Go binaries: globals by name with their addresses, the layout of any type (the
 * runtime's {@code runtime.g}, {@code runtime.m}, map and channel headers), package constants, and functions with
 * their parameters. Internal: the core-dump reader builds on it.
 *
 * <pre>{@code
 * Dwarf d = Dwarf.of(ElfFile.read(buffer)).orElseThrow();
 * StructType g = d.struct("runtime.g").orElseThrow();
 * long goid = g.offsetOf("goid");
 * }</pre>
 */
package dev.gopherlens.pclntab.internal.dwarf;
