package org.uforklab.machine;

import org.uforklab.machine.access.CheckedAccess;
import org.uforklab.machine.fault.FaultRecorder;
import org.uforklab.machine.mem.PhysicalMemory;
import org.uforklab.machine.mmu.Mmu;
import org.uforklab.machine.stats.Stats;
import org.uforklab.machine.time.Cost;
import org.uforklab.machine.time.CycleCounter;

/**
 * One core's memory side: its cycle counter, MMU (registers, TLB, walker), checked access path, fault
 * recorder and stats scope ({@code coreN.*}). The CPU adds its register file here.
 */
public final class Core {
    private final int id;
    private final CycleCounter cycles;
    private final Stats stats;
    private final FaultRecorder faults;
    private final Mmu mmu;
    private final CheckedAccess access;

    Core(int id, MachineConfig config, PhysicalMemory memory, Stats machineStats) {
        this.id = id;
        this.cycles = new CycleCounter(config.clockHz());
        this.stats = machineStats.scope("core" + id);
        this.faults = new FaultRecorder(stats, cycles, config.costs().get(Cost.FAULT_ENTRY));
        this.mmu = new Mmu(memory, config.tlbEntries(), config.costs(), cycles, stats, faults);
        this.access = new CheckedAccess(mmu, config.costs(), cycles, stats, faults);
    }

    /** The core number (0-based). */
    public int id() {
        return id;
    }

    /** Emulated cycles this core has spent. */
    public CycleCounter cycles() {
        return cycles;
    }

    /** This core's counters ({@code coreN.*}). */
    public Stats stats() {
        return stats;
    }

    /** This core's fault recorder. */
    public FaultRecorder faults() {
        return faults;
    }

    /** This core's MMU. */
    public Mmu mmu() {
        return mmu;
    }

    /** This core's checked memory access path. */
    public CheckedAccess access() {
        return access;
    }

    @Override
    public String toString() {
        return "core" + id + ": " + cycles + "\n  " + mmu.toString().replace("\n", "\n  ");
    }
}
