package org.uforklab.lab;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.uforklab.experiments.ChartFiles;
import org.uforklab.experiments.ExperimentResult;
import org.uforklab.experiments.ResultWriter;

/**
 * Charts at a terminal: a terminal cannot draw, so each chart of a result is written as an interactive HTML page
 * (Plotly, offline: plotly.js is written beside it) and a static SVG, and the two paths are printed, one line
 * per chart: {@code chart: /tmp/uforklab-charts/kvstore-populate-populate_time.html (svg: ....svg)}.
 *
 * <pre>{@code
 * var r = Lab.run("kvstore-populate", "sizes=0,1e4,1e5");
 * Charts.show(r);                          // into defaultDirectory()
 * Charts.show(r, Path.of("results"));      // or a directory of one's choice
 * }</pre>
 */
public final class Charts {

    /** The system property that overrides {@link #defaultDirectory()}. */
    public static final String DIRECTORY_PROPERTY = "uforklab.charts";

    private Charts() {
    }

    /**
     * Where {@link #show(ExperimentResult)} writes: the directory named by the system property
     * {@value #DIRECTORY_PROPERTY}, else {@code uforklab-charts} in the temporary directory (so trying things at
     * a prompt leaves nothing in the working tree).
     */
    public static Path defaultDirectory() {
        String dir = System.getProperty(DIRECTORY_PROPERTY);
        return dir != null && !dir.isBlank() ? Path.of(dir) : Path.of(System.getProperty("java.io.tmpdir"), "uforklab-charts");
    }

    /** Writes every chart of {@code result} into {@link #defaultDirectory()} and prints their paths on stdout. */
    public static List<ChartFiles> show(ExperimentResult result) {
        return show(result, defaultDirectory());
    }

    /** Writes every chart of {@code result} into {@code dir} and prints their paths on stdout. */
    public static List<ChartFiles> show(ExperimentResult result, Path dir) {
        return show(result, dir, System.out);
    }

    /**
     * Writes every chart of {@code result} into {@code dir} (created if needed) and prints one line per chart on
     * {@code out}; returns the files (absolute paths).
     *
     * @throws UncheckedIOException naming the directory when a file cannot be written
     */
    public static List<ChartFiles> show(ExperimentResult result, Path dir, PrintStream out) {
        List<ChartFiles> files;
        try {
            files = ResultWriter.chartFiles(result, dir.toAbsolutePath().normalize());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the charts of " + result.experiment() + " into " + dir + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            out.println(result.experiment() + " has no charts");
        }
        files.forEach(out::println);
        out.flush();
        return files;
    }
}
