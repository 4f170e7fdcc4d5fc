package org.uforklab.experiments;

import java.util.ArrayList;
import java.util.List;
import org.uforklab.experiments.guests.KvLayout;

/**
 * How CoPA's advantage over CoA depends on pointer density (unikraft-and-simulators.md §C.4): the BGSAVE child
 * reads every key and value, so CoA copies every page it touches while CoPA copies only the pages it loads a
 * capability from. Two knobs set the share of such pages: the layout (classic Redis ≤ 7: four capabilities per
 * key, bucket → dictEntry → robj → sds; compact Redis 8 kvobj: two) and the value size at a fixed dataset
 * (small values put many keys, hence many metadata pages, in the same bytes; 100 KB values are almost all
 * pointer-free data pages). Measured per point: the heap's pointer-page fraction and capabilities per key, then
 * fork latency, the child's copied memory and the save time under CoPA and CoA, and their CoA/CoPA ratios.
 */
public final class PointerDensityExperiment implements Experiment {
    /** The name on the command line. */
    public static final String NAME = "pointer-density";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "CoPA vs CoA against pointer density: classic vs compact layout, value size at a fixed dataset";
    }

    @Override
    public String figure() {
        return "";
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> l = new ArrayList<>(List.of(
                new Parameter("size", "1M", "the dataset (bytes); small values make many keys, and each key costs emulated time"),
                new Parameter("valueSizes", "100,1000,10000,100000", "value sizes in bytes (the paper's is 100 KB)"),
                new Parameter("layouts", "classic,compact", "classic (Redis <= 7, 4 capabilities per key), compact (Redis 8 kvobj, 2)"),
                new Parameter("strategies", "copa,coa", "the two lazy μFork strategies compared"),
                new Parameter("heapBytes", "136700000", "static heap: the paper's 136.7 MB")));
        l.addAll(SweepParameters.common("1", "repetitions per point, each with its own ASLR seed (the pages copied do not depend on it)"));
        return List.copyOf(l);
    }

    @Override
    public List<ChartSpec> charts() {
        return List.of(
                new ChartSpec("child_memory_private", "child: pages copied, by layout", "value size (bytes)", "copied (MB)", true, true),
                new ChartSpec("copa_advantage_memory", "CoA / CoPA copied memory", "value size (bytes)", "CoA / CoPA", true, true),
                new ChartSpec("save_time", "BGSAVE save time, by layout", "value size (bytes)", "save time (ms)", true, true),
                new ChartSpec("copa_advantage_save_time", "CoA / CoPA save time", "value size (bytes)", "CoA / CoPA", true, false),
                new ChartSpec("fork_latency", "fork latency, by layout", "value size (bytes)", "fork latency (µs)", true, false),
                new ChartSpec("pointer_page_fraction", "heap pages holding a capability", "value size (bytes)", "fraction of touched pages",
                        true, false),
                new ChartSpec("pointers_per_key", "capabilities in the heap per key", "value size (bytes)", "capabilities per key", true,
                        false));
    }

    @Override
    public boolean needsFork() {
        return true;
    }

    @Override
    public ExperimentResult run(Parameters p, Progress progress) {
        long size = SweepParameters.atLeast(p, "size", 1);
        List<Long> valueSizes = SweepParameters.sizes(p, "valueSizes");
        if (valueSizes.contains(0L)) {
            throw new IllegalArgumentException("parameter 'valueSizes' needs sizes >= 1, got '" + p.get("valueSizes") + "'");
        }
        List<KvLayout> layouts = SweepParameters.layouts(p, "layouts");
        List<ForkSystem> systems = SweepParameters.systems(p, "strategies");
        if (systems.stream().anyMatch(s -> !s.isUFork())) {
            throw new IllegalArgumentException("parameter 'strategies' takes μFork strategies (copa, coa, full_copy), got '"
                    + p.get("strategies") + "'");
        }
        long heap = SweepParameters.atLeast(p, "heapBytes", 0);
        long memory = SweepParameters.atLeast(p, "memoryBytes", 1L << 30);
        long seeds = SweepParameters.atLeast(p, "seeds", 1);
        long seed = p.getLong("seed");

        List<BgsaveRun> runs = new ArrayList<>();
        List<BudgetedRuns.Task<BgsaveRun.Outcome>> tasks = new ArrayList<>();
        for (KvLayout layout : layouts) {
            for (long vs : valueSizes) {
                for (ForkSystem system : systems) {
                    for (long s : SweepParameters.seedsFor(system, seed, seeds)) {
                        BgsaveRun run = new BgsaveRun(system, layout, Dataset.of(size, vs), heap, memory, s, BgsaveRun.Writes.NONE);
                        runs.add(run);
                        tasks.add(new BudgetedRuns.Task<>(series(system, layout) + " values " + vs + " seed " + s, run.hostBytesEstimate(),
                                run::run));
                    }
                }
            }
        }
        List<BgsaveRun.Outcome> outcomes = BudgetedRuns.run(NAME, tasks, progress, RedisBgsaveSweep.threads(p),
                o -> String.format("copied %.2f MB, save %.2f ms, %.0f%% pointer pages", o.childCopiedBytes() / 1e6, o.saveMicros() / 1e3,
                        100 * o.heap().pointerPageFraction()));

        List<ResultRow> rows = new ArrayList<>();
        for (KvLayout layout : layouts) {
            String lname = layout.name().toLowerCase();
            for (long vs : valueSizes) {
                String x = Long.toString(vs);
                double copaCopied = Double.NaN;
                double coaCopied = Double.NaN;
                double copaSave = Double.NaN;
                double coaSave = Double.NaN;
                BgsaveRun.Outcome any = null;
                for (ForkSystem system : systems) {
                    List<BgsaveRun.Outcome> os = new ArrayList<>();
                    for (int i = 0; i < runs.size(); i++) {
                        BgsaveRun r = runs.get(i);
                        if (r.system() == system && r.layout() == layout && r.dataset().equals(Dataset.of(size, vs))) {
                            os.add(outcomes.get(i));
                        }
                    }
                    any = os.get(0);
                    double copied = mean(os, o -> o.childCopiedBytes() / 1e6);
                    double save = mean(os, o -> o.saveMicros() / 1e3);
                    rows.add(ResultRow.measured(NAME, "child_memory_private", series(system, layout), x, copied, "MB"));
                    rows.add(ResultRow.measured(NAME, "save_time", series(system, layout), x, save, "ms"));
                    rows.add(ResultRow.measured(NAME, "fork_latency", series(system, layout), x, mean(os, o -> o.fork().latencyMicros()), "us"));
                    if (system == ForkSystem.COPA) {
                        copaCopied = copied;
                        copaSave = save;
                    } else if (system == ForkSystem.COA) {
                        coaCopied = copied;
                        coaSave = save;
                    }
                }
                if (!Double.isNaN(copaCopied) && !Double.isNaN(coaCopied)) {
                    rows.add(ResultRow.measured(NAME, "copa_advantage_memory", lname, x, coaCopied / copaCopied, "ratio"));
                    rows.add(ResultRow.measured(NAME, "copa_advantage_save_time", lname, x, coaSave / copaSave, "ratio"));
                }
                // the census is of the server before fork: the same for every strategy and seed
                rows.add(ResultRow.measured(NAME, "pointer_page_fraction", lname, x, any.heap().pointerPageFraction(), "fraction"));
                long keys = keysOf(size, vs);
                rows.add(ResultRow.measured(NAME, "pointers_per_key", lname, x, keys == 0 ? Double.NaN : any.heap().capabilities() / (double) keys,
                        "capabilities"));
            }
        }
        List<String> notes = List.of(
                "kvstore with a " + size + "-byte dataset of equal values of each size (keys = ceil(size / value size)), static heap "
                        + heap + " B; one BGSAVE per point on a fresh kernel; series are strategy_layout",
                "child_memory_private: pages copied for the child (eagerly in fork and lazily); save time: BGSAVE request to the "
                        + "child's exit; copa_advantage_*: CoA's value over CoPA's (> 1 = CoPA better)",
                "pointer_page_fraction: heap pages holding at least one tagged capability over heap pages ever written, counted in the "
                        + "server before it forks; pointers_per_key: tagged capabilities in the heap over keys (the bucket array and the "
                        + "allocator's own pointers included)",
                "mean over " + seeds + " ASLR seed(s) from " + seed);
        return new ExperimentResult(NAME, title(), rows, charts(), notes, Provenance.capture(systems.get(0).kernelConfig(BgsaveRun.CORES, memory), p, seed));
    }

    private static long keysOf(long size, long valueSize) {
        return Dataset.of(size, valueSize).keys();
    }

    private static String series(ForkSystem system, KvLayout layout) {
        return system.key() + "_" + layout.name().toLowerCase();
    }

    private static double mean(List<BgsaveRun.Outcome> os, java.util.function.ToDoubleFunction<BgsaveRun.Outcome> f) {
        return os.stream().mapToDouble(f).average().orElse(Double.NaN);
    }
}
