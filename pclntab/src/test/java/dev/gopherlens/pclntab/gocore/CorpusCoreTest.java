package dev.gopherlens.pclntab.gocore;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.core.testing.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Conformance: the corpus cores (../shared/corpus/core, Go 1.21 to 1.27, abort and panic variants) read as gdb and
 * the crashed program itself saw them. gdb.txt gives every thread's registers per LWP and the thread order;
 * report.txt gives the pid, main's thread id and globals at known addresses.
 */
class CorpusCoreTest {
    private static final Pattern THREAD = Pattern.compile("^Thread (\\d+) \\(LWP (\\d+)\\):$");
    private static final Pattern REGISTER = Pattern.compile("^([a-z0-9_]+)\\s+0x([0-9a-f]+)\\s.*$");
    private static final Pattern INFO_THREADS = Pattern.compile("^[* ] (\\d+)\\s+LWP (\\d+)\\s.*$");

    static Stream<Arguments> cores() {
        Path dir = Corpus.file("core");
        try (Stream<Path> dirs = Files.list(dir)) {
            List<Path> versions = dirs.filter(d -> d.getFileName().toString().matches("go1\\.\\d+")).sorted().toList();
            assertThat(versions).as("core versions in " + dir).isNotEmpty();
            return versions.stream().flatMap(v -> Stream.of(Arguments.of(v.getFileName().toString(), ""),
                    Arguments.of(v.getFileName().toString(), "-panic")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static GoCore open(String version, String variant) throws IOException {
        Path dir = Corpus.file("core/" + version);
        return GoCore.open(dir.resolve("core" + variant + ".gz"), dir.resolve("coregen.gz"));
    }

    /** gdb's {@code thread apply all info registers}: LWP to register name to value, in gdb's thread order. */
    static Map<Integer, Map<String, Long>> gdbRegisters(Path gdb) throws IOException {
        Map<Integer, Map<String, Long>> out = new LinkedHashMap<>();
        Map<String, Long> current = null;
        for (String line : Files.readAllLines(gdb, StandardCharsets.UTF_8)) {
            Matcher t = THREAD.matcher(line);
            if (t.matches()) {
                int lwp = Integer.parseInt(t.group(2));
                // The second "Thread N (LWP n):" block of a thread is its backtrace, which has no register lines.
                current = out.computeIfAbsent(lwp, k -> new LinkedHashMap<>());
                continue;
            }
            Matcher r = REGISTER.matcher(line);
            if (current != null && r.matches()) {
                current.put(r.group(1), Long.parseUnsignedLong(r.group(2), 16));
            }
        }
        return out;
    }

    static Map<String, String> report(Path report) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(report, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t");
            if (f.length >= 2 && (f[0].equals("pid") || f[0].equals("main-tid"))) {
                out.put(f[0], f[1]);
            } else if (f.length >= 4 && f[0].equals("var")) {
                out.put(f[1], f[2] + "\t" + f[3]);
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} core{1}")
    @MethodSource("cores")
    void registersEqualGdb(String version, String variant) throws IOException {
        GoCore core = open(version, variant);
        Path gdb = Corpus.file("core/" + version + "/gdb" + variant + ".txt");
        Map<Integer, Map<String, Long>> expected = gdbRegisters(gdb);
        assertThat(expected).as("threads in " + gdb).hasSizeGreaterThanOrEqualTo(7);
        assertThat(core.threads()).hasSize(expected.size());
        int compared = 0;
        for (Map.Entry<Integer, Map<String, Long>> e : expected.entrySet()) {
            Thread t = core.thread(e.getKey()).orElseThrow(() -> new AssertionError("no LWP " + e.getKey()));
            assertThat(e.getValue()).as("gdb registers of LWP " + e.getKey()).hasSize(24);
            for (Map.Entry<String, Long> r : e.getValue().entrySet()) {
                assertThat(t.registers().get(r.getKey())).as("LWP %d %s", e.getKey(), r.getKey())
                        .isEqualTo(r.getValue());
                compared++;
            }
            assertThat(t.pc()).isEqualTo(e.getValue().get("rip"));
            assertThat(t.sp()).isEqualTo(e.getValue().get("rsp"));
            assertThat(t.fp()).isEqualTo(e.getValue().get("rbp"));
            assertThat(t.signal()).as("pr_cursig").isEqualTo(6);
        }
        assertThat(compared).isEqualTo(24 * expected.size());
    }

    /** gdb's {@code info registers} text per LWP, without the AVX-512 mask lines it cannot read (k0–k7). */
    static Map<Integer, String> gdbRegisterText(Path gdb) throws IOException {
        Map<Integer, String> out = new LinkedHashMap<>();
        Integer lwp = null;
        for (String line : Files.readAllLines(gdb, StandardCharsets.UTF_8)) {
            Matcher t = THREAD.matcher(line);
            if (t.matches()) {
                lwp = out.containsKey(Integer.parseInt(t.group(2))) ? null : Integer.parseInt(t.group(2));
                if (lwp != null) {
                    out.put(lwp, "");
                }
            } else if (lwp != null && REGISTER.matcher(line).matches()) {
                out.put(lwp, out.get(lwp) + line + "\n");
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} core{1}")
    @MethodSource("cores")
    void infoRegistersPrintsAsGdb(String version, String variant) throws IOException {
        GoCore core = open(version, variant);
        Map<Integer, String> expected = gdbRegisterText(Corpus.file("core/" + version + "/gdb" + variant + ".txt"));
        assertThat(expected).hasSize(core.threads().size());
        for (Map.Entry<Integer, String> e : expected.entrySet()) {
            assertThat(core.infoRegisters(core.thread(e.getKey()).orElseThrow())).as("LWP " + e.getKey())
                    .isEqualTo(e.getValue());
        }
    }

    @ParameterizedTest(name = "{0} core{1}")
    @MethodSource("cores")
    void infoThreadsPrintsAsGdb(String version, String variant) throws IOException {
        GoCore core = open(version, variant);
        List<String> gdb = Files.readAllLines(Corpus.file("core/" + version + "/gdb" + variant + ".txt"));
        assertThat(core.infoThreads()).isEqualTo(gdbInfoThreads(gdb));
    }

    /** gdb's {@code info threads} table in its output: from its header to the first empty line. */
    static String gdbInfoThreads(List<String> gdb) {
        int header = gdb.indexOf("  Id   Target Id         Frame ");
        assertThat(header).isPositive();
        StringBuilder expected = new StringBuilder();
        for (int i = header; i < gdb.size() && !gdb.get(i).isEmpty(); i++) {
            expected.append(gdb.get(i)).append('\n');
        }
        return expected.toString();
    }

    @ParameterizedTest(name = "{0} core{1}")
    @MethodSource("cores")
    void threadOrderProcessAndSignalEqualGdb(String version, String variant) throws IOException {
        GoCore core = open(version, variant);
        List<String> gdb = Files.readAllLines(Corpus.file("core/" + version + "/gdb" + variant + ".txt"));
        List<Integer> order = new ArrayList<>();
        String generatedBy = null;
        String signal = null;
        for (String line : gdb) {
            Matcher m = INFO_THREADS.matcher(line);
            if (m.matches()) {
                assertThat(Integer.parseInt(m.group(1))).isEqualTo(order.size() + 1);
                order.add(Integer.parseInt(m.group(2)));
            } else if (line.startsWith("Core was generated by `")) {
                generatedBy = line.substring("Core was generated by `".length(), line.lastIndexOf('\''));
            } else if (line.startsWith("Program terminated with signal ")) {
                signal = line.substring("Program terminated with signal ".length(), line.indexOf(','));
            }
        }
        assertThat(core.threads().stream().map(Thread::lwp).toList()).isEqualTo(order);
        assertThat(core.threads().stream().map(Thread::index).toList())
                .isEqualTo(java.util.stream.IntStream.rangeClosed(1, order.size()).boxed().toList());
        assertThat(core.process().orElseThrow().args()).isEqualTo(generatedBy);
        assertThat(core.signal().orElseThrow().name()).isEqualTo(signal);

        Map<String, String> report = report(Corpus.file("core/" + version + "/report" + variant + ".txt"));
        int pid = Integer.parseInt(report.get("pid"));
        assertThat(core.process().orElseThrow().pid()).isEqualTo(pid);
        assertThat(core.process().orElseThrow().name()).isEqualTo("coregen");
        // The runtime's m0 runs on the thread whose id is the pid; main locked its own thread.
        assertThat(core.thread(pid)).isPresent();
        assertThat(core.thread(Integer.parseInt(report.get("main-tid")))).isPresent();
        // The main goroutine tgkills itself (abort) or the runtime raises (panic): SI_TKILL from its own pid.
        SignalInfo s = core.signal().orElseThrow();
        assertThat(s.code()).isEqualTo(-6);
        assertThat(s.senderPid()).isEqualTo(pid);
    }

    @ParameterizedTest(name = "{0} core{1}")
    @MethodSource("cores")
    void mappingsAndAuxvPlaceTheBinary(String version, String variant) throws IOException {
        GoCore core = open(version, variant);
        // The corpus README: it ran as ./coregen from a folder named after its version, static, so the bias is 0.
        assertThat(core.binaryPath()).endsWith("/" + version + "/coregen");
        assertThat(core.mappedFiles()).allSatisfy(f -> assertThat(f.path()).isEqualTo(core.binaryPath()));
        assertThat(core.mappedFiles()).hasSize(3);
        assertThat(core.loadBias()).isZero();
        assertThat(core.auxv(AuxvEntry.AT_ENTRY).orElseThrow())
                .isEqualTo(core.binary().symbols().stream().filter(sym -> sym.name().equals("_rt0_amd64_linux"))
                        .findFirst().orElseThrow().address());
        assertThat(core.auxv(AuxvEntry.AT_PAGESZ)).hasValue(4096);
        assertThat(core.goBuildId()).isNotEmpty();
        int minor = Integer.parseInt(version.substring(4));
        assertThat(core.gnuBuildId().isEmpty()).as("GNU build id from Go 1.25").isEqualTo(minor < 25);
    }

    @ParameterizedTest(name = "{0} core{1}")
    @MethodSource("cores")
    void memoryHoldsTheGlobalsTheProgramPrinted(String version, String variant) throws IOException {
        GoCore core = open(version, variant);
        Memory mem = core.memory();
        Map<String, String> report = report(Corpus.file("core/" + version + "/report" + variant + ".txt"));

        String[] counter = report.get("main.GlobalCounter").split("\t");
        long counterAddress = Long.parseUnsignedLong(counter[0].substring(2), 16);
        // 1 in the binary's .data, 424242 in the core: the core's bytes win.
        assertThat(mem.u64(counterAddress)).isEqualTo(Long.parseLong(counter[1]));
        assertThat(core.binary().symbols().stream().filter(s -> s.name().equals("main.GlobalCounter"))
                .findFirst().orElseThrow().address()).isEqualTo(counterAddress);

        // A string header in .data pointing at a literal in rodata, which only the binary holds.
        String[] str = report.get("main.GlobalString").split("\t");
        long strAddress = Long.parseUnsignedLong(str[0].substring(2), 16);
        long data = mem.pointer(strAddress);
        long len = mem.u64(strAddress + 8);
        assertThat('"' + mem.goString(data, len) + '"').isEqualTo(str[1]);
        assertThat(regionOf(mem, data).source()).isEqualTo(MemoryRegion.Source.BINARY);
        assertThat(regionOf(mem, strAddress).source()).isEqualTo(MemoryRegion.Source.CORE);

        String[] slice = report.get("main.GlobalSlice").split("\t");
        long sliceAddress = Long.parseUnsignedLong(slice[0].substring(2), 16);
        long array = mem.pointer(sliceAddress);
        long n = mem.u64(sliceAddress + 8);
        StringBuilder sb = new StringBuilder("[]int64{");
        for (long i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ", ").append(mem.u64(array + 8 * i));
        }
        assertThat(sb.append('}').toString()).isEqualTo(slice[1]);

        // Text comes from the binary: the entry point's bytes equal the binary's.
        long entry = core.auxv(AuxvEntry.AT_ENTRY).orElseThrow();
        assertThat(mem.read(entry, 16)).isEqualTo(core.binary().symbols().isEmpty() ? null
                : readBinary(version, entry, 16));
    }

    private static MemoryRegion regionOf(Memory mem, long address) {
        return mem.regions().stream().filter(r -> Long.compareUnsigned(address, r.start()) >= 0
                && Long.compareUnsigned(address, r.end()) < 0).findFirst().orElseThrow();
    }

    /** The binary's bytes at a text address, through its section table (not the core reader's program headers). */
    private static byte[] readBinary(String version, long address, int n) throws IOException {
        byte[] bin;
        try (var in = dev.gopherlens.core.Inputs.open(Corpus.file("core/" + version + "/coregen.gz"))) {
            var buf = in.buffer();
            var elf = dev.gopherlens.pclntab.internal.elf.ElfFile.read(buf);
            bin = new byte[n];
            elf.at(address, n).get(0, bin);
        }
        return bin;
    }

    @ParameterizedTest(name = "{0} core{1}")
    @MethodSource("cores")
    void unmappedAndUndumpedAddressesAreRefused(String version, String variant) throws IOException {
        GoCore core = open(version, variant);
        Memory mem = core.memory();
        assertThatThrownBy(() -> mem.u64(0x1000)).isInstanceOf(UnmappedAddressException.class)
                .hasMessageContaining("0x1000 is not mapped");
        // A PROT_NONE reservation is mapped but has no bytes anywhere.
        Segment none = core.segments().stream().filter(s -> s.flags() == 0 && s.fileSize() == 0).findFirst()
                .orElseThrow();
        assertThatThrownBy(() -> mem.read(none.address(), 8)).isInstanceOf(UnmappedAddressException.class)
                .hasMessageContaining("neither the core nor the binary")
                .satisfies(e -> assertThat(((UnmappedAddressException) e).address()).isEqualTo(none.address()));
        assertThat(mem.isReadable(none.address(), 1)).isFalse();
    }

    static Stream<Arguments> mismatches() {
        return Stream.of(Arguments.of("go1.27", "go1.25"), Arguments.of("go1.25", "go1.27"),
                Arguments.of("go1.21", "go1.23"), Arguments.of("go1.26", "go1.27"), Arguments.of("go1.23", "go1.21"));
    }

    @ParameterizedTest(name = "core of {0}, binary of {1}")
    @MethodSource("mismatches")
    void aCoreOfAnotherBinaryIsRefused(String coreVersion, String binaryVersion) throws IOException {
        Path core = Corpus.file("core/" + coreVersion + "/core.gz");
        Path binary = Corpus.file("core/" + binaryVersion + "/coregen.gz");
        // Each binary's Go build id, from a core it did write.
        String coreId = open(coreVersion, "").goBuildId();
        String binaryId = open(binaryVersion, "-panic").goBuildId();
        assertThat(coreId).isNotEqualTo(binaryId);
        assertThatThrownBy(() -> GoCore.open(core, binary)).isInstanceOf(GoParseException.class)
                .hasMessageContaining("the core was not written by this binary")
                .hasMessageContaining("first page")
                .hasMessageContaining("build ids in the core: Go " + coreId)
                .hasMessageContaining("in the binary: Go " + binaryId);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("versions")
    void anotherCoreOfTheSameBinarySharesItAndReadsAsIfOpenedAlone(String version) throws IOException {
        GoCore abort = open(version, "");
        GoCore panic = abort.withCore(Corpus.file("core/" + version + "/core-panic.gz"));
        GoCore alone = open(version, "-panic");
        assertThat(panic.binary()).isSameAs(abort.binary());
        assertThat(panic.goroutines()).isEqualTo(alone.goroutines()).isNotEqualTo(abort.goroutines());
        assertThat(panic.threads()).isEqualTo(alone.threads());
        for (Goroutine g : alone.goroutines()) {
            assertThat(panic.traceback(g)).isEqualTo(alone.traceback(g));
        }
        assertThat(panic.global("main.GlobalConfig").orElseThrow().toGoSyntax())
                .isEqualTo(alone.global("main.GlobalConfig").orElseThrow().toGoSyntax());
    }

    static Stream<String> versions() {
        return cores().map(a -> (String) a.get()[0]).distinct();
    }

    @Test
    void anotherCoreOfAnotherBinaryIsRefusedBySharing() throws IOException {
        GoCore c = open("go1.27", "");
        assertThatThrownBy(() -> c.withCore(Corpus.file("core/go1.26/core.gz"))).isInstanceOf(GoParseException.class)
                .hasMessageContaining("the core was not written by this binary");
        byte[] whole;
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(Corpus.file("core/go1.27/core-panic.gz")))) {
            whole = in.readAllBytes();
        }
        byte[] truncated = java.util.Arrays.copyOf(whole, 4096);
        assertThatThrownBy(() -> c.withCore(java.nio.ByteBuffer.wrap(truncated))).isInstanceOf(GoParseException.class);
    }

    @Test
    void aPlainCoreFileIsMappedAndReadsAsTheGzippedOne(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws IOException {
        Path raw = tmp.resolve("core");
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(Corpus.file("core/go1.27/core.gz")))) {
            Files.copy(in, raw);
        }
        GoCore gz = open("go1.27", "");
        long best = Long.MAX_VALUE;
        GoCore plain = null;
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            plain = GoCore.open(raw, Corpus.file("core/go1.27/coregen.gz"));
            for (Thread t : plain.threads()) {
                t.registers().asMap();
            }
            best = Math.min(best, System.nanoTime() - t0);
        }
        System.out.println("GoCore.open(go1.27 plain core, coregen.gz) + all threads' registers: best of 5 "
                + best / 1_000_000 + " ms");
        assertThat(plain.threads()).isEqualTo(gz.threads());
        assertThat(plain.memory().regions()).isEqualTo(gz.memory().regions());
        assertThat(plain.process()).isEqualTo(gz.process());
        for (MemoryRegion r : gz.memory().regions()) {
            int n = (int) Math.min(r.size(), 1 << 20);
            assertThat(plain.memory().read(r.start(), n)).as(r.toString()).isEqualTo(gz.memory().read(r.start(), n));
        }
        byte[] rawBytes = Files.readAllBytes(raw);
        GoCore fromArray = GoCore.open(rawBytes, Files.readAllBytes(Corpus.file("core/go1.27/coregen.gz")));
        assertThat(fromArray.threads()).isEqualTo(gz.threads());
    }

    @Test
    void openingGo127AndReadingAllThreadsIsQuick() throws IOException {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            GoCore core = open("go1.27", "");
            long sum = 0;
            for (Thread t : core.threads()) {
                sum += t.registers().asMap().size();
            }
            best = Math.min(best, System.nanoTime() - t0);
            assertThat(sum).isEqualTo(27L * core.threads().size());
        }
        System.out.println("GoCore.open(go1.27 core.gz, coregen.gz) + all threads' registers: best of 5 "
                + best / 1_000_000 + " ms");
    }
}
