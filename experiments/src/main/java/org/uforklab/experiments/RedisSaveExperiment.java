package org.uforklab.experiments;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.uforklab.experiments.guests.KvStore;
import org.uforklab.sasos.IsolationLevel;
import org.uforklab.sasos.KernelConfig;

/**
 * Fig 3: the Redis BGSAVE save time with and without TOCTTOU copies (ufork-paper.md §7.1), on the sweep of Figs 4
 * and 5 ({@link RedisBgsaveSweep}). The save time is measured as the artifact measures it: the kvstore parent reads
 * the clock just before fork, and the child, after writing the dump, reports its clock minus that start. Series:
 * μFork CoPA without TOCTTOU copies (non-adversarial isolation), with them (adversarial: every write() buffer of
 * the child is copied into the kernel first), and the monolithic baseline (CheriBSD, which copies in as any
 * monolithic kernel does).
 */
public final class RedisSaveExperiment implements Experiment {
    /** The name on the command line. */
    public static final String NAME = "fig3";
    /** The paper's metric. */
    public static final String SAVE_TIME = "save_time";

    /** A series: fork system and isolation level. */
    enum Series {
        UFORK_NO_TOCTTOU("ufork_no_tocttou", ForkSystem.COPA, IsolationLevel.NON_ADVERSARIAL),
        UFORK("ufork", ForkSystem.COPA, IsolationLevel.ADVERSARIAL),
        CHERIBSD("cheribsd", ForkSystem.MONOLITHIC, IsolationLevel.ADVERSARIAL);

        final String key;
        final ForkSystem system;
        final IsolationLevel isolation;

        Series(String key, ForkSystem system, IsolationLevel isolation) {
            this.key = key;
            this.system = system;
            this.isolation = isolation;
        }

        /** The series' kernel on {@code cores} cores (Figs 3–5 use the sweep's: one, the artifact's non-SMP build). */
        KernelConfig config(int cores) {
            return system.kernelConfig(cores).withIsolation(isolation);
        }

        static Series parse(String s) {
            return Arrays.stream(values()).filter(v -> v.key.equals(s.strip())).findFirst().orElseThrow(() -> new IllegalArgumentException(
                    "unknown fig3 series '" + s + "' (ufork_no_tocttou, ufork, cheribsd)"));
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "Redis BGSAVE save time with and without TOCTTOU copies";
    }

    @Override
    public String figure() {
        return "fig3";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(
                new Parameter("sizes", "100000,1000000,10000000,100000000", "database sizes in bytes (Fig 3: 100 KB to 100 MB)"),
                new Parameter("valueSize", "100000", "entry size: the paper populates with 100 KB values (§7.1)"),
                new Parameter("series", "ufork_no_tocttou,ufork,cheribsd",
                        "μFork CoPA without and with TOCTTOU copies, and the monolithic baseline standing for CheriBSD"),
                new Parameter("layout", "classic", "kvstore layout: Redis 5.0.6 is classic (§7.1)"),
                new Parameter("rdbChecksum", "yes", "the child's CRC64 over its dump: Redis 5.0.6's default rdbchecksum yes"),
                new Parameter("heapBytes", "136700000", "the µprocess's static heap: 136.7 MB in the paper's Redis build (§7.1)"),
                new Parameter("seeds", "3", "repetitions of the μFork points, each with its own ASLR seed (the paper: mean of 10; 3 by "
                        + "default: a seed only moves the child's region, which changes the save time by well under 1%, and each 100 MB "
                        + "save takes seconds to emulate)"),
                new Parameter("seed", "1", "first ASLR seed"),
                new Parameter("threads", "0", "runs in parallel (each on its own kernel; 0 = one per available processor)"));
    }

    @Override
    public List<ChartSpec> charts() {
        return List.of(new ChartSpec(SAVE_TIME, "Fig 3: Redis save time", "database size (bytes)", "save time (ms)", true, true));
    }

    @Override
    public boolean needsFork() {
        return true;
    }

