package org.uforklab.experiments;

import java.util.ArrayList;
import java.util.List;
import org.uforklab.experiments.guests.KvLayout;

/**
 * The parent's writes during a snapshot: while the BGSAVE child dumps, the server applies SETs arriving at a fixed
 * rate (writes per emulated millisecond, from the moment fork returns until the child exits), each overwriting a
 * random key with a new value. Every write to a page the child still shares pushes a copy to the child (μFork)
 * or copies it for the writer (the monolithic copy-on-write baseline), and the server's system calls contend with
 * the child's for the kernel lock. Measured per rate: the child's memory, the pages pushed by the parent's writes,
 * the writes applied, the save time, and the parent's per-request latency against the same writes on a server
 * that is not snapshotting (a fresh kernel, same dataset, same keys and times).
 */
public final class SnapshotWritesExperiment implements Experiment {
    /** The name on the command line. */
    public static final String NAME = "snapshot-writes";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "parent writes during a BGSAVE snapshot: child memory, pages pushed and the parent's slowdown vs write rate";
    }

    @Override
    public String figure() {
        return "";
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> l = new ArrayList<>(List.of(
                new Parameter("rates", "0,0.5,1,2,4", "SETs per emulated millisecond while the child runs (0 = a plain BGSAVE)"),
                new Parameter("size", "10M", "the dataset (bytes): Fig 4's 10 MB point"),
                new Parameter("valueSize", "100000", "entry size: the paper's 100 KB values (§7.1)"),
                new Parameter("writeValueSize", "100000", "bytes of each written value (overwriting a key of the dataset)"),
                new Parameter("strategies", "copa,coa,monolithic", "μFork CoPA and CoA, and the monolithic copy-on-write baseline"),
                new Parameter("layout", "classic", "kvstore layout (Redis 5.0.6 is classic)"),
                new Parameter("heapBytes", "136700000", "static heap: the paper's 136.7 MB")));
        l.addAll(SweepParameters.common("1", "repetitions per μFork point, each with its own ASLR seed and key choices (the "
                + "baseline runs once)"));
        return List.copyOf(l);
    }

    @Override
    public List<ChartSpec> charts() {
        return List.of(
                new ChartSpec("pages_pushed", "pages pushed by the parent's writes", "writes per ms", "pages", false, false),
                new ChartSpec("child_memory_pss", "child memory (PSS) vs write rate", "writes per ms", "PSS (MB)", false, false),
                new ChartSpec("child_memory_private", "child: pages it got its own copy of", "writes per ms", "private (MB)", false, false),
                new ChartSpec("parent_latency", "parent: SET latency during the snapshot", "writes per ms", "latency (µs)", false, true),
                new ChartSpec("parent_slowdown", "parent: SET service time, snapshot / none", "writes per ms", "slowdown (x)", false, true),
                new ChartSpec("writes_applied", "SETs applied while the child ran", "writes per ms", "writes", false, false),
                new ChartSpec("save_time", "BGSAVE save time vs write rate", "writes per ms", "save time (ms)", false, false));
    }

    @Override
    public boolean needsFork() {
        return true;
    }

    /** One measured point: the snapshot run and the same writes without a snapshot. */
    private record Point(BgsaveRun.Outcome snapshot, List<BgsaveRun.WriteTiming> alone) {
    }

    @Override
    public ExperimentResult run(Parameters p, Progress progress) {
        List<Double> rates = SweepParameters.rates(p, "rates");
        long size = SweepParameters.atLeast(p, "size", 1);
        long valueSize = SweepParameters.atLeast(p, "valueSize", 1);
        long writeValueSize = SweepParameters.atLeast(p, "writeValueSize", 0);
        if (writeValueSize > (64L << 20)) {
            throw new IllegalArgumentException("parameter 'writeValueSize' must be at most 64 MiB, got " + writeValueSize);
        }
        List<ForkSystem> systems = SweepParameters.systems(p, "strategies");
        KvLayout layout = KvLayout.parse(p.get("layout"));
        long heap = SweepParameters.atLeast(p, "heapBytes", 0);
        long memory = SweepParameters.atLeast(p, "memoryBytes", 1L << 30);
        long seeds = SweepParameters.atLeast(p, "seeds", 1);
        long seed = p.getLong("seed");
        Dataset d = Dataset.of(size, valueSize);

        List<BgsaveRun> runs = new ArrayList<>();
        List<BudgetedRuns.Task<Point>> tasks = new ArrayList<>();
        for (ForkSystem system : systems) {
            for (double rate : rates) {
                for (long s : SweepParameters.seedsFor(system, seed, seeds)) {
                    BgsaveRun run = new BgsaveRun(system, layout, d, heap, memory, s, new BgsaveRun.Writes(rate, writeValueSize));
                    runs.add(run);
                    tasks.add(new BudgetedRuns.Task<>(system.key() + " " + SweepParameters.label(rate) + "/ms seed " + s,
                            run.hostBytesEstimate(), () -> {
                                BgsaveRun.Outcome o = run.run();
                                return new Point(o, run.writesWithoutSnapshot(o.writes().size()));
                            }));
                }
            }
        }
        List<Point> points = BudgetedRuns.run(NAME, tasks, progress, RedisBgsaveSweep.threads(p),
                pt -> String.format("%d writes, %d pages pushed, SET %.0f µs (alone %.0f µs)", pt.snapshot().writes().size(),
                        pt.snapshot().pagesPushed(), BgsaveRun.WriteTiming.meanLatency(pt.snapshot().writes()),
                        BgsaveRun.WriteTiming.meanLatency(pt.alone())));

        List<ResultRow> rows = new ArrayList<>();
        for (ForkSystem system : systems) {
            String series = system.key();
            for (double rate : rates) {
                List<Point> ps = new ArrayList<>();
                for (int i = 0; i < runs.size(); i++) {
                    if (runs.get(i).system() == system && runs.get(i).writes().perMs() == rate) {
                        ps.add(points.get(i));
                    }
                }
                String x = SweepParameters.label(rate);
                rows.add(ResultRow.measured(NAME, "pages_pushed", series, x, mean(ps, pt -> pt.snapshot().pagesPushed()), "pages"));
                rows.add(ResultRow.measured(NAME, "child_memory_pss", series, x, mean(ps, pt -> pt.snapshot().fork().pssChildAtExit() / 1e6),
                        "MB"));
                rows.add(ResultRow.measured(NAME, "child_memory_private", series, x, mean(ps, pt -> pt.snapshot().childCopiedBytes() / 1e6),
                        "MB"));
                rows.add(ResultRow.measured(NAME, "writes_applied", series, x, mean(ps, pt -> pt.snapshot().writes().size()), "writes"));
                rows.add(ResultRow.measured(NAME, "save_time", series, x, mean(ps, pt -> pt.snapshot().saveMicros() / 1e3), "ms"));
                if (rate > 0) {
                    double with = mean(ps, pt -> BgsaveRun.WriteTiming.meanLatency(pt.snapshot().writes()));
                    double alone = mean(ps, pt -> BgsaveRun.WriteTiming.meanLatency(pt.alone()));
                    rows.add(ResultRow.measured(NAME, "parent_latency", series, x, with, "us"));
                    rows.add(ResultRow.measured(NAME, "parent_latency", series + "_no_snapshot", x, alone, "us"));
                    double slow = mean(ps, pt -> BgsaveRun.WriteTiming.meanService(pt.snapshot().writes())
                            / BgsaveRun.WriteTiming.meanService(pt.alone()));
                    rows.add(ResultRow.measured(NAME, "parent_slowdown", series, x, slow, "x"));
                }
            }
        }
        List<String> notes = List.of(
                "kvstore (" + layout.name().toLowerCase() + ") with " + d.keys() + " values of " + d.valueSize() + " B, static heap " + heap
                        + " B; BGSAVE, then from fork's return one SET every 1/rate emulated ms (a seeded uniform key, a " + writeValueSize
                        + "-byte value) until the child has exited; the client waits for each reply (one connection)",
                "pages_pushed: copies made because the server wrote (or, under CoA, touched) a page shared with the child; under the "
                        + "monolithic baseline, the server's copy-on-write copies. child memory: PSS when reaped, and the pages copied for it",
                "parent_latency: mean from a SET being sent to its reply (queueing included: a server slower than the rate falls behind); "
                        + "*_no_snapshot: the same SETs at the same times on a fresh server that never forks; parent_slowdown: mean service "
                        + "time (from the server being free to the reply) with the snapshot over without",
                "the child runs on its own core; the server's slowdown is its copy faults plus waiting for the big kernel lock while the "
                        + "child is in a system call (a 100 KB record write holds it for the whole user copy)",
                "mean over " + seeds + " seed(s) from " + seed + " for μFork, one run for the deterministic baseline");
        return new ExperimentResult(NAME, title(), rows, charts(), notes, Provenance.capture(systems.get(0).kernelConfig(BgsaveRun.WRITES_CORES, memory), p, seed));
    }

    private static double mean(List<Point> ps, java.util.function.ToDoubleFunction<Point> f) {
        return ps.stream().mapToDouble(f).average().orElse(Double.NaN);
    }
}
