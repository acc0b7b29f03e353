package dev.gopherlens.pprof;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A flame graph of a profile as a static, self-contained SVG, drawn the way Brendan Gregg's {@code flamegraph.pl}
 * draws one: each frame a rectangle as wide as its share of the total, callers below callees, the root
 * {@code all} at the bottom, and a {@code <title>} tooltip {@code function (value, percent%)} on every frame.
 *
 * <p>The frames come from the profile's {@linkplain Report#folded() folded stacks} (root first, inlined calls as
 * frames of their own), merged into one tree: a frame's children are the distinct next frames of the stacks
 * through it, in name order (the order {@code flamegraph.pl} gets by sorting the folded lines, except where one name
 * is a prefix of another, which it may then draw twice). Stacks whose value is negative or zero, as in a diff
 * against a base, are left out.
 *
 * <p>The SVG is {@value #WIDTH} pixels wide, with a {@value #PAD} pixel margin each side, so the {@code all} frame
 * is {@value #WIDTH} − 2 × {@value #PAD} pixels wide and every frame's width is its value over {@link #total()}
 * times that. Frames narrower than {@value #MIN_FRAME_WIDTH} pixels (and so all of their callees) are not drawn, as
 * in {@code flamegraph.pl}: the document has one {@code <rect>} per drawn frame and no other {@code <rect>}.
 * Labels are cut to fit with {@code ..}; colours are {@code flamegraph.pl}'s warm palette, chosen from a hash of
 * the function name so that a function has the same colour in every graph. No scripts, fonts or links: any browser
 * or viewer opens it.
 *
 * <pre>{@code
 * Profile p = Pprof.read(Path.of("cpu.pprof"));
 * Files.writeString(Path.of("cpu.svg"), FlameGraph.of(p).withTitle("CPU").toSvg());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class FlameGraph {
    /** The width of the SVG in pixels. */
    public static final int WIDTH = 1200;
    /** The margin left and right of the frames, in pixels. */
    public static final int PAD = 10;
    /** The narrowest frame drawn, in pixels, as {@code flamegraph.pl --minwidth} defaults to. */
    public static final double MIN_FRAME_WIDTH = 0.1;

    private static final int FRAME_HEIGHT = 16;
    private static final int FONT_SIZE = 12;
    // flamegraph.pl's estimate of an average glyph's width over the font size, to cut labels without measuring.
    private static final double FONT_WIDTH = 0.59;
    private static final int PAD_TOP = FONT_SIZE * 3;
    private static final int PAD_BOTTOM = FONT_SIZE * 2 + 10;
    private static final String DEFAULT_TITLE = "Flame Graph";

    /**
     * One frame of the graph: a function called along one path from the root.
     *
     * @param function the function's name as in the folded stacks, or {@code all} for the root
     * @param depth    the number of callers above it: 0 for the root {@code all}
     * @param start    where the frame begins, in sample values from the left edge of the graph
     * @param value    the summed value of the stacks through this frame; the frame's width
     */
    public record Frame(String function, int depth, long start, long value) {
        /**
         * Checks the frame.
         *
         * @param function the function's name
         * @param depth    the depth, not negative
         * @param start    the start, not negative
         * @param value    the value, not negative
         * @throws NullPointerException     if the name is null
         * @throws IllegalArgumentException if a number is negative
         */
        public Frame {
            Objects.requireNonNull(function, "function");
            if (depth < 0 || start < 0 || value < 0) {
                throw new IllegalArgumentException("negative depth, start or value: " + depth + ", " + start + ", "
                        + value);
            }
        }
    }

    private final String title;
    private final List<Frame> frames;
    private final long total;
    private final String typeName;
    private final String unit;

    private FlameGraph(String title, List<Frame> frames, long total, String typeName, String unit) {
        this.title = title;
        this.frames = frames;
        this.total = total;
        this.typeName = typeName;
        this.unit = unit;
    }

    /**
     * Draws the profile's default sample type, the one {@code go tool pprof} shows without {@code -sample_index}
     * ({@link Profile#defaultSampleTypeIndex()}).
     *
     * @param profile the profile
     * @return the flame graph; empty when the profile has no sample types or samples
     */
    public static FlameGraph of(Profile profile) {
        Objects.requireNonNull(profile, "profile");
        if (profile.sampleTypes().isEmpty()) {
            return new FlameGraph(DEFAULT_TITLE, List.of(), 0, "samples", "count");
        }
        return of(profile, profile.defaultSampleTypeIndex());
    }

    /**
     * Draws one sample type of the profile.
     *
     * @param profile     the profile
     * @param sampleIndex the index of the sample type in {@link Profile#sampleTypes()}
     * @return the flame graph; empty when no sample has a positive value
     * @throws IllegalArgumentException if the index names no sample type
     */
    public static FlameGraph of(Profile profile, int sampleIndex) {
        Objects.requireNonNull(profile, "profile");
        if (sampleIndex < 0 || sampleIndex >= profile.sampleTypes().size()) {
            throw new IllegalArgumentException("sample index " + sampleIndex + " is outside [0.."
                    + (profile.sampleTypes().size() - 1) + "]");
        }
        ValueType type = profile.sampleTypes().get(sampleIndex);
        List<Report.Stack> stacks = profile.report(ReportOptions.defaults()
                .withSampleIndex(Integer.toString(sampleIndex))).stacks();
        Node root = new Node("all");
        for (Report.Stack s : stacks) {
            if (s.value() <= 0) {
                continue;
            }
            Node n = root;
            n.value += s.value();
            for (String f : s.frames()) {
                n = n.children.computeIfAbsent(f, Node::new);
                n.value += s.value();
            }
        }
        List<Frame> frames = new ArrayList<>();
        if (root.value > 0) {
            layout(root, 0, 0, frames);
        }
        return new FlameGraph(DEFAULT_TITLE, List.copyOf(frames), root.value, type.type(), type.unit());
    }

    /** A frame while the tree is merged: mutable, private to {@link #of(Profile, int)}. */
    private static final class Node {
        final String name;
        final Map<String, Node> children = new HashMap<>();
        long value;

        Node(String name) {
            this.name = name;
        }
    }

    // Pre-order, so the list is root first and each frame's callees follow it; recursion depth is the stack depth,
    // which Go caps (runtime/pprof records at most 128 frames, a few hundred with inlining).
    private static void layout(Node n, int depth, long start, List<Frame> out) {
        out.add(new Frame(n.name, depth, start, n.value));
        List<Node> children = new ArrayList<>(n.children.values());
        children.sort((a, b) -> GoStrings.compare(a.name, b.name));
        long x = start;
        for (Node c : children) {
            layout(c, depth + 1, x, out);
            x += c.value;
        }
    }

    /**
     * Returns a copy with another title, drawn centred above the frames.
     *
     * @param title the title
     * @return the copy; this graph is unchanged
     */
    public FlameGraph withTitle(String title) {
        return new FlameGraph(Objects.requireNonNull(title, "title"), frames, total, typeName, unit);
    }

    /** {@return the title, {@code Flame Graph} unless replaced} */
    public String title() {
        return title;
    }

    /**
     * Returns every frame of the merged tree, drawn or too narrow to draw, root first and each frame followed by
     * its callees in name order.
     *
     * @return the frames; empty when the graph is empty
     */
    public List<Frame> frames() {
        return frames;
    }

    /**
     * Returns the total: the value of the root {@code all}, the sum of the positive stack values.
     *
     * @return the total, 0 when the graph is empty
     */
    public long total() {
        return total;
    }

    /**
     * Returns the SVG document.
     *
     * @return the SVG
     */
    public String toSvg() {
        StringBuilder sb = new StringBuilder(1024 + frames.size() * 200);
        try {
            writeSvg(sb);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not throw
        }
        return sb.toString();
    }

    /**
     * Writes the SVG document, encoded as the caller's {@code Appendable} encodes text (declared UTF-8).
     *
     * @param out where to write
     * @throws IOException if {@code out} throws
     */
    public void writeSvg(Appendable out) throws IOException {
        Objects.requireNonNull(out, "out");
        double perValue = total == 0 ? 0 : (WIDTH - 2.0 * PAD) / total;
        int maxDepth = -1;
        for (Frame f : frames) {
            if (f.value() * perValue >= MIN_FRAME_WIDTH && f.depth() > maxDepth) {
                maxDepth = f.depth();
            }
        }
        int height = (maxDepth + 1) * FRAME_HEIGHT + PAD_TOP + PAD_BOTTOM;
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n")
                .append("<svg version=\"1.1\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(Integer.toString(WIDTH))
                .append("\" height=\"").append(Integer.toString(height)).append("\" viewBox=\"0 0 ")
                .append(Integer.toString(WIDTH)).append(' ').append(Integer.toString(height))
                .append("\" style=\"background-color:#eeeeee\">\n")
                .append("<style>text{font-family:Verdana,sans-serif;font-size:").append(Integer.toString(FONT_SIZE))
                .append("px;fill:#000000}#title{text-anchor:middle;font-size:").append(Integer.toString(FONT_SIZE + 5))
                .append("px}</style>\n")
                .append("<text id=\"title\" x=\"").append(Integer.toString(WIDTH / 2)).append("\" y=\"")
                .append(Integer.toString(FONT_SIZE * 2)).append("\">");
        escape(title, out);
        out.append("</text>\n<g id=\"frames\">\n");
        StringBuilder num = new StringBuilder(16);
        for (Frame f : frames) {
            if (f.value() * perValue < MIN_FRAME_WIDTH) {
                continue;
            }
            double x1 = PAD + f.start() * perValue;
            double x2 = PAD + (f.start() + f.value()) * perValue;
            int y2 = height - PAD_BOTTOM - f.depth() * FRAME_HEIGHT;
            int y1 = y2 - FRAME_HEIGHT + 1;
            out.append("<g><title>");
            escape(f.function(), out);
            out.append(" (").append(valueText(f.value())).append(", ")
                    .append(GoNumbers.fixed2(100.0 * f.value() / total)).append("%)</title><rect x=\"")
                    .append(fixed2(num, x1)).append("\" y=\"").append(Integer.toString(y1)).append("\" width=\"")
                    .append(fixed2(num, x2 - x1)).append("\" height=\"").append(Integer.toString(FRAME_HEIGHT - 1))
                    .append("\" fill=\"").append(colour(f.function())).append("\" rx=\"2\" ry=\"2\"/>");
            String label = label(f.function(), x2 - x1);
            if (!label.isEmpty()) {
                out.append("<text x=\"").append(fixed2(num, x1 + 3)).append("\" y=\"")
                        .append(fixed2(num, (y1 + y2) / 2.0 + 3)).append("\">");
                escape(label, out);
                out.append("</text>");
            }
            out.append("</g>\n");
        }
        out.append("</g>\n</svg>\n");
    }

    /** The value as {@code go tool pprof} labels one, or a count with the sample type's name. */
    private String valueText(long v) {
        Measurement.Scaled s = Measurement.CURRENT.scale(v, unit, "auto");
        String text = Measurement.CURRENT.label(v, unit);
        return s.unit().isEmpty() ? text + " " + typeName : text;
    }

    /** flamegraph.pl's label: as many characters as the frame fits, cut with {@code ..}, none below three. */
    static String label(String name, double width) {
        int chars = (int) (width / (FONT_SIZE * FONT_WIDTH));
        if (chars < 3) {
            return "";
        }
        int length = name.codePointCount(0, name.length());
        if (length <= chars) {
            return name;
        }
        return name.substring(0, name.offsetByCodePoints(0, chars - 2)) + "..";
    }

    /**
     * flamegraph.pl's "hot" palette (red 205–255, green 0–230, blue 55–110), with its three random numbers taken from
     * a hash of the name instead, as its {@code --hash} option does, so colours repeat from graph to graph.
     */
    static String colour(String name) {
        long h = 0xcbf29ce484222325L; // FNV-1a, 64 bits, over the UTF-8 bytes
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 29; // FNV's low bits mix poorly; fold the high bits down before taking three bytes
        double v1 = ((h >>> 8) & 0xff) / 256.0;
        double v2 = ((h >>> 16) & 0xff) / 256.0;
        double v3 = ((h >>> 24) & 0xff) / 256.0;
        int r = 205 + (int) (50 * v3);
        int g = (int) (230 * v1);
        int b = 55 + (int) (55 * v2);
        return "rgb(" + r + "," + g + "," + b + ")";
    }

    private static CharSequence fixed2(StringBuilder sb, double v) {
        sb.setLength(0);
        long cents = Math.round(v * 100);
        sb.append(cents / 100).append('.');
        long c = cents % 100;
        if (c < 10) {
            sb.append('0');
        }
        return sb.append(c);
    }

    /**
     * XML-escapes text for an element or a double-quoted attribute; characters XML 1.0 cannot carry at all
     * (controls, unpaired surrogates, U+FFFE and U+FFFF) become U+FFFD, so that any name gives a well-formed document.
     */
    static void escape(String s, Appendable out) throws IOException {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || Character.isSurrogate(c)
                            || c == '\uFFFE' || c == '\uFFFF') {
                        out.append('\uFFFD');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }

    @Override
    public String toString() {
        return "FlameGraph[" + title + ", " + frames.size() + " frames, total " + (total == 0 ? "0"
                : valueText(total)) + " of " + typeName + "]";
    }
}
