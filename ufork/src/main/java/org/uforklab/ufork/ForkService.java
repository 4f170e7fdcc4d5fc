package org.uforklab.ufork;

import java.util.List;
import java.util.Optional;
import org.uforklab.sasos.Kernel;
import org.uforklab.sasos.KernelExtension;
import org.uforklab.sasos.proc.MicroProcess;

/**
 * A fork implementation installed on a kernel: μFork ({@link UFork}) or the monolithic baseline
 * ({@code baseline.MonolithicFork}). What a harness needs to read a fork's cost without knowing which one runs:
 * the statistics of every fork and the PSS of a µprocess.
 */
public interface ForkService extends KernelExtension {

    /** The kernel it is installed on. */
    Kernel kernel();

    /** Statistics of every fork so far, in order. */
    List<ForkStats> forks();

    /**
     * Proportional set size of {@code p} in bytes (0 once it is reaped), with shares by ownership: every frame
     * {@code p} maps counts 4 KiB times p's share of it: 1 for a frame p owns (its own pages and copies, a full
     * copy's committed pages), 1/mappers for a frame owned jointly (shared code; a monolithic kernel's
     * copy-on-write frame, which belongs to whichever process keeps it), 0 for a frame that belongs to another
     * µprocess (μFork's sharing: the frame lives in the parent's region and the parent keeps it when either
     * writes), and 0 for the zero frame (demand-zero pages are not memory yet). For a monolithic kernel this is
     * the usual PSS; it is the one definition Figs 5 and 8 use for every system.
     */
    long pss(MicroProcess p);

    /**
     * Plain proportional set size of {@code p} in bytes: every frame it maps (the zero frame excluded) divided by
     * the µprocesses mapping it, whoever owns it. For comparison with {@link #pss}.
     */
    long plainPss(MicroProcess p);

    /** The statistics of the fork that created the µprocess {@code childPid}, if this service made it. */
    default Optional<ForkStats> forkOf(long childPid) {
        return forks().stream().filter(f -> f.childPid() == childPid).findFirst();
    }

    /** The fork service installed on {@code kernel}, if any. */
    static Optional<ForkService> of(Kernel kernel) {
        return kernel.extension() instanceof ForkService s ? Optional.of(s) : Optional.empty();
    }
}
