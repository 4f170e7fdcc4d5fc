package org.uforklab.machine.cap;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The worked examples and tables of morello.md §1.5, §1.8, §4.2–§4.5 and §4.7, as tests. */
class ReferenceTablesTest {

    static long h(String hex) {
        return new BigInteger(hex.substring(2), 16).longValue();
    }

    static BigInteger big(String hex) {
        return new BigInteger(hex.substring(2), 16);
    }

    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    // §1.5 worked examples -------------------------------------------------------------------------------

    @Test
    void workedExampleNonInternalExponent() {
        Capability c = Capability.of(0xFFFFC00050301000L, 0x40001000L, true);
        assertThat(c.perms()).isEqualTo(0x3FFFF);
        assertThat(c.otype()).isZero();
        assertThat(c.isInternalExponent()).isFalse();
        assertThat(c.exponent()).isZero();
        assertThat(c.bottomField()).isEqualTo(0x1000);
        assertThat(c.topField()).isEqualTo(0x1030);
        assertThat(c.base()).isEqualTo(0x40001000L);
        assertThat(c.top()).isEqualTo(Bound65.of(0x40001030L));
        assertThat(c.length()).isEqualTo(Bound65.of(48));
    }

    @Test
    void workedExampleInternalExponent() {
        Capability c = Capability.of(0xFFFFC00004070405L, 0x40001000L, true);
        assertThat(c.isInternalExponent()).isTrue();
        assertThat(c.exponent()).isEqualTo(2);
        assertThat(c.bottomField()).isEqualTo(0x0400);
        assertThat(c.topField()).isEqualTo(0x4400);
        assertThat(c.base()).isEqualTo(0x40001000L);
        assertThat(c.top()).isEqualTo(Bound65.of(0x40011000L));
        assertThat(c.length()).isEqualTo(Bound65.of(64 * 1024));
    }

    // §1.8 NULL and root ----------------------------------------------------------------------------------

    @Test
    void nullAndRoot() {
        Capability n = Capability.NULL;
        assertThat(n.isTagged()).isFalse();
        assertThat(n.pesbt()).isZero();
        assertThat(n.value()).isZero();
        assertThat(n.perms()).isZero();
        assertThat(n.exponent()).isEqualTo(63);
        assertThat(n.boundsValid()).isTrue();
        assertThat(n.base()).isZero();
        assertThat(n.top()).isEqualTo(Bound65.TWO_TO_64);
        assertThat(Capability.fromBytes(new byte[16], 0, false)).isEqualTo(n);

        Capability r = Capability.root();
        assertThat(r).isSameAs(Capability.ROOT);
        assertThat(r.isTagged()).isTrue();
        assertThat(r.pesbt()).isEqualTo(0xFFFFC00000010005L);
        assertThat(r.perms()).isEqualTo(Perm.ALL);
        assertThat(r.otype()).isZero();
        assertThat(r.isInternalExponent()).isTrue();
        assertThat(r.exponent()).isEqualTo(50);
        assertThat(r.bottomField()).isZero();
        assertThat(r.topField()).isEqualTo(0x4000);
        assertThat(r.base()).isZero();
        assertThat(r.top()).isEqualTo(Bound65.TWO_TO_64);
        assertThat(r.length().toBigInteger()).isEqualTo(TWO_64);
        assertThat(r.inBounds(-16, 16)).isTrue();
        assertThat(r.inBounds(-16, 17)).isFalse();
    }

