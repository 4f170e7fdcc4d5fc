package org.uforklab.machine.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** NZCV exactness: the ARM ARM AddWithCarry against a BigInteger reference, and the carry/overflow corners. */
class FlagsTest {

    private static final BigInteger TWO64 = BigInteger.ONE.shiftLeft(64);

    /** AddWithCarry by the ARM ARM's definition with unbounded integers. */
    static int reference(long x, long y, int carry, int bits) {
        BigInteger mod = BigInteger.ONE.shiftLeft(bits);
        BigInteger ux = BigInteger.valueOf(x).mod(mod);
        BigInteger uy = BigInteger.valueOf(y).mod(mod);
        BigInteger sx = ux.testBit(bits - 1) ? ux.subtract(mod) : ux;
        BigInteger sy = uy.testBit(bits - 1) ? uy.subtract(mod) : uy;
        BigInteger usum = ux.add(uy).add(BigInteger.valueOf(carry));
        BigInteger ssum = sx.add(sy).add(BigInteger.valueOf(carry));
        BigInteger result = usum.mod(mod);
        BigInteger sresult = result.testBit(bits - 1) ? result.subtract(mod) : result;
        int f = 0;
        if (result.testBit(bits - 1)) {
            f |= Flags.N;
        }
        if (result.signum() == 0) {
            f |= Flags.Z;
        }
        if (!result.equals(usum)) {
            f |= Flags.C;
        }
        if (!sresult.equals(ssum)) {
            f |= Flags.V;
        }
        return f;
    }

    @Property(tries = 3000)
    void add64MatchesReference(@ForAll long x, @ForAll long y, @ForAll boolean c) {
        assertThat(Flags.add64(x, y, c ? 1 : 0)).isEqualTo(reference(x, y, c ? 1 : 0, 64));
    }

    @Property(tries = 3000)
    void add32MatchesReference(@ForAll long x, @ForAll long y, @ForAll boolean c) {
        assertThat(Flags.add32(x, y, c ? 1 : 0)).isEqualTo(reference(x, y, c ? 1 : 0, 32));
    }

    @Property(tries = 3000)
    void subIsAddOfComplementPlusOne(@ForAll long x, @ForAll long y) {
        assertThat(Flags.sub64(x, y)).isEqualTo(reference(x, ~y, 1, 64));
        assertThat(Flags.sub32(x, y)).isEqualTo(reference(x, ~y, 1, 32));
    }

    @Test
    void corners() {
        long[] interesting = {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL, 0x1_0000_0000L};
        for (long x : interesting) {
            for (long y : interesting) {
                for (int c = 0; c <= 1; c++) {
                    assertThat(Flags.add64(x, y, c)).as("add64 %x %x %d", x, y, c).isEqualTo(reference(x, y, c, 64));
                    assertThat(Flags.add32(x, y, c)).as("add32 %x %x %d", x, y, c).isEqualTo(reference(x, y, c, 32));
                }
                assertThat(Flags.sub64(x, y)).isEqualTo(reference(x, ~y, 1, 64));
                assertThat(Flags.sub32(x, y)).isEqualTo(reference(x, ~y, 1, 32));
            }
        }
        // cmp 0, 0: Z and C (no borrow); cmp MIN, 1: V; adds -1 + 1: Z C
        assertThat(Flags.sub64(0, 0)).isEqualTo(Flags.Z | Flags.C);
        assertThat(Flags.sub64(Long.MIN_VALUE, 1)).isEqualTo(Flags.C | Flags.V);
        assertThat(Flags.add64(-1, 1, 0)).isEqualTo(Flags.Z | Flags.C);
        assertThat(Flags.add64(-1, 0, 1)).isEqualTo(Flags.Z | Flags.C);
        assertThat(Flags.add64(Long.MAX_VALUE, 0, 1)).isEqualTo(Flags.N | Flags.V);
    }

    @Test
    void conditions() {
        int[] all = new int[16];
        for (int i = 0; i < 16; i++) {
            all[i] = i << 28;
        }
        for (int nzcv : all) {
            boolean n = (nzcv & Flags.N) != 0;
            boolean z = (nzcv & Flags.Z) != 0;
            boolean c = (nzcv & Flags.C) != 0;
            boolean v = (nzcv & Flags.V) != 0;
            boolean[] expect = {z, !z, c, !c, n, !n, v, !v, c && !z, !(c && !z), n == v, n != v, !z && n == v, !(!z && n == v), true, true};
            for (int cond = 0; cond < 16; cond++) {
                assertThat(Flags.holds(cond, nzcv)).as("cond %d nzcv %s", cond, Flags.toString(nzcv)).isEqualTo(expect[cond]);
            }
        }
    }
}
