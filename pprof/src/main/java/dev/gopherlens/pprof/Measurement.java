package dev.gopherlens.pprof;

/**
 * Unit scaling as {@code go tool pprof} does it (google/pprof {@code internal/measurement}): values in bytes, time
 * and GCU are shown in the unit that suits them, counts without a unit.
 *
 * <p>Two generations exist. The pprof in Go 1.15 (and earlier) had separate memory and time tables, with minutes,
 * days and weeks; from Go 1.19 the tables are one list of unit families, time stopping at hours. {@code legacy}
 * selects the older one.
 */
final class Measurement {
    /** A scaled value with the unit it is now in ({@code ""} for plain counts). */
    record Scaled(double value, String unit) {
    }

    private record Unit(String name, double factor, String... aliases) {
        boolean is(String alias) {
            for (String a : aliases) {
                if (a.equals(alias)) {
                    return true;
                }
            }
            return false;
        }
    }

    private record Family(Unit defaultUnit, Unit... units) {
        Unit sniff(String unit) {
            String u = unit.toLowerCase(java.util.Locale.ROOT);
            if (utf8Length(u) > 2 && u.endsWith("s")) {
                u = u.substring(0, u.length() - 1);
            }
            for (Unit x : units) {
                if (x.is(u)) {
                    return x;
                }
            }
            return null;
        }
    }

    private static final Family BYTES = new Family(new Unit("B", 1, "b", "byte"),
            new Unit("B", 1, "b", "byte"),
            new Unit("kB", 1L << 10, "kb", "kbyte", "kilobyte"),
            new Unit("MB", 1L << 20, "mb", "mbyte", "megabyte"),
            new Unit("GB", 1L << 30, "gb", "gbyte", "gigabyte"),
            new Unit("TB", 1L << 40, "tb", "tbyte", "terabyte"),
            new Unit("PB", 1L << 50, "pb", "pbyte", "petabyte"));
    private static final Family TIME = new Family(new Unit("s", 1e9),
            new Unit("ns", 1, "ns", "nanosecond"),
            new Unit("us", 1e3, "μs", "us", "microsecond"),
            new Unit("ms", 1e6, "ms", "millisecond"),
            new Unit("s", 1e9, "s", "sec", "second"),
            new Unit("hrs", 3600e9, "hour", "hr"));
    private static final Family GCU = new Family(new Unit("GCU", 1),
            new Unit("n*GCU", 1e-9, "nanogcu"),
            new Unit("u*GCU", 1e-6, "microgcu"),
            new Unit("m*GCU", 1e-3, "milligcu"),
            new Unit("GCU", 1, "gcu"),
            new Unit("k*GCU", 1e3, "kilogcu"),
            new Unit("M*GCU", 1e6, "megagcu"),
            new Unit("G*GCU", 1e9, "gigagcu"),
            new Unit("T*GCU", 1e12, "teragcu"),
            new Unit("P*GCU", 1e15, "petagcu"));
    private static final Family[] FAMILIES = {BYTES, TIME, GCU};

    private final boolean legacy;

    private Measurement(boolean legacy) {
        this.legacy = legacy;
    }

    static final Measurement CURRENT = new Measurement(false);
    static final Measurement LEGACY = new Measurement(true);

    /** Returns the generation the pprof of Go {@code 1.minor} used. */
    static Measurement forGo(int minor) {
        return minor < 19 ? LEGACY : CURRENT;
    }

    /** google/pprof {@code measurement.Scale}: {@code toUnit} may be a unit, {@code "minimum"} or {@code "auto"}. */
    Scaled scale(long value, String fromUnit, String toUnit) {
        if (value < 0 && -value > 0) {
            Scaled s = scale(-value, fromUnit, toUnit);
            return new Scaled(-s.value, s.unit);
        }
        Scaled s = legacy ? legacyScale(value, fromUnit, toUnit) : familyScale(value, fromUnit, toUnit);
        if (s != null) {
            return s;
        }
        return switch (toUnit) {
            case "count", "sample", "unit", "minimum", "auto" -> new Scaled(value, "");
            default -> new Scaled(value, toUnit);
        };
    }

    /** Whether both units are known units of one family, as google/pprof's {@code compatibleValueTypes} asks. */
    static boolean sameKind(String a, String b) {
        for (Family f : FAMILIES) {
            if (f.sniff(a) != null && f.sniff(b) != null) {
                return true;
            }
        }
        return false;
    }

    /** google/pprof {@code measurement.ScaledLabel}: the scaled value with two decimals, {@code .00} dropped. */
    String scaledLabel(long value, String fromUnit, String toUnit) {
        Scaled s = scale(value, fromUnit, toUnit);
        String sv = GoNumbers.fixed2(s.value);
        if (sv.endsWith(".00")) {
            sv = sv.substring(0, sv.length() - 3);
        }
        if (sv.equals("0") || sv.equals("-0")) {
            return "0";
        }
        return sv + s.unit;
    }

    /** google/pprof {@code measurement.Label}: scaled to the unit that suits the value. */
    String label(long value, String unit) {
        return scaledLabel(value, unit, "auto");
    }

    /** google/pprof {@code measurement.Percentage}: six characters, {@code "  100%"} near one hundred. */
    static String percentage(long value, long total) {
        double ratio = 0;
        if (total != 0) {
            ratio = Math.abs((double) value / (double) total) * 100;
        }
        if (ratio >= 99.95 && ratio <= 100.05) {
            return "  100%";
        }
        if (ratio >= 1.0) {
            return GoNumbers.padLeft(GoNumbers.fixed2(ratio), 5) + "%";
        }
        return GoNumbers.padLeft(GoNumbers.general2(ratio), 5) + "%";
    }