    // §4.2 decode vectors ---------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "N,   0x0000000000000000, 0x0000000000000000, 0x0, 0x10000000000000000, 0x00000, 0x0, 63, 1",
        "R,   0xffffc00000010005, 0x0000000000000000, 0x0, 0x10000000000000000, 0x3ffff, 0x0, 50, 1",
        "R2,  0xffffc00000010005, 0x0123456789abcdef, 0x0, 0x10000000000000000, 0x3ffff, 0x0, 50, 1",
        "K1,  0xffffc00050301000, 0x0000000040001000, 0x40001000, 0x40001030, 0x3ffff, 0x0, 0, 1",
        "K2,  0xffffc00050301000, 0xff00000040001010, 0x40001000, 0x40001030, 0x3ffff, 0x0, 0, 1",
        "K3,  0xffffc00050301000, 0x0080000040001010, 0xff80000040001000, 0xff80000040001030, 0x3ffff, 0x0, 0, 1",
        "K4,  0xffffc000d0301000, 0x0000000040001000, 0x40001000, 0x40001030, 0x3ffff, 0x1, 0, 1",
        "K5,  0xffffc91a50301000, 0x0000000040001000, 0x40001000, 0x40001030, 0x3ffff, 0x1234, 0, 1",
        "K6,  0x9000400050301000, 0x0000000040001000, 0x40001000, 0x40001030, 0x24001, 0x0, 0, 1",
        "K7,  0xffffc00004070405, 0x0000000040011000, 0x40001000, 0x40011000, 0x3ffff, 0x0, 2, 1",
        "K8,  0xffffc0001017100f, 0x0000000040001007, 0x40001008, 0x40005010, 0x3ffff, 0x0, 0, 1",
        "K9,  0xffffc0004000e000, 0x000000007fffe000, 0x7fffe000, 0x80000000, 0x3ffff, 0x0, 0, 1",
        "K10, 0xffffc0000d670489, 0x0000000000135800, 0x12200, 0x135800, 0x3ffff, 0x0, 6, 1",
        "K11, 0xffffc00000060005, 0x000000000fffffff, 0x10000000, 0x11000000, 0x3ffff, 0x0, 10, 1",
        "X1,  0x0000000000010004, 0x00000000003fffca, 0x0, 0x10000000000000000, 0x00000, 0x0, 51, 0",
        "X2,  0x0000000000000004, 0x0000000000000000, 0x0, 0x10000000000000000, 0x00000, 0x0, 59, 0",
        "X3,  0x8000000060020484, 0x00ffffffffffe484, 0x484, 0x2002, 0x20000, 0x0, 0, 1",
        "D0,  0x305bde7f5c0b8919, 0x47b6516348f5ccd3, 0xffb6516348f58919, 0xffb6516348f59c0b, 0x0c16f, 0x3cfe, 0, 1",
        "D1,  0x6d78585424bee4cc, 0x968a907b906dbbf5, 0xff8a907b8f264000, 0xff8a907b9325c000, 0x1b5e1, 0x30a8, 11, 1",
        "D3,  0x06ea4a4328249c83, 0xa973c5c6c0665616, 0x0073b9c800000000, 0x0073be8200000000, 0x01ba9, 0x1486, 28, 1",
        "D5,  0x4c16fa51864b667e, 0x498999c69940ca1d, 0xff88ccf000000000, 0xff898c9000000000, 0x1305b, 0x74a3, 33, 1",
        "D6,  0xe76d2ba5ec5bcaba, 0x1c67a27b8b7f5a83, 0x0067a27b8b7ecaba, 0x0067a27b8b7eec5b, 0x39db4, 0x574b, 0, 1",
        "D9,  0x2257faae3574f07b, 0x8afaf58ba2480810, 0xfffaef0780000000, 0xfffaf35700000000, 0x0895f, 0x755c, 28, 1",
        "D10, 0x729b14741239439e, 0x7095049b099c1bef, 0x8730000000000000, 0x12470000000000000, 0x1ca6c, 0x28e8, 49, 1",
        "D11, 0x984c729f9d1ff5e3, 0x52eac400ef50538a, 0xffeac400ef4f5e00, 0xffeac400ef55d180, 0x26131, 0x653f, 4, 1",
        "D12, 0x35b374ef36665a77, 0x933025c5250fd253, 0x003025c5245a7000, 0x003025c524b66000, 0x0d6cd, 0x69de, 8, 1",
        "D13, 0x802f541414ba3c54, 0x6e9dc1c5f0a2f8c5, 0xf9e2800000000000, 0xfca5c00000000000, 0x200bd, 0x2828, 43, 1",
        "D28, 0xbf75b5d68b9ad069, 0xe6c22db93a78497f, 0xf41a000000000000, 0x112e6000000000000, 0x2fdd6, 0x6bad, 46, 1",
        "D34, 0xb08490499791bdaf, 0xefff8761e956aae8, 0xbda8000000000000, 0x11790000000000000, 0x2c212, 0x2093, 48, 1",
        "D41, 0xe8ea19dd2c7995ed, 0x8e250cfceee79532, 0x57a0000000000000, 0x1b1e0000000000000, 0x3a3a8, 0x33ba, 50, 1",
        "D49, 0xd4450ba81ec1aa84, 0x67f7a4084369e901, 0x0, 0x10000000000000000, 0x35114, 0x1750, 51, 0",
        "D53, 0x227a29960c98dd2a, 0x2ded73655fc760ae, 0x0, 0x10000000000000000, 0x089e8, 0x532c, 61, 0",
    })
    void decodeTable(String id, String pesbt, String value, String base, String top, String perms, String otype,
            int e, int valid) {
        Capability c = Capability.of(h(pesbt), h(value), false);
        assertThat(VectorFilesTest.u64(c.base())).as("base").isEqualTo(big(base));
        assertThat(c.top().toBigInteger()).as("top").isEqualTo(big(top));
        assertThat(c.perms()).as("perms").isEqualTo((int) h(perms));
        assertThat(c.otype()).as("otype").isEqualTo((int) h(otype));
        assertThat(c.exponent()).as("E").isEqualTo(e);
        assertThat(c.boundsValid()).as("valid").isEqualTo(valid == 1);
        // The tag takes no part in decoding.
        Capability tagged = Capability.of(h(pesbt), h(value), true);
        assertThat(tagged.base()).isEqualTo(c.base());
        assertThat(tagged.top()).isEqualTo(c.top());
    }

    // §4.3 set-bounds vectors (from root with value = base, SCBNDS) ---------------------------------------

    @ParameterizedTest(name = "value {0} len {1}")
    @CsvSource({
        "0x1000, 0x0, 1, 0x1000, 0x1000, 0xffffc00050001000, 1, 0",
        "0x1000, 0x1, 1, 0x1000, 0x1001, 0xffffc00050011000, 1, 0",
        "0x40001000, 0x30, 1, 0x40001000, 0x40001030, 0xffffc00050301000, 1, 0",
        "0x40001000, 0x3fff, 1, 0x40001000, 0x40004fff, 0xffffc0004fff1000, 1, 0",
        "0x40001000, 0x4000, 1, 0x40001000, 0x40005000, 0xffffc00010071007, 1, 0",
        "0x40001000, 0x4001, 0, 0x40001000, 0x40005008, 0xffffc000100f1007, 1, 0",
        "0x40001000, 0x8000, 1, 0x40001000, 0x40009000, 0xffffc00008070806, 1, 1",
        "0x40001000, 0xffff, 0, 0x40001000, 0x40011000, 0xffffc00004070405, 1, 2",
        "0x40001000, 0x10001, 0, 0x40001000, 0x40011020, 0xffffc000040f0405, 1, 2",
        "0x40001000, 0x123456, 0, 0x40001000, 0x40124600, 0xffffc000091f0041, 1, 6",
        "0x40001000, 0x1000000, 0, 0x40000000, 0x41002000, 0xffffc000000e0005, 1, 10",
        "0x40001000, 0x100000001, 0, 0x40000000, 0x140200000, 0xffffc000100d1005, 1, 18",
        "0x40001008, 0x3fff, 1, 0x40001008, 0x40005007, 0xffffc00050071008, 1, 0",
        "0x40001008, 0x4001, 0, 0x40001008, 0x40005010, 0xffffc0001017100f, 1, 0",
        "0x40001008, 0x8000, 0, 0x40001000, 0x40009010, 0xffffc000080f0806, 1, 1",
        "0x7fffe000, 0x2000, 1, 0x7fffe000, 0x80000000, 0xffffc0004000e000, 1, 0",
        "0x7fffe000, 0x1000000, 1, 0x7fffe000, 0x80ffe000, 0xffffc0003ffefffd, 1, 10",
        "0x7fffe000, 0x100000001, 0, 0x7fe00000, 0x180000000, 0xffffc00020051ffd, 1, 18",
        "0x12345, 0x4000, 0, 0x12340, 0x16348, 0xffffc000234f2347, 1, 0",
        "0x12345, 0x8000, 0, 0x12340, 0x1a350, 0xffffc00011af91a6, 1, 1",
        "0x12345, 0x123456, 0, 0x12200, 0x135800, 0xffffc0000d670489, 1, 6",
        "0x10000, 0x1000000, 1, 0x10000, 0x1010000, 0xffffc00000460045, 1, 10",
        "0x10000000, 0x1000000, 1, 0x10000000, 0x11000000, 0xffffc00000060005, 1, 10",
        "0x3f000, 0x1000000, 0, 0x3e000, 0x1040000, 0xffffc000010600fd, 1, 10",
        "0xffff000000001000, 0x30, 1, 0xffff000000001000, 0xffff000000001030, 0xffffc00050301000, 1, 0",
        "0x0000ffffffffe000, 0x4000, 1, 0x0000ffffffffe000, 0x0001000000002000, 0xffffc0002007e007, 1, 0",
        "0x0, 0x10000000000000000, 1, 0x0, 0x10000000000000000, 0xffffc00000010005, 1, 50",
        "0x1000, 0xfffffffffffff000, 0, 0x0, 0x10000000000000000, 0xffffc00000010005, 1, 50",
        "0x4b, 0x7cf18f50, 0, 0x0, 0x7cf80000, 0xffffc0003cfd0007, 1, 16",
        "0xac8d344, 0x4281589, 0, 0xac88000, 0xef10000, 0xffffc0002f16ac8b, 1, 12",
        "0x1991a6fd045, 0x7ffff1505d5d27, 0, 0x0, 0x80100000000000, 0xffffc000000a0006, 1, 41",
        "0xd27, 0x10c166c9272ff4cc, 0, 0x0, 0x10c2000000000000, 0xffffc000030a0001, 1, 46",
    })
    void setBoundsTable(String value, String len, int exact, String newBase, String newTop, String newPesbt,
            int tag, int e) {
        BigInteger length = big(len);
        Capability start = Capability.root().setValue(h(value));
        SetBoundsResult r = start.setBounds(length.longValue(), length.testBit(64), false);
        Capability c = r.capability();
        assertThat(r.exact()).as("exact").isEqualTo(exact == 1);
        assertThat(c.pesbt()).as("pesbt").isEqualTo(h(newPesbt));
        assertThat(VectorFilesTest.u64(c.base())).as("base").isEqualTo(big(newBase));
        assertThat(c.top().toBigInteger()).as("top").isEqualTo(big(newTop));
        assertThat(c.isTagged()).as("tag").isEqualTo(tag == 1);
        assertThat(c.exponent()).as("E").isEqualTo(e);
        assertThat(c.value()).isEqualTo(h(value));
        if (!length.testBit(64)) {
            assertThat(start.isExact(length.longValue())).isEqualTo(exact == 1);
            assertThat(start.setBounds(length.longValue())).isEqualTo(c);
            assertThat(start.setBoundsExact(length.longValue()).isTagged()).isEqualTo(exact == 1);
        }
    }

    // §4.4 representability (CapAdd) ----------------------------------------------------------------------

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "0xffffc00050301000, 0x40001000, 0x40001018, 1",
        "0xffffc00050301000, 0x40001000, 0x40002030, 1",
        "0xffffc00050301000, 0x40001000, 0x40000e80, 1",
        "0xffffc00050301000, 0x40001000, 0x0080000040001000, 0",
        "0xffffc00050301000, 0x40001000, 0xff00000040001000, 1",
        "0xffffc00004070405, 0x40001000, 0x40012000, 1",
        "0xffffc00004070405, 0x40001000, 0x40101000, 0",
        "0xffffc00004070405, 0x40001000, 0x3ff81000, 0",
        "0xffffc0001017100f, 0x40001008, 0x40041088, 0",
        "0xffffc0004000e000, 0x7fffe000, 0x80001000, 1",
        "0xffffc0004000e000, 0x7fffe000, 0x8001e000, 0",
        "0xffffc0000d670489, 0x12200, 0xffffffffff6f7200, 0",
        "0xffffc00000060005, 0x10000000, 0x11001000, 1",
        "0xffffc00000060005, 0x10000000, 0x20000000, 0",
    })
    void representabilityTable(String pesbt, String oldValue, String newValue, int kept) {
        Capability c = Capability.of(h(pesbt), h(oldValue), true);
        long inc = h(newValue) - h(oldValue);
        Capability n = c.add(inc);
        assertThat(n.value()).isEqualTo(h(newValue));
        assertThat(n.isTagged()).isEqualTo(kept == 1);
        assertThat(c.isRepresentableFast(inc) && !(((h(oldValue) ^ h(newValue)) >>> 55 & 1) == 1))
                .isEqualTo(kept == 1);
        if (kept == 1) {
            assertThat(n.base()).isEqualTo(c.base());
            assertThat(n.top()).isEqualTo(c.top());
        }
    }

    @Test
    void detaggedResultIsRedecodedWithTheNewValue() {
        // §4.4 row 7: the bounds of the untagged result follow the new value.
        Capability n = Capability.of(0xffffc00004070405L, 0x40001000L, true).add(0x100000);
        assertThat(n.isTagged()).isFalse();
        assertThat(n.base()).isEqualTo(0x40101000L);
        assertThat(n.top()).isEqualTo(Bound65.of(0x40111000L));
    }

    // §4.5 upstream hand-written Morello cases ------------------------------------------------------------

    @Test
    void repCheckSignExtendedFails() {
        Capability c = Capability.of(0x0a1a04ffbffaff07L, 0x01a4fe02410001ffL, true);
        assertThat(c.base()).isEqualTo(0xfeff000000000000L);
        assertThat(c.top()).isEqualTo(Bound65.of(0xff3ff80000000000L));
        assertRepCheckFails(c);
    }

    @Test
    void zeroLengthWithSignChangeFails() {
        Capability c = Capability.of(0x0aff000040070007L, 0x0080000000800000L, true);
        assertThat(c.base()).isEqualTo(0xff80000000800007L);
        assertThat(c.top()).isEqualTo(Bound65.of(0xff80000000800007L));
        assertRepCheckFails(c);
    }

    @Test
    void zeroLengthWithoutSignChangeFails() {
        Capability c = Capability.of(0xffff000040070007L, 0x0029ffffff85ffffL, true);
        assertThat(c.base()).isEqualTo(0x0029ffffff860007L);
        assertThat(c.top()).isEqualTo(Bound65.of(0x0029ffffff860007L));
        assertRepCheckFails(c);
    }

    /** Moving to address 0 must lose the tag through the checks themselves, not merely because of a seal. */
    private static void assertRepCheckFails(Capability c) {
        Capability u = unsealedCopy(c);
        assertThat(u.add(-c.value()).isTagged()).isFalse();
        assertThat(u.setValue(0).isTagged()).isFalse();
    }

    @Test
    void fastCheckMismatchCasesPass() {
        Capability c1 = Capability.of(0x81000100bfe9ffd5L, 0x0045000000000000L, true);
        assertThat(c1.base()).isEqualTo(0xff40000000000000L);
        assertThat(c1.top()).isEqualTo(Bound65.of(0xffa0000000000000L));
        assertFastCheckPasses(c1, 0);
        Capability c2 = Capability.of(0x9a9a656625629a9dL, 0x00100a9a9a9a9a9aL, true);
        assertThat(c2.base()).isEqualTo(0xfe6a600000000000L);
        assertThat(c2.top()).isEqualTo(Bound65.of(0xff95800000000000L));
        assertFastCheckPasses(c2, 0);
    }

    /** Clears the otype field: the same bounds, unsealed (the upstream cases use random, often sealed, bits). */
    static Capability unsealedCopy(Capability c) {
        return Capability.of(c.pesbt() & ~(0x7FFFL << 31), c.value(), c.isTagged());
    }

    private static void assertFastCheckPasses(Capability c, long newValue) {
        long inc = newValue - c.value();
        assertThat(c.isRepresentableFast(inc)).isTrue();
        Capability moved = Capability.of(c.pesbt(), newValue, false);
        assertThat(moved.base()).isEqualTo(c.base());
        assertThat(moved.top()).isEqualTo(c.top());
        // These random bits happen to be sealed, and any value change detags a sealed capability ...
        assertThat(c.isSealed()).isTrue();
        assertThat(c.add(inc).isTagged()).isFalse();
        // ... while the same bounds unsealed keep the tag under both checks.
        assertThat(unsealedCopy(c).add(inc).isTagged()).isTrue();
        assertThat(unsealedCopy(c).setValue(newValue).isTagged()).isTrue();
    }

    @Test
    void invalidExponentClearsTagOnAnyValueChange() {
        Capability c = Capability.of(0x0000000000010004L, 0x3fffcaL, true);
        assertThat(c.exponent()).isEqualTo(51);
        assertThat(c.boundsValid()).isFalse();
        assertThat(c.isExponentOutOfRange()).isTrue();
        assertThat(c.base()).isZero();
        assertThat(c.top()).isEqualTo(Bound65.TWO_TO_64);
        assertThat(c.isRepresentableFast(0)).isTrue();
        assertThat(c.add(0).isTagged()).isFalse();
        assertThat(c.setValue(c.value()).isTagged()).isFalse();
        assertThat(c.inBounds(0x1000, 1)).isFalse();
        assertThat(c.setBounds(16).isTagged()).isFalse();
    }

    @Test
    void signChangingNewAddressClearsTag() {
        Capability c = Capability.of(0x8000000060020484L, 0, true);
        Capability n = c.add(0x00ffffffffffe484L);
        assertThat(n.isTagged()).isFalse();
        assertThat(n.base()).isEqualTo(0x484);
        assertThat(n.top()).isEqualTo(Bound65.of(0x2002));
        assertThat(n.exponent()).isZero();
    }

    @Test
    void exponent48TakesTheFastPath() {
        Capability c = Capability.of(0x8000000000010007L, 0x40f0e0L, true);
        Capability n = c.add(0xffffffffffffffffL - 0x40f0e0L);
        assertThat(n.isTagged()).isTrue();
        assertThat(n.base()).isZero();
        assertThat(n.top()).isEqualTo(Bound65.of(0x4000000000000000L));
        assertThat(n.exponent()).isEqualTo(48);
    }

    @Test
    void invalidExponentSecondCase() {
        Capability c = Capability.of(0x00300000000223ffL, 0xff2b55feff39ffffL, true);
        assertThat(c.base()).isEqualTo(0x0023f80000000000L);
        assertThat(c.top()).isEqualTo(Bound65.of(0x0080000000000000L));
        assertThat(c.exponent()).isEqualTo(40);
        Capability n = c.add(0x909090909090ff16L - c.value());
        assertThat(n.isTagged()).isFalse();
        assertThat(n.base() >>> 56).isEqualTo(0xff);
    }

    @Test
    void setBoundsIgnoresHighBitsOfTheValueForBounds() {
        Capability start = Capability.root().setValue(0xFF00000000000944L);
        SetBoundsResult r = start.setBounds(16, false, false);
        assertThat(r.exact()).isTrue();
        assertThat(r.capability().base()).isEqualTo(0x944);
        assertThat(r.capability().top()).isEqualTo(Bound65.of(0x954));
        assertThat(r.capability().value()).isEqualTo(0xFF00000000000944L);
        // Root has E = 50 > 47 and the value is not sign-extended from bit 55: the "large to small" rule.
        assertThat(r.capability().isTagged()).isFalse();
    }

    @Test
    void setBoundsOverflowOfAnUntaggedCapability() {
        Capability small = Capability.root().setValue(0x1fffffebef8L).setBounds(0x200);
        assertThat(small.base()).isEqualTo(0x1fffffebef8L);
        assertThat(small.top()).isEqualTo(Bound65.of(0x1fffffec0f8L));
        // Upstream starts from an untagged capability with these bounds and value.
        Capability c = small.setValue(0xff0001ffffff0011L).withTagCleared();
        SetBoundsResult r = c.setBounds(0xffffff7272727272L, false, false);
        assertThat(r.exact()).isFalse();
        assertThat(r.capability().exponent()).isEqualTo(50);
        assertThat(r.capability().base()).isZero();
        assertThat(r.capability().top()).isEqualTo(new Bound65(true, 0x0020000000000000L));
        assertThat(r.capability().isTagged()).isFalse();
    }

    @Test
    void exactButTopAbove2To64ClearsTag() {
        Capability c = Capability.of(0x27ff00003ff1fe07L, 0xfe00000000000000L, true);
        assertThat(c.base()).isEqualTo(0xfe00000000000000L);
        assertThat(c.top()).isEqualTo(new Bound65(true, 0x3ff0000000000000L));
        assertThat(c.exponent()).isEqualTo(48);
        SetBoundsResult r = c.setBounds(0x2300000000000000L, false, false);
        assertThat(r.exact()).isTrue();
        assertThat(r.capability().isTagged()).isFalse();
        assertThat(r.capability().top()).isEqualTo(new Bound65(true, 0x2100000000000000L));
    }

    @Test
    void roundedTopAboveOldTop() {
        SetBoundsResult r = Capability.root().setValue(0x3effffff00000000L).setBounds(0x37232b0000f6L, false, false);
        assertThat(r.capability().isTagged()).isFalse();
        assertThat(r.exact()).isFalse();
        assertThat(r.capability().base()).isEqualTo(0xfffffffc00000000L);
        assertThat(r.capability().top()).isEqualTo(new Bound65(true, 0x0000372400000000L));
        assertThat(r.capability().exponent()).isEqualTo(31);
    }

    @Test
    void setValueToBaseKeepsBoundsAtExponent49() {
        Capability c = Capability.of(0xa98aa9a9bf79a9aeL, 0xada9a9a9a9e9a9f4L, true);
        assertThat(c.base()).isEqualTo(0x5350000000000000L);
        assertThat(c.top()).isEqualTo(new Bound65(true, 0xfef0000000000000L));
        assertThat(c.exponent()).isEqualTo(49);
        assertThat(c.boundsValid()).isTrue();
        assertThat(c.isSealed()).isTrue();
        assertThat(c.setValue(c.base()).isTagged()).isFalse();
        Capability n = unsealedCopy(c).setValue(c.base());
        assertThat(n.isTagged()).isTrue();
        assertThat(n.base()).isEqualTo(c.base());
        assertThat(n.top()).isEqualTo(c.top());
    }

    // §4.7 RRLEN / RRMASK ---------------------------------------------------------------------------------

    @ParameterizedTest(name = "len {0}")
    @CsvSource({
        "0x0, 0x0, 0xffffffffffffffff",
        "0x1, 0x1, 0xffffffffffffffff",
        "0x3fff, 0x3fff, 0xffffffffffffffff",
        "0x4000, 0x4000, 0xfffffffffffffff8",
        "0x4001, 0x4008, 0xfffffffffffffff8",
        "0x7ff8, 0x8000, 0xfffffffffffffff0",
        "0x7ff9, 0x8000, 0xfffffffffffffff0",
        "0xfff0, 0x10000, 0xffffffffffffffe0",
        "0xfff1, 0x10000, 0xffffffffffffffe0",
        "0x1fffc, 0x20000, 0xffffffffffffffc0",
        "0x123456, 0x123600, 0xfffffffffffffe00",
        "0xfffffff, 0x10000000, 0xfffffffffffe0000",
        "0x100000000, 0x100000000, 0xffffffffffe00000",
        "0xffffffffffff, 0x1000000000000, 0xffffffe000000000",
        "0xffffffffffffffff, 0x0, 0xffe0000000000000",
    })
    void representableLengthAndMask(String len, String rrlen, String rrmask) {
        assertThat(Capability.representableLength(h(len))).isEqualTo(h(rrlen));
        assertThat(Capability.representableAlignmentMask(h(len))).isEqualTo(h(rrmask));
    }
}
