package org.uforklab.experiments;

import java.util.ArrayList;
import java.util.List;
import org.uforklab.experiments.guests.Guests;
import org.uforklab.sasos.Kernel;
import org.uforklab.sasos.image.GuestImage;
import org.uforklab.sasos.proc.LaunchOptions;
import org.uforklab.sasos.proc.MicroProcess;
import org.uforklab.ufork.ForkService;

/**
 * Fig 9: Unixbench spawn ({@code iterations} × fork, the child exits, the parent waits) and context1
 * ({@code roundtrips} counter round trips between two processes over two pipes) on μFork and the monolithic
 * baseline. The time is the emulated time from the guest's launch to its exit, on a fresh kernel per run.
 */
public final class UnixbenchExperiment implements Experiment {
    /** The name on the command line. */
    public static final String NAME = "fig9";
    private static final String SPAWN = "spawn_1000_fork_exit_wait";
    private static final String CONTEXT1 = "context1_100k_pipe_roundtrips";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "Unixbench spawn and context1";
    }

    @Override
    public String figure() {
        return "fig9";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(new Parameter("iterations", "1000", "spawn: fork+exit+wait iterations (§7.4)"),
                new Parameter("roundtrips", "100000", "context1: pipe round trips (§7.4)"),
                new Parameter("systems", "ufork,monolithic", "μFork (CoPA) and the monolithic baseline (CheriBSD)"),
                new Parameter("seeds", "1", "repetitions of the μFork runs, each with its own ASLR seed (the paper: mean of 10; "
                        + "1 by default: a seed only moves regions, and each repetition at the paper's counts takes about 20 s)"),
                new Parameter("seed", "1", "first ASLR seed"),
                new Parameter("heapBytes", Long.toString(HelloForkExperiment.ARTIFACT_HEAP_BYTES),
                        "the programs' static heap (demand-zero): the artifact's 10000-page app heap array"),
                new Parameter("cores", "1", "cores of the emulated Morello (1: the artifact's non-SMP build with its cooperative "
                        + "scheduler, where yield() hands the core to the other process)"));
    }

    @Override
    public List<ChartSpec> charts() {
        return List.of(new ChartSpec(SPAWN, "Fig 9: Unixbench spawn", "iterations", "time (ms)", false, false),
                new ChartSpec(CONTEXT1, "Fig 9: Unixbench context1", "round trips", "time (ms)", false, false));
    }

    @Override
    public boolean needsFork() {
        return true;
    }

    @Override
    public ExperimentResult run(Parameters p, Progress progress) {
        long iterations = p.getLong("iterations");
        long roundtrips = p.getLong("roundtrips");
        long seeds = p.getLong("seeds");
        long seed0 = p.getLong("seed");
        if (seeds < 1) {
            throw new IllegalArgumentException("parameter 'seeds' must be at least 1, got " + seeds);
        }
        List<ForkSystem> systems = p.getList("systems").stream().map(ForkSystem::parse).toList();
        LaunchOptions launch = HelloForkExperiment.launchOptions(p);
        int cores = HelloForkExperiment.cores(p);
        PaperData paper = PaperData.load();
        List<ResultRow> rows = new ArrayList<>();
        progress.start(NAME, 2 * systems.size());
        for (ForkSystem fs : systems) {
            String series = fs.isUFork() ? "ufork" : "cheribsd";
            // the baseline has no ASLR: with a deterministic machine every seed repeats the same run
            long n = fs.isUFork() ? seeds : 1;
            for (String metric : List.of(SPAWN, CONTEXT1)) {
                boolean spawn = metric.equals(SPAWN);
                long count = spawn ? iterations : roundtrips;
                double ms = 0;
                for (long s = seed0; s < seed0 + n; s++) {
                    ms += millis(fs, spawn ? Guests.spawn(count) : Guests.context1(count), s, launch, cores);
                }
                rows.add(ResultRow.against(paper, "fig9", metric, series, Long.toString(count), ms / n, "ms"));
                progress.step(String.format("%s %s × %d: %.3f ms", fs, spawn ? "spawn" : "context1", count, ms / n));
            }
        }
        progress.done();
        List<String> notes = List.of(
                "time: emulated time from launching the guest to its exit (cycles of the machine at its clock), fresh kernel per run",
                "ufork = μFork CoPA with sentry system calls and ASLR (mean over " + seeds + " seed(s) from " + seed0
                        + "); cheribsd = the monolithic baseline (SVC, an address space per process, no ASLR: one run)",
                "the paper's series are labelled by their paper counts (1000, 100000); other counts have no paper value",
                "the programs have the artifact's " + launch.heapSize() + "-byte demand-zero static heap and run on " + cores
                        + " core(s), as the artifact's cooperative non-SMP build");
        return new ExperimentResult(NAME, title(), rows, charts(), notes, Provenance.capture(ForkSystem.COPA.kernelConfig(cores), p, seed0));
    }

    /** Runs {@code image} to its exit on a fresh kernel of {@code system}: emulated milliseconds. */
    static double millis(ForkSystem system, GuestImage image, long seed, LaunchOptions launch, int cores) {
        ForkService svc = system.boot(seed, cores);
        Kernel k = svc.kernel();
        long c0 = k.machine().elapsedCycles();
        MicroProcess proc = k.runUntilExit(k.launch(image, launch));
        if (proc.exitCode() != 0) {
            throw new IllegalStateException(image.name() + " on " + system + " exited " + proc.exitCode() + ": " + proc
                    + (proc.fault() == null ? "" : " " + proc.fault()));
        }
        return k.nanos(k.machine().elapsedCycles() - c0) / 1e6;
    }
}
