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

    /** Proportional set size of {@code p} in bytes (0 once it is reaped). */
    long pss(MicroProcess p);

    /** The statistics of the fork that created the µprocess {@code childPid}, if this service made it. */
    default Optional<ForkStats> forkOf(long childPid) {
        return forks().stream().filter(f -> f.childPid() == childPid).findFirst();
    }

    /** The fork service installed on {@code kernel}, if any. */
    static Optional<ForkService> of(Kernel kernel) {
        return kernel.extension() instanceof ForkService s ? Optional.of(s) : Optional.empty();
    }
}
