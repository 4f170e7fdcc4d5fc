package org.uforklab.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PaperDataTest {

    @Test
    void loadsEveryPointOfTheShippedCsv() {
        PaperData d = PaperData.load();
        assertThat(d.points()).hasSize(87);
        assertThat(d.figures()).containsExactly("fig8", "fig9", "fig4", "fig5", "fig3", "fig6", "fig7");
        assertThat(d.find("fig8", "fork_latency", "ufork", "hello_world")).hasValueSatisfying(p -> {
            assertThat(p.value()).isEqualTo(54);
            assertThat(p.unit()).isEqualTo("us");
            assertThat(p.basis()).isEqualTo("text");
            assertThat(p.xValue()).isNaN();
        });
        assertThat(d.find("fig4", "fork_latency", "ufork_full_copy", "100000000")).hasValueSatisfying(p -> {
            assertThat(p.value()).isEqualTo(23245);
            assertThat(p.xValue()).isEqualTo(1e8);
            assertThat(p.xUnit()).isEqualTo("bytes");
        });
        assertThat(d.of("fig4", "fork_latency")).hasSize(28);
        assertThat(d.of("fig5", "child_memory_pss")).hasSize(16);
    }

    @Test
    void malformedRowsAreNamedByLine() {
        assertThatThrownBy(() -> PaperData.parse(PaperData.HEADER + "\nfig1,m,s,1,,x,us,text\n", "t.csv"))
                .hasMessageContaining("t.csv:2").hasMessageContaining("'x' is not a number");
        assertThatThrownBy(() -> PaperData.parse("a,b\n", "t.csv")).hasMessageContaining("t.csv:1");
        assertThatThrownBy(() -> PaperData.parse(PaperData.HEADER + "\nfig1,m\n", "t.csv")).hasMessageContaining("expected 8 fields");
    }
}
