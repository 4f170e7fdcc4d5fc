package org.uforklab.experiments;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.uforklab.experiments.guests.Nginx;
import org.uforklab.experiments.guests.Wrk;
import org.uforklab.sasos.IsolationLevel;
import org.uforklab.sasos.KernelConfig;
import org.uforklab.sasos.net.NetworkCosts;
import org.uforklab.ufork.ForkService;

/**
 * Fig 7: Nginx throughput with 1–3 workers (ufork-paper.md §7.3). The nginx guest's master forks the workers,
 * which serve keep-alive HTTP/1.1 from an emulated listening socket; a wrk-like closed loop drives it and the
 * throughput is measured in steady state over a window of responses. Series as the paper's: μFork on one core with
 * TOCTTOU copies (adversarial isolation) and without (non-adversarial), and the monolithic baseline (CheriBSD) on
 * up to 4 cores (the master on core 0, the workers placed on the least-loaded cores 1–3) and pinned to one core.
 */
public final class NginxExperiment implements Experiment {
    /** The name on the command line. */
    public static final String NAME = "fig7";
    /** The metric of the paper's figure. */
    public static final String THROUGHPUT = "nginx_throughput";
    /** Busy CPU per request (all cores), a metric the paper does not chart. */
    public static final String CPU = "nginx_cpu_per_request";
    /** TOCTTOU bytes copied per request. */
    public static final String COPIED = "nginx_tocttou_bytes_per_request";

    /** A series of the figure: which fork system on which kernel. */
    enum Series {
        UFORK("ufork", true, IsolationLevel.ADVERSARIAL, 1),
        UFORK_NO_TOCTTOU("ufork_no_tocttou", true, IsolationLevel.NON_ADVERSARIAL, 1),
        CHERIBSD_MULTICORE("cheribsd_multicore", false, IsolationLevel.ADVERSARIAL, 0),
        CHERIBSD_1CORE("cheribsd_1core", false, IsolationLevel.ADVERSARIAL, 1);

        final String key;
        final boolean ufork;
        final IsolationLevel isolation;
        final int cores;

        Series(String key, boolean ufork, IsolationLevel isolation, int cores) {
            this.key = key;
            this.ufork = ufork;
            this.isolation = isolation;
            this.cores = cores;
        }

        static Series parse(String s) {
            return Arrays.stream(values()).filter(v -> v.key.equals(s.strip())).findFirst().orElseThrow(() -> new IllegalArgumentException(
                    "unknown fig7 series '" + s + "' (ufork, ufork_no_tocttou, cheribsd_multicore, cheribsd_1core)"));
        }

        /** The kernel: μFork's or the baseline's, its core count, its isolation level. */
        KernelConfig config(ForkSystem system) {
            KernelConfig c = system.kernelConfig();
            c = cores == 0 ? c : c.withCores(cores);
            return ufork ? c.withIsolation(isolation) : c;
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "Nginx throughput vs worker processes";
    }

    @Override
    public String figure() {
        return "fig7";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(
                new Parameter("workers", "1,2,3", "worker processes (worker_processes; Fig 7: 1, 2, 3)"),
                new Parameter("series", "ufork,ufork_no_tocttou,cheribsd_multicore,cheribsd_1core",
                        "μFork on 1 core with and without TOCTTOU copies, the monolithic baseline (CheriBSD) multi-core and on 1 core"),
                new Parameter("strategy", "copa", "μFork's fork strategy for the ufork series (copa, coa, full_copy; the workers are "
                        + "forked once, before the measurement)"),
                new Parameter("connections", "10", "wrk keep-alive connections (wrk's default -c 10; the paper does not give its "
                        + "command line); a worker serves one connection at a time, so min(workers, connections) are active"),
                new Parameter("rttNanos", "3325", "network round trip in ns from a response leaving the server to the next request "
                        + "arriving, wrk's own work included. A fit to Fig 7 (ufork-paper.md §7.3): one μFork worker serves 48.2 k req/s, "
                        + "one request per 20.75 µs, of which 17.42 µs is the server's CPU (1/57.4k, 3 workers CPU-bound on one core), "
                        + "so the round trip outside the server is 1/48.2k - 1/57.4k = 3.325 µs"),
                new Parameter("segmentCycles", Long.toString(NetworkCosts.defaults().segmentCycles()),
                        "the server's network-stack cycles per TCP segment (NetworkCosts: fitted to Fig 7's 57.4 k req/s with 3 workers)"),
                new Parameter("warmup", "100", "responses before the measured window (first accepts, the workers' lazy fork copies)"),
                new Parameter("requests", "1000", "responses measured in steady state (the model is deterministic and reaches its steady "
                        + "state within the warm-up: 1000 and 2000 give the same throughput to 4 digits; the default keeps `uforklab run "
                        + "fig7` well under 2 minutes, about 30 s on two cores; wall time grows linearly with it)"),
                new Parameter("seed", "1", "ASLR seed of the μFork runs"),
                new Parameter("threads", "0", "runs in parallel (each on its own kernel; 0 = one per available processor)"));
    }

    @Override
    public List<ChartSpec> charts() {
        return List.of(new ChartSpec(THROUGHPUT, "Fig 7: Nginx throughput", "workers", "throughput (k requests/s)", false, false),
                new ChartSpec(CPU, "Nginx: server CPU per request", "workers", "CPU per request (µs)", false, false));
    }

    @Override
    public boolean needsFork() {
        return true;
    }

    private record Point(Series series, int workers) {
    }