    private static Scaled familyScale(long value, String fromUnit, String toUnit) {
        for (Family f : FAMILIES) {
            Unit from = f.sniff(fromUnit);
            if (from == null) {
                continue;
            }
            double v = value * from.factor;
            if (toUnit.equals("minimum") || toUnit.equals("auto")) {
                double factor = 0;
                String name = null;
                for (Unit u : f.units) {
                    if (u.factor >= factor && v / u.factor >= 1.0) {
                        factor = u.factor;
                        name = u.name;
                    }
                }
                if (name != null) {
                    return new Scaled(v / factor, name);
                }
                return new Scaled(v / f.defaultUnit.factor, f.defaultUnit.name);
            }
            Unit to = f.sniff(toUnit);
            if (to == null) {
                return new Scaled(v / f.defaultUnit.factor, f.defaultUnit.name);
            }
            return new Scaled(v / to.factor, to.name);
        }
        return null;
    }

    // google/pprof before 2019 (Go 1.15's copy): memoryLabel, then timeLabel.
    private static Scaled legacyScale(long value, String fromUnit, String toUnit) {
        Scaled m = legacyMemory(value, fromUnit, toUnit);
        return m != null ? m : legacyTime(value, fromUnit, toUnit);
    }

    // Go's len() counts bytes: "μs" is three, so google/pprof trims its "s" and no longer knows it.
    private static int utf8Length(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    private static String trimS(String s) {
        return s.endsWith("s") ? s.substring(0, s.length() - 1) : s;
    }

    private static Scaled legacyMemory(long value, String fromUnit, String toUnit) {
        String from = trimS(fromUnit.toLowerCase(java.util.Locale.ROOT));
        String to = trimS(toUnit.toLowerCase(java.util.Locale.ROOT));
        long v = value;
        switch (from) {
            case "byte", "b" -> { }
            case "kb", "kbyte", "kilobyte" -> v *= 1024;
            case "mb", "mbyte", "megabyte" -> v *= 1024 * 1024;
            case "gb", "gbyte", "gigabyte" -> v *= 1024L * 1024 * 1024;
            case "tb", "tbyte", "terabyte" -> v *= 1024L * 1024 * 1024 * 1024;
            case "pb", "pbyte", "petabyte" -> v *= 1024L * 1024 * 1024 * 1024 * 1024;
            default -> {
                return null;
            }
        }
        if (to.equals("minimum") || to.equals("auto")) {
            to = v < 1024 ? "b" : v < 1024 * 1024 ? "kb" : v < 1024L * 1024 * 1024 ? "mb"
                    : v < 1024L * 1024 * 1024 * 1024 ? "gb" : v < 1024L * 1024 * 1024 * 1024 * 1024 ? "tb" : "pb";
        }
        return switch (to) {
            case "kb", "kbyte", "kilobyte" -> new Scaled(v / 1024.0, "kB");
            case "mb", "mbyte", "megabyte" -> new Scaled(v / (1024.0 * 1024), "MB");
            case "gb", "gbyte", "gigabyte" -> new Scaled(v / (1024.0 * 1024 * 1024), "GB");
            case "tb", "tbyte", "terabyte" -> new Scaled(v / (1024.0 * 1024 * 1024 * 1024), "TB");
            case "pb", "pbyte", "petabyte" -> new Scaled(v / (1024.0 * 1024 * 1024 * 1024 * 1024), "PB");
            default -> new Scaled(v, "B");
        };
    }

    private static Scaled legacyTime(long value, String fromUnit, String toUnit) {
        String from = fromUnit.toLowerCase(java.util.Locale.ROOT);
        if (utf8Length(from) > 2) {
            from = trimS(from);
        }
        String to = toUnit.toLowerCase(java.util.Locale.ROOT);
        if (utf8Length(to) > 2) {
            to = trimS(to);
        }
        long d;
        switch (from) {
            case "nanosecond", "ns" -> d = value;
            case "microsecond" -> d = value * 1_000L;
            case "millisecond", "ms" -> d = value * 1_000_000L;
            case "second", "sec", "s" -> d = value * 1_000_000_000L;
            case "cycle" -> {
                return new Scaled(value, "");
            }
            default -> {
                return null;
            }
        }
        if (to.equals("minimum") || to.equals("auto")) {
            long us = 1_000, ms = 1_000_000, s = 1_000_000_000, min = 60 * s, hour = 60 * min, day = 24 * hour;
            to = d < us ? "ns" : d < ms ? "us" : d < s ? "ms" : d < min ? "sec" : d < hour ? "min"
                    : d < day ? "hour" : d < 15 * day ? "day" : d < 120 * day ? "week" : "year";
        }
        double dd = d;
        return switch (to) {
            case "ns", "nanosecond" -> new Scaled(dd, "ns");
            case "us", "microsecond" -> new Scaled(dd / 1e3, "us");
            case "ms", "millisecond" -> new Scaled(dd / 1e6, "ms");
            case "min", "minute" -> new Scaled(dd / 60e9, "mins");
            case "hour", "hr" -> new Scaled(dd / 3600e9, "hrs");
            case "day" -> new Scaled(dd / (24 * 3600e9), "days");
            case "week", "wk" -> new Scaled(dd / (7 * 24 * 3600e9), "wks");
            case "year", "yr" -> new Scaled(dd / (365 * 24 * 3600e9), "yrs");
            default -> new Scaled(dd / 1e9, "s");
        };
    }
}
