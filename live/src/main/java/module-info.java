/**
 * Gopherlens live: captures from a running Go program's {@code net/http/pprof} endpoints (CPU, heap, allocs, block,
 * mutex, threadcreate and goroutine profiles, goroutine dumps, execution traces, symbols, the command line) over
 * HTTP and parses them with the pprof and trace modules. {@link dev.gopherlens.live.GoService} is the entry point.
 * Networking lives here, not in core, so that the format modules stay usable where no network is wanted.
 */
module dev.gopherlens.live {
    requires java.net.http;
    requires transitive dev.gopherlens.core;
    requires transitive dev.gopherlens.pprof;
    requires transitive dev.gopherlens.trace;

    exports dev.gopherlens.live;
}
