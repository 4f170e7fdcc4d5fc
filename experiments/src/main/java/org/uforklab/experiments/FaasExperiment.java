package org.uforklab.experiments;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.uforklab.experiments.guests.Faas;
import org.uforklab.sasos.IsolationLevel;
import org.uforklab.sasos.Kernel;
import org.uforklab.sasos.KernelConfig;
import org.uforklab.ufork.CopyCause;
import org.uforklab.ufork.ForkService;
import org.uforklab.ufork.ForkStats;
import org.uforklab.ufork.ForkStrategy;
import org.uforklab.ufork.UFork;
import org.uforklab.ufork.UForkConfig;
import org.uforklab.ufork.baseline.MonolithicFork;

/**
 * Fig 6: FaaS throughput of the Zygote guest ({@link Faas}) on 1–3 function cores plus the coordinator's core, for
 * μFork CoPA with TOCTTOU copies (adversarial isolation), μFork CoPA without them (non-adversarial) and the
 * monolithic baseline standing for CheriBSD. Each (series, cores) point boots its own kernel with 1 + cores cores
 * and runs the Zygote until its measuring window closes; the throughput is what the coordinator measured in
 * emulated time. A second metric gives the gain over the baseline at each core count beside the paper's (the
 * target of issue 6 §3: within 10 points).
 */
public final class FaasExperiment implements Experiment {
    /** The name on the command line. */
    public static final String NAME = "fig6";
    /** The throughput metric (ufork-paper-figures.csv). */
    public static final String THROUGHPUT = "faas_throughput";
    /** Our gain over the baseline, beside the paper's (computed from its bars). */
    public static final String GAIN = "faas_gain_vs_cheribsd";
    /** The baseline's series. */
    public static final String BASELINE = "cheribsd";

    /** A series of the figure: its name in the paper's CSV and how it runs. */
    enum Series {
        UFORK("ufork", true, IsolationLevel.ADVERSARIAL),
        UFORK_NO_TOCTTOU("ufork_no_tocttou", true, IsolationLevel.NON_ADVERSARIAL),
        CHERIBSD(BASELINE, false, null);

        final String key;
        final boolean ufork;
        final IsolationLevel isolation;

        Series(String key, boolean ufork, IsolationLevel isolation) {
            this.key = key;
            this.ufork = ufork;
            this.isolation = isolation;
        }

        KernelConfig kernelConfig(int functionCores) {
            KernelConfig base = ufork ? ForkSystem.COPA.kernelConfig().withIsolation(isolation) : ForkSystem.MONOLITHIC.kernelConfig();
            return base.withCores(functionCores + 1);
        }

        ForkService boot(int functionCores, long seed) {
            Kernel k = Kernel.boot(kernelConfig(functionCores));
            return ufork ? UFork.install(k, UForkConfig.defaults().withStrategy(ForkStrategy.COPY_ON_POINTER_ACCESS).withAslr(seed))
                    : MonolithicFork.install(k);
        }

        static Series parse(String s) {
            for (Series x : values()) {
                if (x.key.equals(s.strip())) {
                    return x;
                }
            }
            throw new IllegalArgumentException("parameter 'series': unknown series '" + s + "' (ufork, ufork_no_tocttou, cheribsd)");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "FaaS throughput of a forking Zygote on 1-3 function cores";
    }

    @Override
    public String figure() {
        return "fig6";
    }

    @Override
    public List<Parameter> parameters() {
        Faas.Config d = Faas.Config.defaults();
        return List.of(
                new Parameter("cores", "1,2,3", "function cores (the coordinator has a core of its own: the artifact's 4 Morello cores)"),
                new Parameter("series", "ufork,ufork_no_tocttou,cheribsd",
                        "μFork CoPA with TOCTTOU copies, without them, and the monolithic baseline (CheriBSD)"),
                new Parameter("iterations", Long.toString(d.iterations()), "n of float_operation: iterations of `added = i + 1` (the artifact's 100,000)"),
                new Parameter("heap", "2MiB", "the Zygote's GC heap (MicroPython's unix default on 64-bit); init fills half of it with "
                        + "the runtime's objects"),
                new Parameter("per_core", "1", "children in flight per function core (the artifact's RUNNING 3 on 3 function cores)"),
                new Parameter("warmup_ms", Long.toString(d.warmupNanos() / 1_000_000), "emulated ms before the window opens (at a completion)"),
                new Parameter("window_ms", Long.toString(d.windowNanos() / 1_000_000),
                        "least emulated ms of the measuring window. The paper counts functions over 10 s; emulating that would take "
                                + "hours, so the default is short: the window closes on whole rounds of children (each child slot "
                                + "completes once per round), and in the emulator's deterministic steady state every round takes the "
                                + "same time (one round and six give the same rate to 4 digits), so the short window gives the long one's rate"),
                new Parameter("seed", "1", "ASLR seed of μFork's child regions"),
                new Parameter("threads", "0", "runs in parallel (each on its own kernel; 0 = one per available processor)"));
    }

