package org.uforklab.machine.cpu;

/**
 * PSTATE.NZCV as an int with N, Z, C, V in bits 31..28 (the layout MRS NZCV returns), and the ARM ARM's
 * {@code AddWithCarry} and {@code ConditionHolds}. Shared by ADDS/SUBS/ADCS/SBCS/CCMP/CCMN and the Morello
 * SUBS (capability compare).
 */
public final class Flags {
    private Flags() {
    }

    public static final int N = 1 << 31;
    public static final int Z = 1 << 30;
    public static final int C = 1 << 29;
    public static final int V = 1 << 28;

    /** NZCV of {@code AddWithCarry(x, y, carry)} on 64 bits; the sum is {@code x + y + carry}. */
    public static int add64(long x, long y, int carry) {
        long r = x + y + carry;
        int f = (int) (r >>> 32) & N;
        if (r == 0) {
            f |= Z;
        }
        // unsigned carry out: the sum wrapped, or equalled x with a carry in and y = all ones
        boolean c = Long.compareUnsigned(r, x) < 0 || (carry != 0 && r == x);
        if (c) {
            f |= C;
        }
        if (((x ^ r) & (y ^ r)) < 0) {
            f |= V;
        }
        return f;
    }

    /** NZCV of {@code AddWithCarry(x, y, carry)} on 32 bits (only the low 32 bits of x and y count). */
    public static int add32(long x, long y, int carry) {
        long ux = x & 0xFFFF_FFFFL;
        long uy = y & 0xFFFF_FFFFL;
        long u = ux + uy + carry;
        int r = (int) u;
        int f = r & N;
        if (r == 0) {
            f |= Z;
        }
        if ((u >>> 32) != 0) {
            f |= C;
        }
        if ((((int) x ^ r) & ((int) y ^ r)) < 0) {
            f |= V;
        }
        return f;
    }

    /** Flags of {@code SUBS x, y} on 64 bits: {@code AddWithCarry(x, ~y, 1)}. */
    public static int sub64(long x, long y) {
        long r = x - y;
        int f = (int) (r >>> 32) & N;
        if (r == 0) {
            f |= Z;
        }
        if (Long.compareUnsigned(x, y) >= 0) {
            f |= C;
        }
        if (((x ^ y) & (x ^ r)) < 0) {
            f |= V;
        }
        return f;
    }

    /** Flags of {@code SUBS x, y} on 32 bits. */
    public static int sub32(long x, long y) {
        int a = (int) x;
        int b = (int) y;
        int r = a - b;
        int f = r & N;
        if (r == 0) {
            f |= Z;
        }
        if (Integer.compareUnsigned(a, b) >= 0) {
            f |= C;
        }
        if (((a ^ b) & (a ^ r)) < 0) {
            f |= V;
        }
        return f;
    }

    /** N and Z of a logical result (ANDS, BICS), C and V cleared. */
    public static int logic64(long r) {
        return ((int) (r >>> 32) & N) | (r == 0 ? Z : 0);
    }

    /** N and Z of a 32-bit logical result. */
    public static int logic32(long r) {
        int v = (int) r;
        return (v & N) | (v == 0 ? Z : 0);
    }

    /** ARM ARM {@code ConditionHolds(cond)} for a 4-bit condition code. */
    public static boolean holds(int cond, int nzcv) {
        boolean result = switch (cond >>> 1) {
            case 0 -> (nzcv & Z) != 0;                                   // EQ / NE
            case 1 -> (nzcv & C) != 0;                                   // CS / CC
            case 2 -> (nzcv & N) != 0;                                   // MI / PL
            case 3 -> (nzcv & V) != 0;                                   // VS / VC
            case 4 -> (nzcv & C) != 0 && (nzcv & Z) == 0;                // HI / LS
            case 5 -> ((nzcv & N) != 0) == ((nzcv & V) != 0);            // GE / LT
            case 6 -> ((nzcv & N) != 0) == ((nzcv & V) != 0) && (nzcv & Z) == 0; // GT / LE
            default -> true;                                             // AL (and NV, which also means always)
        };
        return (cond & 1) != 0 && cond != 15 ? !result : result;
    }

    /** NZCV as letters, upper case when set: {@code nZCv}. */
    public static String toString(int nzcv) {
        return ((nzcv & N) != 0 ? "N" : "n") + ((nzcv & Z) != 0 ? "Z" : "z") + ((nzcv & C) != 0 ? "C" : "c")
                + ((nzcv & V) != 0 ? "V" : "v");
    }
}
