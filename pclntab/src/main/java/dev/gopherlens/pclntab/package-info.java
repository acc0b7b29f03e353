/**
 * Go binaries and core dumps. So far: {@link dev.gopherlens.pclntab.PclntabVersion}, which tells a pclntab's
 * layout, byte order, pc quantum and pointer size from its header.
 *
 * <pre>{@code
 * PclntabVersion.Header h = PclntabVersion.readHeader(bytes, pclntabOffset);   // GO_1_20, LITTLE_ENDIAN, 1, 8
 * }</pre>
 */
package dev.gopherlens.pclntab;
