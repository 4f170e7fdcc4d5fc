package org.uforklab.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The definition of one of the paper's figures that needs μFork: its parameters (the paper's setup), its
 * charts and its paper data, wired so that a run only has to supply our values. Until fork exists, {@link #run}
 * refuses with a {@link ForkUnavailableException} rather than inventing numbers; {@link #paperOnly} gives the
 * paper's rows with our column empty (what {@code uforklab fidelity} lists).
 *
 * @param name        the command-line name
 * @param title       one line
 * @param figure      the paper figure
 * @param parameters  parameters with the paper's setup as defaults
 * @param charts      one per metric
 * @param seriesNames our series → the CSV's series (e.g. {@code copa → ufork_copa}, {@code monolithic → cheribsd})
 */
public record PaperFigureExperiment(String name, String title, String figure, List<Parameter> parameters, List<ChartSpec> charts,
        Map<String, String> seriesNames) implements Experiment {

    @Override
    public boolean needsFork() {
        return true;
    }

    @Override
    public ExperimentResult run(Parameters parameters, Progress progress) {
        throw new ForkUnavailableException(name + " (" + figure + ": " + title + ") needs μFork's fork, "
                + (ForkSupport.available() ? "which this kernel has but this experiment is not wired to yet"
                        : "which this build's kernel does not have yet (module ufork)")
                + "; the paper's " + PaperData.load().figure(figure).size() + " points are listed by 'uforklab fidelity'");
    }

    /** The paper's rows of this figure with no value of ours. */
    public List<ResultRow> paperOnly(PaperData data) {
        List<ResultRow> rows = new ArrayList<>();
        for (PaperPoint pt : data.figure(figure)) {
            rows.add(ResultRow.of(pt, Double.NaN));
        }
        return rows;
    }

    /** The standard definitions of Figs 4, 5, 8 and 9 (§7.1, §7.4). */
    public static List<PaperFigureExperiment> definitions() {
        Map<String, String> redis = Map.of("copa", "ufork_copa", "coa", "ufork_coa", "full_copy", "ufork_full_copy",
                "monolithic", "cheribsd");
        List<Parameter> redisParams = List.of(
                new Parameter("sizes", "0,1000,10000,100000,1000000,10000000,100000000", "database sizes in bytes (Fig 4: 0 B to 100 MB)"),
                new Parameter("valueSize", "100000", "entry size: the paper populates with 100 KB values (§7.1)"),
                new Parameter("strategies", "copa,coa,full_copy,monolithic",
                        "μFork CoPA, CoA, full copy, and the monolithic baseline standing for CheriBSD"),
                new Parameter("layout", "classic", "kvstore layout: Redis 5.0.6 is classic (§7.1)"),
                new Parameter("heapBytes", "136700000", "the µprocess's static heap: 136.7 MB in the paper's Redis build (§7.1)"),
                new Parameter("seeds", "10", "repetitions per point (seeds 1..N)"),
                new Parameter("seed", "1", "first seed"));
        return List.of(
                new PaperFigureExperiment("fig4", "Redis BGSAVE fork latency vs database size", "fig4", redisParams,
                        List.of(new ChartSpec("fork_latency", "Fig 4: Redis fork latency", "database size (bytes)", "fork latency (µs)",
                                true, true)),
                        redis),
                new PaperFigureExperiment("fig5", "memory (PSS) of the forked Redis child vs database size", "fig5", redisParams,
                        List.of(new ChartSpec("child_memory_pss", "Fig 5: Redis child memory", "database size (bytes)", "PSS (MB)", true,
                                true)),
                        redis),
                new PaperFigureExperiment("fig8", "hello-world fork latency and memory per process", "fig8",
                        List.of(new Parameter("systems", "ufork,monolithic,vm_clone",
                                        "μFork (CoPA), the monolithic baseline (CheriBSD), the VM-clone model (Nephele)"),
                                new Parameter("strategy", "copa", "μFork's strategy for the ufork series"),
                                new Parameter("seeds", "10", "repetitions"),
                                new Parameter("seed", "1", "first seed")),
                        List.of(new ChartSpec("fork_latency", "Fig 8: hello-world fork latency", "program", "fork latency (µs)", false, true),
                                new ChartSpec("process_memory_pss", "Fig 8: memory per process", "program", "PSS (MB)", false, true)),
                        Map.of("ufork", "ufork", "monolithic", "cheribsd", "vm_clone", "nephele")),
                new PaperFigureExperiment("fig9", "Unixbench spawn and context1", "fig9",
                        List.of(new Parameter("iterations", "1000", "spawn: fork+exit+wait iterations (§7.4)"),
                                new Parameter("roundtrips", "100000", "context1: pipe round trips (§7.4)"),
                                new Parameter("systems", "ufork,monolithic", "μFork (CoPA) and the monolithic baseline (CheriBSD)"),
                                new Parameter("seeds", "10", "repetitions"),
                                new Parameter("seed", "1", "first seed")),
                        List.of(new ChartSpec("spawn_1000_fork_exit_wait", "Fig 9: Unixbench spawn", "iterations", "time (ms)", false, false),
                                new ChartSpec("context1_100k_pipe_roundtrips", "Fig 9: Unixbench context1", "round trips", "time (ms)", false,
                                        false)),
                        Map.of("ufork", "ufork", "monolithic", "cheribsd")));
    }
}
