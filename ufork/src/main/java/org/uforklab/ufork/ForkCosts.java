package org.uforklab.ufork;

/**
 * The software costs of μFork's fork that the machine's cost model does not already charge (page copies, tag
 * scans, capability loads/stores, PTE writes and TLBIs are charged by the machine as they happen). Cycles. The
 * values are part of the one calibrated cost model (machine/src/main/java/org/uforklab/machine/time/README.md has
 * the table of every parameter and the fits); each component says where its default comes from.
 *
 * <p>What a fork costs then, with R the PTEs of the parent's region and P its populated (ever-written) pages:
 * {@code F + (perPteVisited + pteWrite) * R + (perPageShared + pteWrite) * P}, where F is the system-call path,
 * {@code processCreate}, {@code threadCreate}, the image alias ({@code imageAliasPages * perAliasPage}), the eager
 * copies (GOT, allocator page, TLS) and one TLB flush. The paper gives the hello fork (54 µs, a 10000-page heap)
 * and the Redis fork at 0 B (120 µs, a 136.7 MB heap with about 4.2k populated pages) and at 100 MB (261 µs, 24.4k
 * more populated pages): the slope gives {@code perPageShared + pteWrite} ≈ 14 cycles, the two 0 B-like points
 * {@code perPteVisited + pteWrite} ≈ 4.4 cycles, and F ≈ 100k cycles what is left of the hello fork.
 *
 * @param processCreate   allocating and initialising the child's process structure, PID, slot and its root
 *                        capabilities (the artifact's {@code new_process} and the capability derivations of
 *                        {@code sfork}); assumption: 3,000 cycles
 * @param threadCreate    creating the child's thread ({@code uk_sched_thread_create_process}: thread structure,
 *                        newlib reent and signal containers from the allocator, stack and TLS relocation, queueing);
 *                        what is left of the hello fork's 54 µs once everything else is charged: 18,000 cycles
 * @param perDescriptor   duplicating one open descriptor (a pointer copy and a reference-count increment: ~10)
 * @param perRegister     relocating one capability register (tag test, bounds/value rebuild: ~4)
 * @param perPteVisited   visiting one parent PTE while copying the page table of the region (a load and a branch
 *                        per descriptor in a pipelined loop, beside the PTE write the machine charges): 1 cycle, so
 *                        that a PTE copy costs 1 + pteWrite (3) = 4 cycles against the fitted 4.4
 * @param perPageShared   the sharing bookkeeping of one populated page beyond its two PTE writes (child and parent):
 *                        the artifact's {@code page_refs} bit and our sharing-table entry; fit to the Fig 4 slope
 *                        (261 − 120 µs over 24.4k populated pages = 14.4 cycles/page incl. one pteWrite): 11 cycles
 * @param imageAliasPages pages of the artifact's slot below {@code _start_app_copy} that {@code sfork} aliases into
 *                        every child with {@code uk_map_region} (ufork-paper.md §3.2-3.3: 1 MiB DTB reserve, kernel
 *                        text, {@code page_refs}, 1000 page-table pages, kernel data with its 7000-page tinyalloc
 *                        heap, boot stacks, GOTs, rodata and app text): about 9,000. Our kernel's image is global and
 *                        needs no alias, so this charges the artifact's per-fork work without mapping anything
 * @param perAliasPage    cycles per aliased page: {@code uk_page_map} walks the tables from the root for each page
 *                        (four cached descriptor reads) and writes the PTE: 8 cycles (an assumption; with
 *                        imageAliasPages it makes 72k of the fixed part F ≈ 100k)
 */
public record ForkCosts(long processCreate, long threadCreate, long perDescriptor, long perRegister, long perPteVisited,
        long perPageShared, long imageAliasPages, long perAliasPage) {

    /** Validates that no cost is negative. */
    public ForkCosts {
        for (long c : new long[] {processCreate, threadCreate, perDescriptor, perRegister, perPteVisited, perPageShared,
                imageAliasPages, perAliasPage}) {
            if (c < 0) {
                throw new IllegalArgumentException("fork costs cannot be negative: " + c);
            }
        }
    }

    /** The calibrated defaults explained above. */
    public static ForkCosts defaults() {
        return new ForkCosts(3_000, 18_000, 10, 4, 1, 11, 9_000, 8);
    }

    /** The fixed cost of aliasing the artifact's kernel image into a child slot (cycles). */
    public long imageAliasCycles() {
        return imageAliasPages * perAliasPage;
    }
}
