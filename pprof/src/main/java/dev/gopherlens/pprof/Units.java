package dev.gopherlens.pprof;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Converts measurements between units as google/pprof's {@code measurement.Scale} (internal/measurement, Go 1.27's
 * vendored copy): bytes (B to PB, by 1024), time (ns to hours) and GCU, each unit known by aliases, a trailing
 * {@code s} ignored on names longer than two bytes. Stateless.
 */
final class Units {
    private record Unit(String canonical, List<String> aliases, double factor) {
    }

    private record Kind(Unit defaultUnit, List<Unit> units) {
        Unit sniff(String unit) {
            String u = unit.toLowerCase(Locale.ROOT);
            // Go counts bytes: "μs" is three long, loses its "s" and is then unknown, as in google/pprof.
            if (u.getBytes(StandardCharsets.UTF_8).length > 2 && u.endsWith("s")) {
                u = u.substring(0, u.length() - 1);
            }
            for (Unit x : units) {
                if (x.aliases.contains(u)) {
                    return x;
                }
            }
            return null;
        }
    }

    private static final List<Kind> KINDS = List.of(
            new Kind(new Unit("B", List.of("b", "byte"), 1), List.of(
                    new Unit("B", List.of("b", "byte"), 1),
                    new Unit("kB", List.of("kb", "kbyte", "kilobyte"), 1L << 10),
                    new Unit("MB", List.of("mb", "mbyte", "megabyte"), 1L << 20),
                    new Unit("GB", List.of("gb", "gbyte", "gigabyte"), 1L << 30),
                    new Unit("TB", List.of("tb", "tbyte", "terabyte"), 1L << 40),
                    new Unit("PB", List.of("pb", "pbyte", "petabyte"), 1L << 50))),
            new Kind(new Unit("s", List.of(), 1e9), List.of(
                    new Unit("ns", List.of("ns", "nanosecond"), 1),
                    new Unit("us", List.of("μs", "us", "microsecond"), 1e3),
                    new Unit("ms", List.of("ms", "millisecond"), 1e6),
                    new Unit("s", List.of("s", "sec", "second"), 1e9),
                    new Unit("hrs", List.of("hour", "hr"), 3600e9))),
            new Kind(new Unit("GCU", List.of(), 1.0), List.of(
                    new Unit("n*GCU", List.of("nanogcu"), 1e-9),
                    new Unit("u*GCU", List.of("microgcu"), 1e-6),
                    new Unit("m*GCU", List.of("milligcu"), 1e-3),
                    new Unit("GCU", List.of("gcu"), 1),
                    new Unit("k*GCU", List.of("kilogcu"), 1e3),
                    new Unit("M*GCU", List.of("megagcu"), 1e6),
                    new Unit("G*GCU", List.of("gigagcu"), 1e9),
                    new Unit("T*GCU", List.of("teragcu"), 1e12),
                    new Unit("P*GCU", List.of("petagcu"), 1e15))));

    /** A converted value and its unit; the unit is empty when it is not worth showing. */
    record Scaled(double value, String unit) {
    }

    private Units() {
    }

    /** google/pprof's {@code measurement.Scale}. */
    static Scaled scale(long value, String fromUnit, String toUnit) {
        if (value < 0 && -value > 0) {
            Scaled s = scale(-value, fromUnit, toUnit);
            return new Scaled(-s.value, s.unit);
        }
        for (Kind k : KINDS) {
            Unit from = k.sniff(fromUnit);
            if (from == null) {
                continue;
            }
            double v = value * from.factor;
            if (toUnit.equals("minimum") || toUnit.equals("auto")) {
                return autoScale(k, v);
            }
            Unit to = k.sniff(toUnit);
            if (to == null) {
                return new Scaled(v / k.defaultUnit.factor, k.defaultUnit.canonical);
            }
            return new Scaled(v / to.factor, to.canonical);
        }
        return switch (toUnit) {
            case "count", "sample", "unit", "minimum", "auto" -> new Scaled(value, "");
            default -> new Scaled(value, toUnit);
        };
    }

    /** {@return whether both units are known units of one kind, as google/pprof's compatibleValueTypes asks} */
    static boolean sameKind(String a, String b) {
        for (Kind k : KINDS) {
            if (k.sniff(a) != null && k.sniff(b) != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * google/pprof's {@code measurement.ScaledLabel}: the value converted, printed with two decimals as Go's
     * {@code %.2f} does (the exact binary value, ties to even), ".00" dropped, then the unit; "0" for zero.
     */
    static String scaledLabel(long value, String fromUnit, String toUnit) {
        Scaled s = scale(value, fromUnit, toUnit);
        String sv = new java.math.BigDecimal(s.value).setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString();
        if (sv.endsWith(".00")) {
            sv = sv.substring(0, sv.length() - 3);
        }
        if (sv.equals("0") || sv.equals("-0")) {
            return "0";
        }
        return sv + s.unit;
    }

    private static Scaled autoScale(Kind k, double v) {
        double f = 0;
        String unit = "";
        for (Unit u : k.units) {
            if (u.factor >= f && v / u.factor >= 1.0) {
                f = u.factor;
                unit = u.canonical;
            }
        }
        if (f == 0) {
            return new Scaled(v / k.defaultUnit.factor, k.defaultUnit.canonical);
        }
        return new Scaled(v / f, unit);
    }
}
