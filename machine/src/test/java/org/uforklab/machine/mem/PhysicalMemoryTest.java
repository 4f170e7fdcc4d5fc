package org.uforklab.machine.mem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.uforklab.machine.fault.ArchitecturalFault;
import org.uforklab.machine.fault.FaultKind;
import org.uforklab.machine.stats.Stats;

class PhysicalMemoryTest {

    static final long DRAM = PhysicalMap.MORELLO_DRAM0_BASE;
    final Stats stats = new Stats();
    final PhysicalMemory mem = new PhysicalMemory(PhysicalMap.morello(16L << 30), stats.scope("mem"));

    @Test
    void morelloMapHasTwoDramWindows() {
        PhysicalMap map = mem.map();
        assertThat(map.regions()).hasSize(2);
        assertThat(map.regions().get(0).base()).isEqualTo(0x8000_0000L);
        assertThat(map.regions().get(0).size()).isEqualTo(2L << 30);
        assertThat(map.regions().get(1).base()).isEqualTo(0x80_8000_0000L);
        assertThat(map.regions().get(1).size()).isEqualTo(14L << 30);
        assertThat(map.totalBytes()).isEqualTo(16L << 30);
        assertThat(map.toString()).contains("DRAM0").contains("2 GiB").contains("14 GiB");
        assertThat(PhysicalMap.morello(1L << 30).regions()).hasSize(1);
    }

    @Test
    void framesAreAllocatedOnFirstWriteOnly() {
        assertThat(mem.framesAllocated()).isZero();
        assertThat(mem.read64(DRAM + 0x1234_0000L)).isZero();
        assertThat(mem.tag(DRAM)).isFalse();
        assertThat(mem.framesAllocated()).isZero();
        // 100 MB touched in a 16 GiB machine: 25,600 frames, about 100 MB of host memory.
        long touched = 100L << 20;
        for (long off = 0; off < touched; off += 4096) {
            mem.write8(0x80_8000_0000L + (3L << 30) + off, 1);
        }
        assertThat(mem.framesAllocated()).isEqualTo(touched / 4096);
        assertThat(mem.hostBytes()).isBetween(touched, touched + touched / 64);
        assertThat(stats.get("mem.framesAllocated")).isEqualTo(touched / 4096);
    }

    @Test
    void accessesOutsideRamAreExternalAborts() {
        for (long pa : new long[] {0, DRAM - 8, DRAM + (2L << 30), 0x80_8000_0000L - 1, 0x80_8000_0000L + (14L << 30)}) {
            assertThatThrownBy(() -> mem.read64(pa)).isInstanceOfSatisfying(ArchitecturalFault.class, f -> {
                assertThat(f.kind()).isEqualTo(FaultKind.EXTERNAL_ABORT);
                assertThat(f.dfsc()).isEqualTo(0x10);
                assertThat(f.isPhysical()).isTrue();
            });
        }
        assertThatThrownBy(() -> mem.write64(DRAM + (2L << 30) - 4, -1)).isInstanceOf(ArchitecturalFault.class);
        // the part inside RAM was not written: the whole range is checked first
        assertThat(mem.read32(DRAM + (2L << 30) - 4)).isZero();
    }

    @Test
    void littleEndianAllSizes() {
        mem.write64(DRAM, 0x8877_6655_4433_2211L);
        assertThat(mem.read8(DRAM)).isEqualTo(0x11);
        assertThat(mem.read16(DRAM + 1)).isEqualTo(0x3322);
        assertThat(mem.read32(DRAM + 4)).isEqualTo(0x8877_6655L);
        mem.write16(DRAM + 2, 0xBEEF);
        assertThat(mem.read64(DRAM)).isEqualTo(0x8877_6655_BEEF_2211L);
        mem.write32(DRAM + 1, 0xFFFF_FFFFL);
        assertThat(mem.read64(DRAM)).isEqualTo(0x8877_66FF_FFFF_FF11L);
    }

    @Test
    void unalignedAccessesMayCrossFrames() {
        long pa = DRAM + 4096 - 3;
        mem.write64(pa, 0x0102_0304_0506_0708L);
        assertThat(mem.read64(pa)).isEqualTo(0x0102_0304_0506_0708L);
        assertThat(mem.read8(DRAM + 4096)).isEqualTo(0x05);
        assertThat(mem.framesAllocated()).isEqualTo(2);
    }

    @Test
    void capabilityImagesCarryTagsAndMustBeAligned() {
        mem.writeCap(DRAM + 32, 0x1111, 0xFFFF_C000_0001_0005L, true);
        assertThat(mem.capLow(DRAM + 32)).isEqualTo(0x1111);
        assertThat(mem.capHigh(DRAM + 32)).isEqualTo(0xFFFF_C000_0001_0005L);
        assertThat(mem.tag(DRAM + 32)).isTrue();
        assertThat(mem.tag(DRAM + 47)).isTrue();
        assertThat(mem.tag(DRAM + 48)).isFalse();
        for (long bad : new long[] {DRAM + 8, DRAM + 1, DRAM + 36}) {
            assertThatThrownBy(() -> mem.writeCap(bad, 0, 0, true)).isInstanceOfSatisfying(ArchitecturalFault.class,
                    f -> assertThat(f.dfsc()).isEqualTo(0x21));
            assertThatThrownBy(() -> mem.capLow(bad)).isInstanceOfSatisfying(ArchitecturalFault.class,
                    f -> assertThat(f.kind()).isEqualTo(FaultKind.ALIGNMENT));
        }
        mem.writeCap(DRAM + 32, 0x1111, 0, false);
        assertThat(mem.tag(DRAM + 32)).isFalse();
    }

