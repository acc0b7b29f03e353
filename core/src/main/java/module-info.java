/**
 * Gopherlens core: what every format module shares.
 *
 * <p>{@link dev.gopherlens.core.Inputs} opens files, byte arrays, buffers and streams with transparent
 * decompression and tells what they are; {@link dev.gopherlens.core.GoParseException} and its subclasses report
 * bad input with the byte offset; {@link dev.gopherlens.core.Limits} bounds what a decoder may allocate;
 * {@link dev.gopherlens.core.Frame} and {@link dev.gopherlens.core.Stack} are the code locations that profiles,
 * traces and binaries have in common. The byte readers in {@code dev.gopherlens.core.internal} are for the sibling
 * format modules only.
 */
module dev.gopherlens.core {
    requires org.apache.commons.compress;
    requires com.github.luben.zstd_jni;
    requires org.tukaani.xz;

    exports dev.gopherlens.core;
    exports dev.gopherlens.core.internal to
            dev.gopherlens.pprof,
            dev.gopherlens.trace,
            dev.gopherlens.pclntab;
}
