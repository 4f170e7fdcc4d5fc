package org.uforklab.experiments;

import java.util.ArrayList;
import java.util.List;

/**
 * Figs 4 and 5: Redis BGSAVE fork latency and the forked child's memory against the database size, for μFork
 * CoPA, CoA, full copy and the monolithic baseline ({@link RedisBgsaveSweep}). Fig 4 rows are the parent's
 * blocked time; Fig 5 rows the child's PSS when reaped, with the child's private copies beside them (a metric
 * the paper does not chart, given because PSS also halves the static heap the child shares with its parent).
 */
public final class RedisForkExperiment implements Experiment {
    private final boolean latency;

    private RedisForkExperiment(boolean latency) {
        this.latency = latency;
    }

    /** Fig 4: fork latency vs database size. */
    public static RedisForkExperiment fig4() {
        return new RedisForkExperiment(true);
    }

    /** Fig 5: the child's PSS vs database size. */
    public static RedisForkExperiment fig5() {
        return new RedisForkExperiment(false);
    }

    @Override
    public String name() {
        return latency ? "fig4" : "fig5";
    }

    @Override
    public String title() {
        return latency ? "Redis BGSAVE fork latency vs database size" : "memory (PSS) of the forked Redis child vs database size";
    }

    @Override
    public String figure() {
        return name();
    }

    @Override
    public List<Parameter> parameters() {
        if (!latency) {
            return RedisBgsaveSweep.parameters();
        }
        List<Parameter> l = new ArrayList<>(RedisBgsaveSweep.parameters());
        l.add(HostRedisRows.parameter()); // Fig 4 also plots a real Redis's Linux fork where the host has one
        return List.copyOf(l);
    }

    @Override
    public List<ChartSpec> charts() {
        return latency
                ? List.of(new ChartSpec("fork_latency", "Fig 4: Redis fork latency", "database size (bytes)", "fork latency (µs)", true, true))
                : List.of(new ChartSpec("child_memory_pss", "Fig 5: Redis child memory", "database size (bytes)", "PSS (MB)", true, true),
                        new ChartSpec("child_memory_private", "Redis child: pages it copied", "database size (bytes)", "private (MB)",
                                true, true),
                        new ChartSpec("child_memory_plain_pss", "Redis child: plain PSS (shared frames split whoever owns them)",
                                "database size (bytes)", "plain PSS (MB)", true, true));
    }

    @Override
    public boolean needsFork() {
        return true;
    }

    @Override
    public ExperimentResult run(Parameters p, Progress progress) {
        RedisBgsaveSweep sweep = RedisBgsaveSweep.of(p);
        PaperData paper = PaperData.load();
        List<ResultRow> rows = new ArrayList<>();
        for (RedisBgsaveSweep.Point pt : sweep.run(name(), progress, RedisBgsaveSweep.threads(p))) {
            String series = pt.system().paperSeries();
            String x = Long.toString(pt.size());
            if (latency) {
                rows.add(ResultRow.against(paper, "fig4", "fork_latency", series, x, pt.latencyMicros(), "us"));
            } else {
                rows.add(ResultRow.against(paper, "fig5", "child_memory_pss", series, x, pt.childPssBytes() / 1e6, "MB"));
                rows.add(ResultRow.measured("fig5", "child_memory_private", series, x, pt.childCopiedBytes() / 1e6, "MB"));
                rows.add(ResultRow.measured("fig5", "child_memory_plain_pss", series, x, pt.childPlainPssBytes() / 1e6, "MB"));
            }
        }
        List<String> notes = new ArrayList<>(sweep.notes());
        if (!latency) {
            notes.add("child PSS (the paper's metric), measured when the child is reaped, with one definition for every system: "
                    + "shares by ownership. A frame the child owns counts whole (its copies; a full copy's committed region), a frame "
                    + "owned jointly counts 1/mappers (a monolithic kernel's copy-on-write frames: whoever writes first copies), a "
                    + "frame that lives in another µprocess's region counts nothing (μFork's sharing: the parent keeps its frame), "
                    + "demand-zero pages count nothing. This is plain PSS for the baseline and the child's private memory for μFork, "
                    + "which is what the paper's μFork numbers show (plain PSS would count half the server's populated heap)");
            notes.add("child_memory_private: pages copied for the child (eagerly in fork, or lazily on access/pointer access/write); "
                    + "child_memory_plain_pss: every shared frame divided by its mappers whoever owns it, for comparison");
        }
        Provenance provenance = Provenance.capture(sweep.systems().get(0).kernelConfig(sweep.cores()), p, sweep.seed());
        if (latency) {
            HostRedisRows host = HostRedisRows.run(p, sweep.sizes(), sweep.valueSize(), sweep.seeds(), "fig4", progress);
            rows.addAll(host.rows());
            notes.add(host.note());
            provenance = host.addTo(provenance);
        }
        return new ExperimentResult(name(), title(), rows, charts(), notes, provenance);
    }
}
