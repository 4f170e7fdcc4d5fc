package org.uforklab.machine.mmu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.uforklab.machine.Machine;
import org.uforklab.machine.mem.LinearFrameSource;
import org.uforklab.machine.mem.PhysicalMap;

/** Tearing a range down: whole level-3 tables dropped with one write, partial ones cleared page by page. */
class PageTablesUnmapRangeTest {
    private static final long DRAM = PhysicalMap.MORELLO_DRAM0_BASE;
    private static final long TWO_MIB = 1L << 21;

    @Test
    void dropsCoveredTablesAndClearsTheEdges() {
        Machine m = Machine.morello();
        LinearFrameSource frames = new LinearFrameSource(m.memory(), DRAM, DRAM + (1L << 20));
        PageTables t = m.newPageTables(frames, m.core(0));
        long base = 0x4000_0000L;
        // pages from 16 KiB below a 2 MiB boundary to 16 KiB past the next one: three level-3 tables
        long first = base + TWO_MIB - 4 * 4096;
        long pages = 4 + 512 + 4;
        for (long i = 0; i < pages; i++) {
            t.map(first + i * 4096, DRAM + (8L << 20) + i * 4096, PageAttributes.kernelData());
        }
        t.map(base + 3 * TWO_MIB, DRAM + (16L << 20), PageAttributes.kernelData()); // outside the range: stays
        long middle = t.tableAt(base + TWO_MIB, 3);
        long w0 = t.descriptorWrites();

        PageTables.RangeUnmap r = t.unmapRange(first, pages * 4096);

        assertThat(r.pages()).hasSize((int) pages);
        assertThat(r.pages().get(0).va()).isEqualTo(first);
        assertThat(r.pages().get(4).pa()).isEqualTo(DRAM + (8L << 20) + 4 * 4096);
        assertThat(r.tables()).as("only the table the range covers whole").containsExactly(middle);
        assertThat(t.descriptorWrites() - w0).as("4 + 4 edge PTEs and one level-2 descriptor").isEqualTo(9);
        assertThat(t.mappings()).hasSize(1).first().extracting(Mapping::va).isEqualTo(base + 3 * TWO_MIB);
        assertThat(t.tableAt(base + TWO_MIB, 3)).isEqualTo(-1);
        // the partially covered tables stay and can be mapped again; the dropped one is rebuilt on demand
        t.map(first, DRAM, PageAttributes.kernelData());
        t.map(base + TWO_MIB, DRAM + 4096, PageAttributes.kernelData());
        assertThat(t.lookup(base + TWO_MIB)).get().extracting(Mapping::pa).isEqualTo(DRAM + 4096);
        assertThat(t.unmapRange(base + 5 * TWO_MIB, 8 * 4096).pages()).as("nothing mapped there").isEmpty();
    }
}
