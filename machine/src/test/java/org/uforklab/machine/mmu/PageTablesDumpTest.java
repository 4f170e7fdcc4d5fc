package org.uforklab.machine.mmu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.uforklab.machine.Machine;
import org.uforklab.machine.mem.LinearFrameSource;
import org.uforklab.machine.mem.PhysicalMap;

class PageTablesDumpTest {

    private static PageTables sparseTables(int pages) {
        Machine m = Machine.morello();
        long dram = PhysicalMap.MORELLO_DRAM0_BASE;
        PageTables t = m.newPageTables(new LinearFrameSource(m.memory(), dram, dram + (1L << 20)), m.core(0));
        for (int i = 0; i < pages; i++) {
            t.map(0x40_0000L + 2L * i * 4096, dram + (16L << 20) + i * 4096L, PageAttributes.kernelData());
        }
        return t;
    }

    @Test
    void toStringShowsTheFirstTwentyRangesAndACount() {
        PageTables t = sparseTables(50);
        assertThat(t.dump().lines().count()).isEqualTo(50);
        String text = t.toString();
        assertThat(text.lines().count()).isEqualTo(1 + 20 + 1);
        assertThat(text).endsWith("... 30 more ranges (50 in all)\n");
        assertThat(t.dump(3).lines().toList()).hasSize(4).last().isEqualTo("... 47 more ranges (50 in all)");
    }

    @Test
    void smallTablesPrintWhole() {
        PageTables t = sparseTables(2);
        assertThat(t.toString()).doesNotContain("more ranges").contains("VA 0x0000000000402000-0x0000000000402fff");
    }
}
