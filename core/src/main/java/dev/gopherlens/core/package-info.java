/**
 * What every Gopherlens format module shares: opening inputs ({@link dev.gopherlens.core.Inputs}), telling what
 * they are ({@link dev.gopherlens.core.Identification}), the parse exceptions, {@link dev.gopherlens.core.Limits},
 * and the code-location model ({@link dev.gopherlens.core.Frame}, {@link dev.gopherlens.core.Stack}).
 *
 * <pre>{@code
 * for (String arg : args) {
 *     System.out.println(arg + ": " + Inputs.identify(Path.of(arg)));
 * }
 * }</pre>
 * (from {@code examples/src/main/java/dev/gopherlens/examples/Identify.java})
 */
package dev.gopherlens.core;
