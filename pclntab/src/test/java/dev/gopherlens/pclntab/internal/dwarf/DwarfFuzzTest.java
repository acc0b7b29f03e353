package dev.gopherlens.pclntab.internal.dwarf;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gopherlens.core.GoParseException;

import java.util.Arrays;
import java.util.Map;

/**
 * Fuzz target for the DWARF reader. In the normal build it runs over the seeds in
 * {@code src/test/resources/dev/gopherlens/pclntab/internal/dwarf/DwarfFuzzTestInputs/dwarf/}; fuzz longer with
 * {@code JAZZER_FUZZ=1 mvn -B -ntp test -pl pclntab -am -Dtest=DwarfFuzzTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class DwarfFuzzTest {

    /**
     * Any bytes as DWARF: the first byte is the length of {@code .debug_abbrev}, then the abbreviations, then
     * {@code .debug_info}; the same bytes serve as {@code .debug_line}.
     */
    @FuzzTest(maxDuration = "30s")
    void dwarf(byte[] data) {
        if (data.length < 1) {
            return;
        }
        int abbrevLength = Math.min(data[0] & 0xff, data.length - 1);
        byte[] abbrev = Arrays.copyOfRange(data, 1, 1 + abbrevLength);
        byte[] info = Arrays.copyOfRange(data, 1 + abbrevLength, data.length);
        try {
            Dwarf d = Dwarf.of(Map.of("abbrev", abbrev, "info", info, "line", info), false);
            for (Dwarf.Names kind : Dwarf.Names.values()) {
                for (String n : d.names(kind)) {
                    try {
                        switch (kind) {
                            case VARIABLES -> d.global(n);
                            case CONSTANTS -> d.constant(n);
                            case FUNCTIONS -> d.function(n);
                            default -> {
                                Type t = d.type(n).orElseThrow();
                                t.underlying();
                                t.toString();
                            }
                        }
                    } catch (GoParseException expected) {
                        // one bad entry; the others may still be read
                    }
                }
            }
            d.lineAt(0);
        } catch (GoParseException expected) {
            // malformed input is reported, never another exception
        }
    }
}
