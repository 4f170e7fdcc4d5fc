package org.uforklab.sasos.mm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.uforklab.sasos.Kernel;
import org.uforklab.sasos.proc.MicroProcess;

class RegionAllocatorTest {

    @Test
    void firstFitAlignsAndReusesFreedRanges() {
        RegionAllocator a = new RegionAllocator(0x10000, 0x100000);
        long x = a.allocate(0x3000, 0x1000);
        long y = a.allocate(0x2000, 0x8000);
        assertThat(x).isEqualTo(0x10000);
        assertThat(y).isEqualTo(0x18000);
        a.free(x, 0x3000);
        assertThat(a.allocate(0x3000, 0x1000)).isEqualTo(0x10000);
        a.free(0x10000, 0x3000);
        a.free(y, 0x2000);
        assertThat(a.freeRanges()).isEqualTo(1);
        assertThat(a.inUse()).isZero();
    }

    @Test
    void rejectsDoubleFreeAndBadSizes() {
        RegionAllocator a = new RegionAllocator(0x10000, 0x100000);
        long x = a.allocate(0x1000, 0x1000);
        a.free(x, 0x1000);
        assertThatThrownBy(() -> a.free(x, 0x1000)).hasMessageContaining("double free");
        assertThatThrownBy(() -> a.allocate(100, 0x1000)).hasMessageContaining("multiple of 4 KiB");
        assertThatThrownBy(() -> a.allocate(0x1000, 0x1800)).hasMessageContaining("power of two");
        assertThat(a.allocate(0x200000, 0x1000)).isEqualTo(-1);
    }

    @Test
    void randomPlacementIsSeededAlignedAndSpread() {
        Set<Long> bases = new HashSet<>();
        for (int seed = 0; seed < 20; seed++) {
            RegionAllocator a = new RegionAllocator(0x100000, 0x10000000);
            long b = a.allocateRandom(0x4000, 0x4000, new SplittableRandom(seed));
            RegionAllocator again = new RegionAllocator(0x100000, 0x10000000);
            assertThat(again.allocateRandom(0x4000, 0x4000, new SplittableRandom(seed))).isEqualTo(b);
            assertThat(b & 0x3FFF).isZero();
            assertThat(b).isBetween(0x100000L, 0x10000000L - 0x4000);
            bases.add(b);
        }
        assertThat(bases.size()).isGreaterThan(15);
    }

    @Test
    void reapingReturnsTheRegionSoTheNextLaunchReusesIt() {
        Kernel k = Kernel.boot();
        MicroProcess p = k.runUntilExit(k.launch("hello"));
        long base = p.base();
        k.reap(p);
        assertThat(k.regions().inUse()).isZero();
        assertThat(k.launch("hello").base()).isEqualTo(base);
    }
}
