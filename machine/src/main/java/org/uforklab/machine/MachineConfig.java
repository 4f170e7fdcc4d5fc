package org.uforklab.machine;

import org.uforklab.machine.mem.PhysicalMap;
import org.uforklab.machine.time.CostModel;

/**
 * What machine to build: cores, clock, DRAM (laid out in Morello's physical map), TLB size and cost model.
 * Immutable; start from {@link #morello()} and change fields with the withers.
 *
 * @param cores       number of cores (Morello SDP: 4)
 * @param clockHz     core clock (Morello: 2.5 GHz, morello.md §5)
 * @param memoryBytes DRAM size (16 GiB board: 2 GiB at 0x8000_0000 + 14 GiB at 0x80_8000_0000)
 * @param tlbEntries  TLB entries per core (power of two; 1024 is a model choice between N1's L1 and L2 TLBs)
 * @param costs       the cost model
 */
public record MachineConfig(int cores, long clockHz, long memoryBytes, int tlbEntries, CostModel costs) {

    /** Validates the fields. */
    public MachineConfig {
        if (cores < 1 || cores > 64) {
            throw new IllegalArgumentException("cores must be 1..64, got " + cores);
        }
        if (clockHz <= 0) {
            throw new IllegalArgumentException("clock must be positive, got " + clockHz + " Hz");
        }
        PhysicalMap.morello(memoryBytes); // validates the size
        if (tlbEntries < 4 || Integer.bitCount(tlbEntries) != 1) {
            throw new IllegalArgumentException("TLB entries must be a power of two >= 4, got " + tlbEntries);
        }
        if (costs == null) {
            throw new IllegalArgumentException("cost model is missing");
        }
    }

    /** The Morello SDP of the uFork paper: 4 cores at 2.5 GHz, 16 GiB, default costs. */
    public static MachineConfig morello() {
        return new MachineConfig(4, 2_500_000_000L, 16L << 30, 1024, CostModel.defaults());
    }

    /** Copy with another core count. */
    public MachineConfig withCores(int n) {
        return new MachineConfig(n, clockHz, memoryBytes, tlbEntries, costs);
    }

    /** Copy with another clock. */
    public MachineConfig withClockHz(long hz) {
        return new MachineConfig(cores, hz, memoryBytes, tlbEntries, costs);
    }

    /** Copy with another DRAM size. */
    public MachineConfig withMemoryBytes(long bytes) {
        return new MachineConfig(cores, clockHz, bytes, tlbEntries, costs);
    }

    /** Copy with another TLB size. */
    public MachineConfig withTlbEntries(int entries) {
        return new MachineConfig(cores, clockHz, memoryBytes, entries, costs);
    }

    /** Copy with another cost model. */
    public MachineConfig withCosts(CostModel model) {
        return new MachineConfig(cores, clockHz, memoryBytes, tlbEntries, model);
    }

    /** Copy with one cost parameter overridden. */
    public MachineConfig withCost(String name, long value) {
        return withCosts(costs.with(name, value));
    }

    /** The physical map for {@link #memoryBytes()}. */
    public PhysicalMap physicalMap() {
        return PhysicalMap.morello(memoryBytes);
    }

    @Override
    public String toString() {
        return String.format("MachineConfig(%d cores @ %.2f GHz, %s DRAM, %d-entry TLBs)", cores, clockHz / 1e9,
                memoryBytes % (1L << 30) == 0 ? (memoryBytes >> 30) + " GiB" : (memoryBytes >> 20) + " MiB", tlbEntries);
    }
}
