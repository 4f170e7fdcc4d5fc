package org.uforklab.experiments;

import java.util.Arrays;
import org.uforklab.sasos.Kernel;
import org.uforklab.sasos.KernelConfig;
import org.uforklab.ufork.ForkService;
import org.uforklab.ufork.ForkStrategy;
import org.uforklab.ufork.UFork;
import org.uforklab.ufork.UForkConfig;
import org.uforklab.ufork.baseline.MonolithicFork;

/**
 * A fork implementation a figure compares: μFork with one of its strategies (one address space, sentry
 * system calls, seeded ASLR) or the monolithic baseline standing for CheriBSD (an address space per process,
 * SVC system calls, {@link MonolithicFork#kernelConfig()}). Each knows the series name the paper's CSV uses.
 */
public enum ForkSystem {
    /** μFork, copy on pointer access. */
    COPA("copa", "ufork_copa", ForkStrategy.COPY_ON_POINTER_ACCESS),
    /** μFork, copy on access. */
    COA("coa", "ufork_coa", ForkStrategy.COPY_ON_ACCESS),
    /** μFork, every page copied in fork. */
    FULL_COPY("full_copy", "ufork_full_copy", ForkStrategy.FULL_COPY),
    /** The monolithic copy-on-write baseline (CheriBSD in the paper). */
    MONOLITHIC("monolithic", "cheribsd", ForkStrategy.MONOLITHIC_COW);

    private final String key;
    private final String paperSeries;
    private final ForkStrategy strategy;

    ForkSystem(String key, String paperSeries, ForkStrategy strategy) {
        this.key = key;
        this.paperSeries = paperSeries;
        this.strategy = strategy;
    }

    /** The name in parameters ({@code copa}, {@code coa}, {@code full_copy}, {@code monolithic}). */
    public String key() {
        return key;
    }

    /** The series in ufork-paper-figures.csv (Figs 4 and 5). */
    public String paperSeries() {
        return paperSeries;
    }

    /** The fork strategy. */
    public ForkStrategy strategy() {
        return strategy;
    }

    /** Whether this is μFork (one address space) rather than the monolithic baseline. */
    public boolean isUFork() {
        return strategy.isUFork();
    }

    /** The kernel this system runs on. */
    public KernelConfig kernelConfig() {
        return isUFork() ? KernelConfig.defaults() : MonolithicFork.kernelConfig();
    }

    /** The kernel this system runs on, with {@code cores} cores. */
    public KernelConfig kernelConfig(int cores) {
        return kernelConfig().withCores(cores);
    }

    /**
     * The kernel this system runs on with {@code cores} cores, on a machine with {@code memoryBytes} of DRAM (a dataset
     * larger than the default's).
     */
    public KernelConfig kernelConfig(int cores, long memoryBytes) {
        KernelConfig c = kernelConfig(cores);
        return c.withMachine(c.machine().withMemoryBytes(memoryBytes));
    }

    /** Boots a kernel for this system and installs its fork (μFork with ASLR seeded by {@code seed}). */
    public ForkService boot(long seed) {
        return boot(seed, kernelConfig());
    }

    /**
     * Boots a kernel for this system on {@code cores} cores and installs its fork. One core is the artifact's default
     * (non-SMP) build, where a child runs on the forking core once the parent yields or blocks.
     */
    public ForkService boot(long seed, int cores) {
        return boot(seed, kernelConfig(cores));
    }

    /** {@link #boot(long, int)} on a machine with {@code memoryBytes} of DRAM. */
    public ForkService boot(long seed, int cores, long memoryBytes) {
        return boot(seed, kernelConfig(cores, memoryBytes));
    }

    /**
     * Boots {@code config} (a variant of {@link #kernelConfig()}: another core count or isolation level) and installs
     * this system's fork, with ASLR seeded by {@code seed} for μFork.
     */
    public ForkService boot(long seed, KernelConfig config) {
        Kernel k = Kernel.boot(config);
        return isUFork() ? UFork.install(k, UForkConfig.defaults().withStrategy(strategy).withAslr(seed)) : MonolithicFork.install(k);
    }

    /**
     * Makes the next fork on {@code service} (booted for this system or for another one sharing its kernel kind) use
     * this system's strategy and the ASLR draws of {@code seed}. The monolithic baseline has no ASLR: a child lives
     * at its parent's addresses in its own address space, so the seed changes nothing there.
     */
    public void prepareFork(ForkService service, long seed) {
        if (service instanceof UFork u) {
            if (!isUFork()) {
                throw new IllegalArgumentException(key + " cannot fork on a μFork kernel");
            }
            u.reseedAslr(seed).forkNextWith(strategy);
        } else if (isUFork()) {
            throw new IllegalArgumentException(key + " needs a μFork kernel, not " + service);
        }
    }

    /** Parses a key ({@code copa, coa, full_copy, monolithic}; {@code ufork} means CoPA). */
    public static ForkSystem parse(String s) {
        String t = s.strip().toLowerCase();
        if (t.equals("ufork")) {
            return COPA;
        }
        return Arrays.stream(values()).filter(v -> v.key.equals(t)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "unknown fork system '" + s + "' (copa, coa, full_copy, monolithic)"));
    }

    @Override
    public String toString() {
        return key + " (" + strategy.shortName() + ")";
    }
}