    @Override
    public ExperimentResult run(Parameters p, Progress progress) {
        List<Long> workers = p.getLongs("workers");
        if (workers.isEmpty() || workers.stream().anyMatch(w -> w < 1 || w > 64)) {
            throw new IllegalArgumentException("parameter 'workers' needs counts in [1, 64], got '" + p.get("workers") + "'");
        }
        List<Series> series = p.getList("series").stream().map(Series::parse).distinct().toList();
        if (series.isEmpty()) {
            throw new IllegalArgumentException("parameter 'series' is empty");
        }
        ForkSystem strategy = ForkSystem.parse(p.get("strategy"));
        if (!strategy.isUFork()) {
            throw new IllegalArgumentException("parameter 'strategy' must be a μFork strategy (copa, coa, full_copy), got '"
                    + p.get("strategy") + "'");
        }
        long rttNanos = p.getLong("rttNanos");
        if (rttNanos < 0) {
            throw new IllegalArgumentException("parameter 'rttNanos' cannot be negative, got " + rttNanos);
        }
        long segmentCycles = p.getLong("segmentCycles");
        if (segmentCycles < 0) {
            throw new IllegalArgumentException("parameter 'segmentCycles' cannot be negative, got " + segmentCycles);
        }
        long connections = p.getLong("connections");
        long warmup = p.getLong("warmup");
        long requests = p.getLong("requests");
        // validates connections, warm-up and requests with their own messages
        new Wrk((int) Math.min(Integer.MAX_VALUE, Math.max(Integer.MIN_VALUE, connections)), 0, warmup, requests, "/");
        long seed = p.getLong("seed");
        NetworkCosts net = NetworkCosts.defaults().withSegmentCycles(segmentCycles);

        List<Point> points = new ArrayList<>();
        for (Series s : series) {
            for (long w : workers) {
                points.add(new Point(s, (int) w));
            }
        }
        progress.start(NAME, points.size());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(RedisBgsaveSweep.threads(p), points.size())));
        try {
            List<Future<Wrk.Result>> futures = new ArrayList<>();
            for (Point pt : points) {
                ForkSystem system = pt.series().ufork ? strategy : ForkSystem.MONOLITHIC;
                futures.add(pool.submit(() -> measure(system, pt.series().config(system), pt.workers(), net, (int) connections, rttNanos,
                        warmup, requests, seed)));
            }
            PaperData paper = PaperData.load();
            List<ResultRow> rows = new ArrayList<>();
            List<ResultRow> cpu = new ArrayList<>();
            List<ResultRow> copied = new ArrayList<>();
            for (int i = 0; i < points.size(); i++) {
                Point pt = points.get(i);
                Wrk.Result r = Futures.await(futures.get(i), pt.toString());
                String x = Integer.toString(pt.workers());
                double clockHz = pt.series().config(ForkSystem.MONOLITHIC).machine().clockHz();
                rows.add(ResultRow.against(paper, NAME, THROUGHPUT, pt.series().key, x, r.requestsPerSecond() / 1e3, "krequests/s"));
                cpu.add(ResultRow.measured(NAME, CPU, pt.series().key, x, r.busyCyclesPerRequest() / clockHz * 1e6, "us"));
                copied.add(ResultRow.measured(NAME, COPIED, pt.series().key, x, r.bytesCopiedPerRequest(), "B"));
                progress.step(String.format("%s %d worker(s): %.1f k requests/s, %.2f µs CPU per request", pt.series().key, pt.workers(),
                        r.requestsPerSecond() / 1e3, r.busyCyclesPerRequest() / clockHz * 1e6));
            }
            progress.done();
            rows.addAll(cpu);
            rows.addAll(copied);
            List<String> notes = List.of(
                    "nginx guest: a master forks the workers (μFork " + strategy.key() + " / the monolithic baseline's copy-on-write fork); "
                            + "each worker accepts a keep-alive connection and serves it with blocking reads, so a worker waiting for its "
                            + "client's next request yields the core to the others",
                    String.format("load: wrk-like closed loop, %d connection(s), each sending the next GET / %d ns (round trip) after a "
                            + "response left the server; throughput = %d responses after %d warm-up ones over their emulated time",
                            connections, rttNanos, requests, warmup),
                    "network stack: " + net + " charged to the core making the socket call; accept also handles "
                            + org.uforklab.sasos.net.Listener.HANDSHAKE_SEGMENTS + " handshake segments",
                    "ufork series: 1 core as in the paper, adversarial (TOCTTOU copies of write() inputs and read() results) or "
                            + "non-adversarial isolation; cheribsd_multicore: 4 cores, the master on core 0 and the workers on cores 1-3; "
                            + "cheribsd_1core: 1 core",
                    CPU + ": busy cycles of all cores during the window per measured request (the server's CPU demand); "
                            + COPIED + ": bytes through TOCTTOU bounce buffers per request");
            return new ExperimentResult(NAME, title(), rows, charts(), notes,
                    Provenance.capture(Series.UFORK.config(strategy), p, seed));
        } finally {
            pool.shutdownNow();
        }
    }

    /** One point on a fresh kernel: boot, start nginx with {@code workers}, run the load, shut down. */
    static Wrk.Result measure(ForkSystem system, KernelConfig config, int workers, NetworkCosts net, int connections, long rttNanos,
            long warmup, long requests, long seed) {
        ForkService svc = system.boot(seed, config);
        Nginx n = Nginx.start(svc.kernel(), workers, net);
        Wrk.Result r = n.wrk(new Wrk(connections, svc.kernel().cyclesFor(rttNanos), warmup, requests, "/"));
        if (r.bad() > 0) {
            throw new IllegalStateException("nginx on " + system + " with " + workers + " worker(s) gave " + r.bad() + " bad response(s), "
                    + "the first: " + r.firstBad() + " " + r.firstBad().headers());
        }
        return r;
    }

}
