package dev.gopherlens.pclntab.gocore;

import dev.gopherlens.core.GoParseException;
import dev.gopherlens.core.Inputs;
import dev.gopherlens.core.testing.Corpus;
import dev.gopherlens.pclntab.internal.gocore.ByteSource;
import dev.gopherlens.pclntab.internal.gocore.CoreFile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Corruption: every prefix of a small core and seeded random byte flips must open or throw
 * {@link GoParseException}, nothing else; and so must the corpus core's note segment cut at every note boundary.
 */
class CoreCorruptionTest {

    /** Opens a core and touches everything it offers; returns whether it opened. */
    static boolean openAndWalk(byte[] core, byte[] binary) {
        GoCore c;
        try {
            c = GoCore.open(core, binary);
        } catch (GoParseException expected) {
            return false;
        } catch (IOException e) {
            throw new AssertionError("not a GoParseException", e);
        }
        for (Thread t : c.threads()) {
            t.registers().asMap();
            t.toString();
            for (Note n : t.notes()) {
                try {
                    c.noteBytes(n);
                } catch (GoParseException e) {
                    fail("a note the core listed is outside it: " + n, e);
                }
            }
        }
        c.toString();
        c.signal();
        c.process();
        for (MemoryRegion r : c.memory().regions()) {
            try {
                c.memory().read(r.start(), (int) Math.min(r.size(), 1 << 16));
            } catch (GoParseException e) {
                fail("a region the core listed is unreadable: " + r, e);
            }
        }
        return true;
    }

    @Test
    void everyPrefixOfATinyCore() {
        byte[] core = new TinyCore().core();
        byte[] binary = TinyCore.binary();
        int opened = 0;
        for (int n = 0; n < core.length; n++) {
            if (openAndWalk(Arrays.copyOf(core, n), binary)) {
                opened++;
            }
        }
        // Only prefixes that keep every dumped byte open; the last segment's data is at the end of the file.
        assertThat(opened).isZero();
        assertThat(openAndWalk(core, binary)).isTrue();
    }

    @Test
    void everyPrefixOfTheBinary() {
        byte[] core = new TinyCore().core();
        byte[] binary = TinyCore.binary();
        for (int n = 0; n < binary.length; n++) {
            openAndWalk(core, Arrays.copyOf(binary, n));
        }
    }

    @Test
    void seededFlipsInTheHeadersAndNotes() {
        TinyCore t = new TinyCore();
        byte[] core = t.core();
        byte[] binary = TinyCore.binary();
        int end = (int) (t.notesOffset() + t.notes().length);
        Random random = new Random(12);
        int opened = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] c = core.clone();
            int flips = 1 + random.nextInt(4);
            for (int k = 0; k < flips; k++) {
                int at = random.nextInt(end);
                c[at] = random.nextInt(4) == 0 ? (byte) 0xff : (byte) (c[at] ^ (1 << random.nextInt(8)));
            }
            if (openAndWalk(c, binary)) {
                opened++;
            }
        }
        // Most flips land in register values and padding and still open; a few break a frame and are refused.
        assertThat(opened).isBetween(1000, 19_999);
    }

    @Test
    void seededFlipsInTheBinaryHeaders() {
        byte[] core = new TinyCore().core();
        byte[] binary = TinyCore.binary();
        Random random = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            byte[] b = binary.clone();
            int at = random.nextInt(64 + 2 * 56);
            b[at] = (byte) random.nextInt(256);
            openAndWalk(core, b);
        }
    }

    /**
     * The go1.27 corpus core reduced to its headers and notes (every PT_LOAD made empty) and cut at every note
     * boundary and one byte either side.
     */
    @Test
    void corpusNotesCutAtEveryBoundary() throws IOException {
        ByteBuffer full;
        try (var in = Inputs.open(Corpus.file("core/go1.27/core.gz"))) {
            full = in.buffer().order(ByteOrder.LITTLE_ENDIAN);
        }
        CoreFile whole = CoreFile.read(ByteSource.of("core", full));
        long notesEnd = 0;
        for (Note n : whole.notes()) {
            notesEnd = Math.max(notesEnd, n.offset() + n.size());
        }
        byte[] compact = new byte[(int) notesEnd];
        full.get(0, compact);
        ByteBuffer c = ByteBuffer.wrap(compact).order(ByteOrder.LITTLE_ENDIAN);
        int phnum = c.getShort(56) & 0xffff;
        for (int i = 0; i < phnum; i++) {
            int ph = (int) c.getLong(32) + 56 * i;
            if (c.getInt(ph) == 1) {
                c.putLong(ph + 8, 0);
                c.putLong(ph + 32, 0);
            }
        }
        CoreFile reduced = CoreFile.read(ByteSource.of("core", ByteBuffer.wrap(compact)));
        assertThat(reduced.threads()).hasSize(whole.threads().size());
        assertThat(reduced.files()).isEqualTo(whole.files());
        List<Long> cuts = new ArrayList<>();
        for (Note n : whole.notes()) {
            long header = n.offset() - 12 - ((n.owner().length() + 1 + 3) & ~3);
            for (long at : new long[] {header, n.offset(), n.offset() + n.size()}) {
                cuts.add(at - 1);
                cuts.add(at);
                cuts.add(at + 1);
            }
        }
        int refused = 0;
        int parsed = 0;
        int noteHeader = -1;
        for (int i = 0; i < phnum; i++) {
            int ph = (int) c.getLong(32) + 56 * i;
            if (c.getInt(ph) == 4) {
                noteHeader = ph;
            }
        }
        long notesStart = c.getLong(noteHeader + 8);
        for (long cut : cuts) {
            if (cut < 0 || cut > compact.length) {
                continue;
            }
            // The file cut short, with p_filesz still claiming every note: refused.
            try {
                CoreFile.read(ByteSource.of("core", ByteBuffer.wrap(Arrays.copyOf(compact, (int) cut))));
            } catch (GoParseException expected) {
                refused++;
            }
            // The note segment cut short: its last note is incomplete unless the cut is at a note's end.
            if (cut >= notesStart) {
                byte[] shorter = compact.clone();
                ByteBuffer.wrap(shorter).order(ByteOrder.LITTLE_ENDIAN).putLong(noteHeader + 32, cut - notesStart);
                try {
                    CoreFile f = CoreFile.read(ByteSource.of("core", ByteBuffer.wrap(shorter)));
                    assertThat(f.notes().size()).isLessThanOrEqualTo(whole.notes().size());
                    parsed++;
                } catch (GoParseException expected) {
                    // a note cut in its header, name or descriptor
                }
            }
        }
        assertThat(refused).isGreaterThanOrEqualTo(cuts.size() - 2);
        // Cuts at the end of a padded descriptor keep whole notes and parse: at least one per note.
        assertThat(parsed).isGreaterThanOrEqualTo(whole.notes().size());
    }
}
