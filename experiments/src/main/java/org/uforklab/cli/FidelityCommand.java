package org.uforklab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.uforklab.experiments.ExperimentResult;
import org.uforklab.experiments.Fidelity;
import org.uforklab.experiments.PaperData;
import org.uforklab.experiments.ResultJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code uforklab fidelity [--csv] [--results DIR]}: every paper data point with our value from the saved
 * results in DIR (what {@code uforklab run} wrote), the ratio, and per figure the geometric-mean error.
 */
@Command(name = "fidelity", mixinStandardHelpOptions = true,
        description = "Compare saved results with every data point of the paper (per figure: geometric-mean error).")
public final class FidelityCommand implements Runnable {

    @Option(names = "--csv", description = "print CSV: figure,metric,series,x,ours,paper,ratio")
    boolean csv;

    @Option(names = "--results", paramLabel = "DIR", description = "directory of saved JSON results (default ${DEFAULT-VALUE})")
    Path results = Path.of("results");

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        List<ExperimentResult> saved = new ArrayList<>();
        if (Files.isDirectory(results)) {
            try (Stream<Path> files = Files.list(results)) {
                for (Path f : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                    saved.add(ResultJson.read(f));
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read results in " + results + ": " + e.getMessage(), e);
            }
        }
        Fidelity f = Fidelity.compute(PaperData.load(), saved);
        if (csv) {
            out.print(f.csv());
        } else {
            out.print(f.report());
            out.println();
            out.println(saved.isEmpty() ? "no saved results in " + results + " (uforklab run EXPERIMENT --out " + results + ")"
                    : saved.size() + " saved result(s) read from " + results);
        }
    }
}