    @Test
    void everyDataStoreClearsTheTagsItOverlaps() {
        for (int g = 0; g < 4; g++) {
            mem.writeCap(DRAM + 16L * g, g, g, true);
        }
        mem.write8(DRAM + 16 + 15, 0);          // last byte of granule 1
        assertThat(mem.tag(DRAM)).isTrue();
        assertThat(mem.tag(DRAM + 16)).isFalse();
        mem.write32(DRAM + 16 * 3 - 2, 0);     // straddles granules 2 and 3
        assertThat(mem.tag(DRAM + 32)).isFalse();
        assertThat(mem.tag(DRAM + 48)).isFalse();
        assertThat(mem.tag(DRAM)).isTrue();
        mem.fill(DRAM, 1, (byte) 0);           // even a zero fill of one byte
        assertThat(mem.tag(DRAM)).isFalse();
    }

    @Test
    void bulkBytesAcrossFrames() {
        byte[] src = new byte[10_000];
        for (int i = 0; i < src.length; i++) {
            src[i] = (byte) (i * 7);
        }
        mem.writeCap(DRAM + 4096, 1, 2, true);
        mem.writeBytes(DRAM + 100, src, 0, src.length);
        assertThat(mem.tag(DRAM + 4096)).isFalse();
        byte[] back = new byte[src.length];
        mem.readBytes(DRAM + 100, back, 0, back.length);
        assertThat(back).isEqualTo(src);
        mem.fill(DRAM + 200, 5000, (byte) 0x5A);
        assertThat(mem.read8(DRAM + 200)).isEqualTo(0x5A);
        assertThat(mem.read8(DRAM + 5199)).isEqualTo(0x5A);
        assertThat(mem.read8(DRAM + 5200)).isEqualTo(src[5100] & 0xFF);
    }

    @Test
    void dataCopyDoesNotCarryTagsButPageCopyDoes() {
        long src = DRAM + 0x10_0000;
        long dst = DRAM + 0x20_0000;
        mem.writeCap(src + 0x40, 0xAAAA, 0xBBBB, true);
        mem.writeCap(src + 0xFF0, 0xCCCC, 0xDDDD, true);
        mem.write64(src + 8, 77);
        mem.writeCap(dst + 0x100, 1, 1, true);
        mem.copy(src, dst, 4096);
        assertThat(mem.read64(dst + 0x40)).isEqualTo(0xAAAA);
        assertThat(mem.tag(dst + 0x40)).isFalse();
        assertThat(mem.tag(dst + 0x100)).isFalse();
        long dst2 = DRAM + 0x30_0000;
        mem.copyPage(src, dst2);
        assertThat(mem.read64(dst2 + 8)).isEqualTo(77);
        assertThat(mem.tag(dst2 + 0x40)).isTrue();
        assertThat(mem.tag(dst2 + 0xFF0)).isTrue();
        assertThat(mem.capHigh(dst2 + 0xFF0)).isEqualTo(0xDDDD);
        assertThat(mem.tagCount(dst2)).isEqualTo(2);
        assertThat(stats.get("mem.pagesCopied")).isEqualTo(1);
        assertThat(stats.get("mem.bytesCopied")).isEqualTo(8192);
    }

    @Test
    void copyIsAMemmoveForOverlaps() {
        for (int i = 0; i < 64; i++) {
            mem.write8(DRAM + i, i);
        }
        mem.copy(DRAM, DRAM + 8, 32);
        for (int i = 0; i < 32; i++) {
            assertThat(mem.read8(DRAM + 8 + i)).isEqualTo(i);
        }
    }

    @Test
    void tagScanYieldsTaggedGranules() {
        long page = DRAM + 0x5000;
        int[] expected = {0, 1, 63, 64, 127, 200, 255};
        for (int g : expected) {
            mem.writeCap(page + 16L * g, g, 0, true);
        }
        int[] out = new int[256];
        assertThat(mem.scanTags(page, out)).isEqualTo(expected.length);
        assertThat(java.util.Arrays.copyOf(out, expected.length)).containsExactly(expected);
        java.util.List<Integer> seen = new java.util.ArrayList<>();
        mem.forEachTaggedGranule(page + 0x123, seen::add);
        assertThat(seen).containsExactly(0, 1, 63, 64, 127, 200, 255);
        assertThat(mem.scanTags(DRAM + 0x9000, out)).isZero();
        assertThat(stats.get("mem.taggedGranulesFound")).isEqualTo(14);
        assertThatThrownBy(() -> mem.scanTags(page, new int[10])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void zeroPageClearsDataAndTags() {
        mem.writeCap(DRAM + 0x7000, 5, 5, true);
        mem.zeroPage(DRAM + 0x7abc);
        assertThat(mem.read64(DRAM + 0x7000)).isZero();
        assertThat(mem.tagCount(DRAM + 0x7000)).isZero();
    }

    @Test
    void badSizesAreRejected() {
        assertThatThrownBy(() -> mem.read(DRAM, 3)).hasMessageContaining("access size 3");
        assertThatThrownBy(() -> PhysicalMap.morello(1000)).hasMessageContaining("4 KiB");
        assertThatThrownBy(() -> new MemoryRegion("x", 0x1001, 4096)).hasMessageContaining("aligned");
    }
}
