package org.uforklab.ufork;

/**
 * The software costs of fork that the machine's cost model does not already charge (page copies, tag scans,
 * capability loads/stores, PTE writes and TLBIs are charged by the machine as they happen). Cycles; each default
 * is an assumption, stated with its reasoning, and can be overridden.
 *
 * @param processCreate    allocating and initialising the child's process structure, PID and region bookkeeping
 *                         (~1 KiB of kernel structures written, a few allocations: ~600)
 * @param threadCreate     creating the child's thread structure and queueing it (~400)
 * @param perDescriptor    duplicating one open descriptor (a pointer copy and a reference-count increment: ~10)
 * @param perRegister      relocating one capability register (tag test, bounds/value rebuild: ~4)
 * @param perPteVisited    visiting one parent PTE while copying the page table of the region (a load and a
 *                         branch per descriptor, beside the PTE writes the machine charges: ~3)
 */
public record ForkCosts(long processCreate, long threadCreate, long perDescriptor, long perRegister, long perPteVisited) {

    /** Validates that no cost is negative. */
    public ForkCosts {
        for (long c : new long[] {processCreate, threadCreate, perDescriptor, perRegister, perPteVisited}) {
            if (c < 0) {
                throw new IllegalArgumentException("fork costs cannot be negative: " + c);
            }
        }
    }

    /** The defaults explained above. */
    public static ForkCosts defaults() {
        return new ForkCosts(600, 400, 10, 4, 3);
    }
}
