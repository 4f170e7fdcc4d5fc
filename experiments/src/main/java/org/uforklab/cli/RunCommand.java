package org.uforklab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.uforklab.experiments.ConsoleProgress;
import org.uforklab.experiments.Experiment;
import org.uforklab.experiments.ExperimentResult;
import org.uforklab.experiments.Experiments;
import org.uforklab.experiments.Parameters;
import org.uforklab.experiments.ResultWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code uforklab run EXPERIMENT [--set key=value ...] [--out DIR]}: runs an experiment with a progress line
 * on stderr and writes its table (CSV), charts (HTML + SVG) and JSON into DIR.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run an experiment and write its table (CSV), charts (HTML, SVG) and JSON result.")
public final class RunCommand implements Runnable {

    @picocli.CommandLine.Parameters(index = "0", paramLabel = "EXPERIMENT", description = "an experiment ('uforklab list')")
    String experiment;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a parameter (repeatable)")
    List<String> settings = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "output directory (default ${DEFAULT-VALUE})")
    Path out = Path.of("results");

    @Option(names = "--quiet", description = "no progress line")
    boolean quiet;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter o = spec.commandLine().getOut();
        Experiment e = Experiments.standard().get(experiment);
        Parameters p = e.defaults().with(settings);
        ExperimentResult r = e.run(p, quiet ? org.uforklab.experiments.Progress.NONE : new ConsoleProgress(spec.commandLine().getErr()));
        try {
            for (Path f : ResultWriter.write(r, out)) {
                o.println("wrote " + f);
            }
        } catch (IOException ex) {
            throw new IllegalStateException("cannot write results to " + out + ": " + ex.getMessage(), ex);
        }
    }
}