    @Override
    public ExperimentResult run(Parameters p, Progress progress) {
        List<Series> series = p.getList("series").stream().map(Series::parse).distinct().toList();
        if (series.isEmpty()) {
            throw new IllegalArgumentException("parameter 'series' is empty");
        }
        // the sweep validates sizes, value size, layout, heap and seeds as for Figs 4 and 5
        Map<String, String> sweepParameters = new LinkedHashMap<>(p.asMap());
        sweepParameters.remove("series");
        sweepParameters.put("strategies", String.join(",", series.stream().map(s -> s.system.key()).distinct().toList()));
        RedisBgsaveSweep sweep = RedisBgsaveSweep.of(Parameters.of(sweepParameters));
        if (sweep.sizes().stream().anyMatch(s -> s <= 0)) {
            throw new IllegalArgumentException("parameter 'sizes' needs sizes > 0 (a save of an empty database is not in Fig 3), got '"
                    + p.get("sizes") + "'");
        }

        record Task(Series series, long size, long seed) {
        }
        List<Task> tasks = new ArrayList<>();
        for (Series s : series) {
            for (long size : sweep.sizes()) {
                // the baseline has no ASLR: every seed would repeat the same deterministic run
                long n = s.system.isUFork() ? sweep.seeds() : 1;
                for (long seed = sweep.seed(); seed < sweep.seed() + n; seed++) {
                    tasks.add(new Task(s, size, seed));
                }
            }
        }
        progress.start(NAME, tasks.size());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(RedisBgsaveSweep.threads(p), tasks.size())));
        try {
            List<Future<KvStore.Bgsave>> futures = new ArrayList<>();
            for (Task t : tasks) {
                futures.add(pool.submit(() -> sweep.bgsave(t.series().system, t.series().config(sweep.cores()), t.size(), t.seed())));
            }
            Map<String, List<KvStore.Bgsave>> runs = new LinkedHashMap<>();
            for (int i = 0; i < tasks.size(); i++) {
                Task t = tasks.get(i);
                KvStore.Bgsave b = Futures.await(futures.get(i), t.toString());
                if (b.saveNanos() < 0) {
                    throw new IllegalStateException("the BGSAVE child of " + t + " reported no save time");
                }
                runs.computeIfAbsent(t.series().key + "/" + t.size(), k -> new ArrayList<>()).add(b);
                progress.step(String.format("%s %d seed %d: save %.3f ms (fork %.1f µs), %.1f MB through TOCTTOU copies",
                        t.series().key, t.size(), t.seed(), b.saveMillis(), b.fork().latencyMicros(), b.tocttouBytes() / 1e6));
            }
            progress.done();
            PaperData paper = PaperData.load();
            List<ResultRow> rows = new ArrayList<>();
            List<ResultRow> extra = new ArrayList<>();
            double clockHz = Series.UFORK.config(sweep.cores()).machine().clockHz();
            for (Series s : series) {
                for (long size : sweep.sizes()) {
                    List<KvStore.Bgsave> bs = runs.get(s.key + "/" + size);
                    String x = Long.toString(size);
                    double save = mean(bs, KvStore.Bgsave::saveMillis);
                    double fork = mean(bs, b -> b.fork().latencyMicros());
                    double dump = mean(bs, b -> (double) b.dumpBytes());
                    rows.add(ResultRow.against(paper, NAME, SAVE_TIME, s.key, x, save, "ms"));
                    extra.add(ResultRow.measured(NAME, "save_fork_latency", s.key, x, fork, "us"));
                    extra.add(ResultRow.measured(NAME, "save_cycles_per_dump_byte", s.key, x, (save * 1e3 - fork) * 1e-6 * clockHz / dump,
                            "cycles/B"));
                    extra.add(ResultRow.measured(NAME, "save_tocttou_copied", s.key, x, mean(bs, b -> (double) b.tocttouBytes()) / 1e6, "MB"));
                    extra.add(ResultRow.measured(NAME, "save_child_page_copies", s.key, x,
                            mean(bs, b -> (double) (b.fork().pagesCopiedEagerly() + b.fork().pagesCopiedLazily())), "pages"));
                }
            }
            rows.addAll(extra);
            List<String> notes = new ArrayList<>(sweep.notes().subList(0, 1));
            notes.add("save time: as the artifact measures it, the parent's clock just before fork to the child's after rdb_save "
                    + "(the child reports now - start on stderr); mean over " + sweep.seeds() + " ASLR seed(s) for μFork, one run for "
                    + "the baseline (no ASLR, deterministic)");
            notes.add("ufork_no_tocttou: non-adversarial isolation (arguments checked, buffers used in place); ufork: adversarial "
                    + "(the child's write() buffers are copied into a kernel bounce buffer first); cheribsd: the monolithic baseline "
                    + "(SVC system calls, copy-in of every write() buffer, an address space per process)");
            notes.add("save_cycles_per_dump_byte: (save time - fork latency) per byte of the dump: the child's serialisation, the "
                    + "kernel's copy-in and file write, and the lazy copies of the pointer-bearing pages it reads");
            return new ExperimentResult(NAME, title(), rows, charts(), notes, Provenance.capture(Series.UFORK.config(sweep.cores()), p, sweep.seed()));
        } finally {
            pool.shutdownNow();
        }
    }

    private static double mean(List<KvStore.Bgsave> runs, java.util.function.ToDoubleFunction<KvStore.Bgsave> f) {
        return runs.stream().mapToDouble(f).average().orElse(Double.NaN);
    }

}
