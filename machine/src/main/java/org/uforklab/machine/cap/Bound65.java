package org.uforklab.machine.cap;

import java.math.BigInteger;

/**
 * An unsigned 65-bit bound (a capability's top or length): bit 64 plus the low 64 bits. The top of a
 * full-range capability is 2^64, i.e. {@code Bound65(true, 0)}; prints in hex like the vectors do
 * ({@code 0x10000000000000000}).
 *
 * @param bit64 bit 64 of the value
 * @param low   bits 63:0 of the value (unsigned)
 */
public record Bound65(boolean bit64, long low) implements Comparable<Bound65> {

    /** 2^64, the top of a full-range capability. */
    public static final Bound65 TWO_TO_64 = new Bound65(true, 0);

    /** The unsigned 64-bit value {@code low} as a 65-bit bound. */
    public static Bound65 of(long low) {
        return new Bound65(false, low);
    }

    /**
     * Converts a non-negative integer below 2^65.
     *
     * @throws IllegalArgumentException if {@code v} is negative or needs more than 65 bits
     */
    public static Bound65 of(BigInteger v) {
        if (v.signum() < 0 || v.bitLength() > 65) {
            throw new IllegalArgumentException("0x" + v.toString(16) + " does not fit in 65 unsigned bits");
        }
        return new Bound65(v.testBit(64), v.longValue());
    }

    /** The bound as a {@link BigInteger}. */
    public BigInteger toBigInteger() {
        BigInteger lo = new BigInteger(Long.toUnsignedString(low));
        return bit64 ? lo.setBit(64) : lo;
    }

    /** Hex with {@code 0x} prefix and no padding: {@code 0x40001030}, {@code 0x10000000000000000}. */
    public static String hex(boolean bit64, long low) {
        if (!bit64) {
            return "0x" + Long.toHexString(low);
        }
        String digits = Long.toHexString(low);
        return "0x1" + "0".repeat(16 - digits.length()) + digits;
    }

    @Override
    public int compareTo(Bound65 o) {
        if (bit64 != o.bit64) {
            return bit64 ? 1 : -1;
        }
        return Long.compareUnsigned(low, o.low);
    }

    @Override
    public String toString() {
        return hex(bit64, low);
    }
}
