package dev.gopherlens.pclntab.internal;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.pclntab.BuildInfo;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Finds and reads the build-info blob the linker writes (cmd/link buildinfo, debug/buildinfo): the magic
 * {@code "\xff Go buildinf:"}, then the pointer size and flags, then either two pointers to string headers (Go
 * 1.13-1.17) or two length-prefixed strings (Go 1.18+).
 */
public final class BuildInfoReader {
    private static final byte[] MAGIC = "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1);
    /** runtime/debug's sentinels around the module text. */
    private static final int SENTINEL = 16;

    private BuildInfoReader() {
    }

    /**
     * Reads the build info of a binary.
     *
     * @param c the binary
     * @return the build info, or empty when the binary has none (Go before 1.13, or not a Go binary)
     * @throws GoParseException if the blob is there but malformed
     */
    public static Optional<BuildInfo> read(Container c) throws GoParseException {
        for (String name : new String[] {".go.buildinfo", "__go_buildinfo"}) {
            Optional<Section> s = c.section(name);
            if (s.isPresent()) {
                Optional<BuildInfo> found = scan(c, s.get());
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        // Otherwise, debug/buildinfo searches the first writable data section.
        for (Section s : c.sections()) {
            if (s.kind() == Section.Kind.DATA) {
                return scan(c, s);
            }
        }
        return Optional.empty();
    }

    private static Optional<BuildInfo> scan(Container c, Section s) throws GoParseException {
        ByteBuffer b = c.bytes(s);
        for (int at = 0; at + 32 <= b.capacity(); at += 16) {
            if (!matches(b, at)) {
                continue;
            }
            int ptrSize = b.get(at + 14);
            int flags = b.get(at + 15);
            boolean bigEndian = (flags & 1) != 0;
            if ((flags & 2) != 0) {
                int p = at + 32;
                byte[][] out = new byte[2][];
                for (int k = 0; k < 2; k++) {
                    long len = 0;
                    int shift = 0;
                    while (true) {
                        if (p >= b.capacity()) {
                            throw GoParseException.truncated("buildinfo", s.offset() + p, "string length", 1, 0);
                        }
                        int x = b.get(p++);
                        len |= (long) (x & 0x7f) << shift;
                        if (x >= 0) {
                            break;
                        }
                        shift += 7;
                        if (shift > 63) {
                            throw GoParseException.malformed("buildinfo", s.offset() + p, "expected a length varint");
                        }
                    }
                    if (len < 0 || len > b.capacity() - p) {
                        throw GoParseException.truncated("buildinfo", s.offset() + p, "string", len, b.capacity() - p);
                    }
                    byte[] bytes = new byte[(int) len];
                    b.get(p, bytes);
                    p += (int) len;
                    out[k] = bytes;
                }
                return Optional.of(new BuildInfo(new String(out[0], StandardCharsets.UTF_8), stripSentinels(out[1])));
            }
            if (ptrSize != 4 && ptrSize != 8) {
                throw GoParseException.malformed("buildinfo", s.offset() + at + 14,
                        "expected a pointer size of 4 or 8, found " + ptrSize);
            }
            java.nio.ByteOrder order = bigEndian ? java.nio.ByteOrder.BIG_ENDIAN : java.nio.ByteOrder.LITTLE_ENDIAN;
            ByteBuffer ob = b.duplicate().order(order);
            long versionPtr = ptrSize == 8 ? ob.getLong(at + 16) : Integer.toUnsignedLong(ob.getInt(at + 16));
            long modPtr = ptrSize == 8 ? ob.getLong(at + 16 + 8) : Integer.toUnsignedLong(ob.getInt(at + 16 + 4));
            long blobVa = s.address() + at;
            if (versionPtr == 0) {
                versionPtr = c.pointer(blobVa + 16);
                modPtr = c.pointer(blobVa + 16 + ptrSize);
            }
            byte[] version = goString(c, versionPtr);
            if (version.length == 0) {
                return Optional.empty(); // debug/buildinfo: no version string, not a Go executable's build info
            }
            return Optional.of(new BuildInfo(new String(version, StandardCharsets.UTF_8),
                    stripSentinels(goString(c, modPtr))));
        }
        return Optional.empty();
    }

    /**
     * Reads a Go string header {data, len} at an address and the bytes it points to. A header outside the file's
     * bytes is an empty string, as debug/buildinfo reads it: a binary built outside module mode (Go 1.15's own
     * tools, say) leaves {@code runtime.modinfo} zero, in {@code .bss}, which has no bytes in the file.
     */
    private static byte[] goString(Container c, long header) throws GoParseException {
        if (c.fileOffset(header) < 0 || c.fileOffset(header + 2L * c.ptrSize() - 1) < 0) {
            return new byte[0];
        }
        long data = c.pointer(header);
        long len = c.pointer(header + c.ptrSize());
        if (len < 0 || len > 1 << 24) {
            throw GoParseException.malformed("buildinfo", c.fileOffset(header), "expected a string length, found " + len);
        }
        ByteBuffer b = c.at(data, len);
        byte[] bytes = new byte[(int) len];
        b.get(0, bytes);
        return bytes;
    }

    private static boolean matches(ByteBuffer b, int at) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (b.get(at + i) != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** runtime/debug: the module text sits between two 16-byte sentinels, and ends with a newline. */
    private static String stripSentinels(byte[] mod) {
        if (mod.length >= 33 && mod[mod.length - 17] == '\n') {
            return new String(mod, SENTINEL, mod.length - 2 * SENTINEL, StandardCharsets.UTF_8);
        }
        return "";
    }
}