    @Override
    public List<ChartSpec> charts() {
        return List.of(new ChartSpec(THROUGHPUT, "Fig 6: FaaS throughput", "function cores", "functions/s", false, false),
                new ChartSpec(GAIN, "Fig 6: throughput gain over CheriBSD", "function cores", "gain (%)", false, false));
    }

    @Override
    public boolean needsFork() {
        return true;
    }

    /** One (series, cores) run: the Zygote's report and what its forks did. */
    record Point(Series series, int cores, Faas.Run run) {
        double throughput() {
            return run.report().throughput();
        }

        /** Forks whose child was reaped (the last children, killed at the window's end, excluded). */
        List<ForkStats> finished() {
            return run.forks().stream().filter(f -> f.pssChildAtExit() >= 0).toList();
        }
    }

    @Override
    public ExperimentResult run(Parameters p, Progress progress) {
        List<Long> coreList = p.getLongs("cores").stream().distinct().toList();
        if (coreList.isEmpty()) {
            throw new IllegalArgumentException("parameter 'cores' is empty");
        }
        for (long c : coreList) {
            if (c < 1 || c > 63) {
                throw new IllegalArgumentException("parameter 'cores': function cores must be in [1, 63], got " + c);
            }
        }
        List<Series> series = p.getList("series").stream().map(Series::parse).distinct().toList();
        if (series.isEmpty()) {
            throw new IllegalArgumentException("parameter 'series' is empty");
        }
        long perCore = p.getLong("per_core");
        long warmup = p.getLong("warmup_ms");
        long window = p.getLong("window_ms");
        if (warmup < 0 || window < 0 || warmup > 1_000_000 || window > 1_000_000) {
            throw new IllegalArgumentException("parameters 'warmup_ms' and 'window_ms' must be in [0, 1000000], got " + warmup + ", "
                    + window);
        }
        long maxCores = coreList.stream().mapToLong(Long::longValue).max().orElseThrow();
        if (perCore < 1 || perCore * maxCores > Faas.Config.MAX_IN_FLIGHT) {
            throw new IllegalArgumentException("parameter 'per_core' must be at least 1 and keep per_core × cores ≤ "
                    + Faas.Config.MAX_IN_FLIGHT + ", got " + perCore);
        }
        long iterations = p.getLong("iterations");
        long heap = p.getLong("heap");
        Faas.Config base;
        try {
            base = new Faas.Config(iterations, heap, 1, warmup * 1_000_000, window * 1_000_000);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parameters 'iterations' and 'heap': " + e.getMessage(), e);
        }
        long seed = p.getLong("seed");
        int threads = RedisBgsaveSweep.threads(p);

        record Task(Series series, int cores) {
        }
        List<Task> tasks = new ArrayList<>();
        for (Series s : series) {
            for (long c : coreList) {
                tasks.add(new Task(s, (int) c));
            }
        }
        progress.start(NAME, tasks.size());
        // the longest runs (most cores) first, so the pool's threads finish together
        List<Task> order = tasks.stream().sorted(Comparator.comparingInt(Task::cores).reversed()).toList();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, tasks.size())));
        Map<Task, Point> points = new LinkedHashMap<>();
        try {
            Map<Task, Future<Point>> futures = new LinkedHashMap<>();
            for (Task t : order) {
                Faas.Config cfg = base.withInFlight((int) (perCore * t.cores()));
                futures.put(t, pool.submit(() -> new Point(t.series(), t.cores(), Faas.run(t.series().boot(t.cores(), seed), cfg))));
            }
            for (Task t : order) {
                Point pt = Futures.await(futures.get(t), t.series().key + " on " + t.cores() + " core(s)");
                points.put(t, pt);
                progress.step(String.format(Locale.ROOT, "%s, %d function core(s): %.1f functions/s", t.series().key, t.cores(),
                        pt.throughput()));
            }
        } finally {
            pool.shutdownNow();
        }
        progress.done();

        PaperData paper = PaperData.load();
        List<ResultRow> rows = new ArrayList<>();
        for (Task t : tasks) {
            rows.add(ResultRow.against(paper, "fig6", THROUGHPUT, t.series().key, Integer.toString(t.cores()), points.get(t).throughput(),
                    "functions/s"));
        }
        for (Task t : tasks) {
            Point base0 = points.get(new Task(Series.CHERIBSD, t.cores()));
            if (t.series() == Series.CHERIBSD || base0 == null) {
                continue;
            }
            String x = Integer.toString(t.cores());
            double ours = 100 * (points.get(t).throughput() / base0.throughput() - 1);
            double theirs = paper.find("fig6", THROUGHPUT, t.series().key, x).flatMap(a -> paper.find("fig6", THROUGHPUT, BASELINE, x)
                    .map(b -> 100 * (a.value() / b.value() - 1))).orElse(Double.NaN);
            rows.add(new ResultRow("fig6", GAIN, t.series().key, x, ours, theirs, "%"));
        }
        List<String> notes = new ArrayList<>();
        notes.add(String.format(Locale.ROOT, "throughput: functions completed per second of emulated time, counted by the Zygote's coordinator "
                + "(clock_gettime) over whole rounds of children after %d ms of warm-up, in a window of at least %d ms (the paper: 10 s); "
                + "n = %d, heap %d KiB, %d child(ren) in flight per function core", warmup, window, base.iterations(), base.heapBytes() >> 10,
                perCore));
        notes.add("ufork = μFork CoPA, adversarial isolation (TOCTTOU copies of by-reference system-call arguments); ufork_no_tocttou = "
                + "non-adversarial isolation; cheribsd = the monolithic baseline (an address space per process, copy-on-write, SVC "
                + "system calls). The coordinator runs on core 0, every child on a free function core");
        notes.add("gain: ours(series) / ours(cheribsd) − 1 at each core count, beside the paper's gain from its bars (Fig 6)");
        for (Task t : tasks) {
            notes.add(breakdown(points.get(t)));
        }
        return new ExperimentResult(NAME, title(), rows, charts(), notes,
                Provenance.capture(series.get(0).kernelConfig((int) maxCores), p, seed));
    }

    /** What one run's functions cost: the period per child slot, and the forks' latency and copies. */
    private static String breakdown(Point pt) {
        Faas.Run r = pt.run();
        List<ForkStats> f = pt.finished();
        double clockHz = r.kernel().machine().config().clockHz();
        double slotPeriodUs = r.inFlight() * 1e6 / pt.throughput();
        double latency = f.stream().mapToDouble(ForkStats::latencyMicros).average().orElse(Double.NaN);
        double eager = f.stream().mapToLong(ForkStats::pagesCopiedEagerly).average().orElse(Double.NaN);
        double childCopies = f.stream().mapToLong(s -> s.pagesCopied(CopyCause.CHILD_CAP_LOAD) + s.pagesCopied(CopyCause.CHILD_ACCESS)
                + s.pagesCopied(CopyCause.CHILD_WRITE)).average().orElse(Double.NaN);
        double parentCopies = f.stream().mapToLong(s -> s.pagesCopied(CopyCause.PARENT_WRITE) + s.pagesCopied(CopyCause.PARENT_ACCESS))
                .average().orElse(Double.NaN);
        double lazyUs = f.stream().mapToDouble(s -> s.lazyCycles() * 1e6 / clockHz).average().orElse(Double.NaN);
        return String.format(Locale.ROOT, "%s, %d core(s): %.1f functions/s = one function per %.1f µs per child slot; fork %.2f µs, "
                + "per child %.1f pages copied in fork, %.1f by its own faults, %.1f pushed by the parent's writes, %.1f µs of fault "
                + "handling (means over %d reaped children of %d forks)",
                pt.series().key, pt.cores(), pt.throughput(), slotPeriodUs, latency, eager, childCopies, parentCopies, lazyUs, f.size(),
                r.report().forks());
    }

}
