package org.uforklab.machine.mmu;

/**
 * TCR_EL1 fields used by the model (4 KiB granule only). Bit positions per the Arm ARM; Morello's hardware
 * use (HWU) bits per Sail {@code EffectiveHWU} (morello.md §3.1).
 */
public final class Tcr {
    private Tcr() {
    }

    /** Bits 5:0: T0SZ (VA size of the TTBR0 half is 64 - T0SZ bits). */
    public static final int T0SZ_SHIFT = 0;
    /** Bit 7: EPD0, walks through TTBR0 disabled (translation fault). */
    public static final long EPD0 = 1L << 7;
    /** Bits 21:16: T1SZ. */
    public static final int T1SZ_SHIFT = 16;
    /** Bit 22: A1, the ASID comes from TTBR1 (else TTBR0). */
    public static final long A1 = 1L << 22;
    /** Bit 23: EPD1. */
    public static final long EPD1 = 1L << 23;
    /** Bits 34:32: IPS, the intermediate physical address size. */
    public static final int IPS_SHIFT = 32;
    /** Bit 36: AS, 16-bit ASIDs (else 8-bit). */
    public static final long AS = 1L << 36;
    /** Bit 37: TBI0, top byte ignored for the TTBR0 half. */
    public static final long TBI0 = 1L << 37;
    /** Bit 38: TBI1. */
    public static final long TBI1 = 1L << 38;
    /** Bit 39: HA, hardware access-flag update (not modelled: AF=0 always faults). */
    public static final long HA = 1L << 39;
    /** Bit 41: HPD0, hierarchical permissions disabled for TTBR0 (required for the HWU bits to take effect). */
    public static final long HPD0 = 1L << 41;
    /** Bit 42: HPD1. */
    public static final long HPD1 = 1L << 42;
    /** Bit 43: HWU059 for TTBR0 walks (enables descriptor bit 59, CDBM). */
    public static final long HWU059_0 = 1L << 43;
    /** Bit 44: HWU060 for TTBR0 (enables SC). */
    public static final long HWU060_0 = 1L << 44;
    /** Bit 45: HWU061 for TTBR0 (enables LC[0]). */
    public static final long HWU061_0 = 1L << 45;
    /** Bit 46: HWU062 for TTBR0 (enables LC[1]). */
    public static final long HWU062_0 = 1L << 46;
    /** Bits 50:47: HWU059..HWU062 for TTBR1 walks. */
    public static final long HWU059_1 = 1L << 47;
    /** HWU060 for TTBR1. */
    public static final long HWU060_1 = 1L << 48;
    /** HWU061 for TTBR1. */
    public static final long HWU061_1 = 1L << 49;
    /** HWU062 for TTBR1. */
    public static final long HWU062_1 = 1L << 50;

    /** All four HWU bits plus HPD for the TTBR0 half: LC, SC and CDBM all take effect. */
    public static final long CAP_BITS_0 = HPD0 | HWU059_0 | HWU060_0 | HWU061_0 | HWU062_0;
    /** All four HWU bits plus HPD for the TTBR1 half. */
    public static final long CAP_BITS_1 = HPD1 | HWU059_1 | HWU060_1 | HWU061_1 | HWU062_1;

    /**
     * A TCR for 48-bit VAs in both halves, 4 KiB granules, 48-bit PAs, top byte ignored, 16-bit ASIDs,
     * with every Morello capability bit enabled in both halves.
     */
    public static long morelloDefault() {
        return (16L << T0SZ_SHIFT) | (16L << T1SZ_SHIFT) | (2L << 30) /* TG1 = 4 KiB */ | (5L << IPS_SHIFT)
                | AS | TBI0 | TBI1 | CAP_BITS_0 | CAP_BITS_1;
    }

    /**
     * The effective hardware-use bits for a walk of one half: bit 0 = CDBM (desc 59), 1 = SC (60),
     * 2 = LC[0] (61), 3 = LC[1] (62); all zero when HPDx is clear.
     */
    public static int effectiveHwu(long tcr, boolean ttbr1) {
        if (ttbr1) {
            return (tcr & HPD1) != 0 ? (int) (tcr >>> 47) & 0xF : 0;
        }
        return (tcr & HPD0) != 0 ? (int) (tcr >>> 43) & 0xF : 0;
    }

    /** The PA size in bits selected by IPS (32, 36, 40, 42, 44, 48; larger encodings read as 48). */
    public static int paBits(long tcr) {
        return switch ((int) (tcr >>> IPS_SHIFT) & 7) {
            case 0 -> 32;
            case 1 -> 36;
            case 2 -> 40;
            case 3 -> 42;
            case 4 -> 44;
            default -> 48;
        };
    }

    /** TxSZ of one half clamped to the 4 KiB-granule range 16..39. */
    public static int txsz(long tcr, boolean ttbr1) {
        int t = (int) (tcr >>> (ttbr1 ? T1SZ_SHIFT : T0SZ_SHIFT)) & 0x3F;
        return Math.max(16, Math.min(39, t));
    }

    /** A readable summary of the fields the model uses. */
    public static String describe(long tcr) {
        return String.format("TCR_EL1=0x%016x T0SZ=%d T1SZ=%d IPS=%d-bit ASID=%d-bit TBI0=%d TBI1=%d HPD0=%d HPD1=%d"
                        + " HWU0=%s HWU1=%s%s%s", tcr, txsz(tcr, false), txsz(tcr, true), paBits(tcr),
                (tcr & AS) != 0 ? 16 : 8, (tcr >>> 37) & 1, (tcr >>> 38) & 1, (tcr >>> 41) & 1, (tcr >>> 42) & 1,
                hwuName((int) (tcr >>> 43) & 0xF), hwuName((int) (tcr >>> 47) & 0xF),
                (tcr & EPD0) != 0 ? " EPD0" : "", (tcr & EPD1) != 0 ? " EPD1" : "");
    }

    private static String hwuName(int bits) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < 4; i++) {
            if ((bits >>> i & 1) != 0) {
                sb.append(sb.length() > 1 ? "," : "").append(59 + i);
            }
        }
        return sb.append('}').toString();
    }
}
