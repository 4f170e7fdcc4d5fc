package org.uforklab.machine.cpu;

/**
 * Field extraction from a capability's raw pesbt, for the interpreter's allocation-free paths (the same
 * formulas as {@link org.uforklab.machine.cap.Capability}, which remains the reference: tests compare them).
 */
final class CapBits {
    private CapBits() {
    }

    static final int PERMS_SHIFT = 46;
    static final int OTYPE_SHIFT = 31;

    static int otype(long pesbt) {
        return (int) (pesbt >>> OTYPE_SHIFT) & 0x7FFF;
    }

    static int perms(long pesbt) {
        return (int) (pesbt >>> PERMS_SHIFT) & 0x3FFFF;
    }

    static long withOtype(long pesbt, int otype) {
        return (pesbt & ~(0x7FFFL << OTYPE_SHIFT)) | ((long) otype << OTYPE_SHIFT);
    }

    /** Sail {@code CapGetExponent} (IE inverted on Morello: 0 means internal exponent). */
    static int exponent(long pesbt) {
        if (((pesbt >>> 30) & 1) == 0) {
            return (int) ~((((pesbt >>> 16) & 7) << 3) | (pesbt & 7)) & 0x3F;
        }
        return 0;
    }

    /** Sail {@code CapGetBottom}. */
    static int bottom(long pesbt) {
        return ((pesbt >>> 30) & 1) == 0 ? (int) (pesbt & 0xFFF8) : (int) (pesbt & 0xFFFF);
    }

    /**
     * Whether Sail {@code CapAdd(c, increment)} keeps the tag of a tagged capability: unsealed,
     * {@code CapIsRepresentableFast}, exponent in range, and bit 55 unchanged when the bounds use the value.
     */
    static boolean addKeepsTag(long pesbt, long value, long increment) {
        if (otype(pesbt) != 0) {
            return false;
        }
        int e = exponent(pesbt);
        if (e >= 48) {
            // bounds do not use the value; out-of-range exponents (51..62) lose the tag
            return e <= 50 || e == 63;
        }
        if ((((value + increment) ^ value) & (1L << 55)) != 0) {
            return false;
        }
        long a = (value << 8) >> 8;
        long i = (increment << 8) >> 8;
        long iTop = i >> (e + 16);
        int iMid = (int) ((i >>> e) & 0xFFFF);
        int aMid = (int) ((a >>> e) & 0xFFFF);
        int r = (((bottom(pesbt) >>> 13) - 1) & 7) << 13;
        int diff = (r - aMid) & 0xFFFF;
        int diff1 = (diff - 1) & 0xFFFF;
        if (iTop == 0) {
            return iMid < diff1;
        }
        if (iTop == -1) {
            return iMid >= diff && r != aMid;
        }
        return false;
    }
}
