/**
 * Gopherlens trace: Go execution traces of every format (Go 1.11 to 1.21, and 1.22 on), streamed in order into
 * goroutine, proc and thread state machines. {@code dev.gopherlens.trace.GoTrace} is the entry point; the
 * decoders, the ordering and the v1 conversion live in internal packages that are not exported.
 */
module dev.gopherlens.trace {
    requires transitive dev.gopherlens.core;
    requires transitive dev.gopherlens.pprof;

    exports dev.gopherlens.trace;
}
