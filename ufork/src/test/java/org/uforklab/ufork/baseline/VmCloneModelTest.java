package org.uforklab.ufork.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class VmCloneModelTest {
    @Test
    void reproducesTheQuotedNumbersAtTheCalibrationPointAndGrowsWithTheGuest() {
        VmCloneModel m = VmCloneModel.calibrated(2_500_000_000L, 4, 30);
        assertThat(m.forkMicros(30)).isCloseTo(10_700, within(0.01));
        assertThat(m.cloneBytes(30)).isEqualTo(1_600_000);
        assertThat(m.forkCycles(1000)).isGreaterThan(m.forkCycles(30));
        assertThat(m.toString()).contains("MODEL");
    }

    @Test
    void rejectsImpossibleCalibration() {
        assertThatThrownBy(() -> VmCloneModel.calibrated(2_500_000_000L, 4, 1_000_000)).hasMessageContaining("too large");
    }
}
