package dev.gopherlens.core.internal;

import dev.gopherlens.core.Compression;
import dev.gopherlens.core.Format;
import dev.gopherlens.core.Identification;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Tells what an input is from its first (decompressed) bytes. Only magic numbers and headers are trusted; a
 * protobuf is recognized by walking its top-level fields against the shape of profile.proto. Stateless.
 */
public final class Sniffer {
    /** How many leading bytes {@link #identify} wants to see; fewer are fine for short inputs. */
    public static final int PREFIX_LENGTH = 8192;

    // runtime/trace.go (Go 1.11-1.21) and internal/trace/version (Go 1.22+): "go 1.N trace\0\0\0", 16 bytes.
    private static final Pattern TRACE_HEADER = Pattern.compile("go (1\\.\\d{1,3}) trace\0*");
    // runtime/traceback.go: "goroutine 1 [running]:" starts each goroutine of a dump or a crash.
    private static final Pattern GOROUTINE_LINE = Pattern.compile("(?m)^goroutine \\d+ (?:gp=0x[0-9a-f]+ m=\\S+ mp=0x[0-9a-f]+ )?\\[");

    private Sniffer() {
    }

    /**
     * Identifies an input.
     *
     * @param prefix      the first bytes of the decompressed input
     * @param length      how many of them are valid; less than {@link #PREFIX_LENGTH} means the whole input
     * @param compression the compression that was removed
     * @return what the input is
     */
    public static Identification identify(byte[] prefix, int length, Compression compression) {
        boolean whole = length < PREFIX_LENGTH;
        if (length == 0) {
            return new Identification(Format.UNKNOWN, compression, "", "empty");
        }
        Identification found = binary(prefix, length, compression);
        if (found == null) {
            found = text(prefix, length, compression);
        }
        if (found == null && looksLikeProfileProto(prefix, length, whole)) {
            found = new Identification(Format.PPROF, compression, "", "");
        }
        if (found == null) {
            found = new Identification(Format.UNKNOWN, compression, "", isText(prefix, length) ? "text" : "binary");
        }
        return found;
    }

    private static Identification binary(byte[] b, int n, Compression c) {
        if (n >= 16 && startsWith(b, n, "go 1.")) {
            String header = new String(b, 0, 16, StandardCharsets.ISO_8859_1);
            var m = TRACE_HEADER.matcher(header);
            if (m.matches()) {
                return new Identification(Format.GO_TRACE, c, m.group(1), "");
            }
        }
        if (n >= 4 && (b[0] & 0xff) == 0x7f && b[1] == 'E' && b[2] == 'L' && b[3] == 'F') {
            return elf(b, n, c);
        }
        if (n >= 4) {
            int be = u32be(b, 0);
            switch (be) {
                case 0xfeedface, 0xcefaedfe, 0xfeedfacf, 0xcffaedfe -> {
                    return machO(b, n, c, be);
                }
                case 0xcafebabe -> {
                    // Universal (fat) Mach-O shares its magic with Java class files, whose next word is a
                    // version of at least 45; a fat header's is a small count of architectures.
                    if (n >= 8 && Integer.compareUnsigned(u32be(b, 4), 45) < 0) {
                        return new Identification(Format.MACH_O, c, "",
                                "universal binary, " + u32be(b, 4) + " architectures");
                    }
                }
                default -> {
                }
            }
        }
        if (n >= 2 && b[0] == 'M' && b[1] == 'Z') {
            return pe(b, n, c);
        }
        if (legacyCpu(b, n)) {
            return new Identification(Format.PPROF_LEGACY, c, "", "gperftools CPU profile");
        }
        return null;
    }

    private static Identification elf(byte[] b, int n, Compression c) {
        if (n < 20) {
            return new Identification(Format.ELF, c, "", "truncated header");
        }
        int cls = b[4];
        boolean little = b[5] == 1;
        int type = little ? u16le(b, 16) : u16be(b, 16);
        int machine = little ? u16le(b, 18) : u16be(b, 18);
        String detail = (cls == 2 ? "ELF64" : cls == 1 ? "ELF32" : "ELF?") + (little ? " little-endian " : " big-endian ")
                + elfMachine(machine) + " " + switch (type) {
                    case 1 -> "relocatable";
                    case 2 -> "executable";
                    case 3 -> "shared object";
                    case 4 -> "core file";
                    default -> "type " + type;
                };
        return new Identification(type == 4 ? Format.CORE_DUMP : Format.ELF, c, "", detail);
    }

    private static String elfMachine(int m) {
        // debug/elf: the EM_* values Go targets.
        return switch (m) {
            case 3 -> "386";
            case 8 -> "mips";
            case 20 -> "ppc";
            case 21 -> "ppc64";
            case 22 -> "s390x";
            case 40 -> "arm";
            case 62 -> "x86-64";
            case 183 -> "arm64";
            case 243 -> "riscv64";
            case 258 -> "loong64";
            default -> "machine " + m;
        };
    }

    private static Identification machO(byte[] b, int n, Compression c, int magic) {
        boolean little = magic == 0xcefaedfe || magic == 0xcffaedfe;
        boolean is64 = magic == 0xfeedfacf || magic == 0xcffaedfe;
        String arch = "";
        if (n >= 8) {
            int cpu = little ? u32le(b, 4) : u32be(b, 4);
            arch = switch (cpu) {
                case 7 -> " i386";
                case 0x01000007 -> " x86-64";
                case 12 -> " arm";
                case 0x0100000c -> " arm64";
                case 0x01000012 -> " ppc64";
                default -> " cpu " + cpu;
            };
        }
        return new Identification(Format.MACH_O, c, "", (is64 ? "64-bit" : "32-bit") + arch);
    }

