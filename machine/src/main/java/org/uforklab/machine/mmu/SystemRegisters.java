package org.uforklab.machine.mmu;

/** Bit positions of the other system registers the MMU reads: SCTLR_EL1, CCTLR_EL1, TTBRn_EL1. */
public final class SystemRegisters {
    private SystemRegisters() {
    }

    /** SCTLR_EL1.M (bit 0): stage-1 translation enabled. */
    public static final long SCTLR_M = 1L;
    /** SCTLR_EL1.A (bit 1): alignment checking of every data access. */
    public static final long SCTLR_A = 1L << 1;
    /** CCTLR_EL1.TGEN0 (bit 0): the current LC generation for VA[55] = 0. */
    public static final long CCTLR_TGEN0 = 1L;
    /** CCTLR_EL1.TGEN1 (bit 1): the current LC generation for VA[55] = 1. */
    public static final long CCTLR_TGEN1 = 1L << 1;
    /** TTBRn_EL1 bits 63:48: ASID. */
    public static final int TTBR_ASID_SHIFT = 48;
    /** TTBRn_EL1 bits 47:1: BADDR (table base; 4 KiB aligned for a full level-0 table). */
    public static final long TTBR_BADDR_MASK = 0x0000_FFFF_FFFF_FFFEL;

    /** A TTBR value: table base and ASID. */
    public static long ttbr(long tableBase, int asid) {
        if ((tableBase & ~TTBR_BADDR_MASK) != 0) {
            throw new IllegalArgumentException(String.format("table base 0x%x is not a 48-bit even address", tableBase));
        }
        if (asid < 0 || asid > 0xFFFF) {
            throw new IllegalArgumentException("ASID " + asid + " is not in 0..65535");
        }
        return tableBase | ((long) asid << TTBR_ASID_SHIFT);
    }

    /** The ASID field of a TTBR. */
    public static int asid(long ttbr) {
        return (int) (ttbr >>> TTBR_ASID_SHIFT) & 0xFFFF;
    }
}
