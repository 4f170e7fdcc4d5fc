package org.uforklab.ufork.baseline;

/**
 * The software costs of the monolithic baseline's fork (standing for CheriBSD) that the machine does not charge
 * itself (PTE writes, TLBIs, the TLS page copy, the SVC entry and return are charged as they happen). Cycles; part
 * of the one calibrated cost model (machine/src/main/java/org/uforklab/machine/time/README.md).
 *
 * <p>A conventional copy-on-write fork costs {@code F + (perPteVisited + pteWrite) * R + perPageCopyOnWrite * P}
 * over the R resident PTEs of the parent (P of them populated, copy-on-write; the rest map the zero frame after a
 * read), with F = {@code processCreate + vmspaceCreate + threadCreate}. Untouched demand-zero memory has no PTE in a
 * monolithic kernel (a vm_map entry stands for it), so the reserved heap costs nothing here, unlike μFork's slots.
 * The paper's CheriBSD numbers fit this with one set: Redis at 0 B (565 µs) and 100 MB (2688 µs) give the per-page
 * slope, (2688 − 565) µs over 24.4k populated pages ≈ 87 ns ≈ 217 cycles; the hello fork (197 µs) gives F.
 *
 * @param processCreate      fork1: the proc and its credentials, limits, signal actions, statistics, process-group
 *                           and session references, racct: fitted share of F (assumption: 40% of it), 195,000
 * @param vmspaceCreate      vmspace_fork: a new vmspace and pmap (table root allocated and zeroed, ASID), every
 *                           vm_map_entry duplicated with its VM object shadowed: fitted share (35%), 170,000
 * @param threadCreate       thread_alloc and cpu_fork: the kernel stack (allocated and zeroed), the PCB and the trap
 *                           frame copied with every capability register, the scheduler's run queue: (25%), 122,000
 * @param perDescriptor      duplicating one open descriptor (fdcopy: a pointer copy and a reference: ~10)
 * @param perRegister        copying one capability register into the child's trap frame (~4)
 * @param perPteVisited      visiting one parent PTE (as μFork's: 1 cycle)
 * @param perPageCopyOnWrite pmap_protect of the parent's PTE plus pmap_copy's work for one resident page: the
 *                           pv-entry, the page's wiring/reference counts, the shadow object's accounting: 213 cycles
 *                           (the fitted 217-cycle slope less the child's PTE write the machine charges)
 */
public record MonolithicCosts(long processCreate, long vmspaceCreate, long threadCreate, long perDescriptor, long perRegister,
        long perPteVisited, long perPageCopyOnWrite) {

    /** Validates that no cost is negative. */
    public MonolithicCosts {
        for (long c : new long[] {processCreate, vmspaceCreate, threadCreate, perDescriptor, perRegister, perPteVisited,
                perPageCopyOnWrite}) {
            if (c < 0) {
                throw new IllegalArgumentException("monolithic fork costs cannot be negative: " + c);
            }
        }
    }

    /** The calibrated defaults explained above. */
    public static MonolithicCosts defaults() {
        return new MonolithicCosts(195_000, 170_000, 122_000, 10, 4, 1, 213);
    }

    /** The fixed part F: process, vmspace and thread creation (cycles). */
    public long fixedCycles() {
        return processCreate + vmspaceCreate + threadCreate;
    }
}
