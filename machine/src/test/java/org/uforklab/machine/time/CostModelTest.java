package org.uforklab.machine.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CostModelTest {

    @Test
    void everyParameterHasAUnitAndASource() {
        for (Cost c : Cost.values()) {
            assertThat(c.unit()).isNotBlank();
            assertThat(c.source()).matches("(?s).*(morello\\.md|ufork-paper\\.md|assumption).*");
            assertThat(CostModel.defaults().get(c)).isEqualTo(c.defaultValue());
        }
    }

    @Test
    void pageCopyAndScanDefaultsComeFromThePapersThroughput() {
        // 0.63 µs per page incl. scan at 2.5 GHz = 1575 cycles (ufork-paper.md §7.5).
        CostModel m = CostModel.defaults();
        assertThat(m.get(Cost.PAGE_COPY) + m.get(Cost.TAG_SCAN_PER_PAGE)).isEqualTo(1575);
    }

    @Test
    void overridesAreImmutableCopies() {
        CostModel d = CostModel.defaults();
        CostModel m = d.with("tlbMissPerLevel", 40);
        assertThat(m.get(Cost.TLB_MISS_PER_LEVEL)).isEqualTo(40);
        assertThat(d.get("tlbMissPerLevel")).isEqualTo(25);
        assertThat(m).isNotEqualTo(d);
        assertThat(CostModel.builder().set(Cost.LOAD, 2).set("store", 3).build().get(Cost.STORE)).isEqualTo(3);
        assertThat(m.toString()).contains("tlbMissPerLevel").contains("overridden (default 25)");
    }

    @Test
    void badOverridesAreRejectedWithTheirName() {
        assertThatThrownBy(() -> CostModel.defaults().with("tlbmiss", 1))
                .hasMessageContaining("unknown cost parameter 'tlbmiss'").hasMessageContaining("tlbMissPerLevel");
        assertThatThrownBy(() -> CostModel.defaults().with(Cost.LOAD, -1)).hasMessageContaining("load must be >= 0");
    }

    @Test
    void cyclesConvertAtTheClockRate() {
        CycleCounter c = new CycleCounter(2_500_000_000L);
        c.add(2500);
        assertThat(c.nanos()).isEqualTo(1000.0);
        assertThat(c.toString()).isEqualTo("2,500 cycles (1.00 µs at 2.50 GHz)");
        assertThat(CycleCounter.format(135_000, 2_500_000_000L)).isEqualTo("135,000 cycles (54.00 µs at 2.50 GHz)");
    }
}
