package org.uforklab.experiments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a result into a directory: {@code NAME.csv} (the table), {@code NAME.json} (result and provenance),
 * and per chart {@code NAME-METRIC.html} (Plotly, offline) and {@code NAME-METRIC.svg}, plus plotly.js once.
 */
public final class ResultWriter {
    private ResultWriter() {
    }

    /** Writes every file; returns the paths written. */
    public static List<Path> write(ExperimentResult result, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> out = new ArrayList<>();
        Path csv = dir.resolve(result.experiment() + ".csv");
        result.table().write().csv(csv.toFile());
        out.add(csv);
        Path json = dir.resolve(result.experiment() + ".json");
        ResultJson.write(result, json);
        out.add(json);
        out.addAll(writeCharts(result, dir));
        return out;
    }

    /** Writes the charts only (e.g. again from a reloaded result); returns the paths written. */
    public static List<Path> writeCharts(ExperimentResult result, Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        boolean hadPlotly = Files.exists(dir.resolve(PlotlyChart.PLOTLY_FILE));
        for (ChartFiles f : chartFiles(result, dir)) {
            out.add(f.html());
            out.add(f.svg());
        }
        if (!hadPlotly && !result.charts().isEmpty()) {
            out.add(dir.resolve(PlotlyChart.PLOTLY_FILE));
        }
        return out;
    }

    /**
     * Writes each chart as {@code NAME-METRIC.html} and {@code NAME-METRIC.svg}, and plotly.js beside them if it
     * is not there yet; returns the pair of files of each chart, in {@link ExperimentResult#charts()} order.
     */
    public static List<ChartFiles> chartFiles(ExperimentResult result, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<ChartFiles> out = new ArrayList<>();
        for (ChartSpec spec : result.charts()) {
            ChartData data = ChartData.of(result, spec);
            String stem = result.experiment() + "-" + spec.metric();
            Path html = dir.resolve(stem + ".html");
            Files.writeString(html, PlotlyChart.page(data));
            Path svg = dir.resolve(stem + ".svg");
            Files.writeString(svg, SvgChart.render(data));
            out.add(new ChartFiles(html, svg));
        }
        Path js = dir.resolve(PlotlyChart.PLOTLY_FILE);
        if (!result.charts().isEmpty() && !Files.exists(js)) {
            Files.write(js, PlotlyChart.plotlyJs());
        }
        return out;
    }
}
