package org.uforklab.machine.mmu;

/**
 * The VMSAv8-64 stage-1 descriptor format for the 4 KiB granule, with Morello's capability bits
 * (morello.md §3.1). Descriptors are plain {@code long}s stored in emulated physical memory; this class
 * names their bits and decodes them.
 */
public final class Descriptor {
    private Descriptor() {
    }

    /** Bit 0: valid. */
    public static final long VALID = 1L;
    /** Bit 1: at levels 0..2, 1 = table, 0 = block; at level 3 must be 1 (page). */
    public static final long TABLE_OR_PAGE = 1L << 1;
    /** Bits 4:2: AttrIndx, the MAIR_EL1 index. */
    public static final int ATTR_INDX_SHIFT = 2;
    /** Bits 7:6: AP[2:1]. */
    public static final int AP_SHIFT = 6;
    /** AP[2:1] = 00: EL1 read/write, EL0 no access. */
    public static final int AP_RW_EL1 = 0b00;
    /** AP[2:1] = 01: read/write at EL1 and EL0. */
    public static final int AP_RW_ALL = 0b01;
    /** AP[2:1] = 10: EL1 read-only, EL0 no access. */
    public static final int AP_RO_EL1 = 0b10;
    /** AP[2:1] = 11: read-only at EL1 and EL0. */
    public static final int AP_RO_ALL = 0b11;
    /** Bits 9:8: SH, shareability (0b11 = inner shareable). */
    public static final int SH_SHIFT = 8;
    /** Bit 10: AF, the access flag. */
    public static final long AF = 1L << 10;
    /** Bit 11: nG, not global (the entry is tagged with the current ASID). */
    public static final long NG = 1L << 11;
    /** Bits 47:12: output address of a page or next-level table. */
    public static final long OUTPUT_ADDRESS_MASK = 0x0000_FFFF_FFFF_F000L;
    /** Bit 53: PXN, privileged execute-never. */
    public static final long PXN = 1L << 53;
    /** Bit 54: UXN (XN), unprivileged execute-never. */
    public static final long UXN = 1L << 54;
    /** Bit 59: CDBM, capability dirty bit modifier (hardware may set SC). */
    public static final long CDBM = 1L << 59;
    /** Bit 60: SC, store-capability permitted / capability dirty. */
    public static final long SC = 1L << 60;
    /** Bits 62:61: LC, load-capability control. */
    public static final int LC_SHIFT = 61;
    /** Mask of the LC field. */
    public static final long LC_MASK = 3L << LC_SHIFT;
    /** LC = 00: capability loads read tags as 0 (CheriBSD ATTR_LC_DISABLED). */
    public static final int LC_STRIP = 0b00;
    /** LC = 01: capability loads are normal (ATTR_LC_ENABLED). */
    public static final int LC_NORMAL = 0b01;
    /** LC = 10: generation 0 (ATTR_LC_GEN0): a tagged load faults when the effective TGEN is 1. */
    public static final int LC_GEN0 = 0b10;
    /** LC = 11: generation 1 (ATTR_LC_GEN1): a tagged load faults when the effective TGEN is 0. */
    public static final int LC_GEN1 = 0b11;

    /** Table descriptor bit 59: PXNTable (hierarchical, ignored when TCR.HPDx = 1). */
    public static final long PXN_TABLE = 1L << 59;
    /** Table descriptor bit 60: UXNTable. */
    public static final long UXN_TABLE = 1L << 60;
    /** Table descriptor bits 62:61: APTable. */
    public static final int AP_TABLE_SHIFT = 61;

    /** True if bit 0 is set. */
    public static boolean isValid(long d) {
        return (d & VALID) != 0;
    }

    /** True for a table descriptor at levels 0..2. */
    public static boolean isTable(long d, int level) {
        return level < 3 && (d & 3) == 3;
    }

    /** True for a page (level 3) or block (levels 1, 2) descriptor. */
    public static boolean isLeaf(long d, int level) {
        return level == 3 ? (d & 3) == 3 : (level > 0 && (d & 3) == 1);
    }

    /** The output address bits 47:12. */
    public static long outputAddress(long d) {
        return d & OUTPUT_ADDRESS_MASK;
    }

    /** AP[2:1]. */
    public static int ap(long d) {
        return (int) (d >>> AP_SHIFT) & 3;
    }

    /** LC (raw, before TCR gating). */
    public static int lc(long d) {
        return (int) (d >>> LC_SHIFT) & 3;
    }

    /** A level-3 page descriptor for {@code pa} with the attribute bits {@code attrs}. */
    public static long page(long pa, long attrs) {
        if ((pa & ~OUTPUT_ADDRESS_MASK) != 0) {
            throw new IllegalArgumentException(String.format("page address 0x%x is not a 4 KiB aligned 48-bit address", pa));
        }
        return pa | attrs | VALID | TABLE_OR_PAGE;
    }

    /** A table descriptor pointing at the next-level table at {@code pa}. */
    public static long table(long pa) {
        if ((pa & ~OUTPUT_ADDRESS_MASK) != 0) {
            throw new IllegalArgumentException(String.format("table address 0x%x is not a 4 KiB aligned 48-bit address", pa));
        }
        return pa | VALID | TABLE_OR_PAGE;
    }

    /** The name of an AP[2:1] value, e.g. "EL1 RW, EL0 RW". */
    public static String apName(int ap) {
        return switch (ap & 3) {
            case AP_RW_EL1 -> "EL1:RW EL0:--";
            case AP_RW_ALL -> "EL1:RW EL0:RW";
            case AP_RO_EL1 -> "EL1:RO EL0:--";
            default -> "EL1:RO EL0:RO";
        };
    }

    /** The CheriBSD-style name of an LC value. */
    public static String lcName(int lc) {
        return switch (lc & 3) {
            case LC_STRIP -> "LC=00(strip)";
            case LC_NORMAL -> "LC=01";
            case LC_GEN0 -> "LC=10(gen0)";
            default -> "LC=11(gen1)";
        };
    }

    /** Decodes a descriptor read at {@code level} into a readable string. */
    public static String describe(long d, int level) {
        if (!isValid(d)) {
            return String.format("0x%016x invalid", d);
        }
        if (isTable(d, level)) {
            return String.format("0x%016x table -> 0x%x", d, outputAddress(d));
        }
        if (!isLeaf(d, level)) {
            return String.format("0x%016x reserved encoding at level %d", d, level);
        }
        return String.format("0x%016x %s -> 0x%x %s", d, level == 3 ? "page" : "block", outputAddress(d),
                PageAttributes.fromDescriptor(d));
    }
}
