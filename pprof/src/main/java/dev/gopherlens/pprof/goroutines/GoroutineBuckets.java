package dev.gopherlens.pprof.goroutines;

import dev.gopherlens.core.Frame;
import dev.gopherlens.pprof.Profile;
import dev.gopherlens.pprof.Sample;
import dev.gopherlens.pprof.ValueType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The coarsest common view of goroutines, whatever they were read from: how many goroutines have each stack, a
 * stack being its function names, innermost first. A text dump and a pprof goroutine profile of the same moment
 * give the same view once both are seen as the traceback shows them ({@link #asTracebackShows()}). Immutable.
 *
 * <p>States, files, lines and {@code created by} are left out on purpose: a goroutine profile has no states and
 * its lines are those of the return addresses, while a dump's are those of the calls.
 *
 * @param counts how many goroutines have each stack; stacks are function names, innermost first; in first-seen
 *               order
 */
public record GoroutineBuckets(Map<List<String>, Long> counts) {

    /**
     * Copies the counts, keeping their order.
     *
     * @param counts the counts by stack
     * @throws NullPointerException if counts, a key or a value is null
     */
    public GoroutineBuckets {
        Map<List<String>, Long> copy = new LinkedHashMap<>();
        for (Map.Entry<List<String>, Long> e : counts.entrySet()) {
            copy.put(List.copyOf(e.getKey()), Objects.requireNonNull(e.getValue(), "count"));
        }
        counts = Collections.unmodifiableMap(copy);
    }

    /**
     * Takes the view of a dump: each bucket's function names, counts of buckets with the same names added.
     *
     * @param dump the dump
     * @return the view
     */
    public static GoroutineBuckets of(GoroutineDump dump) {
        Map<List<String>, Long> counts = new LinkedHashMap<>();
        for (Bucket b : dump.buckets()) {
            counts.merge(b.functions(), (long) b.count(), Long::sum);
        }
        return new GoroutineBuckets(counts);
    }

    /**
     * Takes the view of a goroutine profile (runtime/pprof's {@code goroutine}, or {@link GoroutineDump#toProfile()}):
     * each sample's stack with inlined calls expanded, innermost first, and its value of sample type
     * {@code goroutine} (the first sample type when none is so named); equal stacks are added.
     *
     * @param profile the profile
     * @return the view
     * @throws IllegalArgumentException if the profile has no sample types
     */
    public static GoroutineBuckets of(Profile profile) {
        List<ValueType> types = profile.sampleTypes();
        if (types.isEmpty()) {
            throw new IllegalArgumentException("the profile has no sample types");
        }
        int index = 0;
        for (int i = 0; i < types.size(); i++) {
            if (types.get(i).type().equals("goroutine")) {
                index = i;
                break;
            }
        }
        Map<List<String>, Long> counts = new LinkedHashMap<>();
        for (Sample s : profile.samples()) {
            List<String> names = new ArrayList<>();
            for (Frame f : s.stack().frames()) {
                names.add(f.function());
            }
            counts.merge(names, s.value(index), Long::sum);
        }
        return new GoroutineBuckets(counts);
    }

    /**
     * Drops the frames Go's default traceback ({@code GOTRACEBACK=single} or {@code all}) does not print and adds
     * up the stacks that become equal. runtime/traceback.go (Go 1.27) showfuncinfo hides functions without a
     * package dot and unexported functions of package runtime ({@code runtime.gopark}, {@code runtime.main}),
     * except {@code runtime.gopanic} below the innermost frame; a stack of hidden frames only is printed whole.
     * Wrapper functions, which the runtime knows by a flag the stack does not carry, are kept.
     *
     * @return the view as a default traceback shows it
     */
    public GoroutineBuckets asTracebackShows() {
        Map<List<String>, Long> out = new LinkedHashMap<>();
        for (Map.Entry<List<String>, Long> e : counts.entrySet()) {
            List<String> stack = e.getKey();
            List<String> shown = new ArrayList<>(stack.size());
            for (int i = 0; i < stack.size(); i++) {
                if (shownByTraceback(stack.get(i), shown.isEmpty())) {
                    shown.add(stack.get(i));
                }
            }
            out.merge(shown.isEmpty() ? stack : shown, e.getValue(), Long::sum);
        }
        return new GoroutineBuckets(out);
    }

    /**
     * Keeps the stacks that pass a test, such as leaving out the goroutine that wrote the dump.
     *
     * @param keep the test, given a stack's function names, innermost first
     * @return the view of the stacks kept
     */
    public GoroutineBuckets filter(Predicate<List<String>> keep) {
        Map<List<String>, Long> out = new LinkedHashMap<>();
        counts.forEach((k, v) -> {
            if (keep.test(k)) {
                out.put(k, v);
            }
        });
        return new GoroutineBuckets(out);
    }

    /** {@return the number of goroutines: the sum of the counts} */
    public long total() {
        long sum = 0;
        for (long v : counts.values()) {
            sum += v;
        }
        return sum;
    }

    /**
     * Tells whether a default traceback prints a function (runtime/traceback.go, Go 1.27, showfuncinfo).
     *
     * @param name       the function's full name
     * @param firstFrame whether it is the innermost frame printed so far
     * @return whether it is shown
     */
    static boolean shownByTraceback(String name, boolean firstFrame) {
        if (name.equals("runtime.gopanic") && !firstFrame) {
            return true;
        }
        return name.indexOf('.') >= 0 && (!name.startsWith("runtime.") || isExportedRuntime(name));
    }

    private static boolean isExportedRuntime(String name) {
        String rest = name.substring("runtime.".length());
        String receiver = "";
        int dot = rest.lastIndexOf('.');
        if (dot >= 0) {
            receiver = rest.substring(0, dot);
            rest = rest.substring(dot + 1);
            if (receiver.length() >= 3 && receiver.startsWith("(*") && receiver.endsWith(")")) {
                receiver = receiver.substring(2, receiver.length() - 1);
            }
        }
        return !rest.isEmpty() && isUpper(rest.charAt(0)) && (receiver.isEmpty() || isUpper(receiver.charAt(0)));
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    /** {@return one stack a line: the count, then the function names innermost first} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        counts.forEach((k, v) -> sb.append(sb.length() > 0 ? "\n" : "").append(v).append(' ').append(k));
        return sb.length() == 0 ? "(no goroutines)" : sb.toString();
    }
}
