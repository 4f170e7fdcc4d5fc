package org.uforklab.machine.mmu;

import org.uforklab.machine.mem.Frame;

/**
 * One cached stage-1 translation of a 4 KiB page (blocks are cached as the page that was accessed, a
 * permitted "splintering"). Holds what the walk found: output frame, the permissions for EL0/EL1, the
 * TCR-gated LC/SC/CDBM, the descriptor and where it lives, and a reference to the backing {@link Frame}
 * once it exists, so a hit reaches data with no further lookup. Invalid entries have ASID -1 and match nothing.
 */
public final class TlbEntry {
    /** Permission bit: read at EL1. */
    public static final int R1 = 1;
    /** Permission bit: write at EL1. */
    public static final int W1 = 2;
    /** Permission bit: execute at EL1. */
    public static final int X1 = 4;
    /** Permission bit: read at EL0. */
    public static final int R0 = 8;
    /** Permission bit: write at EL0. */
    public static final int W0 = 16;
    /** Permission bit: execute at EL0. */
    public static final int X0 = 32;

    long key;
    int asid = -1;
    boolean global;
    long pagePa;
    Frame frame;
    boolean ram;
    int perms;
    int lc;
    boolean sc;
    boolean cdbm;
    boolean upper;
    long descriptor;
    long descriptorPa;
    int level;
    long blockPageMask;

    TlbEntry() {
    }

    boolean matches(long k, int currentAsid) {
        return key == k && asid >= 0 && (global || asid == currentAsid);
    }

    void invalidate() {
        asid = -1;
        global = false;
        frame = null;
    }

    /** True while the entry holds a translation. */
    public boolean isValid() {
        return asid >= 0;
    }

    /** Physical address of the page. */
    public long pagePa() {
        return pagePa;
    }

    /** The backing frame if it has been touched (else null: reads are zero). */
    public Frame frame() {
        return frame;
    }

    /** True when the page's physical address is RAM (else accesses take an external abort). */
    public boolean isRam() {
        return ram;
    }

    /** Permission bits ({@link #R1} ...). */
    public int perms() {
        return perms;
    }

    /** Effective (TCR-gated) LC. */
    public int lc() {
        return lc;
    }

    /** Effective SC. */
    public boolean sc() {
        return sc;
    }

    /** Effective CDBM. */
    public boolean cdbm() {
        return cdbm;
    }

    /** The descriptor as read by the walk. */
    public long descriptor() {
        return descriptor;
    }

    /** Physical address of the leaf descriptor. */
    public long descriptorPa() {
        return descriptorPa;
    }

    /** The level of the leaf descriptor (3 for pages, 1 or 2 for blocks). */
    public int level() {
        return level;
    }

    /** The ASID of a non-global entry (-1 when invalid). */
    public int asid() {
        return asid;
    }

    /** True for an entry from a descriptor with nG = 0. */
    public boolean isGlobal() {
        return global;
    }

    @Override
    public String toString() {
        if (!isValid()) {
            return "TlbEntry(invalid)";
        }
        return String.format("TlbEntry(VA page 0x%x -> PA 0x%x, %s, L%d, %s)", key << 12, pagePa,
                global ? "global" : "ASID " + asid, level, PageAttributes.fromDescriptor(descriptor));
    }
}
