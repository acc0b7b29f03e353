/**
 * Gopherlens trace: Go execution traces of every format (Go 1.11 to 1.21, and 1.22 on), streamed in order into
 * goroutine, proc and thread state machines. So far it recognizes
 * the format's versions; the README lists what each module supports.
 */
module dev.gopherlens.trace {
    requires transitive dev.gopherlens.core;

    exports dev.gopherlens.trace;
}
