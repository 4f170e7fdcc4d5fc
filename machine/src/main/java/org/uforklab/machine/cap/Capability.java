package org.uforklab.machine.cap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A 129-bit Arm Morello capability: 64-bit {@code pesbt} (capability bits 127:64 — permissions, otype,
 * compressed bounds), 64-bit {@code value} (bits 63:0 — the address, whose top byte holds the flags) and the
 * out-of-band tag (bit 128). Immutable; the bounds are decoded once, when the value is built, exactly as Sail's
 * {@code CapGetBounds} does, so that {@link #inBounds(long, long)} is a handful of compares.
 *
 * <p>Layout of {@code pesbt} (see morello.md §1.1): perms = bits 63:46, otype = bits 45:31, bit 30 = the
 * inverted "IE" bit (0 = internal exponent), T field = bits 29:16, B field = bits 15:0. With an internal
 * exponent, bits 18:16 and 2:0 hold {@code ~E[5:3]} and {@code ~E[2:0]} and the low three bits of B and T are
 * zero. The 16-byte memory image is little-endian {@code value} then {@code pesbt}, with no XOR mask, so
 * all-zero memory is {@link #NULL}.
 *
 * <p>Every operation returns a new capability and never widens bounds or adds permissions. As on the
 * hardware, operations that break a rule (a sealed input, an unrepresentable value, bounds outside the old
 * ones, ...) do not throw: they return the result with its tag cleared, which faults when it is used.
 * (Set-bounds checks the <em>requested</em> range and may round outward; for capabilities derived from root
 * the rounded bounds stay inside the parent's, while a forged, non-canonical parent — e.g. an exponent-zero
 * encoding longer than 0x4000 — can yield a child rounded past it, exactly as Sail does.)
 *
 * <p>{@link #toString()} uses the CHERI notation {@code value [perms,base-top]}, e.g.
 * {@code 0x40001000 [rwRW,0x40001000-0x40001030]}, with the permission letters of {@link Perm}, followed by
 * {@code (sentry)} / {@code (sealed ...)} when sealed, {@code (invalid)} when untagged and the flags when they
 * are non-zero. {@link #describe()} lists every decoded field.
 */
public final class Capability {

    /** Sail {@code CAP_MW}: the mantissa width (B is 16 bits, T stores 14 and infers the top 2). */
    public static final int MANTISSA_WIDTH = 16;
    /** Sail {@code CAP_MAX_EXPONENT}: the largest exponent whose bounds are valid, except 63. */
    public static final int MAX_EXPONENT = 50;
    /** Sail {@code CAP_MAX_ENCODEABLE_EXPONENT}: decodes as the full range [0, 2^64), valid. */
    public static final int MAX_ENCODEABLE_EXPONENT = 63;
    /** The root ("almighty") capability's pesbt: all permissions, unsealed, E = 50, bounds [0, 2^64). */
    public static final long ROOT_PESBT = 0xFFFFC00000010005L;

    /** The NULL capability: all bits zero, untagged; decodes with E = 63 as [0, 2^64) and no permissions. */
    public static final Capability NULL = new Capability(0, 0, false);
    /** The root capability (Sail {@code CMAX}, DDC and PCC at reset): tagged, value 0. */
    public static final Capability ROOT = new Capability(ROOT_PESBT, 0, true);

    private static final int PERMS_SHIFT = 46;
    private static final int OTYPE_SHIFT = 31;
    private static final long OTYPE_FIELD = (long) ObjectType.MAX << OTYPE_SHIFT;
    private static final long PERMS_FIELD = (long) Perm.ALL << PERMS_SHIFT;
    /** pesbt bits 63:31 (perms and otype), which set-bounds keeps. */
    private static final long PERMS_AND_OTYPE = 0xFFFFFFFF80000000L;
    private static final VarHandle LE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);

    private final long pesbt;
    private final long value;
    private final boolean tag;

    // Decoded once (Sail CapGetExponent / CapGetBottom / CapGetTop / CapGetBounds).
    private final int exponent;
    private final boolean internalExponent;
    private final int bottom;      // B, 16 bits (low 3 bits zero with an internal exponent)
    private final int topField;    // T, 16 bits with T[15:14] inferred
    private final boolean boundsValid;
    private final long base;       // bounds base; Sail returns 65 bits whose bit 64 is always 0
    private final long topLow;     // bits 63:0 of the 65-bit top
    private final boolean topBit64;
    // CapAdd's tag rule, predecoded for addKeepsTag: ADD_NEVER, ADD_ALWAYS, or E (< 48) when it depends on the
    // value through CapIsRepresentableFast (whose R, the bottom of the representable region, is addRegion).
    private final int addRule;
    private final int addRegion;
    private static final int ADD_NEVER = -1;
    private static final int ADD_ALWAYS = 64;

    private Capability(long pesbt, long value, boolean tag) {
        this.pesbt = pesbt;
        this.value = value;
        this.tag = tag;

        // CapGetExponent, CapGetBottom, CapGetTop. Morello inverts the IE bit: 0 means internal exponent.
        boolean ie = ((pesbt >>> 30) & 1) == 0;
        int e;
        int b;
        int t;
        int lmsb;
        if (ie) {
            e = (int) ~((((pesbt >>> 16) & 7) << 3) | (pesbt & 7)) & 0x3F;
            b = (int) (pesbt & 0xFFF8);
            t = (int) ((pesbt >>> 19) & 0x7FF) << 3;
            lmsb = 1;
        } else {
            e = 0;
            b = (int) (pesbt & 0xFFFF);
            t = (int) ((pesbt >>> 16) & 0x3FFF);
            lmsb = 0;
        }
        // T[15:14] are not stored: they follow from B[15:14], the length msb and a carry out of the low bits.
        int lcarry = (t & 0x3FFF) < (b & 0x3FFF) ? 1 : 0;
        t |= (((b >>> 14) + lmsb + lcarry) & 3) << 14;
        this.exponent = e;
        this.internalExponent = ie;
        this.bottom = b;
        this.topField = t;
        boolean sealed = ((pesbt >>> OTYPE_SHIFT) & ObjectType.MAX) != ObjectType.UNSEALED;
        if (!tag || sealed || (e > MAX_EXPONENT && e < MAX_ENCODEABLE_EXPONENT)) {
            this.addRule = ADD_NEVER;
        } else {
            this.addRule = e >= 48 ? ADD_ALWAYS : e;
        }
        this.addRegion = (((b >>> 13) - 1) & 7) << 13;

        if (e == MAX_ENCODEABLE_EXPONENT) {
            this.base = 0;
            this.topLow = 0;
            this.topBit64 = true;
            this.boundsValid = true;
            return;
        }
        if (e > MAX_EXPONENT) {
            // CapIsExponentOutOfRange: only privileged tag setting can make these; they must never pass a check.
            this.base = 0;
            this.topLow = 0;
            this.topBit64 = true;
            this.boundsValid = false;
            return;
        }
        // CapGetBounds with 66-bit intermediates held as (low 64 bits, bits 65:64).
        long a = boundsAddress(value);                       // a[65:64] = 0
        int a3 = (int) ((a >>> (e + 13)) & 7);
        int b3 = b >>> 13;
        int t3 = t >>> 13;
        int r3 = (b3 - 1) & 7;
        int aBelow = a3 < r3 ? 1 : 0;
        int cb = (b3 < r3 ? 1 : 0) - aBelow;
        int ct = (t3 < r3 ? 1 : 0) - aBelow;
        long baseLo = (long) b << e;
        int baseHi = e == 0 ? 0 : (int) ((long) b >>> (64 - e)) & 3;
        long limLo = (long) t << e;
        int limHi = e == 0 ? 0 : (int) ((long) t >>> (64 - e)) & 3;
        if (e < MAX_EXPONENT) {
            int s = e + 16;
            long atop = s >= 64 ? 0 : a >>> s;
            // atop + cb can be -1: it is taken modulo 2^66, not clamped.
            baseLo |= shiftLow(atop + cb, s);
            baseHi = (baseHi | shiftHigh(atop + cb, s)) & 3;
            limLo |= shiftLow(atop + ct, s);
            limHi = (limHi | shiftHigh(atop + ct, s)) & 3;
        }
        int l2 = ((limHi & 1) << 1) | (int) (limLo >>> 63);
        int b2 = (int) (baseLo >>> 63);
        if (e < MAX_EXPONENT - 1 && ((l2 - b2) & 3) > 1) {
            limHi ^= 1;                                      // the limit wrapped across 2^64: fix bit 64
        }
        this.base = baseLo;
        this.topLow = limLo;
        this.topBit64 = (limHi & 1) != 0;
        this.boundsValid = true;
    }

    /** Bits 63:0 of {@code x << s} taken modulo 2^66 (16 <= s <= 65). */
    private static long shiftLow(long x, int s) {
        return s >= 64 ? 0 : x << s;
    }

    /** Bits 65:64 of {@code x << s} taken modulo 2^66, for a signed {@code x} (16 <= s <= 65). */
    private static int shiftHigh(long x, int s) {
        if (s < 64) {
            return (int) (x >> (64 - s)) & 3;
        }
        return (int) (x << (s - 64)) & 3;
    }

    // ---------------------------------------------------------------------------------------------------
    // Factories

    /**
     * The capability with these raw bits. A tagged result may be anything, including bounds that can never be
     * derived from root (the privileged SCTAG/STCT path); such capabilities decode with
     * {@link #boundsValid()} false when their exponent is 51..62.
     */
    public static Capability of(long pesbt, long value, boolean tag) {
        return new Capability(pesbt, value, tag);
    }

    /** The root capability, {@link #ROOT}. */
    public static Capability root() {
        return ROOT;
    }

    /** A NULL-derived capability: an integer held in a capability register (pesbt 0, untagged). */
    public static Capability ofInteger(long value) {
        return new Capability(0, value, false);
    }

    /** The capability stored in a 16-byte granule: {@code lowDword} = bytes 0..7 (value), high = pesbt. */
    public static Capability fromMemory(long lowDword, long highDword, boolean tag) {
        return new Capability(highDword, lowDword, tag);
    }

    /**
     * The capability whose 16-byte little-endian memory image starts at {@code bytes[offset]}.
     *
     * @throws IndexOutOfBoundsException if fewer than 16 bytes follow {@code offset}
     */
    public static Capability fromBytes(byte[] bytes, int offset, boolean tag) {
        if (offset < 0 || offset > bytes.length - 16) {
            throw new IndexOutOfBoundsException("a capability needs 16 bytes at offset " + offset + " of "
                    + bytes.length);
        }
        return fromMemory((long) LE_LONG.get(bytes, offset), (long) LE_LONG.get(bytes, offset + 8), tag);
    }

    // ---------------------------------------------------------------------------------------------------
    // Raw fields and the memory image

    /** Capability bits 127:64: permissions, object type and compressed bounds. */
    public long pesbt() {
        return pesbt;
    }

    /** Capability bits 63:0: the value (address), flags included. */
    public long value() {
        return value;
    }

    /** The tag (bit 128). */
    public boolean isTagged() {
        return tag;
    }

    /** Memory dword at granule offset 0 (the value). */
    public long memoryLow() {
        return value;
    }

    /** Memory dword at granule offset 8 (the pesbt). */
    public long memoryHigh() {
        return pesbt;
    }

    /** The 16-byte little-endian memory image (the tag is not part of it). */
    public byte[] toBytes() {
        byte[] bytes = new byte[16];
        LE_LONG.set(bytes, 0, value);
        LE_LONG.set(bytes, 8, pesbt);
        return bytes;
    }

    // ---------------------------------------------------------------------------------------------------
    // Decoded fields

    /** The 18-bit permission field (bits 127:110); masks in {@link Perm}. */
    public int perms() {
        return (int) (pesbt >>> PERMS_SHIFT);
    }

    /** Sail {@code CapCheckPermissions}: true iff every permission in {@code mask} is present. */
    public boolean hasPerms(int mask) {
        return (perms() & mask) == mask;
    }

    /** The 15-bit object type (bits 109:95); constants in {@link ObjectType}. */
    public int otype() {
        return (int) ((pesbt >>> OTYPE_SHIFT) & ObjectType.MAX);
    }

    /** Sail {@code CapIsSealed}: otype != 0. */
    public boolean isSealed() {
        return otype() != ObjectType.UNSEALED;
    }

    /** True for an RB sentry (otype 1), the form BR/BLR/RET unseal on the way; see also {@link #isFixedSealForm()}. */
    public boolean isSentry() {
        return otype() == ObjectType.RB;
    }

    /** True when sealed with one of the fixed forms RB, LPB or LB (otype 1..3). */
    public boolean isFixedSealForm() {
        return ObjectType.isFixedForm(otype());
    }

    /** The 8 flag bits, value[63:56] (Sail {@code CapGetFlags}); they take no part in bounds. */
    public int flags() {
        return (int) (value >>> 56);
    }

    /** The decoded exponent E (0..63; 51..62 are out of range, 63 is the full-range encoding). */
    public int exponent() {
        return exponent;
    }

    /** True when bit 94 is 0, i.e. the exponent is stored in the low bits of B and T. */
    public boolean isInternalExponent() {
        return internalExponent;
    }

    /** The 16-bit bottom mantissa B (Sail {@code CapGetBottom}). */
    public int bottomField() {
        return bottom;
    }

    /** The 16-bit top mantissa T with its inferred bits 15:14 (Sail {@code CapGetTop}). */
    public int topField() {
        return topField;
    }

    /** Sail {@code CapIsExponentOutOfRange}: E in 51..62. */
    public boolean isExponentOutOfRange() {
        return exponent > MAX_EXPONENT && exponent < MAX_ENCODEABLE_EXPONENT;
    }

    /** False for an out-of-range exponent: such bounds read as [0, 2^64) but fail every check. */
    public boolean boundsValid() {
        return boundsValid;
    }

    /** The lower bound (Sail's 65-bit base always has bit 64 clear). */
    public long base() {
        return base;
    }

    /** Bits 63:0 of the 65-bit upper bound (exclusive). */
    public long topLow() {
        return topLow;
    }

    /** Bit 64 of the upper bound: set for tops of 2^64 and above. */
    public boolean topBit64() {
        return topBit64;
    }

    /** The 65-bit upper bound (exclusive). */
    public Bound65 top() {
        return new Bound65(topBit64, topLow);
    }

    /**
     * top − base modulo 2^65 (Sail {@code CapGetLength}); 2^64 for the root. Garbage encodings can decode
     * with base above top, for which this wraps.
     */
    public Bound65 length() {
        long lo = topLow - base;
        boolean borrow = Long.compareUnsigned(topLow, base) < 0;
        return new Bound65(topBit64 ^ borrow, lo);
    }

    /** {@link #length()} as an unsigned long, saturated at 2^64 − 1. */
    public long lengthClamped() {
        Bound65 len = length();
        return len.bit64() ? -1L : len.low();
    }

    /** value − base, modulo 2^64 (Sail {@code CapGetOffset}). */
    public long offset() {
        return value - base;
    }

    /** Sail {@code CapBoundsAddress}: the value with bits 63:56 replaced by copies of bit 55. */
    public long boundsAddress() {
        return boundsAddress(value);
    }

    /** Sign-extends {@code address} from bit 55, the way bounds see every address. */
    public static long boundsAddress(long address) {
        return (address << 8) >> 8;
    }

    // ---------------------------------------------------------------------------------------------------
    // Checks

    /**
     * The bounds part of Sail {@code CheckCapability}: true iff the bounds are valid and
     * {@code [address, address + size)} lies inside {@code [base, top)}, with {@code address} seen through
     * {@link #boundsAddress(long)} and {@code size} unsigned. Tag, seal and permissions are not checked here.
     */
    public boolean inBounds(long address, long size) {
        long a = (address << 8) >> 8;
        if (!boundsValid || Long.compareUnsigned(a, base) < 0) {
            return false;
        }
        long end = a + size;
        if (Long.compareUnsigned(end, a) < 0) {
            // The end carried into bit 64: only a top at or above 2^64 can contain it.
            return topBit64 && Long.compareUnsigned(end, topLow) <= 0;
        }
        return topBit64 || Long.compareUnsigned(end, topLow) <= 0;
    }

    /** Sail {@code CapIsInBounds}: the capability's own address is inside its (valid) bounds. */
    public boolean addressInBounds() {
        return inBounds(value, 1);
    }

    // ---------------------------------------------------------------------------------------------------
    // Value changes

    /**
     * Sail {@code CapAdd} (ADD/SUB on a capability, pointer arithmetic): value + {@code increment} (mod 2^64).
     * The tag is cleared when the input is sealed, when {@code CapIsRepresentableFast} fails, when the exponent
     * is out of range, or when the bounds depend on the value (E ≤ 47) and bit 55 of the value changes.
     */
    public Capability add(long increment) {
        long newValue = value + increment;
        boolean keep = tag && !isSealed() && isRepresentableFast(increment) && !isExponentOutOfRange()
                && !(boundsUseValue() && bit55Changes(newValue));
        return new Capability(pesbt, newValue, keep);
    }

    /**
     * Whether {@link #add(long) CapAdd} of {@code increment} keeps the tag of the capability that has this
     * one's pesbt and tag but the value {@code fromValue}: {@code Capability.of(pesbt(), fromValue,
     * isTagged()).add(increment).isTagged()} without building either capability. Interpreters that keep a
     * register's value apart from its (cached, decoded) capability use it for pointer increments.
     */
    public boolean addKeepsTag(long fromValue, long increment) {
        // the rule of add(), predecoded: untagged, sealed or out-of-range inputs never keep the tag; E >= 48
        // (bounds independent of the value) always does; otherwise bit 55 must not change and the fast
        // representability check must pass
        int e = addRule;
        if (e == ADD_NEVER) {
            return false;
        }
        if (e == ADD_ALWAYS) {
            return true;
        }
        return (((fromValue + increment) ^ fromValue) & (1L << 55)) == 0
                && representableFast(e, addRegion, fromValue, increment);
    }

    /**
     * Whether {@link #addKeepsTag(long, long) CapAdd} keeps the tag for every move between two values of
     * {@code [lo, hi)} (unsigned, {@code lo < hi}): {@code addKeepsTag(a, b - a)} for all a, b in the range.
     * A conservative answer (false) is allowed; true is exact. Interpreters prove it once per page so that
     * pointer increments inside the page need two compares.
     *
     * <p>Why the range test suffices, for E &lt; 48: let q(a) = (a[E+15:E] − R) mod 2^16, the position of the
     * address in the representable region. {@code CapIsRepresentableFast} then holds for an increment i ≥ 0
     * iff q(a) + ⌊i/2^E⌋ ≤ 2^16 − 2, and for i &lt; 0 iff ⌈−i/2^E⌉ ≤ q(a). Inside a range where q does not
     * wrap, q(a + i) − q(a) lies between ⌊i/2^E⌋ and ⌈i/2^E⌉, so q(lo) ≥ 1 and q(hi − 1) ≤ 2^16 − 2 give both.
     * The range must also leave bit 55 and the bounds address (bits 63:56 = bit 55) unchanged, and be no
     * longer than 2^(E+16) and 2^55 so that every increment has the top bits the check requires.
     */
    public boolean addKeepsTagWithin(long lo, long hi) {
        int e = addRule;
        if (e == ADD_NEVER || Long.compareUnsigned(lo, hi) >= 0) {
            return false;
        }
        if (e == ADD_ALWAYS) {
            return true;
        }
        long last = hi - 1;
        long width = hi - lo;
        if (boundsAddress(lo) != lo || boundsAddress(last) != last || ((lo ^ last) & (1L << 55)) != 0
                || Long.compareUnsigned(width, 1L << Math.min(e + 16, 55)) > 0) {
            return false;
        }
        long qLo = ((lo >>> e) - addRegion) & 0xFFFF;
        long qHi = ((last >>> e) - addRegion) & 0xFFFF;
        long span = (last >>> e) - (lo >>> e);
        return qHi - qLo == span && qLo >= 1 && qHi <= 0xFFFE;
    }

    /**
     * Sail {@code CapSetValue} (SCVALUE, and BranchTo on PCC): the precise check. The tag survives only if the
     * input is unsealed, its bounds decode identically (and validly) with the new value, and bit 55 does not
     * change while the bounds depend on the value.
     */
    public Capability setValue(long newValue) {
        Capability c = new Capability(pesbt, newValue, tag);
        if (!tag) {
            return c;
        }
        boolean keep = !isSealed() && boundsValid && c.boundsValid && c.base == base && c.topLow == topLow
                && c.topBit64 == topBit64 && !(boundsUseValue() && bit55Changes(newValue));
        return keep ? c : c.withTagCleared();
    }

    /**
     * SCOFF: value := base + {@code offset}, checked like {@link #add(long)} (the fast check on the increment
     * from the current value).
     */
    public Capability setOffset(long offset) {
        return add(base + offset - value);
    }

    /**
     * SCFLGS: value[63:56] := {@code flags} (low 8 bits). Flags take no part in bounds, so only a sealed input
     * loses its tag.
     */
    public Capability setFlags(int flags) {
        long newValue = (value & 0x00FFFFFFFFFFFFFFL) | ((long) (flags & 0xFF) << 56);
        return new Capability(pesbt, newValue, tag && !isSealed());
    }

    /**
     * Sail {@code CapIsRepresentableFast(c, increment)}: whether adding {@code increment} certainly keeps the
     * value inside the representable region (always true for E ≥ 48, whose bounds do not use the value).
     */
    public boolean isRepresentableFast(long increment) {
        return representableFast(value, increment);
    }

    /** {@link #isRepresentableFast} with the value {@code fromValue} in place of this capability's. */
    private boolean representableFast(long fromValue, long increment) {
        int e = exponent;
        if (e >= 48) {
            return true;
        }
        // R is the bottom of the representable region: one eighth of it lies below the base.
        int r = (((bottom >>> 13) - 1) & 7) << 13;
        return representableFast(e, r, fromValue, increment);
    }

    /** Sail {@code CapIsRepresentableFast} for E &lt; 48, with R the region bottom's mantissa bits. */
    private static boolean representableFast(int e, int r, long fromValue, long increment) {
        long a = boundsAddress(fromValue);
        long i = boundsAddress(increment);
        long iTop = i >> (e + 16);
        int iMid = (int) ((i >>> e) & 0xFFFF);
        int aMid = (int) ((a >>> e) & 0xFFFF);
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

    /** Sail {@code CapBoundsUsesValue}: E + 16 < 64. */
    private boolean boundsUseValue() {
        return exponent + MANTISSA_WIDTH < 64;
    }

    private boolean bit55Changes(long newValue) {
        return ((value ^ newValue) & (1L << 55)) != 0;
    }

    // ---------------------------------------------------------------------------------------------------
    // Bounds

    /** SCBNDS: {@link #setBounds(long, boolean, boolean)} with a 64-bit length, inexact allowed. */
    public Capability setBounds(long length) {
        return setBounds(length, false, false).capability();
    }

    /** SCBNDSE: like {@link #setBounds(long)} but the tag is cleared unless the bounds come out exact. */
    public Capability setBoundsExact(long length) {
        return setBounds(length, false, true).capability();
    }

    /**
     * Sail {@code CapSetBounds(c, length, exact)}: bounds [a, a + length) for the current address a, rounded
     * outward to what the encoding can hold (base down, top up, to 2^(E+3) when the exponent is internal).
     * The value, permissions and otype are unchanged. The tag survives iff the input is tagged, unsealed and
     * has valid bounds, the <em>requested</em> range lies inside its bounds, the "large to small" rule holds
     * (a capability with E &gt; 47 whose value is not sign-extended from bit 55 cannot get E ≤ 47) and, if
     * {@code exact}, nothing was rounded.
     *
     * @param lengthLow   bits 63:0 of the 65-bit length
     * @param lengthBit64 bit 64 of the length (a length of 2^64)
     * @param exact       SCBNDSE semantics
     */
    public SetBoundsResult setBounds(long lengthLow, boolean lengthBit64, boolean exact) {
        // E = 50 - clz(len[64:15]); lengths below 2^15 get E = 0.
        int e = lengthBit64 ? MAX_EXPONENT : MAX_EXPONENT - (Long.numberOfLeadingZeros(lengthLow >>> 15) - 14);
        boolean ie = e != 0 || ((lengthLow >>> 14) & 1) != 0;
        long reqBase = boundsUseValue() ? boundsAddress(value) : value;      // 66-bit, bits 65:64 zero
        long reqTopLo = reqBase + lengthLow;
        int reqTopHi = (Long.compareUnsigned(reqTopLo, reqBase) < 0 ? 1 : 0) + (lengthBit64 ? 1 : 0);
        boolean lostBase = false;
        boolean lostTop = false;
        int bBits;
        int tBits;
        if (ie) {
            int bie = bits66(reqBase, 0, e + 3);
            int tie = bits66(reqTopLo, reqTopHi, e + 3);
            long lowMask = (1L << (e + 3)) - 1;
            lostBase = (reqBase & lowMask) != 0;
            lostTop = (reqTopLo & lowMask) != 0;
            if (lostTop) {
                tie = (tie + 1) & 0x1FFF;
            }
            if ((((tie - bie) & 0x1FFF) & 0x1000) != 0) {
                // The 13-bit mantissa overflowed: one more exponent step, losing one more bit each side.
                lostBase |= (bie & 1) != 0;
                lostTop |= (tie & 1) != 0;
                bie = bits66(reqBase, 0, e + 4);
                tie = bits66(reqTopLo, reqTopHi, e + 4);
                if (lostTop) {
                    tie = (tie + 1) & 0x1FFF;
                }
                e++;
            }
            bBits = bie << 3;
            tBits = tie << 3;
        } else {
            bBits = (int) (reqBase & 0xFFFF);
            tBits = (int) (reqTopLo & 0xFFFF);
        }

        long newPesbt = pesbt & PERMS_AND_OTYPE;
        if (ie) {
            newPesbt |= ((long) (~e >>> 3) & 7) << 16 | ((long) ~e & 7) | (bBits & 0xFFF8)
                    | (long) ((tBits >>> 3) & 0x7FF) << 19;
        } else {
            newPesbt |= 1L << 30 | (bBits & 0xFFFF) | (long) (tBits & 0x3FFF) << 16;
        }
        boolean exactResult = !(lostBase || lostTop);

        boolean keep = tag && !isSealed() && boundsValid
                && Long.compareUnsigned(reqBase, base) >= 0
                && compare65(reqTopHi, reqTopLo, topBit64 ? 1 : 0, topLow) <= 0;
        int newExponent = ie ? e : 0;
        if (!boundsUseValue() && newExponent + MANTISSA_WIDTH < 64 && boundsAddress(value) != value) {
            keep = false;
        }
        if (exact && !exactResult) {
            keep = false;
        }
        return new SetBoundsResult(new Capability(newPesbt, value, keep), exactResult);
    }

    /** Bits [from+12 : from] of the 66-bit value (hi = bits 65:64, lo = bits 63:0); bits above 65 read 0. */
    private static int bits66(long lo, int hi, int from) {
        long v = lo >>> from;
        if (from > 0) {
            v |= (long) hi << (64 - from);
        }
        return (int) (v & 0x1FFF);
    }

    private static int compare65(int aHi, long aLo, int bHi, long bLo) {
        if (aHi != bHi) {
            return Integer.compare(aHi, bHi);
        }
        return Long.compareUnsigned(aLo, bLo);
    }

    /**
     * Whether {@code length} bytes starting at this capability's address would be representable exactly
     * (the {@code exact} column of the set-bounds vectors); no tag rules are involved.
     */
    public boolean isExact(long length) {
        return setBounds(length, false, false).exact();
    }

    /**
     * CRRL / RRLEN per Sail: the smallest representable length ≥ {@code length} (mod 2^64, so 2^64 − 1
     * rounds to 0).
     */
    public static long representableLength(long length) {
        long mask = representableAlignmentMask(length);
        return (length + ~mask) & mask;
    }

    /**
     * CRAM / RRMASK per Sail {@code CapGetRepresentableMask}: set bounds of {@code length} on a NULL-derived
     * capability whose value is 2^64 − 1 − length; the mask is {@code ~0 << (E+3)} if the result has an
     * internal exponent, else all ones. (cheri-compressed-cap uses base 0 instead and differs for lengths
     * {@code 0xFFF << (E+3)}.)
     */
    public static long representableAlignmentMask(long length) {
        Capability probe = new Capability(0, ~length, false).setBounds(length, false, false).capability();
        return probe.internalExponent ? -1L << (probe.exponent + 3) : -1L;
    }

    // ---------------------------------------------------------------------------------------------------
    // Permissions and tag

    /**
     * CLRPERM: removes the permissions in {@code mask} (18-bit field mask). A sealed input loses its tag.
     */
    public Capability clearPerms(int mask) {
        long newPesbt = pesbt & ~(((long) mask << PERMS_SHIFT) & PERMS_FIELD);
        return new Capability(newPesbt, value, tag && !isSealed());
    }

    /** The same bits without the tag. */
    public Capability withTagCleared() {
        return tag ? new Capability(pesbt, value, false) : this;
    }

    /**
     * Sail {@code CapSquashPostLoadCap}: what a capability loaded through {@code authority} becomes. Without
     * LoadCap the tag is cleared; without MutableLoad a tagged unsealed capability loses Store, StoreCap,
     * StoreLocalCap and MutableLoad. Never faults.
     */
    public Capability squashAfterLoadVia(Capability authority) {
        if (!authority.hasPerms(Perm.LOAD_CAP)) {
            return withTagCleared();
        }
        if (!authority.hasPerms(Perm.MUTABLE_LOAD) && tag && !isSealed()) {
            int drop = Perm.STORE | Perm.STORE_CAP | Perm.STORE_LOCAL_CAP | Perm.MUTABLE_LOAD;
            long newPesbt = pesbt & ~((long) drop << PERMS_SHIFT);
            return newPesbt == pesbt ? this : new Capability(newPesbt, value, true);
        }
        return this;
    }

    // ---------------------------------------------------------------------------------------------------
    // Sealing

    /**
     * SEAL Cd, Cn, Cm (register form): otype := value of {@code authority}. The result is tagged iff this is
     * tagged and unsealed, the authority is tagged, unsealed, has Seal, its address is inside its bounds, and
     * its value is at most {@link ObjectType#MAX}. Otherwise the result, otype written, is untagged.
     */
    public Capability seal(Capability authority) {
        boolean ok = canSealWith(authority);
        return new Capability(withOtype(pesbt, (int) authority.value), value, ok);
    }

    private boolean canSealWith(Capability authority) {
        return tag && !isSealed() && authority.tag && !authority.isSealed() && authority.hasPerms(Perm.SEAL)
                && authority.addressInBounds() && Long.compareUnsigned(authority.value, ObjectType.MAX) <= 0;
    }

    /**
     * SEAL Cd, Cn, #form: seals with a fixed form, {@link ObjectType#RB} (sentry), {@link ObjectType#LPB}
     * or {@link ObjectType#LB}. Needs no authority; the result is tagged iff this is tagged and unsealed.
     *
     * @throws IllegalArgumentException if {@code form} is not 1, 2 or 3 (no such instruction encoding)
     */
    public Capability sealEntry(int form) {
        if (!ObjectType.isFixedForm(form)) {
            throw new IllegalArgumentException("sealing form must be RB=1, LPB=2 or LB=3, not " + form);
        }
        return new Capability(withOtype(pesbt, form), value, tag && !isSealed());
    }

    /**
     * UNSEAL Cd, Cn, Cm: otype := 0. Tagged iff this is tagged and sealed, the authority is tagged, unsealed,
     * has Unseal, its address is in its bounds and its value equals this otype. If the authority lacks Global
     * the result loses Global.
     */
    public Capability unseal(Capability authority) {
        boolean ok = tag && isSealed() && authority.tag && !authority.isSealed()
                && authority.hasPerms(Perm.UNSEAL) && authority.addressInBounds()
                && authority.value == otype();
        long newPesbt = withOtype(pesbt, ObjectType.UNSEALED);
        if (!authority.hasPerms(Perm.GLOBAL)) {
            newPesbt &= ~((long) Perm.GLOBAL << PERMS_SHIFT);
        }
        return new Capability(newPesbt, value, ok);
    }

    /**
     * CSEAL Cd, Cn, Cm (conditional seal): seals as {@link #seal} when the authority's value is not all ones
     * and every SEAL condition holds; otherwise this capability passes through unchanged (not detagged).
     *
     * @return the result and whether it was sealed (CSEAL reports this in NZCV)
     */
    public ConditionalSeal conditionalSeal(Capability authority) {
        if (authority.value != -1L && canSealWith(authority)) {
            return new ConditionalSeal(new Capability(withOtype(pesbt, (int) authority.value), value, true), true);
        }
        return new ConditionalSeal(this, false);
    }

    /**
     * The result of {@link #conditionalSeal}.
     *
     * @param capability the sealed capability, or the input unchanged
     * @param sealed     whether sealing happened
     */
    public record ConditionalSeal(Capability capability, boolean sealed) {
    }

    /**
     * The value CPYTYPE produces: the otype of this capability, or all ones when it is unsealed.
     */
    public long typeValue() {
        return isSealed() ? otype() : -1L;
    }

    private static long withOtype(long pesbt, int otype) {
        return (pesbt & ~OTYPE_FIELD) | ((long) (otype & ObjectType.MAX) << OTYPE_SHIFT);
    }

    /**
     * BUILD Cd, Cn, Cm with this capability as the data (Cn) and {@code key} as Cm, following Sail
     * {@code execute_BUILD_C_C_C}: a sealed data capability is first unsealed; if the key is tagged and unsealed,
     * the data is a subset of it ({@link #isSubsetOf}) and the data's base is not above its limit, the result is
     * the (unsealed) data with its tag set. Otherwise the result is the data unchanged, or, if it was sealed,
     * the unsealed data without its tag.
     */
    public Capability buildFrom(Capability key) {
        boolean wasSealed = isSealed();
        long p = wasSealed ? withOtype(pesbt, ObjectType.UNSEALED) : pesbt;
        boolean ok = key.tag && !key.isSealed() && isSubsetOf(key)
                && compare65(0, base, topBit64 ? 1 : 0, topLow) <= 0;
        if (ok) {
            return tag && !wasSealed ? this : new Capability(p, value, true);
        }
        return wasSealed ? new Capability(p, value, false) : this;
    }

    /**
     * Sail {@code CapIsSubSetOf}: both bounds decode validly, this base is at or above {@code other}'s base,
     * this top at or below {@code other}'s top, and these permissions are a subset of {@code other}'s. Tags
     * and object types take no part.
     */
    public boolean isSubsetOf(Capability other) {
        return boundsValid && other.boundsValid && Long.compareUnsigned(base, other.base) >= 0
                && compare65(topBit64 ? 1 : 0, topLow, other.topBit64 ? 1 : 0, other.topLow) <= 0
                && (perms() & ~other.perms()) == 0;
    }

    // ---------------------------------------------------------------------------------------------------
    // Object methods and display

    @Override
    public boolean equals(Object o) {
        return o instanceof Capability c && c.pesbt == pesbt && c.value == value && c.tag == tag;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(pesbt) * 31 + Long.hashCode(value) * 2 + (tag ? 1 : 0);
    }

    /** {@code 0x40001000 [rwRW,0x40001000-0x40001030]} plus seal, tag and flags notes; see the class doc. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(64);
        sb.append("0x").append(Long.toHexString(value)).append(" [").append(Perm.toLetters(perms())).append(',');
        if (boundsValid) {
            sb.append("0x").append(Long.toHexString(base)).append('-').append(Bound65.hex(topBit64, topLow));
        } else {
            sb.append("invalid bounds, E=").append(exponent);
        }
        sb.append(']');
        int otype = otype();
        if (otype == ObjectType.RB) {
            sb.append(" (sentry)");
        } else if (otype != ObjectType.UNSEALED) {
            sb.append(" (sealed ").append(ObjectType.name(otype)).append(')');
        }
        if (!tag) {
            sb.append(" (invalid)");
        }
        if (flags() != 0) {
            sb.append(" flags=0x").append(Integer.toHexString(flags()));
        }
        return sb.toString();
    }

    /** Every field, one per line: raw bits, decoded permissions, otype, flags, encoding and bounds. */
    public String describe() {
        StringBuilder sb = new StringBuilder(512);
        line(sb, "capability", toString());
        line(sb, "tag", tag ? "1" : "0");
        line(sb, "pesbt", String.format("0x%016x", pesbt));
        line(sb, "value", String.format("0x%016x", value));
        line(sb, "perms", String.format("0x%05x %s (%s)", perms(), Perm.toLetters(perms()), Perm.toNames(perms())));
        line(sb, "otype", String.format("0x%04x (%s)", otype(), ObjectType.name(otype())));
        line(sb, "flags", String.format("0x%02x", flags()));
        line(sb, "encoding", (internalExponent ? "internal exponent (bit 94 = 0)" : "exponent zero (bit 94 = 1)")
                + String.format(", B=0x%04x, T=0x%04x", bottom, topField));
        line(sb, "exponent", exponent + (isExponentOutOfRange() ? " (out of range)"
                : exponent == MAX_ENCODEABLE_EXPONENT ? " (full range)" : ""));
        line(sb, "bounds", boundsValid ? "valid" : "invalid");
        line(sb, "base", "0x" + Long.toHexString(base));
        line(sb, "top", Bound65.hex(topBit64, topLow));
        line(sb, "length", length().toString());
        line(sb, "offset", "0x" + Long.toHexString(offset()));
        line(sb, "address", String.format("0x%016x (bounds address)%s", boundsAddress(),
                addressInBounds() ? ", in bounds" : ", out of bounds"));
        return sb.toString();
    }

    private static void line(StringBuilder sb, String name, String text) {
        sb.append(String.format("%-11s", name)).append(text).append('\n');
    }
}