    private static Identification pe(byte[] b, int n, Compression c) {
        if (n < 0x40) {
            return null;
        }
        long lfanew = Integer.toUnsignedLong(u32le(b, 0x3c));
        if (lfanew + 6 > n) {
            return new Identification(Format.PE, c, "", "MZ executable, PE header beyond the first bytes");
        }
        int at = (int) lfanew;
        if (b[at] != 'P' || b[at + 1] != 'E' || b[at + 2] != 0 || b[at + 3] != 0) {
            return null;
        }
        int machine = u16le(b, at + 4);
        String arch = switch (machine) {
            case 0x14c -> "386";
            case 0x8664 -> "x86-64";
            case 0x1c4 -> "arm";
            case 0xaa64 -> "arm64";
            default -> "machine 0x" + Integer.toHexString(machine);
        };
        return new Identification(Format.PE, c, "", arch);
    }

    /** gperftools' binary CPU profile: a header of machine words 0 and 3, in either width and byte order. */
    private static boolean legacyCpu(byte[] b, int n) {
        if (n >= 16 && u32le(b, 0) == 0 && u32le(b, 4) == 0) {
            long second = ((long) u32le(b, 12) << 32) | Integer.toUnsignedLong(u32le(b, 8));
            long secondBe = ((long) u32be(b, 8) << 32) | Integer.toUnsignedLong(u32be(b, 12));
            if (second == 3 || secondBe == 3) {
                return true;
            }
        }
        return n >= 8 && u32le(b, 0) == 0 && (u32le(b, 4) == 3 || u32be(b, 4) == 3);
    }

    private static Identification text(byte[] b, int n, Compression c) {
        if (!isText(b, n)) {
            return null;
        }
        String head = new String(b, 0, n, StandardCharsets.ISO_8859_1);
        String legacy = null;
        if (head.startsWith("goroutine profile: total ")) {
            legacy = "goroutine profile (debug=1)";
        } else if (head.startsWith("threadcreate profile: total ")) {
            legacy = "threadcreate profile (debug=1)";
        } else if (head.startsWith("heap profile: ") || head.startsWith("heap_v2/")) {
            legacy = "heap profile";
        } else if (head.startsWith("--- contention") || head.startsWith("--- mutex")) {
            legacy = "contention profile";
        } else if (head.startsWith("--- threadz")) {
            legacy = "thread profile";
        } else if (head.startsWith("--- heapz")) {
            legacy = "heap profile";
        }
        if (legacy != null) {
            return new Identification(Format.PPROF_LEGACY, c, "", legacy);
        }
        if (GOROUTINE_LINE.matcher(head).find()) {
            return new Identification(Format.GOROUTINE_DUMP, c, "", head.startsWith("goroutine ") ? "" : "in a crash report");
        }
        return null;
    }

    /** Text, as far as the prefix shows: no NUL and no control bytes but tab, newline and carriage return. */
    private static boolean isText(byte[] b, int n) {
        for (int i = 0; i < n; i++) {
            int v = b[i] & 0xff;
            if (v < 0x20 && v != '\n' && v != '\r' && v != '\t') {
                return false;
            }
        }
        return true;
    }

    /**
     * Walks top-level protobuf fields and accepts only those of google/pprof's profile.proto (fields 1-15, each
     * with its wire type). A field that runs past the prefix ends the walk, successfully only when more input
     * follows.
     */
    static boolean looksLikeProfileProto(byte[] b, int n, boolean whole) {
        int p = 0;
        int fields = 0;
        long[] out = new long[1];
        while (p < n) {
            int next = varint(b, p, n, out);
            if (next < 0) {
                return !whole && fields > 0;
            }
            long tag = out[0];
            long field = tag >>> 3;
            int wire = (int) (tag & 7);
            if (field < 1 || field > 15 || !wireTypeFits((int) field, wire)) {
                return false;
            }
            p = next;
            if (wire == 0) {
                next = varint(b, p, n, out);
                if (next < 0) {
                    return !whole;
                }
                p = next;
            } else {
                next = varint(b, p, n, out);
                if (next < 0) {
                    return !whole;
                }
                long len = out[0];
                if (len < 0 || len > Integer.MAX_VALUE) {
                    return false;
                }
                if (next + len > n) {
                    return !whole;
                }
                p = (int) (next + len);
            }
            fields++;
        }
        return fields > 0;
    }

    private static boolean wireTypeFits(int field, int wire) {
        // profile.proto: messages and repeated/packed fields are length-delimited (2); scalars are varints (0);
        // comment (13) is a repeated int64, packed or not.
        return switch (field) {
            case 1, 2, 3, 4, 5, 6, 11, 15 -> wire == 2;
            case 7, 8, 9, 10, 12, 14 -> wire == 0;
            case 13 -> wire == 0 || wire == 2;
            default -> false;
        };
    }

    /** Decodes a varint at p; returns the next index, or -1 if it runs past n or overflows. */
    private static int varint(byte[] b, int p, int n, long[] out) {
        long v = 0;
        for (int i = 0; i < Varint.MAX_LENGTH; i++) {
            if (p + i >= n) {
                return -1;
            }
            byte x = b[p + i];
            v |= (long) (x & 0x7f) << (7 * i);
            if (x >= 0) {
                out[0] = v;
                return p + i + 1;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] b, int n, String s) {
        if (n < s.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (b[i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int u16le(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8;
    }

    private static int u16be(byte[] b, int i) {
        return (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
    }

    private static int u32le(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16 | (b[i + 3] & 0xff) << 24;
    }

    private static int u32be(byte[] b, int i) {
        return (b[i] & 0xff) << 24 | (b[i + 1] & 0xff) << 16 | (b[i + 2] & 0xff) << 8 | (b[i + 3] & 0xff);
    }
}
