package org.uforklab.machine.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.uforklab.machine.access.AccessFixture.VA;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class CheckedAccessProperties {

    @Property(tries = 200)
    void checkedStoreThenLoadRoundTrips(@ForAll @IntRange(min = 0, max = 16 * 4096 - 8) int offset,
                                        @ForAll @IntRange(min = 0, max = 3) int sel, @ForAll long value) {
        AccessFixture f = new AccessFixture();
        int size = 1 << sel;
        f.access.store(f.cap, VA + offset, size, value);
        long mask = size == 8 ? -1L : (1L << (8 * size)) - 1;
        assertThat(f.access.load(f.cap, VA + offset, size)).isEqualTo(value & mask);
        assertThat(f.machine.memory().read(AccessFixture.PA + offset, size)).isEqualTo(value & mask);
    }
}
