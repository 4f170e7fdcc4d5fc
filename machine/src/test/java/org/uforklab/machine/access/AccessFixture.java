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

/** One core of a 64 MiB machine with the MMU on, 16 pages of kernel data mapped at {@link #VA}. */
final class AccessFixture {
    static final long DRAM = PhysicalMap.MORELLO_DRAM0_BASE;
    static final long VA = 0x40_0000L;
    static final long PA = DRAM + (8L << 20);
    static final int PAGES = 16;

    final Machine machine = new Machine(MachineConfig.morello().withCores(1).withMemoryBytes(64L << 20));
    final Core core = machine.core(0);
    final CheckedAccess access = core.access();
    final LinearFrameSource frames = new LinearFrameSource(machine.memory(), DRAM, DRAM + (4L << 20));
    final PageTables tables = machine.newPageTables(frames, core);
    /** A capability for the mapped range with every permission. */
    final Capability cap = Capability.root().setValue(VA).setBounds(PAGES * 4096L);

    AccessFixture() {
        tables.mapRange(VA, PA, PAGES * 4096L, PageAttributes.kernelData());
        core.mmu().setTtbr0(tables.ttbr(1));
        core.mmu().setSctlr(SystemRegisters.SCTLR_M);
    }

    long stat(String path) {
        return core.stats().get(path);
    }
}
