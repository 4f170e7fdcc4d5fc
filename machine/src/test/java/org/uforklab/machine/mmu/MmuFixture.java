package org.uforklab.machine.mmu;

import org.uforklab.machine.fault.FaultRecorder;
import org.uforklab.machine.mem.LinearFrameSource;
import org.uforklab.machine.mem.PhysicalMap;
import org.uforklab.machine.mem.PhysicalMemory;
import org.uforklab.machine.stats.Stats;
import org.uforklab.machine.time.Cost;
import org.uforklab.machine.time.CostModel;
import org.uforklab.machine.time.CycleCounter;

/** A small machine for MMU tests: 64 MiB at 0x8000_0000, tables from its first 4 MiB, MMU on. */
final class MmuFixture {
    static final long DRAM = PhysicalMap.MORELLO_DRAM0_BASE;
    static final long DATA = DRAM + (8L << 20);

    final Stats stats = new Stats();
    final CycleCounter cycles = new CycleCounter(2_500_000_000L);
    final PhysicalMemory mem = new PhysicalMemory(PhysicalMap.morello(64L << 20), stats.scope("mem"));
    final LinearFrameSource frames = new LinearFrameSource(mem, DRAM, DRAM + (4L << 20));
    final FaultRecorder faults = new FaultRecorder(stats.scope("core0"), cycles, CostModel.defaults().get(Cost.FAULT_ENTRY));
    final Mmu mmu = new Mmu(mem, 64, CostModel.defaults(), cycles, stats.scope("core0"), faults);
    final PageTables tables = PageTables.create(mem, frames);

    MmuFixture() {
        mmu.setTtbr0(tables.ttbr(1));
        mmu.setSctlr(SystemRegisters.SCTLR_M);
    }

    long stat(String path) {
        return stats.get(path);
    }
}
