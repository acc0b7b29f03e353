package dev.gopherlens.pprof.internal.legacy;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.pprof.ValueType;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * gperftools' thread dumps ({@code --- threadz 1 ---}, then {@code --- Thread 7f79... (name: main/14748) stack: ---}
 * and one line of addresses per frame, symbolized or not), read as google/pprof's {@code parseThread}
 * (legacy_profile.go) does: one sample per thread, a thread "same as previous" adds one to the sample before it.
 * Stateless.
 */
final class ThreadProfiles {
    static final String FORMAT = "pprof threadz text";

    private static final Pattern THREADZ_START = Pattern.compile("--- threadz \\d+ ---");
    private static final Pattern THREAD_START = Pattern.compile(
            "--- Thread ([0-9A-Fa-f]+) \\(name: (.*)/(\\d+)\\) stack: ---");

    private ThreadProfiles() {
    }

    /**
     * Reads a thread profile.
     *
     * @param data the text's bytes as ISO-8859-1 characters
     * @return the profile, or null when the first line that is no comment starts no thread profile
     * @throws GoParseException if a line is malformed
     */
    static Draft read(String data) throws GoParseException {
        Text text = new Text(FORMAT, data, 0);
        while (text.scan() && Text.isSpaceOrComment(text.line())) {
            // Comments before the header.
        }
        String line = text.line();
        if (text.match(THREADZ_START, line, true) != null) {
            while (text.scan()) {
                line = text.line();
                if (Text.isMemoryMapSentinel(line) || line.startsWith("-")) {
                    break;
                }
            }
        } else if (text.match(THREAD_START, line, true) == null) {
            return null;
        }
        Draft p = new Draft(FORMAT);
        p.sampleTypes.add(new ValueType("thread", "count"));
        p.periodType = new ValueType("thread", "count");
        p.period = 1;
        while (!Text.isMemoryMapSentinel(line)) {
            if (line.startsWith("---- no stack trace for")) {
                break;
            }
            if (text.match(THREAD_START, line, true) == null) {
                throw text.unrecognized("a thread header: --- Thread ID (name: NAME/TID) stack: ---");
            }
            // One thread's frames, up to the next line that starts with "---".
            List<Long> addrs = new ArrayList<>();
            boolean sameAsPrevious = false;
            line = "";
            while (text.scan()) {
                line = Text.trimSpace(text.line());
                if (line.isEmpty()) {
                    continue;
                }
                if (line.startsWith("---")) {
                    break;
                }
                if (line.contains("same as previous thread")) {
                    sameAsPrevious = true;
                    continue;
                }
                addrs.addAll(Addresses.parse(text, line));
            }
            if (sameAsPrevious || addrs.isEmpty()) {
                if (!p.samples.isEmpty()) {
                    p.samples.get(p.samples.size() - 1).values[0]++;
                }
                continue;
            }
            List<Draft.DLocation> stack = new ArrayList<>(addrs.size());
            for (int i = 0; i < addrs.size(); i++) {
                // Return addresses, except the leaf's: -1 lands on the call instruction.
                stack.add(p.location(i > 0 ? addrs.get(i) - 1 : addrs.get(i)));
            }
            p.samples.add(new Draft.DSample(new long[] {1}, stack));
        }
        Additional.sections(text, p);
        p.cleanupDuplicateLocations();
        return p;
    }
}
