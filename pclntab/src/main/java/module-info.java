/**
 * Gopherlens pclntab: Go binaries (ELF, Mach-O, PE) of every pclntab layout, and core dumps. So far it recognizes the
 * pclntab layouts; the README lists what each module supports.
 */
module dev.gopherlens.pclntab {
    requires transitive dev.gopherlens.core;

    exports dev.gopherlens.pclntab;
}
