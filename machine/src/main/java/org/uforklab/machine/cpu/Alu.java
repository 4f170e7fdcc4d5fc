package org.uforklab.machine.cpu;

/** The ARM ARM's integer helper functions (shifts, extends, bit masks, bit reversal), on 64-bit longs. */
final class Alu {
    private Alu() {
    }

    /** ARM ARM {@code DecodeBitMasks(N, imms, immr, immediate=FALSE)}: {wmask, tmask} for the bitfield moves. */
    static long[] decodeBitMasks(int n, int imms, int immr, int size) {
        int len = 31 - Integer.numberOfLeadingZeros((n << 6) | (~imms & 0x3F));
        if (len < 1) {
            return new long[] {0, 0};
        }
        int levels = (1 << len) - 1;
        int s = imms & levels;
        int r = immr & levels;
        int diff = (s - r) & levels;
        int esize = 1 << len;
        long welem = ones(s + 1);
        long telem = ones(diff + 1);
        welem = ror(welem, r, esize);
        return new long[] {replicate(welem, esize, size), replicate(telem, esize, size)};
    }

    static long ones(int n) {
        return n >= 64 ? -1L : (1L << n) - 1;
    }

    /** Rotate right within an {@code esize}-bit element. */
    static long ror(long x, int r, int esize) {
        if (r == 0) {
            return x;
        }
        long m = ones(esize);
        x &= m;
        return ((x >>> r) | (x << (esize - r))) & m;
    }

    private static long replicate(long elem, int esize, int size) {
        long v = 0;
        for (int i = 0; i < size; i += esize) {
            v |= elem << i;
        }
        return size == 64 ? v : v & 0xFFFF_FFFFL;
    }

    /** ARM ARM {@code ShiftReg}: type 0 LSL, 1 LSR, 2 ASR, 3 ROR; 32-bit results are zero-extended. */
    static long shift(long x, int type, int amount, boolean sf) {
        if (sf) {
            return switch (type) {
                case 0 -> x << amount;
                case 1 -> x >>> amount;
                case 2 -> x >> amount;
                default -> Long.rotateRight(x, amount);
            };
        }
        int v = (int) x;
        int r = switch (type) {
            case 0 -> v << amount;
            case 1 -> v >>> amount;
            case 2 -> v >> amount;
            default -> Integer.rotateRight(v, amount);
        };
        return r & 0xFFFF_FFFFL;
    }

    /** ARM ARM {@code ExtendReg}: option UXTB..SXTX, then shift left by {@code shift} (0-4). */
    static long extend(long x, int option, int shift) {
        long v = switch (option) {
            case 0 -> x & 0xFF;
            case 1 -> x & 0xFFFF;
            case 2 -> x & 0xFFFF_FFFFL;
            case 3 -> x;
            case 4 -> (byte) x;
            case 5 -> (short) x;
            case 6 -> (int) x;
            default -> x;
        };
        return v << shift;
    }

    /** RBIT, REV16, REV32, REV, CLZ, CLS (selector 0-5) on 32 or 64 bits. */
    static long bitop(int sel, long x, boolean sf) {
        if (sf) {
            return switch (sel) {
                case 0 -> Long.reverse(x);
                case 1 -> ((x >>> 8) & 0x00FF00FF00FF00FFL) | ((x & 0x00FF00FF00FF00FFL) << 8);
                case 2 -> Long.reverseBytes(Long.rotateRight(x, 32));
                case 3 -> Long.reverseBytes(x);
                case 4 -> Long.numberOfLeadingZeros(x);
                default -> Long.numberOfLeadingZeros(x ^ (x >> 1)) - 1;
            };
        }
        int v = (int) x;
        int r = switch (sel) {
            case 0 -> Integer.reverse(v);
            case 1 -> ((v >>> 8) & 0x00FF00FF) | ((v & 0x00FF00FF) << 8);
            case 2, 3 -> Integer.reverseBytes(v);
            case 4 -> Integer.numberOfLeadingZeros(v);
            default -> Integer.numberOfLeadingZeros(v ^ (v >> 1)) - 1;
        };
        return r & 0xFFFF_FFFFL;
    }
}
