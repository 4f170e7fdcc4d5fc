package org.uforklab.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Fig 6 end to end at a small n: the paper's series and core counts, the gain rows, progress, and bad parameters. */
class FaasExperimentTest {
    private static final List<String> SMALL = List.of("iterations=1500", "heap=256KiB", "warmup_ms=0", "window_ms=1", "threads=2");

    private static Map<String, Double> at(ExperimentResult r, String metric, String x) {
        return r.rows(metric).stream().filter(row -> row.x().equals(x)).collect(Collectors.toMap(ResultRow::series, ResultRow::ours));
    }

    @Test
    void fig6RunsEverySeriesOnEveryCoreCount() {
        Experiment e = Experiments.standard().get("fig6");
        assertThat(e.figure()).isEqualTo("fig6");
        assertThat(e.needsFork()).isTrue();
        assertThat(e.defaults().get("iterations")).isEqualTo("100000");
        assertThat(e.defaults().getLongs("cores")).containsExactly(1L, 2L, 3L);
        assertThat(e.parameters()).filteredOn(p -> p.name().equals("window_ms")).singleElement()
                .satisfies(p -> assertThat(p.description()).contains("10 s"));
        List<String> steps = new ArrayList<>();
        Progress progress = new Progress() {
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
        List<String> settings = new ArrayList<>(SMALL);
        settings.add("cores=1,2");
        ExperimentResult r = e.run(e.defaults().with(settings), progress);
        assertThat(steps).hasSize(8).startsWith("start 6").endsWith("done");
        assertThat(steps.subList(1, 7)).allMatch(s -> s.contains("functions/s"));
        assertThat(r.series(FaasExperiment.THROUGHPUT)).containsExactly("ufork", "ufork_no_tocttou", "cheribsd");
        assertThat(r.rows(FaasExperiment.THROUGHPUT)).hasSize(6).allSatisfy(row -> {
            assertThat(row.ours()).isPositive();
            assertThat(row.paper()).as("the paper's bar for %s at %s", row.series(), row.x()).isPositive();
            assertThat(row.unit()).isEqualTo("functions/s");
        });
        for (String series : List.of("ufork", "ufork_no_tocttou", "cheribsd")) {
            assertThat(at(r, FaasExperiment.THROUGHPUT, "2").get(series)).isCloseTo(2 * at(r, FaasExperiment.THROUGHPUT, "1").get(series),
                    within(0.1 * at(r, FaasExperiment.THROUGHPUT, "1").get(series)));
        }
        // the gain rows: ours from our bars, the paper's from its bars (ufork at 1 core: 115.3 / 96.4 - 1)
        assertThat(r.rows(FaasExperiment.GAIN)).hasSize(4);
        for (String x : List.of("1", "2")) {
            Map<String, Double> t = at(r, FaasExperiment.THROUGHPUT, x);
            assertThat(at(r, FaasExperiment.GAIN, x).get("ufork")).isCloseTo(100 * (t.get("ufork") / t.get("cheribsd") - 1), within(1e-9));
        }
        assertThat(r.rows(FaasExperiment.GAIN)).filteredOn(row -> row.series().equals("ufork") && row.x().equals("1")).singleElement()
                .satisfies(row -> assertThat(row.paper()).isCloseTo(100 * (115.3 / 96.4 - 1), within(1e-9)));
        assertThat(r.notes()).anyMatch(n -> n.startsWith("cheribsd, 2 core(s)") && n.contains("fork"));
        assertThat(r.provenance().parameters()).containsEntry("iterations", "1500");
        assertThat(r.charts()).extracting(ChartSpec::metric).containsExactly(FaasExperiment.THROUGHPUT, FaasExperiment.GAIN);
    }

    @Test
    void withoutTheBaselineThereIsNoGain() {
        Experiment e = Experiments.standard().get("fig6");
        List<String> settings = new ArrayList<>(SMALL);
        settings.addAll(List.of("cores=1", "series=ufork"));
        ExperimentResult r = e.run(e.defaults().with(settings), Progress.NONE);
        assertThat(r.rows()).hasSize(1);
        assertThat(r.rows().get(0).metric()).isEqualTo(FaasExperiment.THROUGHPUT);
    }

    @Test
    void badParametersAreNamed() {
        Experiment e = Experiments.standard().get("fig6");
        for (String[] bad : new String[][] {
            {"cores=0", "function cores must be in [1, 63]"},
            {"cores=", "parameter 'cores' is empty"},
            {"series=freebsd", "unknown series 'freebsd'"},
            {"per_core=0", "parameter 'per_core'"},
            {"per_core=30", "per_core × cores ≤ 64"},
            {"window_ms=-1", "'warmup_ms' and 'window_ms'"},
            {"iterations=0", "iterations must be in [1, 2^40)"},
            {"heap=1000", "heap must be a multiple of 4 KiB"},
            {"iterations=lots", "'iterations': 'lots' is not an integer"},
            {"threads=-1", "parameter 'threads'"}}) {
            assertThatThrownBy(() -> e.run(e.defaults().with(List.of(bad[0])), Progress.NONE)).as(bad[0])
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(bad[1]);
        }
    }
}
