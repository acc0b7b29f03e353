/**
 * Internals of core that the format modules share: the byte readers ({@link dev.gopherlens.core.internal.ByteReader},
 * {@link dev.gopherlens.core.internal.BufferReader}, {@link dev.gopherlens.core.internal.StreamReader}), varint
 * arithmetic, decompression and format sniffing. Exported only to the Gopherlens modules; not an API.
 */
package dev.gopherlens.core.internal;
