package dev.gopherlens.trace.internal.v1;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Compares rendered events with a golden line by line. Lines that differ are accepted only inside a run of
 * golden lines with the same time whose lines, as a multiset, equal ours at the same positions: events with
 * equal times whose order Go leaves to map iteration (see {@link V1Parser}).
 */
final class GoldenDiff {
    private final int total;
    private int exact;
    private int reordered;
    private int mismatched;
    private final List<String> details = new ArrayList<>();

    private GoldenDiff(int total) {
        this.total = total;
    }

    static GoldenDiff compare(List<String> ours, List<String> want) {
        GoldenDiff d = new GoldenDiff(want.size());
        if (ours.size() != want.size()) {
            d.details.add("event count: ours " + ours.size() + ", golden " + want.size());
        }
        int n = Math.min(ours.size(), want.size());
        d.mismatched += Math.abs(ours.size() - want.size());
        int i = 0;
        while (i < n) {
            String time = time(want.get(i));
            int j = i + 1;
            while (j < n && time(want.get(j)).equals(time)) {
                j++;
            }
            int same = 0;
            for (int k = i; k < j; k++) {
                if (ours.get(k).equals(want.get(k))) {
                    same++;
                }
            }
            d.exact += same;
            if (same < j - i) {
                List<String> a = new ArrayList<>(ours.subList(i, j));
                List<String> b = new ArrayList<>(want.subList(i, j));
                Collections.sort(a);
                Collections.sort(b);
                if (a.equals(b) && sameOrderPerP(ours.subList(i, j), want.subList(i, j))) {
                    d.reordered += j - i - same;
                } else {
                    d.mismatched += j - i - same;
                    for (int k = i; k < j; k++) {
                        if (!ours.get(k).equals(want.get(k))) {
                            d.details.add("line " + (k + 1) + "\n  ours:   " + ours.get(k) + "\n  golden: " + want.get(k));
                        }
                    }
                }
            }
            i = j;
        }
        return d;
    }

    /** Events of one P keep their order: only events of different Ps may trade places. */
    private static boolean sameOrderPerP(List<String> ours, List<String> want) {
        for (String line : ours) {
            String p = field(line, " p=");
            List<String> a = ours.stream().filter(l -> field(l, " p=").equals(p)).toList();
            List<String> b = want.stream().filter(l -> field(l, " p=").equals(p)).toList();
            if (!a.equals(b)) {
                return false;
            }
        }
        return true;
    }

    private static String field(String line, String key) {
        int at = line.indexOf(key);
        int end = line.indexOf(' ', at + 1);
        return line.substring(at + key.length(), end < 0 ? line.length() : end);
    }

    private static String time(String line) {
        int sp = line.indexOf(' ');
        return sp < 0 ? line : line.substring(0, sp);
    }

    int total() {
        return total;
    }

    int exact() {
        return exact;
    }

    int reordered() {
        return reordered;
    }

    int mismatched() {
        return mismatched;
    }

    List<String> details() {
        return details;
    }

    String summary() {
        return exact + " of " + total + " lines equal, " + reordered + " reordered within equal-time runs, "
                + mismatched + " different";
    }
}
