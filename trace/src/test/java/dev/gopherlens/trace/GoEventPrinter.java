package dev.gopherlens.trace;

import dev.gopherlens.core.Frame;
import dev.gopherlens.core.Stack;
import dev.gopherlens.trace.testing.GoQuote;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * Prints events as {@code go tool trace -d=parsed} does ({@code Event.String()} of Go's internal/trace), in the
 * layout of the toolchain that made a golden: Go 1.22 to 1.24, Go 1.25, or Go 1.26 and later.
 */
final class GoEventPrinter {
    /** Which toolchain's printer to imitate. */
    enum Style {
        GO_1_22, GO_1_25, GO_1_26;

        static Style of(int toolchainMinor) {
            return toolchainMinor >= 26 ? GO_1_26 : toolchainMinor == 25 ? GO_1_25 : GO_1_22;
        }
    }

    private final Style style;

    GoEventPrinter(Style style) {
        this.style = style;
    }

    String value(long v) {
        String u = "Uint64(" + Long.toUnsignedString(v) + ")";
        return style == Style.GO_1_22 ? u : "Value{" + u + "}";
    }

    String print(Event e) {
        StringBuilder sb = new StringBuilder();
        sb.append("M=").append(e.thread()).append(" P=").append(e.proc()).append(" G=").append(e.goroutine());
        sb.append(' ').append(e.kind().goName()).append(" Time=").append(e.time());
        boolean stackAlways = false;
        if (e instanceof Event.Metric m) {
            sb.append(" Name=").append(q(m.name())).append(" Value=").append(value(m.value()));
        } else if (e instanceof Event.Label l) {
            sb.append(" Label=").append(q(l.label())).append(" Resource=Goroutine(").append(l.labelled())
                    .append(')');
        } else if (e instanceof Event.Range r) {
            sb.append(" Name=").append(q(r.name())).append(" Scope=").append(scope(r.scope(), r.scopeId()));
            if (r.kind() == EventKind.RANGE_END) {
                sb.append(" Attributes=[");
                int i = 0;
                for (Map.Entry<String, Long> a : r.attributes().entrySet()) {
                    sb.append(i++ == 0 ? "" : " ").append(q(a.getKey())).append('=')
                            .append(value(a.getValue()));
                }
                sb.append(']');
            }
        } else if (e instanceof Event.Task t) {
            sb.append(" ID=").append(Long.toUnsignedString(t.id())).append(" Parent=")
                    .append(Long.toUnsignedString(t.parent())).append(" Type=").append(q(t.type()));
        } else if (e instanceof Event.Region r) {
            sb.append(" Task=").append(Long.toUnsignedString(r.task())).append(" Type=").append(q(r.type()));
        } else if (e instanceof Event.Log l) {
            sb.append(" Task=").append(Long.toUnsignedString(l.task())).append(" Category=")
                    .append(q(l.category())).append(" Message=").append(q(l.message()));
        } else if (e instanceof Event.GoTransition t) {
            String ids = " GoID=" + t.id() + " " + t.from().goName() + "->" + t.to().goName();
            String reason = " Reason=" + q(t.reason());
            if (style == Style.GO_1_26) {
                sb.append(ids).append(reason);
            } else {
                sb.append(" Resource=Goroutine(").append(t.id()).append(')').append(reason).append(ids);
            }
            boolean creation = t.from() == GoState.NOT_EXIST && t.to() != GoState.SYSCALL;
            boolean status = style != Style.GO_1_26 && t.from() == t.to() || t.from() == GoState.UNDETERMINED
                    && style != Style.GO_1_26;
            if ((creation || !t.transitionStack().isEmpty()) && !status) {
                sb.append("\nTransitionStack=\n");
                frames(sb, t.transitionStack());
            }
        } else if (e instanceof Event.ProcTransition t) {
            String ids = " ProcID=" + t.id() + " " + t.from().goName() + "->" + t.to().goName();
            if (style == Style.GO_1_26) {
                sb.append(ids).append(" Reason=\"\"");
            } else {
                sb.append(" Resource=Proc(").append(t.id()).append(") Reason=\"\"").append(ids);
            }
        } else if (e instanceof Event.Experimental x) {
            sb.append(" Name=").append(x.name());
            if (style == Style.GO_1_22) {
                // Go 1.23 and 1.24 printed the names, then the bare values.
                sb.append(" ArgNames=[").append(String.join(" ", x.arguments().keySet())).append("] Args=[");
                int i = 0;
                for (Long v : x.arguments().values()) {
                    sb.append(i++ == 0 ? "" : " ").append(Long.toUnsignedString(v));
                }
                sb.append(']');
                return finish(sb, e, false);
            }
            sb.append(" Args=[");
            int i = 0;
            for (Map.Entry<String, Long> a : x.arguments().entrySet()) {
                sb.append(i++ == 0 ? "" : ", ").append(a.getKey()).append('=').append(value(a.getValue()));
            }
            sb.append(']');
        } else if (e instanceof Event.Sync s) {
            sb.append(" N=").append(s.n());
            if (s.clock() != null) {
                String wall = wall(s.clock().wall(), style == Style.GO_1_26);
                sb.append(" Trace=").append(s.clock().traceTime()).append(" Mono=")
                        .append(Long.toUnsignedString(s.clock().monotonic())).append(" Wall=").append(wall);
            }
        } else if (e instanceof Event.StackSample) {
            stackAlways = true;
        }
        return finish(sb, e, stackAlways);
    }

    private static String finish(StringBuilder sb, Event e, boolean stackAlways) {
        if (stackAlways || !e.stack().isEmpty()) {
            sb.append("\nStack=\n");
            frames(sb, e.stack());
        }
        return sb.toString();
    }

    /** Go's RFC3339 (seconds) or RFC3339Nano (trailing zeros trimmed), in UTC. */
    static String wall(java.time.Instant t, boolean nanos) {
        String base = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").format(t.atOffset(ZoneOffset.UTC));
        String frac = "";
        if (nanos && t.getNano() != 0) {
            frac = String.format(".%09d", t.getNano()).replaceAll("0+$", "");
        }
        return base + frac + "Z";
    }

    private static String scope(ResourceKind kind, long id) {
        switch (kind) {
            case GOROUTINE:
                return "Goroutine(" + id + ")";
            case PROC:
                return "Proc(" + id + ")";
            case THREAD:
                return "Thread(" + id + ")";
            default:
                return "None";
        }
    }

    private static String q(String s) {
        return GoQuote.quote(s);
    }

    private static void frames(StringBuilder sb, Stack s) {
        for (Frame f : s.frames()) {
            sb.append('\t').append(f.function()).append(" @ 0x").append(Long.toHexString(f.pc())).append('\n');
            sb.append("\t\t").append(f.file()).append(':').append(f.line()).append('\n');
        }
    }
}
