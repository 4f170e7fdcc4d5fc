package org.uforklab.machine.mmu;

/**
 * A set-associative TLB (4 ways) of {@link TlbEntry}s tagged with ASIDs; entries from descriptors with
 * nG = 0 are global and match every ASID. Nothing here reads memory: once cached, a translation stays in
 * use until software invalidates it, exactly as on hardware (a changed descriptor is invisible until the
 * matching TLBI). Replacement is round-robin per set, so runs are deterministic.
 */
public final class Tlb {
    /** Associativity. */
    public static final int WAYS = 4;

    private final TlbEntry[] entries;
    private final int setMask;
    private final byte[] nextVictim;
    private int blockEntries;
    /** False only when no entry was filled since the last {@link #invalidateAll}: the TLB is certainly empty. */
    private boolean mayHoldEntries = true;

    /**
     * @param size number of entries: a power of two, at least {@link #WAYS}
     */
    public Tlb(int size) {
        if (size < WAYS || Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("TLB size " + size + " is not a power of two >= " + WAYS);
        }
        entries = new TlbEntry[size];
        for (int i = 0; i < size; i++) {
            entries[i] = new TlbEntry();
        }
        setMask = size / WAYS - 1;
        nextVictim = new byte[size / WAYS];
    }

    /** Number of entries. */
    public int size() {
        return entries.length;
    }

    /** The entry translating page {@code key} for {@code asid}, or null. */
    TlbEntry lookup(long key, int asid) {
        int base = ((int) key & setMask) * WAYS;
        for (int w = 0; w < WAYS; w++) {
            TlbEntry e = entries[base + w];
            if (e.matches(key, asid)) {
                return e;
            }
        }
        return null;
    }

    /** An entry to fill for page {@code key}: an invalid way if any, else the set's round-robin victim. */
    TlbEntry victim(long key) {
        int set = (int) key & setMask;
        int base = set * WAYS;
        for (int w = 0; w < WAYS; w++) {
            if (!entries[base + w].isValid()) {
                return entries[base + w];
            }
        }
        int w = nextVictim[set];
        nextVictim[set] = (byte) ((w + 1) % WAYS);
        TlbEntry e = entries[base + w];
        forget(e);
        return e;
    }

    void filled(TlbEntry e) {
        if (e.blockPageMask != 0) {
            blockEntries++;
        }
        mayHoldEntries = true;
    }

    private void forget(TlbEntry e) {
        if (e.isValid() && e.blockPageMask != 0) {
            blockEntries--;
        }
        e.invalidate();
    }

    /** TLBI VMALLE1: every entry. */
    public void invalidateAll() {
        if (!mayHoldEntries) {
            return; // nothing filled since the last full invalidation (an idle core's TLB under repeated broadcasts)
        }
        for (TlbEntry e : entries) {
            forget(e);
        }
        mayHoldEntries = false;
    }

    /** TLBI ASIDE1: non-global entries of one ASID. */
    public void invalidateAsid(int asid) {
        for (TlbEntry e : entries) {
            if (e.isValid() && !e.global && e.asid == asid) {
                forget(e);
            }
        }
    }

    /** TLBI VAE1: entries for the page of {@code va} that are global or belong to {@code asid}. */
    public void invalidateVa(long key, int asid) {
        invalidateVa(key, asid, false);
    }

    /** TLBI VAAE1: entries for the page of {@code va}, any ASID. */
    public void invalidateVaAllAsids(long key) {
        invalidateVa(key, -1, true);
    }

    private void invalidateVa(long key, int asid, boolean allAsids) {
        int base = ((int) key & setMask) * WAYS;
        for (int w = 0; w < WAYS; w++) {
            TlbEntry e = entries[base + w];
            if (e.isValid() && e.key == key && (allAsids || e.global || e.asid == asid)) {
                forget(e);
            }
        }
        if (blockEntries > 0) {
            // A TLBI by VA must remove every splinter of a block that covers the VA.
            for (TlbEntry e : entries) {
                if (e.isValid() && e.blockPageMask != 0 && (e.key & ~e.blockPageMask) == (key & ~e.blockPageMask)
                        && (allAsids || e.global || e.asid == asid)) {
                    forget(e);
                }
            }
        }
    }

    /** Number of valid entries. */
    public int validEntries() {
        int n = 0;
        for (TlbEntry e : entries) {
            if (e.isValid()) {
                n++;
            }
        }
        return n;
    }

    @Override
    public String toString() {
        return String.format("TLB %d entries (%d-way), %d valid", entries.length, WAYS, validEntries());
    }
}
