/** A tool that uses each Gopherlens parser through its public API only. */
module dev.gopherlens.consumer {
    requires dev.gopherlens.pprof;
    requires dev.gopherlens.trace;
    requires dev.gopherlens.pclntab;
    requires dev.gopherlens.live;
}
