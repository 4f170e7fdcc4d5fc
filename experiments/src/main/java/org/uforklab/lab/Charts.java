package org.uforklab.lab;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.nio.file.Files;
import org.uforklab.experiments.ChartData;
import org.uforklab.experiments.ChartFiles;
import org.uforklab.experiments.PlotlyChart;
import org.uforklab.experiments.SvgChart;
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
 * Charts.show(Charts.chart("mine", "x", "y").point("a", 1, 2).point("a", 2, 3).build());   // one's own numbers
 * }</pre>
 * In a notebook the kernel draws results and charts inline instead (Plotly with a static SVG).
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

    /** A chart of one's own numbers: add points, then {@link ChartBuilder#build()}. */
    public static ChartBuilder chart(String title, String xTitle, String yTitle) {
        return new ChartBuilder(title, xTitle, yTitle);
    }

    /** Writes {@code chart} into {@link #defaultDirectory()} and prints its paths on stdout. */
    public static ChartFiles show(ChartData chart) {
        return show(chart, defaultDirectory(), System.out);
    }

    /**
     * Writes {@code chart} into {@code dir} as {@code METRIC.html} (Plotly, offline, with plotly.js beside it) and
     * {@code METRIC.svg}, and prints one line on {@code out}; returns the files.
     *
     * @throws UncheckedIOException naming the directory when a file cannot be written
     */
    public static ChartFiles show(ChartData chart, Path dir, PrintStream out) {
        Path d = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(d);
            Path html = d.resolve(chart.spec().metric() + ".html");
            Files.writeString(html, PlotlyChart.page(chart));
            Path svg = d.resolve(chart.spec().metric() + ".svg");
            Files.writeString(svg, SvgChart.render(chart));
            Path js = d.resolve(PlotlyChart.PLOTLY_FILE);
            if (!Files.exists(js)) {
                Files.write(js, PlotlyChart.plotlyJs());
            }
            ChartFiles f = new ChartFiles(html, svg);
            out.println(f);
            out.flush();
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chart " + chart.spec().metric() + " into " + dir + ": " + e.getMessage(), e);
        }
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
