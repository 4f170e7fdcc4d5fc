package org.uforklab.experiments;

import java.util.List;

/**
 * An experiment definition: a name, parameters whose defaults are the paper's setup, the charts of its
 * metrics, and a run that yields an {@link ExperimentResult}.
 */
public interface Experiment {
    /** The name used on the command line ({@code uforklab run NAME}). */
    String name();

    /** A one-line title. */
    String title();

    /** The paper figure it reproduces ({@code fig4} ...), or empty when the paper has none. */
    String figure();

    /** The parameters, with defaults. */
    List<Parameter> parameters();

    /** The charts, one per metric. */
    List<ChartSpec> charts();

    /** Whether the run needs μFork's fork. */
    boolean needsFork();

    /**
     * Runs with {@code parameters}, reporting progress.
     *
     * @throws ForkUnavailableException if the experiment needs fork and the kernel has none
     * @throws IllegalArgumentException for a bad parameter value
     */
    ExperimentResult run(Parameters parameters, Progress progress);

    /** The default parameter values. */
    default Parameters defaults() {
        return Parameters.defaults(parameters());
    }
}
