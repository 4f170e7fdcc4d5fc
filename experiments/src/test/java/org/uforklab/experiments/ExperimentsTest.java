package org.uforklab.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExperimentsTest {

    @Test
    void populateRunsEndToEndWithoutFork() {
        Experiment e = Experiments.standard().get(KvstorePopulateExperiment.NAME);
        List<String> steps = new ArrayList<>();
        Progress p = new Progress() {
            @Override
            public void start(String what, int n) {
                steps.add("start " + n);
            }

            @Override
            public void step(String message) {
                steps.add(message);
            }

            @Override
            public void done() {
                steps.add("done");
            }
        };
        ExperimentResult r = e.run(e.defaults().with(List.of("sizes=0,100000,1000000")), p);
        assertThat(steps).hasSize(8).startsWith("start 6").endsWith("done");
        assertThat(r.rows()).hasSize(18);
        assertThat(r.rows()).allSatisfy(row -> assertThat(row.paper()).isNaN());
        List<ResultRow> pss = r.rows("server_pss").stream().filter(x -> x.series().equals("classic")).toList();
        assertThat(pss.get(2).ours() - pss.get(1).ours()).as("9 more 100 KB values").isBetween(0.9, 1.0);
        assertThat(r.rows("pointers_per_key")).filteredOn(x -> !x.x().equals("0"))
                .allSatisfy(x -> assertThat(x.ours()).isEqualTo(x.series().equals("classic") ? 4.0 : 2.0));
        List<ResultRow> time = r.rows("populate_time").stream().filter(x -> x.series().equals("compact")).toList();
        // 10x the data; the values' copies run at memcpy speed (bulkCopyPerGranule), so per-run costs weigh in too
        assertThat(time.get(2).ours()).isGreaterThan(3 * time.get(1).ours());
        assertThat(r.provenance().parameters()).containsEntry("sizes", "0,100000,1000000");
    }

    @Test
    void figureExperimentsAreWiredToThePaper() {
        PaperData paper = PaperData.load();
        Experiments all = Experiments.standard();
        for (String name : List.of("fig4", "fig5", "fig8", "fig9")) {
            Experiment e = all.get(name);
            assertThat(e.needsFork()).isTrue();
            assertThat(e.figure()).isEqualTo(name);
            assertThat(paper.of(e.figure(), e.charts().get(0).metric())).as("%s %s", name, e.charts().get(0).metric()).isNotEmpty();
        }
        assertThat(all.get("fig4").defaults().getLongs("sizes")).containsExactly(0L, 1000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
                100_000_000L);
        assertThat(all.get("fig4").defaults().getLong("heapBytes")).isEqualTo(136_700_000L);
        assertThatThrownBy(() -> all.get("fig4").run(all.get("fig4").defaults().with(List.of("strategies=cow")), Progress.NONE))
                .hasMessageContaining("unknown fork system 'cow'");
        assertThatThrownBy(() -> all.get("fig8").run(all.get("fig8").defaults().with(List.of("strategy=monolithic")), Progress.NONE))
                .hasMessageContaining("not a μFork strategy");
    }
}
