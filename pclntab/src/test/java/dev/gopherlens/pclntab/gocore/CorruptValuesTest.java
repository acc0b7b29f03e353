package dev.gopherlens.pclntab.gocore;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.core.Inputs;
import dev.gopherlens.core.testing.Corpus;
import dev.gopherlens.pclntab.internal.dwarf.StructType;
import dev.gopherlens.pclntab.internal.gocore.ValueReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Hostile memory: a corpus core whose globals and map structures are overwritten (huge or inconsistent lengths,
 * impossible map headers, overflow cycles, garbage type words, dangling pointers, seeded random byte flips) must
 * render or throw {@link GoParseException}, quickly, never anything else; and zeroed or reinterpreted globals must
 * print as Go prints the same values (gosyntax.golden, written by Go's fmt).
 */
class CorruptValuesTest {
    private static final Duration FAST = Duration.ofSeconds(5);

    /** A corpus core held in an array that the opened core reads through, so pokes show in its memory. */
    private static final class Patched {
        final byte[] bytes;
        final GoCore core;

        Patched(String version) throws IOException {
            try (var in = Inputs.open(Corpus.file("core/" + version + "/core.gz"))) {
                ByteBuffer b = in.buffer();
                bytes = new byte[b.remaining()];
                b.get(bytes);
            }
            byte[] binary;
            try (var in = Inputs.open(Corpus.file("core/" + version + "/coregen.gz"))) {
                ByteBuffer b = in.buffer();
                binary = new byte[b.remaining()];
                b.get(binary);
            }
            core = GoCore.open(bytes, binary);
        }

        int offset(long address, int length) {
            for (Segment s : core.segments()) {
                if (address >= s.address() && address + length <= s.address() + s.fileSize()) {
                    return (int) (s.fileOffset() + (address - s.address()));
                }
            }
            throw new AssertionError("0x" + Long.toHexString(address) + " is not in the core's file");
        }

        long peek(long address) {
            return ByteBuffer.wrap(bytes, offset(address, 8), 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        }

        void poke(long address, long value) {
            ByteBuffer.wrap(bytes, offset(address, 8), 8).order(ByteOrder.LITTLE_ENDIAN).putLong(value);
        }

        void pokeByte(long address, int value) {
            bytes[offset(address, 1)] = (byte) value;
        }

        GoValue global(String name) throws GoParseException {
            return core.global(name).orElseThrow();
        }

        long member(String struct, String field) throws GoParseException {
            StructType s = core.dwarf().struct(struct).orElseThrow(() -> new AssertionError("no " + struct));
            return s.offsetOf(field);
        }
    }

    private static String golden(String kind) throws IOException {
        try (InputStream in = CorruptValuesTest.class.getResourceAsStream(
                "/dev/gopherlens/pclntab/internal/gocore/gosyntax/gosyntax.golden")) {
            assertThat(in).isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] f = line.split("\t", 3);
                if (f[0].equals(kind)) {
                    return f[2];
                }
            }
        }
        throw new AssertionError("no " + kind + " line in gosyntax.golden");
    }

    private static void assertRefused(GoValue v, String messagePart) {
        assertTimeoutPreemptively(FAST, () -> assertThatThrownBy(v::toGoSyntax).isInstanceOf(GoParseException.class)
                .hasMessageContaining(messagePart));
    }

    @ParameterizedTest
    @ValueSource(strings = {"go1.21", "go1.27"})
    void zeroedGlobalsPrintAsGoZeroValues(String version) throws IOException {
        Patched p = new Patched(version);
        GoValue counter = p.global("main.GlobalCounter");
        p.poke(counter.address(), 7);
        assertThat(counter.toGoSyntax()).as("the core reads through the patched array").isEqualTo("7");

        GoValue cfg = p.global("main.GlobalConfig");
        for (long off = 0; off < cfg.size(); off += 8) {
            p.poke(cfg.address() + off, 0);
        }
        assertThat(cfg.toGoSyntax()).isEqualTo(golden("zeroconfig"));
        GoValue next = cfg.field("Next").orElseThrow();
        assertThat(next.deref()).isEmpty();
        assertThat(next.toGoSyntax()).isEqualTo(golden("nilpointer"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"go1.21", "go1.27"})
    void aTopLevelByteSliceIsNamedByte(String version) throws IOException {
        Patched p = new Patched(version);
        // GlobalSlice's header read as a []uint8: the first 8 bytes of its int64s, 2 then seven zeros.
        GoValue slice = p.global("main.GlobalSlice");
        GoValue bytes = new GoValue(new ValueReader(p.core.memory(), p.core.dwarf(), p.core.loadBias()), "bytes",
                p.core.dwarf().type("[]uint8").orElseThrow(), slice.address());
        assertThat(bytes.toGoSyntax()).isEqualTo(golden("topbytes"));
        p.poke(slice.address(), 0);
        assertThat(bytes.toGoSyntax()).isEqualTo("[]byte(nil)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"go1.21", "go1.27"})
    void interfacesHoldingTypesWithoutDwarfPrintFromTheirDescriptor(String version) throws IOException {
        Patched p = new Patched(version);
        // runtime/iface.go: uint16Eface any = uint16InterfacePtr(0), and so on; the linker wrote no DWARF for them.
        assertThat(p.core.dwarf().type("runtime.sliceInterfacePtr")).isEmpty();
        String printed = p.global("runtime.uint16Eface").toGoSyntax() + " " + p.global("runtime.stringEface")
                .toGoSyntax() + " " + p.global("runtime.sliceEface").toGoSyntax();
        // gosyntax.golden has Go's output for the same types declared in package main.
        assertThat(printed.replace("runtime.", "main.")).isEqualTo(golden("descriptoronly"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"go1.21", "go1.27"})
    void hostileLengthsAreRefusedFast(String version) throws IOException {
        Patched p = new Patched(version);
        GoValue slice = p.global("main.GlobalSlice");
        long len = slice.address() + p.member("runtime.slice", "len");
        long cap = slice.address() + p.member("runtime.slice", "cap");
        p.poke(len, 9);
        assertRefused(slice, "capacity 8");
        p.poke(len, Long.MAX_VALUE);
        p.poke(cap, Long.MAX_VALUE);
        assertRefused(slice, "");
        p.poke(len, 1L << 40);
        p.poke(cap, 1L << 40);
        assertRefused(slice, "");
        p.poke(len, -1);
        assertRefused(slice, "");

        GoValue string = p.global("main.GlobalString");
        long slen = string.address() + p.member("runtime.stringStruct", "len");
        p.poke(slen, 1L << 40);
        assertRefused(string, "string length");
        p.poke(slen, -5);
        assertRefused(string, "string length");
        p.poke(slen, 5);
        p.poke(string.address() + p.member("runtime.stringStruct", "str"), 0x10);
        assertThatThrownBy(string::toGoSyntax).isInstanceOf(UnmappedAddressException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"go1.21", "go1.27"})
    void badPointersAndTypeWordsAreRefused(String version) throws IOException {
        Patched p = new Patched(version);
        GoValue cfg = p.global("main.GlobalConfig");
        GoValue next = cfg.field("Next").orElseThrow();
        p.poke(next.address(), 0x10);
        // Inside a struct a pointer prints by address, so nothing is followed...
        assertThat(cfg.toGoSyntax()).contains("Next:(*main.Point)(0x10)");
        // ...until asked.
        GoValue target = next.deref().orElseThrow();
        assertThatThrownBy(target::toGoSyntax).isInstanceOf(UnmappedAddressException.class).hasMessageContaining("0x10");
        assertThatThrownBy(next::toGoSyntax).isInstanceOf(UnmappedAddressException.class);

        GoValue any = cfg.field("Any").orElseThrow();
        p.poke(any.address(), 0x1234);
        assertRefused(cfg, "0x1234");
        assertRefused(cfg, "in main.GlobalConfig.Any");
    }

    @Test
    void corruptBucketMapsAreRefused() throws IOException {
        Patched p = new Patched("go1.21");
        GoValue m = p.global("main.GlobalMap");
        long h = p.peek(m.address());
        long count = h + p.member("runtime.hmap", "count");
        long b = h + p.member("runtime.hmap", "B");
        long buckets = p.peek(h + p.member("runtime.hmap", "buckets"));
        assertThat(m.toGoSyntax()).startsWith("map[string]int{\"five\":5");

        p.poke(count, 6);
        assertRefused(m, "the 6 entries the map header at 0x" + Long.toHexString(h) + " counts, found 5");
        p.poke(count, 4);
        assertRefused(m, "at most the 4 entries");
        p.poke(count, 5);
        long word = p.peek(b & ~7L);
        p.pokeByte(b, 63);
        assertRefused(m, "B below 63");
        p.pokeByte(b, 40);
        assertRefused(m, "");
        p.poke(b & ~7L, word);
        long overflow = buckets + p.member("bucket<string,int>", "overflow");
        p.poke(overflow, buckets);
        assertRefused(m, "twice");
        p.poke(overflow, 0);
        assertThat(m.toGoSyntax()).startsWith("map[string]int{\"five\":5");
    }

    @Test
    void corruptSwissMapsAreRefused() throws IOException {
        Patched p = new Patched("go1.27");
        GoValue small = p.global("main.GlobalMap");
        long h = p.peek(small.address());
        long used = h + p.member("internal/runtime/maps.Map", "used");
        p.poke(used, 6);
        assertRefused(small, "the 6 entries");
        p.poke(used, 5);
        assertThat(small.toGoSyntax()).startsWith("map[string]int{\"five\":5");

        GoValue big = p.global("main.GlobalBigMap");
        long bh = p.peek(big.address());
        long dirLen = bh + p.member("internal/runtime/maps.Map", "dirLen");
        long dir = p.peek(bh + p.member("internal/runtime/maps.Map", "dirPtr"));
        long len = p.peek(dirLen);
        p.poke(dirLen, 1L << 40);
        assertRefused(big, "power of two");
        p.poke(dirLen, 3);
        assertRefused(big, "power of two");
        p.poke(dirLen, len);
        long table = p.peek(dir);
        long mask = table + p.member("internal/runtime/maps.table", "groups")
                + p.member("internal/runtime/maps.groupsReference", "lengthMask");
        long oldMask = p.peek(mask);
        p.poke(mask, (1L << 40) - 1);
        assertRefused(big, "group count");
        p.poke(mask, oldMask);
        p.poke(dir, 0);
        assertRefused(big, "a table in directory slot 0");
        p.poke(dir, table);
        assertThat(big.toGoSyntax()).startsWith("map[int32]string{0:\"v0\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"go1.21", "go1.27"})
    void randomFlipsInMapsRenderOrThrow(String version) throws IOException {
        Patched p = new Patched(version);
        Random r = new Random(20261126);
        int refused = 0;
        int rendered = 0;
        for (String name : new String[] {"main.GlobalMap", "main.GlobalBigMap"}) {
            GoValue m = p.global(name);
            long h = p.peek(m.address());
            // The header, and the first bytes of its buckets, small group or directory (the word after count/used
            // and seed: buckets at 16 before Go 1.24, dirPtr at 16 since).
            long[] regions = {h, 48, p.peek(h + 16), 512};
            for (int i = 0; i < 300; i++) {
                int which = r.nextInt(2) * 2;
                long at = regions[which] + r.nextInt((int) regions[which + 1]);
                int off = p.offset(at, 1);
                byte old = p.bytes[off];
                p.bytes[off] = (byte) r.nextInt(256);
                try {
                    assertTimeoutPreemptively(FAST, m::toGoSyntax);
                    rendered++;
                } catch (Exception e) {
                    // assertTimeoutPreemptively rethrows what the rendering threw, unwrapped.
                    if (!(e instanceof GoParseException)) {
                        throw new AssertionError("flip at 0x" + Long.toHexString(at) + ": not a GoParseException", e);
                    }
                    refused++;
                } finally {
                    p.bytes[off] = old;
                }
            }
        }
        assertThat(refused).as("flips refused").isPositive();
        assertThat(rendered).as("flips rendered").isPositive();
    }
}
