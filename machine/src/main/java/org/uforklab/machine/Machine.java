package org.uforklab.machine;

import java.util.ArrayList;
import java.util.List;
import org.uforklab.machine.mem.FrameSource;
import org.uforklab.machine.mem.PhysicalMemory;
import org.uforklab.machine.mmu.PageTables;
import org.uforklab.machine.stats.Stats;
import org.uforklab.machine.time.Cost;
import org.uforklab.machine.time.CycleCounter;

/**
 * An emulated Morello machine: sparse tagged physical memory in Morello's physical map and a set of cores
 * (each with MMU, TLB, checked access path, cycle counter), all counting into one stats tree. Every machine
 * is independent: many may live in one JVM.
 */
public final class Machine {
    private final MachineConfig config;
    private final Stats stats = new Stats();
    private final PhysicalMemory memory;
    private final List<Core> cores;

    /** Builds a machine; all memory reads as zero and all MMUs are off. */
    public Machine(MachineConfig config) {
        this.config = config;
        this.memory = new PhysicalMemory(config.physicalMap(), stats.scope("mem"));
        List<Core> list = new ArrayList<>();
        for (int i = 0; i < config.cores(); i++) {
            list.add(new Core(i, config, memory, stats));
        }
        this.cores = List.copyOf(list);
    }

    /** The Morello SDP of the uFork paper ({@link MachineConfig#morello()}). */
    public static Machine morello() {
        return new Machine(MachineConfig.morello());
    }

    /** The configuration. */
    public MachineConfig config() {
        return config;
    }

    /** Physical memory. */
    public PhysicalMemory memory() {
        return memory;
    }

    /** The cores. */
    public List<Core> cores() {
        return cores;
    }

    /** Core {@code i}. */
    public Core core(int i) {
        if (i < 0 || i >= cores.size()) {
            throw new IllegalArgumentException("no core " + i + " (machine has " + cores.size() + ")");
        }
        return cores.get(i);
    }

    /** The stats tree of the whole machine ({@code mem.*}, {@code coreN.*}). */
    public Stats stats() {
        return stats;
    }

    /**
     * A new, empty tree of translation tables whose descriptor writes are charged to {@code chargeTo}'s clock
     * ({@code pteWrite} cycles each).
     */
    public PageTables newPageTables(FrameSource frames, Core chargeTo) {
        PageTables t = PageTables.create(memory, frames);
        return t.chargingTo(chargeTo.cycles(), config.costs().get(Cost.PTE_WRITE));
    }

    /** The largest cycle count over the cores: the machine's emulated elapsed time. */
    public long elapsedCycles() {
        long max = 0;
        for (Core c : cores) {
            max = Math.max(max, c.cycles().cycles());
        }
        return max;
    }

    /** Zeroes every counter (cycle counters are left alone: emulated time does not run backwards). */
    public void resetStats() {
        stats.reset();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Machine ").append(config).append('\n');
        sb.append("  ").append(memory.toString().replace("\n", "\n  ")).append('\n');
        for (Core c : cores) {
            sb.append(String.format("  core%d: %s, MMU %s, ASID %d%n", c.id(), c.cycles(),
                    (c.mmu().sctlr() & 1) != 0 ? "on" : "off", c.mmu().asid()));
        }
        sb.append("  elapsed: ").append(CycleCounter.format(elapsedCycles(), config.clockHz()));
        return sb.toString();
    }
}
