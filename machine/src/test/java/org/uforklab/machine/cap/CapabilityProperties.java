package org.uforklab.machine.cap;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties of {@link Capability}: monotonicity (no public operation widens bounds or adds permissions to
 * capabilities derived from root), set-bounds containment, the memory image round trip, sealing rules,
 * the bounds check against a BigInteger model and the CRRL/CRAM contract.
 */
class CapabilityProperties {

    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    // ---------------------------------------------------------------------------------------------------
    // Generators

    /** Lengths spread over every magnitude: k random bits for k in 0..64. */
    @Provide
    Arbitrary<Long> lengths() {
        return Arbitraries.integers().between(0, 64).flatMap(bits -> bits == 0 ? Arbitraries.just(0L)
                : Arbitraries.longs().map(x -> bits == 64 ? x : x & ((1L << bits) - 1)));
    }

    /** Addresses sign-extended from bit 55, as pointers are. */
    private static Arbitrary<Long> addresses() {
        return Arbitraries.oneOf(Arbitraries.longs().between(0, 1L << 40),
                Arbitraries.longs().map(Capability::boundsAddress));
    }

    private record Step(int kind, long a, long b) {
        Capability apply(Capability c) {
            return switch (kind) {
                case 0 -> c.setBounds(a);
                case 1 -> c.setOffset(a & 0xFFFF);
                case 2 -> c.add(b);
                case 3 -> c.clearPerms((int) a);
                case 4 -> c.setValue(c.base() + (b & 0xFFFFF));
                case 5 -> c.setFlags((int) a);
                default -> c.setBounds(a >>> (b & 63));
            };
        }
    }

