package org.uforklab.experiments;

import java.util.ArrayList;
import java.util.List;
import org.uforklab.experiments.guests.Guests;
import org.uforklab.machine.time.Cost;
import org.uforklab.sasos.Kernel;
import org.uforklab.sasos.proc.LaunchOptions;
import org.uforklab.sasos.proc.MicroProcess;
import org.uforklab.ufork.ForkService;
import org.uforklab.ufork.ForkStats;
import org.uforklab.ufork.baseline.VmCloneModel;

/**
 * Fig 8: a hello-world program forks once (the child prints and exits, the parent waits). Fork latency is
 * the parent's blocked time from {@link ForkStats}; memory per process is the child's PSS when it is reaped
 * (everything it copied still mapped). Series: μFork (CoPA by default), the monolithic baseline, and the
 * VM-clone model standing for Nephele — a MODEL ({@link VmCloneModel}) calibrated to the paper's Nephele
 * numbers on this very guest, so its ratio is 1 by construction.
 */
public final class HelloForkExperiment implements Experiment {
    /** The name on the command line. */
    public static final String NAME = "fig8";
    /**
     * The static heap of the artifact's programs: the app heap array {@code flexos_comp0_alloc} of
     * CONFIG_LIBFLEXOS_COMP_HEAP_SIZE = 10000 pages in the copy region of every µprocess (ufork-paper.md §3.2).
     */
    public static final long ARTIFACT_HEAP_BYTES = 10_000L * 4096;
    private static final String X = "hello_world";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "hello-world fork latency and memory per process";
    }

    @Override
    public String figure() {
        return "fig8";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(
                new Parameter("systems", "ufork,monolithic,vm_clone",
                        "μFork, the monolithic baseline (CheriBSD), the VM-clone model (Nephele)"),
                new Parameter("strategy", "copa", "μFork's strategy for the ufork series (copa, coa, full_copy)"),
                new Parameter("seeds", "10", "repetitions, each with its own ASLR seed (the paper: mean of 10)"),
                new Parameter("seed", "1", "first ASLR seed"),
                new Parameter("heapBytes", Long.toString(ARTIFACT_HEAP_BYTES), "the program's static heap (demand-zero): the "
                        + "artifact's app heap array, CONFIG_LIBFLEXOS_COMP_HEAP_SIZE = 10000 pages"),
                new Parameter("cores", "1", "cores of the emulated Morello (1: the artifact's non-SMP build)"));
    }

    @Override
    public List<ChartSpec> charts() {
        return List.of(new ChartSpec("fork_latency", "Fig 8: hello-world fork latency", "program", "fork latency (µs)", false, true),
                new ChartSpec("process_memory_pss", "Fig 8: memory per process", "program", "PSS (MB)", false, true));
    }

    @Override
    public boolean needsFork() {
        return true;
    }

    @Override
    public ExperimentResult run(Parameters p, Progress progress) {
        List<String> systems = p.getList("systems");
        ForkSystem ufork = ForkSystem.parse(p.get("strategy"));
        if (!ufork.isUFork()) {
            throw new IllegalArgumentException("parameter 'strategy': " + ufork.key() + " is not a μFork strategy");
        }
        long seeds = p.getLong("seeds");
        long seed0 = p.getLong("seed");
        if (seeds < 1) {
            throw new IllegalArgumentException("parameter 'seeds' must be at least 1, got " + seeds);
        }
        LaunchOptions launch = launchOptions(p);
        int cores = cores(p);
        PaperData paper = PaperData.load();
        List<ResultRow> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        progress.start(NAME, systems.size());
        for (String system : systems) {
            switch (system) {
                case "ufork", "monolithic" -> {
                    ForkSystem fs = system.equals("ufork") ? ufork : ForkSystem.MONOLITHIC;
                    String series = system.equals("ufork") ? "ufork" : "cheribsd";
                    double latency = 0;
                    double pss = 0;
                    for (long s = seed0; s < seed0 + seeds; s++) {
                        ForkStats f = helloFork(fs, s, launch, cores);
                        latency += f.latencyMicros();
                        pss += f.pssChildAtExit() / 1e6;
                    }
                    rows.add(ResultRow.against(paper, "fig8", "fork_latency", series, X, latency / seeds, "us"));
                    rows.add(ResultRow.against(paper, "fig8", "process_memory_pss", series, X, pss / seeds, "MB"));
                    progress.step(String.format("%s (%s): %.2f µs, %.3f MB", system, fs, latency / seeds, pss / seeds));
                }
                case "vm_clone" -> {
                    ForkService svc = ForkSystem.COPA.boot(seed0, cores);
                    Kernel k = svc.kernel();
                    MicroProcess parent = k.launch(Guests.helloFork(), launch);
                    // resident pages: demand-zero ones (the zero frame) are not the guest's memory yet
                    long pages = k.inspect().pages(parent).stream().filter(m -> !k.frames().isZeroFrame(m.pa())).count();
                    VmCloneModel model = VmCloneModel.calibrated(k.machine().config().clockHz(),
                            k.machine().config().costs().get(Cost.PTE_WRITE), pages);
                    rows.add(ResultRow.against(paper, "fig8", "fork_latency", "nephele", X, model.forkMicros(pages), "us"));
                    rows.add(ResultRow.against(paper, "fig8", "process_memory_pss", "nephele", X, model.cloneBytes(pages) / 1e6, "MB"));
                    notes.add("nephele is a MODEL, not a measurement: " + model + ", calibrated on this guest (" + pages
                            + " resident pages), so it reproduces the paper's 10,700 µs and 1.6 MB by construction");
                    progress.step("vm_clone: model calibrated on " + pages + " pages");
                }
                default -> throw new IllegalArgumentException("parameter 'systems': unknown system '" + system
                        + "' (ufork, monolithic, vm_clone)");
            }
        }
        progress.done();
        notes.add("fork latency: cycles the parent's core spends in fork (system-call entry to return, incl. the fixed "
                + "syscall path), mean over " + seeds + " ASLR seed(s) from " + seed0 + "; the monolithic baseline has no ASLR");
        notes.add("memory per process: PSS of the child when it is reaped, shares by ownership (its own pages count whole, frames "
                + "it borrows from its μFork parent nothing, frames owned jointly, as a monolithic kernel's copy-on-write ones, "
                + "divided by their mappers; demand-zero pages nothing)");
        notes.add("the program has the artifact's " + launch.heapSize() + "-byte static heap (demand-zero; every page has a PTE "
                + "in μFork's region, none in the baseline's address space until touched), on " + cores + " core(s)");
        return new ExperimentResult(NAME, title(), rows, charts(), notes, Provenance.capture(ufork.kernelConfig(cores), p, seed0));
    }

    /** The launch options of {@code p}'s static heap ({@code heapBytes}, page-rounded). */
    static LaunchOptions launchOptions(Parameters p) {
        long heap = p.asMap().containsKey("heapBytes") ? p.getLong("heapBytes") : ARTIFACT_HEAP_BYTES;
        if (heap < 0 || heap > (1L << 32)) {
            throw new IllegalArgumentException("parameter 'heapBytes' must be in [0, 4 GiB], got " + heap);
        }
        return LaunchOptions.defaults().withHeap(heap);
    }

    /** The core count of {@code p} (1 when absent, as in results saved before the parameter existed). */
    static int cores(Parameters p) {
        long c = p.asMap().containsKey("cores") ? p.getLong("cores") : 1;
        if (c < 1 || c > 4) {
            throw new IllegalArgumentException("parameter 'cores' must be in [1, 4], got " + c);
        }
        return (int) c;
    }

    /** One run of the hello guest on a fresh kernel of {@code system}: the fork's statistics, the child reaped. */
    static ForkStats helloFork(ForkSystem system, long seed, LaunchOptions launch, int cores) {
        ForkService svc = system.boot(seed, cores);
        Kernel k = svc.kernel();
        MicroProcess p = k.runUntilExit(k.launch(Guests.helloFork(), launch));
        if (p.exitCode() != 0 || svc.forks().size() != 1) {
            throw new IllegalStateException("hello_fork on " + system + " failed: " + p + (p.fault() == null ? "" : " " + p.fault()));
        }
        return svc.forks().get(0);
    }
}
