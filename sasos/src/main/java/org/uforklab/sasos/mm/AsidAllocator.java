package org.uforklab.sasos.mm;

import java.util.BitSet;

/**
 * Gives out the ASIDs of per-process address spaces: 1 .. 2^bits - 1 (ASID 0 is the kernel's), lowest free
 * first. An ASID comes back only after its address space was destroyed, which invalidated its TLB entries on
 * every core, so a reused ASID never hits a stale translation (the simple scheme; Linux instead rolls
 * generations over with a full flush).
 */
public final class AsidAllocator {
    private final int limit;
    private final BitSet used = new BitSet();

    /** ASIDs of {@code bits} bits (8, or 16 with TCR_EL1.AS). */
    public AsidAllocator(int bits) {
        if (bits != 8 && bits != 16) {
            throw new IllegalArgumentException("ASIDs are 8 or 16 bits wide, not " + bits);
        }
        this.limit = 1 << bits;
    }

    /**
     * A free ASID.
     *
     * @throws IllegalStateException when every ASID is in use
     */
    public int allocate() {
        int a = used.nextClearBit(1);
        if (a >= limit) {
            throw new IllegalStateException("out of ASIDs: all " + (limit - 1) + " are in use");
        }
        used.set(a);
        return a;
    }

    /** Returns {@code asid} (its TLB entries must already be invalidated). */
    public void free(int asid) {
        if (asid <= 0 || asid >= limit || !used.get(asid)) {
            throw new IllegalArgumentException("ASID " + asid + " is not allocated");
        }
        used.clear(asid);
    }

    /** ASIDs in use. */
    public int inUse() {
        return used.cardinality();
    }

    @Override
    public String toString() {
        return String.format("AsidAllocator(%d of %d in use)", inUse(), limit - 1);
    }
}
