package org.uforklab.cli;

import java.io.PrintWriter;
import org.uforklab.machine.Core;
import org.uforklab.machine.Machine;
import org.uforklab.machine.MachineConfig;
import org.uforklab.machine.access.CheckedAccess;
import org.uforklab.machine.cap.Capability;
import org.uforklab.machine.fault.ArchitecturalFault;
import org.uforklab.machine.mem.LinearFrameSource;
import org.uforklab.machine.mem.PhysicalMap;
import org.uforklab.machine.mmu.Descriptor;
import org.uforklab.machine.mmu.Mmu;
import org.uforklab.machine.mmu.PageAttributes;
import org.uforklab.machine.mmu.PageTables;
import org.uforklab.machine.mmu.SystemRegisters;
import org.uforklab.machine.time.CycleCounter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code uforklab demo}: a short tour of the machine's memory side — tables built in emulated memory, data
 * and capabilities through the checked path, a tag cleared by a data store, a bounds fault, a CoPA-style
 * LC generation fault, the page-table printout, the stats tree and emulated time. Deterministic output.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "A short tour of the emulated Morello machine (memory, MMU, capabilities, faults, costs).")
public final class DemoCommand implements Runnable {

    static final long CODE = 0x40_0000L;
    static final long HEAP = 0x41_0000L;
    static final long SHARED = 0x42_0000L;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        tour(spec.commandLine().getOut());
    }

    /** Runs the tour, printing to {@code out}. */
    static void tour(PrintWriter out) {
        Machine m = new Machine(MachineConfig.morello());
        Core core = m.core(0);
        Mmu mmu = core.mmu();
        CheckedAccess mem = core.access();
        out.println("== A Morello machine (uFork paper's SDP) ==");
        out.println(m);

        out.println();
        out.println("== Translation tables, built in emulated DRAM ==");
        long dram = PhysicalMap.MORELLO_DRAM0_BASE;
        PageTables tables = m.newPageTables(new LinearFrameSource(m.memory(), dram, dram + (1L << 20)), core);
        long frames = dram + (16L << 20);
        tables.map(CODE, frames, PageAttributes.kernelCode());
        tables.mapRange(HEAP, frames + 0x1000, 4 * 4096L, PageAttributes.kernelData());
        tables.map(SHARED, frames + 0x5000, PageAttributes.kernelData());
        mmu.setTtbr0(tables.ttbr(1));
        mmu.setCctlr(SystemRegisters.CCTLR_TGEN0);     // current LC generation for VA[55]=0 is 1
        mmu.setSctlr(SystemRegisters.SCTLR_M);
        out.print(tables.dump());
        out.println(mmu);

        out.println();
        out.println("== Data and capabilities through the checked path ==");
        Capability heap = Capability.root().setValue(HEAP).setBounds(4 * 4096L);
        Capability obj = heap.setValue(HEAP + 0x100).setBounds(32);
        out.println("heap = " + heap);
        out.println("obj  = " + obj);
        mem.store64(obj, HEAP + 0x100, 0x1122_3344_5566_7788L);
        out.printf("store64 [obj] = 0x1122334455667788; load64 -> 0x%x%n", mem.load64(obj, HEAP + 0x100));
        mem.storeCap(heap, HEAP + 0x40, obj);
        Capability back = mem.loadCap(heap, HEAP + 0x40);
        out.println("storeCap [heap+0x40] = obj; loadCap -> " + back + (back.equals(obj) ? "  (identical)" : ""));

        out.println();
        out.println("== A data store clears the tag of the granule it touches ==");
        mem.store8(heap, HEAP + 0x47, 0);
        Capability clobbered = mem.loadCap(heap, HEAP + 0x40);
        out.println("store8 [heap+0x47] = 0; loadCap -> " + clobbered + "  tagged=" + clobbered.isTagged());

        out.println();
        out.println("== A bounds fault ==");
        try {
            mem.load64(obj, HEAP + 0x100 + 32);
        } catch (ArchitecturalFault f) {
            out.println(f.getMessage());
            out.printf("  ESR_EL1=0x%08x (EC 0x%02x, ISS 0x%x), FAR_EL1=0x%x%n", f.esr(), f.ec(), f.iss(), f.va());
        }

        out.println();
        out.println("== Copy-on-Pointer-Access: an LC generation fault (morello.md §3.3) ==");
        Capability shared = Capability.root().setValue(SHARED).setBounds(4096);
        mem.storeCap(shared, SHARED + 0x10, obj);
        mem.store64(shared, SHARED + 0x20, 42);
        tables.update(SHARED, d -> (d & ~Descriptor.LC_MASK) | ((long) Descriptor.LC_GEN0 << Descriptor.LC_SHIFT));
        mmu.tlbiVa(SHARED, 1);
        out.println("page " + String.format("0x%x", SHARED) + " now LC=10 (GEN0) while CCTLR_EL1.TGEN0=1: stale");
        out.printf("load64 [shared+0x20] -> %d (data loads never fault)%n", mem.load64(shared, SHARED + 0x20));
        try {
            mem.loadCap(shared, SHARED + 0x10);
        } catch (ArchitecturalFault f) {
            out.println("loadCap [shared+0x10] -> " + f.getMessage());
            out.printf("  ESR_EL1=0x%08x (WnR=%d)%n", f.esr(), f.wnr() ? 1 : 0);
        }
        int[] tagged = new int[256];
        int n = mem.scanTagsPhysical(tables.lookup(SHARED).orElseThrow().pa(), tagged);
        out.println("handler: tag scan of the page finds " + n + " capability at granule " + tagged[0]
                + "; remap LC=01, TLBI, retry");
        tables.update(SHARED, d -> (d & ~Descriptor.LC_MASK) | ((long) Descriptor.LC_NORMAL << Descriptor.LC_SHIFT));
        mmu.tlbiVa(SHARED, 1);
        out.println("loadCap [shared+0x10] -> " + mem.loadCap(shared, SHARED + 0x10));

        out.println();
        out.println("== A table walk, as the hardware does it ==");
        out.println(mmu.walk(SHARED + 0x10));

        out.println();
        out.println("== Stats (non-zero counters) ==");
        out.print(m.stats().dump(true));
        out.println();
        out.println("core0 emulated time: " + core.cycles());
        out.println("machine elapsed:     " + CycleCounter.format(m.elapsedCycles(), m.config().clockHz()));
        out.flush();
    }
}
