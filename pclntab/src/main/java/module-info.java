/**
 * Gopherlens pclntab: Go binaries (ELF, Mach-O, PE) of every pclntab layout, and core dumps. So far it recognizes the
 * pclntab layouts; the README lists what each module supports.
 */
module dev.gopherlens.pclntab {
    requires transitive dev.gopherlens.core;
    // Only the Symbolizer joins binaries and profiles; the pprof module is needed only to use it.
    requires static dev.gopherlens.pprof;

    exports dev.gopherlens.pclntab;
    exports dev.gopherlens.pclntab.gocore;
}
