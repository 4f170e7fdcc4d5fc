package org.uforklab.machine.isa;

/**
 * The A64 logical-immediate encoding (N:immr:imms): a run of ones rotated within an element of 2, 4, ..., 64
 * bits, replicated across the register. {@link #decode} is the ARM ARM's {@code DecodeBitMasks} (the wmask);
 * {@link #encode} finds the encoding of a value, if it has one.
 */
public final class BitmaskImmediate {
    private BitmaskImmediate() {
    }

    /** True when N:imms (for that register size) is an allocated encoding. */
    public static boolean isValid(int n, int imms, int size) {
        if (size == 32 && n != 0) {
            return false;
        }
        int len = highestSetBit((n << 6) | (~imms & 0x3f));
        if (len < 1) {
            return false;
        }
        int levels = (1 << len) - 1;
        return (imms & levels) != levels;
    }

    private static int highestSetBit(int v) {
        return 31 - Integer.numberOfLeadingZeros(v);
    }

    /** The immediate value (wmask) of N:immr:imms in a register of {@code size} bits; 0 if not valid. */
    public static long decode(int n, int imms, int immr, int size) {
        if (!isValid(n, imms, size)) {
            return 0;
        }
        int len = highestSetBit((n << 6) | (~imms & 0x3f));
        int esize = 1 << len;
        int levels = esize - 1;
        int s = imms & levels;
        int r = immr & levels;
        long welem = (s + 1 == 64) ? -1L : (1L << (s + 1)) - 1;
        long emask = esize == 64 ? -1L : (1L << esize) - 1;
        long rotated = r == 0 ? welem : ((welem >>> r) | (welem << (esize - r))) & emask;
        long out = 0;
        for (int i = 0; i < size; i += esize) {
            out |= rotated << i;
        }
        return size == 32 ? out & 0xffffffffL : out;
    }

    /**
     * The encoding {@code N<<12 | immr<<6 | imms} of a value in a {@code size}-bit register, or -1 when the
     * value has none (0, all ones, or not a replicated rotated run).
     */
    public static int encode(long value, int size) {
        long v = size == 32 ? value & 0xffffffffL : value;
        long all = size == 32 ? 0xffffffffL : -1L;
        if (v == 0 || v == all) {
            return -1;
        }
        // smallest element size that replicates
        int esize = size;
        while (esize > 2) {
            int half = esize / 2;
            long m = (1L << half) - 1;
            if (((v >>> half) & m) != (v & m)) {
                break;
            }
            esize = half;
        }
        long emask = esize == 64 ? -1L : (1L << esize) - 1;
        long elem = v & emask;
        // rotate right until the ones form a run starting at bit 0
        for (int r = 0; r < esize; r++) {
            long rot = r == 0 ? elem : ((elem << r) | (elem >>> (esize - r))) & emask;
            // rot is elem rotated left by r; if it is 0...01...1 then elem = ROR(run, r)
            if ((rot & (rot + 1)) == 0) {
                int ones = Long.bitCount(rot);
                int immr = r;
                int nimms;
                if (esize == 64) {
                    nimms = (1 << 12) | (ones - 1);
                } else {
                    int prefix = (~(esize * 2 - 1)) & 0x3f; // 0b0, 0b10, 0b110, ... marker bits
                    nimms = prefix | (ones - 1);
                }
                return (nimms & 0x1000) | (immr << 6) | (nimms & 0x3f);
            }
        }
        return -1;
    }
}
