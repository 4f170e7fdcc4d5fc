package org.uforklab.experiments;

import java.util.ArrayList;
import java.util.List;
import org.uforklab.experiments.guests.KvLayout;
import org.uforklab.sasos.mm.VirtualLayout;

/**
 * Fork latency against the µprocess's reserved static heap at a fixed dataset: the heap is mapped whole at load,
 * so its size sets how many page-table entries a fork visits (and, under a full copy, how many pages it copies),
 * whatever the dataset. The paper fixes it at 136.7 MB; here it goes from 32 MB to 1 GiB at the paper's 10 MB
 * point. The heap is a launch option ({@link org.uforklab.sasos.proc.LaunchOptions#withHeap}), so however the
 * kernel maps it, this sweep measures that mapping.
 */
public final class HeapSizeExperiment implements Experiment {
    /** The name on the command line. */
    public static final String NAME = "heap-size-sweep";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "Redis BGSAVE fork latency vs the µprocess's reserved static heap, at a fixed dataset";
    }

    @Override
    public String figure() {
        return "";
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> l = new ArrayList<>(List.of(
                new Parameter("heapSizes", "32MiB,64MiB,136.7M,256MiB,512MiB,1GiB", "static heaps in bytes (the paper's is 136.7 MB)"),
                new Parameter("size", "10M", "the dataset (bytes): Fig 4's 10 MB point"),
                new Parameter("valueSize", "100000", "entry size: the paper's 100 KB values (§7.1)"),
                new Parameter("strategies", "copa,coa,full_copy,monolithic", "μFork CoPA, CoA, full copy, and the monolithic baseline"),
                new Parameter("layout", "classic", "kvstore layout (Redis 5.0.6 is classic)")));
        l.addAll(SweepParameters.common("1", "repetitions per μFork point, each with its own ASLR seed (the baseline runs once; the "
                + "latency moves by under 1% across seeds)"));
        return List.copyOf(l);
    }

    @Override
    public List<ChartSpec> charts() {
        return List.of(
                new ChartSpec("fork_latency", "fork latency vs static heap (10 MB dataset)", "static heap (bytes)", "fork latency (µs)", true,
                        true),
                new ChartSpec("ptes_written", "descriptors written in fork", "static heap (bytes)", "page-table descriptors", true, true),
                new ChartSpec("child_memory_pss", "child memory (PSS) vs static heap", "static heap (bytes)", "PSS (MB)", true, true));
    }

    @Override
    public boolean needsFork() {
        return true;
    }

    @Override
    public ExperimentResult run(Parameters p, Progress progress) {
        List<Long> heaps = SweepParameters.sizes(p, "heapSizes");
        long size = SweepParameters.atLeast(p, "size", 0);
        long valueSize = SweepParameters.atLeast(p, "valueSize", 1);
        List<ForkSystem> systems = SweepParameters.systems(p, "strategies");
        KvLayout layout = KvLayout.parse(p.get("layout"));
        long memory = SweepParameters.atLeast(p, "memoryBytes", 1L << 30);
        long seeds = SweepParameters.atLeast(p, "seeds", 1);
        long seed = p.getLong("seed");
        Dataset d = Dataset.of(size, valueSize);

        List<BgsaveRun> runs = new ArrayList<>();
        List<BudgetedRuns.Task<BgsaveRun.Outcome>> tasks = new ArrayList<>();
        for (ForkSystem system : systems) {
            for (long heap : heaps) {
                for (long s : SweepParameters.seedsFor(system, seed, seeds)) {
                    BgsaveRun run = new BgsaveRun(system, layout, d, heap, memory, s, BgsaveRun.Writes.NONE);
                    runs.add(run);
                    tasks.add(new BudgetedRuns.Task<>(system.key() + " heap " + heap + " seed " + s, run.hostBytesEstimate(), run::run));
                }
            }
        }
        List<BgsaveRun.Outcome> outcomes = BudgetedRuns.run(NAME, tasks, progress, RedisBgsaveSweep.threads(p),
                o -> String.format("%.1f µs, %d descriptors", o.fork().latencyMicros(), o.fork().ptesWritten()));

        List<ResultRow> rows = new ArrayList<>();
        for (ForkSystem system : systems) {
            for (long heap : heaps) {
                List<BgsaveRun.Outcome> os = new ArrayList<>();
                for (int i = 0; i < runs.size(); i++) {
                    if (runs.get(i).system() == system && runs.get(i).heapBytes() == heap) {
                        os.add(outcomes.get(i));
                    }
                }
                String series = system.paperSeries();
                String x = Long.toString(VirtualLayout.pageUp(heap));
                rows.add(ResultRow.measured(NAME, "fork_latency", series, x, mean(os, o -> o.fork().latencyMicros()), "us"));
                rows.add(ResultRow.measured(NAME, "ptes_written", series, x, mean(os, o -> o.fork().ptesWritten()), "descriptors"));
                rows.add(ResultRow.measured(NAME, "child_memory_pss", series, x, mean(os, o -> o.fork().pssChildAtExit() / 1e6), "MB"));
            }
        }
        List<String> notes = List.of(
                "kvstore (" + layout.name().toLowerCase() + ") with a " + size + "-byte dataset (" + d.keys() + " values of " + d.valueSize()
                        + " B) in static heaps of each size (page-rounded; malloc grows past a heap too small for the dataset)",
                "fork latency: the parent's blocked time in fork, mean over " + seeds + " ASLR seed(s) from " + seed
                        + " for μFork, one run for the deterministic baseline; ptes_written: descriptors the fork wrote (child PTEs, the "
                        + "parent's protection changes, new tables)",
                "the heap's PTEs are whatever the kernel maps at load: a model that maps the whole heap makes every fork visit it");
        return new ExperimentResult(NAME, title(), rows, charts(), notes, Provenance.capture(systems.get(0).kernelConfig(BgsaveRun.CORES, memory), p, seed));
    }

    private static double mean(List<BgsaveRun.Outcome> os, java.util.function.ToDoubleFunction<BgsaveRun.Outcome> f) {
        return os.stream().mapToDouble(f).average().orElse(Double.NaN);
    }
}
