package org.uforklab.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MachineTest {

    @Test
    void morelloDefaults() {
        Machine m = Machine.morello();
        assertThat(m.cores()).hasSize(4);
        assertThat(m.config().clockHz()).isEqualTo(2_500_000_000L);
        assertThat(m.memory().map().totalBytes()).isEqualTo(16L << 30);
        assertThat(m.memory().framesAllocated()).isZero();
        assertThat(m.toString()).contains("4 cores @ 2.50 GHz").contains("16 GiB").contains("core3")
                .contains("DRAM1");
    }

    @Test
    void coresHaveSeparateClocksAndStatsInOneTree() {
        Machine m = new Machine(MachineConfig.morello().withCores(2).withMemoryBytes(64L << 20).withCost("tlbiAll", 7));
        m.core(1).mmu().tlbiAll();
        assertThat(m.core(1).cycles().cycles()).isEqualTo(7);
        assertThat(m.core(0).cycles().cycles()).isZero();
        assertThat(m.elapsedCycles()).isEqualTo(7);
        assertThat(m.stats().get("core1.mmu.tlb.invalidations")).isEqualTo(1);
        assertThat(m.stats().get("core0.mmu.tlb.invalidations")).isZero();
        m.resetStats();
        assertThat(m.stats().get("core1.mmu.tlb.invalidations")).isZero();
        assertThatThrownBy(() -> m.core(2)).hasMessageContaining("no core 2");
    }

    @Test
    void badConfigurationsAreNamed() {
        assertThatThrownBy(() -> MachineConfig.morello().withCores(0)).hasMessageContaining("cores");
        assertThatThrownBy(() -> MachineConfig.morello().withTlbEntries(100)).hasMessageContaining("power of two");
        assertThatThrownBy(() -> MachineConfig.morello().withMemoryBytes(5)).hasMessageContaining("4 KiB");
    }
}
