package org.uforklab.experiments;

import java.util.ArrayList;
import java.util.List;
import org.uforklab.experiments.guests.KvLayout;
import org.uforklab.sasos.mm.VirtualLayout;

/**
 * Fig 4 and 5 beyond the paper's 100 MB: Redis BGSAVE fork latency, the child's memory and save time for
 * datasets up to 1 GiB, on μFork (CoPA, CoA, full copy) and the monolithic baseline. A µprocess's static heap is
 * fixed when it is built, so each size gets a static heap that holds it (the paper's 136.7 MB, or more): the
 * heap, not the dataset, is what sets the PTEs a fork visits. The machine has the Morello SDP's 16 GiB. Where
 * the host has redis-server, the real Linux fork of the same datasets is plotted beside
 * ({@link HostRedisRows}). The 100 MB point carries the paper's Fig 4/5/3 values for continuity.
 */
public final class LargeDatasetExperiment implements Experiment {
    /** The name on the command line. */
    public static final String NAME = "fork-latency-large";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "Redis BGSAVE fork latency, child memory and save time for datasets up to 1 GiB";
    }

    @Override
    public String figure() {
        return "";
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> l = new ArrayList<>(List.of(
                new Parameter("sizes", "100M,256MiB,512MiB,1GiB", "database sizes in bytes (Fig 4 stops at 100 MB)"),
                new Parameter("valueSize", "100000", "entry size: the paper's 100 KB values (§7.1)"),
                new Parameter("strategies", "copa,coa,full_copy,monolithic", "μFork CoPA, CoA, full copy, and the monolithic baseline"),
                new Parameter("layout", "classic", "kvstore layout (Redis 5.0.6 is classic)"),
                new Parameter("heapBytes", "136700000", "smallest static heap: the paper's 136.7 MB, grown per size to hold the "
                        + "dataset (values, metadata, bucket array)")));
        l.addAll(SweepParameters.common("1", "repetitions per μFork point (1 by default: a 1 GiB BGSAVE takes 5-15 s of host time "
                + "and ASLR moves little; the baseline is deterministic and runs once)"));
        l.add(HostRedisRows.parameter());
        return List.copyOf(l);
    }

    @Override
    public List<ChartSpec> charts() {
        return List.of(
                new ChartSpec("fork_latency", "Redis fork latency up to 1 GiB", "database size (bytes)", "fork latency (µs)", true, true),
                new ChartSpec("child_memory_pss", "Redis child memory (PSS) up to 1 GiB", "database size (bytes)", "PSS (MB)", true, true),
                new ChartSpec("child_memory_private", "Redis child: pages it copied", "database size (bytes)", "private (MB)", true, true),
                new ChartSpec("save_time", "Redis BGSAVE save time up to 1 GiB", "database size (bytes)", "save time (ms)", true, true),
                new ChartSpec("static_heap", "static heap reserved per size", "database size (bytes)", "static heap (MB)", true, true),
                new ChartSpec("host_memory", "host memory of the run (JVM heap)", "database size (bytes)", "host MB (frames + dump)",
                        true, true));
    }

    @Override
    public boolean needsFork() {
        return true;
    }

    /** The static heap for a dataset: at least {@code minimum}, and enough for the dataset. */
    static long staticHeap(long minimum, Dataset d) {
        return Math.max(VirtualLayout.pageUp(minimum), BgsaveRun.heapNeeded(d));
    }

    @Override
    public ExperimentResult run(Parameters p, Progress progress) {
        List<Long> sizes = SweepParameters.sizes(p, "sizes");
        long valueSize = SweepParameters.atLeast(p, "valueSize", 1);
        List<ForkSystem> systems = SweepParameters.systems(p, "strategies");
        KvLayout layout = KvLayout.parse(p.get("layout"));
        long heapMin = SweepParameters.atLeast(p, "heapBytes", 0);
        long memory = SweepParameters.atLeast(p, "memoryBytes", 1L << 30);
        long seeds = SweepParameters.atLeast(p, "seeds", 1);
        long seed = p.getLong("seed");
        int threads = RedisBgsaveSweep.threads(p);

        List<BudgetedRuns.Task<BgsaveRun.Outcome>> tasks = new ArrayList<>();
        List<BgsaveRun> runs = new ArrayList<>();
        for (ForkSystem system : systems) {
            for (long size : sizes) {
                Dataset d = Dataset.of(size, valueSize);
                for (long s : SweepParameters.seedsFor(system, seed, seeds)) {
                    BgsaveRun run = new BgsaveRun(system, layout, d, staticHeap(heapMin, d), memory, s, BgsaveRun.Writes.NONE);
                    runs.add(run);
                    tasks.add(new BudgetedRuns.Task<>(system.key() + " " + size + " seed " + s, run.hostBytesEstimate(), run::run));
                }
            }
        }
        List<BgsaveRun.Outcome> outcomes = BudgetedRuns.run(NAME, tasks, progress, threads,
                o -> String.format("%.1f µs, child PSS %.1f MB, save %.1f ms", o.fork().latencyMicros(), o.fork().pssChildAtExit() / 1e6,
                        o.saveMicros() / 1e3));

        PaperData paper = PaperData.load();
        List<ResultRow> rows = new ArrayList<>();
        for (ForkSystem system : systems) {
            for (long size : sizes) {
                List<BgsaveRun.Outcome> os = new ArrayList<>();
                BgsaveRun first = null;
                for (int i = 0; i < runs.size(); i++) {
                    if (runs.get(i).system() == system && runs.get(i).dataset().bytes() == size) {
                        os.add(outcomes.get(i));
                        first = first == null ? runs.get(i) : first;
                    }
                }
                String series = system.paperSeries();
                String x = Long.toString(size);
                rows.add(row(paper, "fig4", "fork_latency", series, x, mean(os, o -> o.fork().latencyMicros()), "us"));
                rows.add(row(paper, "fig5", "child_memory_pss", series, x, mean(os, o -> o.fork().pssChildAtExit() / 1e6), "MB"));
                rows.add(ResultRow.measured(NAME, "child_memory_private", series, x, mean(os, o -> o.childCopiedBytes() / 1e6), "MB"));
                String fig3Series = system == ForkSystem.COPA ? "ufork" : system == ForkSystem.MONOLITHIC ? "cheribsd" : series;
                ResultRow save = row(paper, "fig3", "save_time", fig3Series, x, mean(os, o -> o.saveMicros() / 1e3), "ms");
                rows.add(new ResultRow(NAME, "save_time", series, x, save.ours(), save.paper(), "ms"));
                rows.add(ResultRow.measured(NAME, "static_heap", series, x, VirtualLayout.pageUp(first.heapBytes()) / 1e6, "MB"));
                rows.add(ResultRow.measured(NAME, "host_memory", series, x,
                        mean(os, o -> (o.hostFrameBytes() + o.hostDumpBytes()) / 1e6), "MB"));
            }
        }
        List<String> notes = new ArrayList<>(List.of(
                "kvstore (" + layout.name().toLowerCase() + ") populated with ceil(size / " + valueSize + ") equal values; each size has "
                        + "a static heap of max(" + heapMin + " B, what the dataset needs: size + size/8 + 512 B per key + 4 MiB), all of it "
                        + "mapped at load; BGSAVE forks, the child dumps to the RAM fs and exits; every run on a fresh kernel",
                "fork latency: the parent's blocked time in fork; save time: BGSAVE request to the child's exit (fork, dump, its copy "
                        + "faults); mean over " + seeds + " ASLR seed(s) from " + seed + " for μFork, one run for the deterministic baseline",
                "the paper's values exist only at 100 MB (Fig 4 latency, Fig 5 PSS, Fig 3 save time for μFork CoPA and CheriBSD)",
                "host_memory: host bytes of the machine's frames (4 KiB data + 256 tag bits each, created on first write) plus the dump "
                        + "file's 64 KiB blocks at the end of the run: what the JVM heap must hold, about 1.03 x the pages written plus the dump",
                "machine DRAM " + memory + " B; runs share the JVM heap (" + (Runtime.getRuntime().maxMemory() >> 20)
                        + " MiB here) and run in parallel only while their estimated needs fit"));
        Provenance provenance = Provenance.capture(systems.get(0).kernelConfig(BgsaveRun.CORES, memory), p, seed);
        HostRedisRows host = HostRedisRows.run(p, sizes, valueSize, Math.max(3, seeds), NAME, progress);
        rows.addAll(host.rows());
        notes.add(host.note());
        return new ExperimentResult(NAME, title(), rows, charts(), notes, host.addTo(provenance));
    }

    private static ResultRow row(PaperData paper, String paperFigure, String metric, String series, String x, double ours, String unit) {
        double v = paper.find(paperFigure, metric, series, x).map(PaperPoint::value).orElse(Double.NaN);
        return new ResultRow(NAME, metric, series, x, ours, v, unit);
    }

    private static double mean(List<BgsaveRun.Outcome> os, java.util.function.ToDoubleFunction<BgsaveRun.Outcome> f) {
        return os.stream().mapToDouble(f).average().orElse(Double.NaN);
    }
}
