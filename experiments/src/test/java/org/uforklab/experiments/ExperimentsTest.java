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
        assertThat(time.get(2).ours()).isGreaterThan(5 * time.get(1).ours());
        assertThat(r.provenance().parameters()).containsEntry("sizes", "0,100000,1000000");
    }

    @Test
    void figureDefinitionsAreWiredToThePaperAndRefuseWithoutFork() {
        PaperData paper = PaperData.load();
        List<PaperFigureExperiment> defs = PaperFigureExperiment.definitions();
        assertThat(defs).extracting(PaperFigureExperiment::name).containsExactly("fig4", "fig5", "fig8", "fig9");
        for (PaperFigureExperiment d : defs) {
            assertThat(d.needsFork()).isTrue();
            for (ChartSpec c : d.charts()) {
                assertThat(paper.of(d.figure(), c.metric())).as("%s %s", d.name(), c.metric()).isNotEmpty();
            }
            List<String> paperSeries = paper.figure(d.figure()).stream().map(PaperPoint::series).distinct().toList();
            assertThat(paperSeries).as(d.name()).containsAll(d.seriesNames().values());
            assertThat(d.paperOnly(paper)).hasSize(paper.figure(d.figure()).size()).allSatisfy(r -> assertThat(r.ours()).isNaN());
            if (!ForkSupport.available()) {
                assertThatThrownBy(() -> d.run(d.defaults(), Progress.NONE)).isInstanceOf(ForkUnavailableException.class)
                        .hasMessageContaining("needs μFork's fork");
            }
        }
        assertThat(defs.get(0).defaults().getLongs("sizes")).containsExactly(0L, 1000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
                100_000_000L);
    }
}