    /**
     * Tagged, unsealed capabilities derived from root by a random chain of public operations (every step
     * that would detag is skipped), so they are exactly the capabilities software can hold.
     */
    @Provide
    Arbitrary<Capability> derived() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.integers().between(0, 6), lengths(),
                Arbitraries.longs().between(-0x100000, 0x100000)).as(Step::new);
        return Combinators.combine(addresses(), lengths(), step.list().ofMaxSize(6)).as((v, len, steps) -> {
            Capability c = Capability.root().setValue(v);
            Capability n = c.setBounds(len);
            if (n.isTagged()) {
                c = n;
            }
            for (Step s : steps) {
                Capability next = s.apply(c);
                if (next.isTagged()) {
                    c = next;
                }
            }
            return c;
        });
    }

    /** Any 129-bit pattern with the tag set (what the privileged tag-setting path can produce). */
    @Provide
    Arbitrary<Capability> anyBits() {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as((p, v) -> Capability.of(p, v, true));
    }

    // ---------------------------------------------------------------------------------------------------
    // CapAdd over a proved range

    /**
     * {@link Capability#addKeepsTagWithin} is exact when it says true: CapAdd between any two values of the
     * range keeps the tag (checked at the range's ends, next to them, and at random pairs), for pages around
     * the value and for ranges of random widths, on derived capabilities and on any bit pattern.
     */
    @Property(tries = 3000)
    void addKeepsTagWithinIsExactWhenTrue(@ForAll("derived") Capability derived, @ForAll("anyBits") Capability any,
                                          @ForAll long r1, @ForAll long r2, @ForAll int widthBits) {
        for (Capability c : new Capability[] {derived, any}) {
            long page = c.value() & ~0xFFFL;
            long width = 1L + ((r1 >>> 1) & ((1L << Math.floorMod(widthBits, 40)) - 1));
            long[][] ranges = {{page, page + 4096}, {c.value(), c.value() + width}, {c.base(), c.base() + width},
                {c.value() - width, c.value() + 1}};
            for (long[] range : ranges) {
                long lo = range[0];
                long hi = range[1];
                if (!c.addKeepsTagWithin(lo, hi)) {
                    continue;
                }
                long span = hi - lo;
                long a = lo + Long.remainderUnsigned(r1, span);
                long b = lo + Long.remainderUnsigned(r2, span);
                long[] points = {lo, hi - 1, a, b, lo + Math.min(span - 1, 16), hi - 1 - Math.min(span - 1, 16)};
                for (long from : points) {
                    for (long to : points) {
                        Capability at = Capability.of(c.pesbt(), from, c.isTagged());
                        assertThat(at.add(to - from).isTagged())
                                .as("%s: CapAdd 0x%x -> 0x%x in [0x%x, 0x%x)", c, from, to, lo, hi).isTrue();
                        assertThat(c.addKeepsTag(from, to - from)).isTrue();
                    }
                }
            }
        }
    }

    /** The range test is not vacuous: for the capabilities pointer-walking code uses it holds on their pages. */
    @Example
    void addKeepsTagWithinHoldsForOrdinaryBuffers() {
        Capability stack = Capability.root().setValue(0x7F_0000L).setBounds(65536);
        assertThat(stack.addKeepsTagWithin(0x7F_F000L, 0x80_0000L)).isTrue();
        Capability small = Capability.root().setValue(0x40_0000L).setBounds(48);
        assertThat(small.addKeepsTagWithin(0x40_0000L, 0x40_0030L)).isTrue();
        Capability big = Capability.root().setValue(0x1_0000_0000L).setBounds(1L << 30);
        assertThat(big.addKeepsTagWithin(0x1_0000_3000L, 0x1_0000_4000L)).isTrue();
        assertThat(Capability.root().addKeepsTagWithin(0, 4096)).isTrue();
        // sealed, untagged, an empty range, a range crossing bit 55: never
        assertThat(stack.sealEntry(org.uforklab.machine.cap.ObjectType.RB).addKeepsTagWithin(0x7F_F000L, 0x80_0000L)).isFalse();
        assertThat(stack.withTagCleared().addKeepsTagWithin(0x7F_F000L, 0x80_0000L)).isFalse();
        assertThat(stack.addKeepsTagWithin(0x7F_F000L, 0x7F_F000L)).isFalse();
        assertThat(big.addKeepsTagWithin((1L << 55) - 16, (1L << 55) + 16)).isFalse();
    }

    // ---------------------------------------------------------------------------------------------------
    // Monotonicity

    private static BigInteger u(long v) {
        return new BigInteger(Long.toUnsignedString(v));
    }

    /** A tagged result must come from a tagged input and have no more permissions and no wider bounds. */
    private static void assertNotWider(Capability from, Capability result, String op) {
        if (!result.isTagged()) {
            return;
        }
        assertThat(from.isTagged()).as(op + " tagged from untagged").isTrue();
        assertThat(result.perms() & ~from.perms()).as(op + " added permissions").isZero();
        assertThat(result.boundsValid()).as(op + " bounds validity").isEqualTo(from.boundsValid());
        assertThat(u(result.base())).as(op + " base below the old base").isGreaterThanOrEqualTo(u(from.base()));
        assertThat(result.top()).as(op + " top above the old top").isLessThanOrEqualTo(from.top());
    }

    @Property(tries = 2000)
    void noOperationWidensOrAddsPermissions(@ForAll("derived") Capability c, @ForAll("lengths") long len,
            @ForAll long x, @ForAll @IntRange(min = 0, max = 0x3FFFF) int mask,
            @ForAll @IntRange(min = 1, max = 3) int form, @ForAll("derived") Capability authority) {
        assertNotWider(c, c.add(x), "add");
        assertNotWider(c, c.add(x & 0xFFFF), "add small");
        assertNotWider(c, c.setValue(x), "setValue");
        assertNotWider(c, c.setValue(c.base() + (x & 0xFFFF)), "setValue near");
        assertNotWider(c, c.setOffset(x), "setOffset");
        assertNotWider(c, c.setFlags((int) x), "setFlags");
        assertNotWider(c, c.setBounds(len), "setBounds");
        assertNotWider(c, c.setBoundsExact(len), "setBoundsExact");
        assertNotWider(c, c.setBounds(len >>> 20), "setBounds short");
        assertNotWider(c, c.clearPerms(mask), "clearPerms");
        assertNotWider(c, c.sealEntry(form), "sealEntry");
        assertNotWider(c, c.seal(authority), "seal");
        assertNotWider(c, c.seal(authority).unseal(authority), "unseal");
        assertNotWider(c, c.squashAfterLoadVia(authority), "squash");
        assertNotWider(c, c.conditionalSeal(authority).capability(), "cseal");
        assertNotWider(c.setBounds(len), c.setBounds(len).setBounds(len >>> 3), "nested setBounds");
    }

    @Property(tries = 2000)
    void unsealNeverAddsPermissionsToASealedCapability(@ForAll("derived") Capability c,
            @ForAll("derived") Capability authority, @ForAll @IntRange(min = 1, max = 3) int form) {
        Capability sealed = c.sealEntry(form);
        assertNotWider(sealed, sealed.unseal(authority), "unseal");
        assertNotWider(sealed, sealed.squashAfterLoadVia(authority), "squash");
    }

    @Property(tries = 2000)
    void fastCheckImpliesUnchangedBoundsAndPreciseCheck(@ForAll("derived") Capability c, @ForAll long inc) {
        for (long i : List.of(inc, inc >> 40, inc >> 50, inc & 0xFFF)) {
            Capability moved = c.add(i);
            if (moved.isTagged()) {
                assertThat(moved.base()).isEqualTo(c.base());
                assertThat(moved.top()).isEqualTo(c.top());
                assertThat(c.setValue(c.value() + i).isTagged()).isTrue();
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // Set bounds

    @Property(tries = 3000)
    void setBoundsContainsTheRequestedRange(@ForAll("derived") Capability c, @ForAll("lengths") long len,
            @ForAll boolean exact) {
        for (long l : List.of(len, len >>> 16, len >>> 32)) {
            SetBoundsResult r = c.setBounds(l, false, exact);
            Capability n = r.capability();
            BigInteger reqBase = u(c.exponent() <= 47 ? c.boundsAddress() : c.value());
            BigInteger reqTop = reqBase.add(u(l));
            boolean inside = reqBase.compareTo(u(c.base())) >= 0 && reqTop.compareTo(c.top().toBigInteger()) <= 0;
            boolean largeToSmall = c.exponent() > 47 && n.exponent() <= 47 && c.boundsAddress() != c.value();
            // The tag survives exactly when the request lies inside the old bounds (and the side rules hold).
            assertThat(n.isTagged()).isEqualTo(inside && !largeToSmall && (r.exact() || !exact));
            assertThat(n.value()).isEqualTo(c.value());
            assertThat(n.perms()).isEqualTo(c.perms());
            if (n.isTagged()) {
                assertThat(u(n.base())).isLessThanOrEqualTo(reqBase);
                assertThat(n.top().toBigInteger()).isGreaterThanOrEqualTo(reqTop);
                if (r.exact()) {
                    assertThat(u(n.base())).isEqualTo(reqBase);
                    assertThat(n.top().toBigInteger()).isEqualTo(reqTop);
                }
            }
        }
    }

    @Property(tries = 3000)
    void representableLengthAndMaskGiveExactBounds(@ForAll("lengths") long len, @ForAll long address) {
        long l = len >>> 9;                                    // keep base + length below 2^55
        long mask = Capability.representableAlignmentMask(l);
        long rrlen = Capability.representableLength(l);
        assertThat(Long.compareUnsigned(rrlen, l)).isGreaterThanOrEqualTo(0);
        assertThat(rrlen & ~mask).isZero();
        long base = (address & 0x003FFFFFFFFFFFFFL) & mask;
        SetBoundsResult r = Capability.root().setValue(base).setBounds(rrlen, false, true);
        assertThat(r.exact()).isTrue();
        assertThat(r.capability().isTagged()).isTrue();
        assertThat(r.capability().length()).isEqualTo(Bound65.of(rrlen));
    }

    // ---------------------------------------------------------------------------------------------------
    // Encoding

    @Property(tries = 3000)
    void memoryImageRoundTripIsIdentity(@ForAll("anyBits") Capability c) {
        Capability back = Capability.fromBytes(c.toBytes(), 0, true);
        assertThat(back).isEqualTo(c);
        assertThat(Capability.fromMemory(c.memoryLow(), c.memoryHigh(), true)).isEqualTo(c);
        assertThat(back.base()).isEqualTo(c.base());
        assertThat(back.top()).isEqualTo(c.top());
        assertThat(back.exponent()).isEqualTo(c.exponent());
        assertThat(back.boundsValid()).isEqualTo(c.boundsValid());
    }

    /** Re-encoding the decoded fields (§1.1 layout) gives back the pesbt: decode loses nothing. */
    @Property(tries = 3000)
    void encodingTheDecodedFieldsIsIdentity(@ForAll("anyBits") Capability c) {
        long p = (long) c.perms() << 46 | (long) c.otype() << 31;
        int e = c.exponent();
        if (c.isInternalExponent()) {
            p |= (long) (~e >>> 3 & 7) << 16 | (~e & 7) | (c.bottomField() & 0xFFF8)
                    | (long) (c.topField() >>> 3 & 0x7FF) << 19;
        } else {
            p |= 1L << 30 | c.bottomField() | (long) (c.topField() & 0x3FFF) << 16;
        }
        assertThat(p).isEqualTo(c.pesbt());
    }

    @Property(tries = 2000)
    void derivedCapabilitiesRoundTripThroughMemory(@ForAll("derived") Capability c) {
        Capability back = Capability.fromBytes(c.toBytes(), 0, true);
        assertThat(back).isEqualTo(c);
        assertThat(back.toString()).isEqualTo(c.toString());
    }

    // ---------------------------------------------------------------------------------------------------
    // Sealing

    @Property(tries = 2000)
    void sealedCapabilitiesDetagOnAnyValueChange(@ForAll("derived") Capability c, @ForAll long x,
            @ForAll @IntRange(min = 1, max = 3) int form, @ForAll("lengths") long len) {
        Capability s = c.sealEntry(form);
        assertThat(s.isTagged()).isTrue();
        assertThat(s.add(x).isTagged()).isFalse();
        assertThat(s.setValue(x).isTagged()).isFalse();
        assertThat(s.setOffset(x).isTagged()).isFalse();
        assertThat(s.setFlags((int) x).isTagged()).isFalse();
        assertThat(s.setBounds(len).isTagged()).isFalse();
        assertThat(s.clearPerms((int) x).isTagged()).isFalse();
        assertThat(s.sealEntry(form).isTagged()).isFalse();
    }

    // ---------------------------------------------------------------------------------------------------
    // Bounds check

    @Property(tries = 5000)
    void inBoundsAgreesWithAModel(@ForAll("anyBits") Capability c, @ForAll long address,
            @ForAll @IntRange(min = 0, max = 64) int size) {
        assertThat(c.inBounds(address, size)).isEqualTo(model(c, address, size));
        long near = c.base() + (address & 0xFF) - 0x80;
        assertThat(c.inBounds(near, size)).isEqualTo(model(c, near, size));
        long nearTop = c.topLow() + (address & 0xFF) - 0x80;
        assertThat(c.inBounds(nearTop, size)).isEqualTo(model(c, nearTop, size));
    }

    @Property(tries = 2000)
    void inBoundsAgreesWithAModelOnDerived(@ForAll("derived") Capability c, @ForAll long address,
            @ForAll @IntRange(min = 0, max = 64) int size) {
        long near = c.base() + (address & 0xFFF) - 0x80;
        assertThat(c.inBounds(near, size)).isEqualTo(model(c, near, size));
        long nearTop = c.topLow() + (address & 0xFF) - 0x80;
        assertThat(c.inBounds(nearTop, size)).isEqualTo(model(c, nearTop, size));
    }

    private static boolean model(Capability c, long address, long size) {
        BigInteger a = u(Capability.boundsAddress(address));
        return c.boundsValid() && a.compareTo(u(c.base())) >= 0
                && a.add(BigInteger.valueOf(size)).compareTo(c.top().toBigInteger()) <= 0;
    }
}
