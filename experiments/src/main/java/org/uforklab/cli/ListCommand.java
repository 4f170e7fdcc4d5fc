package org.uforklab.cli;

import java.io.PrintWriter;
import org.uforklab.experiments.Experiment;
import org.uforklab.experiments.Experiments;
import org.uforklab.experiments.ForkSupport;
import org.uforklab.experiments.Parameter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code uforklab list}: the registered experiments, with their parameters and defaults under {@code -v}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the experiments (-v: with parameters and defaults).")
public final class ListCommand implements Runnable {

    @Option(names = {"-v", "--verbose"}, description = "show every parameter with its default")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        for (Experiment e : Experiments.standard().all()) {
            String status = e.needsFork() && !ForkSupport.available() ? "  [needs fork: not runnable yet]" : "";
            out.printf("%-18s %-6s %s%s%n", e.name(), e.figure().isEmpty() ? "-" : e.figure(), e.title(), status);
            if (verbose) {
                for (Parameter p : e.parameters()) {
                    out.printf("    %s=%s  %s%n", p.name(), p.defaultValue(), p.description());
                }
            }
        }
    }
}
