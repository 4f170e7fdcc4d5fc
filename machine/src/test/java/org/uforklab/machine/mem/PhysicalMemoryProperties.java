package org.uforklab.machine.mem;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.uforklab.machine.stats.Stats;

class PhysicalMemoryProperties {

    static final long BASE = PhysicalMap.MORELLO_DRAM0_BASE;

    static int size(int sel) {
        return 1 << sel;
    }

    @Property
    void storeThenLoadRoundTrips(@ForAll @LongRange(min = 0, max = 3 * 4096) long offset,
                                 @ForAll @IntRange(min = 0, max = 3) int sel, @ForAll long value) {
        PhysicalMemory mem = new PhysicalMemory(PhysicalMap.morello(1L << 20), new Stats());
        int size = size(sel);
        mem.write(BASE + offset, size, value);
        long mask = size == 8 ? -1L : (1L << (8 * size)) - 1;
        assertThat(mem.read(BASE + offset, size)).isEqualTo(value & mask);
        for (int i = 0; i < size; i++) {
            assertThat(mem.read8(BASE + offset + i)).isEqualTo((value >>> (8 * i)) & 0xFF);
        }
    }

    @Property
    void aDataStoreClearsExactlyTheGranulesItOverlaps(@ForAll @LongRange(min = 0, max = 4096 - 8) long offset,
                                                      @ForAll @IntRange(min = 0, max = 3) int sel) {
        PhysicalMemory mem = new PhysicalMemory(PhysicalMap.morello(1L << 20), new Stats());
        for (long g = 0; g < 4096; g += 16) {
            mem.writeCap(BASE + g, g, ~g, true);
        }
        int size = size(sel);
        mem.write(BASE + offset, size, 0);
        for (long g = 0; g < 4096; g += 16) {
            boolean overlapped = g < offset + size && offset < g + 16;
            assertThat(mem.tag(BASE + g)).as("granule at %d after store of %d at %d", g, size, offset).isEqualTo(!overlapped);
        }
    }
}
