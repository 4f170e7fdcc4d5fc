package org.uforklab.machine.mmu;

/**
 * The attribute bits of a page descriptor, as the page-table builder takes them: AP[2:1], AF, nG, PXN, UXN,
 * Morello's LC/SC/CDBM, and the memory attributes (AttrIndx, SH). Immutable; use the factories and withers.
 *
 * @param ap       AP[2:1] (see {@link Descriptor#AP_RW_EL1} ...)
 * @param af       access flag (0 = the first access takes an access-flag fault)
 * @param nonGlobal nG: the TLB entry is tagged with the ASID
 * @param pxn      privileged execute-never
 * @param uxn      unprivileged execute-never
 * @param lc       load-capability control (0..3)
 * @param sc       store-capability permitted / capability dirty
 * @param cdbm     capability dirty bit modifier
 * @param attrIndx MAIR index (0..7)
 * @param sh       shareability (0..3)
 */
public record PageAttributes(int ap, boolean af, boolean nonGlobal, boolean pxn, boolean uxn,
                             int lc, boolean sc, boolean cdbm, int attrIndx, int sh) {

    /** Validates field ranges. */
    public PageAttributes {
        if (ap < 0 || ap > 3 || lc < 0 || lc > 3 || attrIndx < 0 || attrIndx > 7 || sh < 0 || sh > 3) {
            throw new IllegalArgumentException("page attribute out of range: ap=" + ap + " lc=" + lc
                    + " attrIndx=" + attrIndx + " sh=" + sh);
        }
    }

    /** Kernel data: EL1 read/write, no EL0 access, never executable, capabilities loadable and storable (ATTR_CAP_RW). */
    public static PageAttributes kernelData() {
        return new PageAttributes(Descriptor.AP_RW_EL1, true, false, true, true, Descriptor.LC_NORMAL, true, false, 0, 3);
    }

    /** Kernel code: EL1 read-only and executable. */
    public static PageAttributes kernelCode() {
        return new PageAttributes(Descriptor.AP_RO_EL1, true, false, false, true, Descriptor.LC_NORMAL, false, false, 0, 3);
    }

    /** User data: read/write at EL0 and EL1, non-global, never executable, ATTR_CAP_RW. */
    public static PageAttributes userData() {
        return new PageAttributes(Descriptor.AP_RW_ALL, true, true, true, true, Descriptor.LC_NORMAL, true, false, 0, 3);
    }

    /** User code: read-only at both levels, executable at EL0 only, non-global. */
    public static PageAttributes userCode() {
        return new PageAttributes(Descriptor.AP_RO_ALL, true, true, true, false, Descriptor.LC_NORMAL, false, false, 0, 3);
    }

    /** Copy with a different AP[2:1]. */
    public PageAttributes withAp(int newAp) {
        return new PageAttributes(newAp, af, nonGlobal, pxn, uxn, lc, sc, cdbm, attrIndx, sh);
    }

    /** Copy with a different AF. */
    public PageAttributes withAf(boolean newAf) {
        return new PageAttributes(ap, newAf, nonGlobal, pxn, uxn, lc, sc, cdbm, attrIndx, sh);
    }

    /** Copy with a different nG. */
    public PageAttributes withNonGlobal(boolean ng) {
        return new PageAttributes(ap, af, ng, pxn, uxn, lc, sc, cdbm, attrIndx, sh);
    }

    /** Copy with different execute-never bits. */
    public PageAttributes withXn(boolean newPxn, boolean newUxn) {
        return new PageAttributes(ap, af, nonGlobal, newPxn, newUxn, lc, sc, cdbm, attrIndx, sh);
    }

    /** Copy with a different LC. */
    public PageAttributes withLc(int newLc) {
        return new PageAttributes(ap, af, nonGlobal, pxn, uxn, newLc, sc, cdbm, attrIndx, sh);
    }

    /** Copy with a different SC. */
    public PageAttributes withSc(boolean newSc) {
        return new PageAttributes(ap, af, nonGlobal, pxn, uxn, lc, newSc, cdbm, attrIndx, sh);
    }

    /** Copy with a different CDBM. */
    public PageAttributes withCdbm(boolean newCdbm) {
        return new PageAttributes(ap, af, nonGlobal, pxn, uxn, lc, sc, newCdbm, attrIndx, sh);
    }

    /** The descriptor bits these attributes set (no output address, no valid/type bits). */
    public long bits() {
        long d = ((long) attrIndx << Descriptor.ATTR_INDX_SHIFT) | ((long) ap << Descriptor.AP_SHIFT)
                | ((long) sh << Descriptor.SH_SHIFT) | ((long) lc << Descriptor.LC_SHIFT);
        if (af) {
            d |= Descriptor.AF;
        }
        if (nonGlobal) {
            d |= Descriptor.NG;
        }
        if (pxn) {
            d |= Descriptor.PXN;
        }
        if (uxn) {
            d |= Descriptor.UXN;
        }
        if (sc) {
            d |= Descriptor.SC;
        }
        if (cdbm) {
            d |= Descriptor.CDBM;
        }
        return d;
    }

    /** The attributes of a page or block descriptor. */
    public static PageAttributes fromDescriptor(long d) {
        return new PageAttributes(Descriptor.ap(d), (d & Descriptor.AF) != 0, (d & Descriptor.NG) != 0,
                (d & Descriptor.PXN) != 0, (d & Descriptor.UXN) != 0, Descriptor.lc(d), (d & Descriptor.SC) != 0,
                (d & Descriptor.CDBM) != 0, (int) (d >>> Descriptor.ATTR_INDX_SHIFT) & 7, (int) (d >>> Descriptor.SH_SHIFT) & 3);
    }

    /** E.g. {@code EL1:RW EL0:-- AF XN:UP LC=01 SC G}. */
    @Override
    public String toString() {
        String xn = (uxn ? "U" : "") + (pxn ? "P" : "");
        return Descriptor.apName(ap) + (af ? " AF" : " af=0") + (xn.isEmpty() ? " X" : " XN:" + xn)
                + " " + Descriptor.lcName(lc) + (sc ? " SC" : " sc=0") + (cdbm ? " CDBM" : "") + (nonGlobal ? " nG" : " G");
    }
}
