package org.uforklab.machine.access;

import org.uforklab.machine.Core;
import org.uforklab.machine.Machine;
import org.uforklab.machine.MachineConfig;
import org.uforklab.machine.cap.Capability;
import org.uforklab.machine.mem.LinearFrameSource;
import org.uforklab.machine.mem.PhysicalMap;
import org.uforklab.machine.mmu.PageAttributes;
import org.uforklab.machine.mmu.PageTables;
import org.uforklab.machine.mmu.SystemRegisters;
import org.uforklab.machine.time.CostModel;

/** One core of a 64 MiB machine with the MMU on, 16 pages of kernel data mapped at {@link #VA}. */
final class AccessFixture {
    static final long DRAM = PhysicalMap.MORELLO_DRAM0_BASE;
    static final long VA = 0x40_0000L;
    static final long PA = DRAM + (8L << 20);
    static final int PAGES = 16;

    final Machine machine;
    final Core core;
    final CheckedAccess access;
    final LinearFrameSource frames;
    final PageTables tables;
    /** A capability for the mapped range with every permission. */
    final Capability cap = Capability.root().setValue(VA).setBounds(PAGES * 4096L);

    AccessFixture() {
        this(CostModel.defaults());
    }

    /** The fixture with another cost model (e.g. every cost distinct, so that a misplaced charge shows). */
    AccessFixture(CostModel costs) {
        machine = new Machine(MachineConfig.morello().withCores(1).withMemoryBytes(64L << 20).withCosts(costs));
        core = machine.core(0);
        access = core.access();
        frames = new LinearFrameSource(machine.memory(), DRAM, DRAM + (4L << 20));
        tables = machine.newPageTables(frames, core);
        tables.mapRange(VA, PA, PAGES * 4096L, PageAttributes.kernelData());
        core.mmu().setTtbr0(tables.ttbr(1));
        core.mmu().setSctlr(SystemRegisters.SCTLR_M);
    }

    long stat(String path) {
        return core.stats().get(path);
    }
}
