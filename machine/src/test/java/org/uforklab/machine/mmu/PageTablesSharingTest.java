package org.uforklab.machine.mmu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.uforklab.machine.Machine;
import org.uforklab.machine.fault.AccessKind;
import org.uforklab.machine.mem.LinearFrameSource;
import org.uforklab.machine.mem.PhysicalMap;

/** Two trees sharing one subtree (kernel mappings linked into a per-process tree), and the walk through it. */
class PageTablesSharingTest {
    private static final long DRAM = PhysicalMap.MORELLO_DRAM0_BASE;

    @Test
    void aLinkedSubtreeTranslatesInBothTreesAndIsNotListedAsOwn() {
        Machine m = Machine.morello();
        LinearFrameSource frames = new LinearFrameSource(m.memory(), DRAM, DRAM + (1L << 20));
        PageTables kernel = m.newPageTables(frames, m.core(0));
        kernel.map(0x1000_0000L, DRAM + (8L << 20), PageAttributes.kernelData());
        long l2 = kernel.tableAt(0x1000_0000L, 2);
        assertThat(l2).isPositive();
        assertThat(kernel.tableAt(0x1_0000_0000L, 3)).isEqualTo(-1);

        PageTables proc = m.newPageTables(frames, m.core(0));
        proc.linkTable(0x1000_0000L, 1, l2);
        proc.map(0x1_0000_0000L, DRAM + (9L << 20), PageAttributes.kernelData().withNonGlobal(true));
        assertThat(proc.lookup(0x1000_0000L)).get().extracting(Mapping::pa).isEqualTo(DRAM + (8L << 20));
        // a mapping added later through the kernel tree is seen through the process tree
        kernel.map(0x1000_1000L, DRAM + (10L << 20), PageAttributes.kernelData());
        assertThat(proc.lookup(0x1000_1000L)).get().extracting(Mapping::pa).isEqualTo(DRAM + (10L << 20));

        m.core(0).mmu().setTtbr0(proc.ttbr(5));
        m.core(0).mmu().setSctlr(SystemRegisters.SCTLR_M);
        assertThat(m.core(0).mmu().translate(0x1000_1008L, AccessKind.LOAD).global).isTrue();
        assertThat(m.core(0).mmu().translate(0x1_0000_0010L, AccessKind.LOAD).global).isFalse();

        // own tables: root, L1, and the L2 + L3 under the process area; never the linked kernel L2 or below
        var own = proc.tableFrames(Set.of(l2));
        assertThat(own).hasSize(4).doesNotContain(l2, kernel.tableAt(0x1000_0000L, 3)).startsWith(proc.root());
        assertThat(proc.tableFrames(Set.of())).hasSize(6); // with the kernel L2 and its L3
    }

    @Test
    void linkingOverAValidDescriptorIsRefused() {
        Machine m = Machine.morello();
        LinearFrameSource frames = new LinearFrameSource(m.memory(), DRAM, DRAM + (1L << 20));
        PageTables t = m.newPageTables(frames, m.core(0));
        t.map(0x1000_0000L, DRAM + (8L << 20), PageAttributes.kernelData());
        assertThatThrownBy(() -> t.linkTable(0x1000_0000L, 1, t.tableAt(0x1000_0000L, 2)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("level-1");
        assertThatThrownBy(() -> t.linkTable(0, 3, DRAM)).isInstanceOf(IllegalArgumentException.class);
    }
}
