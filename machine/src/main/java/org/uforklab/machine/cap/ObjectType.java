package org.uforklab.machine.cap;

/**
 * Morello object types (the 15-bit otype field, capability bits 109:95). Zero means unsealed; 1..3 are the
 * architecture's fixed "sentry" forms that branch instructions understand; 4..32767 are for software
 * ({@code SEAL} with an authority holding the Seal permission).
 */
public final class ObjectType {

    /** Not sealed. */
    public static final int UNSEALED = 0;
    /** RB, "restricted branch": the sealed entry (sentry) that BR/BLR/RET unseal when branching to it. */
    public static final int RB = 1;
    /** LPB, "load pair and branch": unsealed by {@code LDPBLR c29, [cN]} / {@code LDPBR}. */
    public static final int LPB = 2;
    /** LB, "load and branch": unsealed for the access by {@code BR/BLR [cN, #imm]}. */
    public static final int LB = 3;
    /** Largest fixed (architectural) otype, Sail {@code CAP_MAX_FIXED_SEAL_TYPE}. */
    public static final int MAX_FIXED = 3;
    /** Largest otype, Sail {@code CAP_MAX_OBJECT_TYPE} = 2^15 - 1. */
    public static final int MAX = 0x7FFF;

    private ObjectType() {
    }

    /** True for the fixed sentry forms RB, LPB and LB. */
    public static boolean isFixedForm(int otype) {
        return otype >= RB && otype <= MAX_FIXED;
    }

    /** A short display name: {@code unsealed}, {@code RB}, {@code LPB}, {@code LB} or the otype in hex. */
    public static String name(int otype) {
        return switch (otype) {
            case UNSEALED -> "unsealed";
            case RB -> "RB";
            case LPB -> "LPB";
            case LB -> "LB";
            default -> "0x" + Integer.toHexString(otype);
        };
    }
}
