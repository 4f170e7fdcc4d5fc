package org.uforklab.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.uforklab.experiments.ChartData;
import org.uforklab.experiments.ChartSpec;

/**
 * A chart of one's own numbers, drawn exactly like an experiment's ({@link ChartData}: Plotly with a static SVG
 * in a notebook, {@link Charts#show(ChartData)} at a terminal). Points go into named series over numeric x, or
 * over labels (categories, in first-use order); a series can have the paper's values beside it, drawn dashed.
 *
 * <pre>{@code
 * Charts.chart("fork latency by strategy", "strategy", "µs")
 *       .point("fork_heap", "CoPA", 2.7).point("fork_heap", "Copy", 11.2)
 *       .build()
 * }</pre>
 */
public final class ChartBuilder {
    private final String title;
    private final String xTitle;
    private final String yTitle;
    private boolean logX;
    private boolean logY;
    private Boolean categorical;
    private final List<String> labels = new ArrayList<>();
    /** Series name (a paper series ends in " (paper)") to points, in first-use order, each followed by its paper series. */
    private final Map<String, List<double[]>> series = new LinkedHashMap<>();

    ChartBuilder(String title, String xTitle, String yTitle) {
        this.title = title;
        this.xTitle = xTitle;
        this.yTitle = yTitle;
    }

    /** A logarithmic x axis (numeric x only). */
    public ChartBuilder logX() {
        logX = true;
        return this;
    }

    /** A logarithmic y axis. */
    public ChartBuilder logY() {
        logY = true;
        return this;
    }

    /** Adds (x, y) to {@code series}. */
    public ChartBuilder point(String series, double x, double y) {
        return add(series, false, numeric(x), y);
    }

    /** Adds (label, y) to {@code series}: x is a category. */
    public ChartBuilder point(String series, String label, double y) {
        return add(series, false, label(label), y);
    }

    /** Adds the paper's (x, y) beside {@code series} (drawn as {@code series (paper)}, dashed). */
    public ChartBuilder paper(String series, double x, double y) {
        return add(series, true, numeric(x), y);
    }

    /** Adds the paper's (label, y) beside {@code series}. */
    public ChartBuilder paper(String series, String label, double y) {
        return add(series, true, label(label), y);
    }

    private double numeric(double x) {
        kind(false);
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("x must be finite, got " + x);
        }
        return x;
    }

    private double label(String label) {
        kind(true);
        int i = labels.indexOf(label);
        if (i < 0) {
            labels.add(label);
            i = labels.size() - 1;
        }
        return i;
    }

    private void kind(boolean labelled) {
        if (categorical != null && categorical != labelled) {
            throw new IllegalArgumentException("chart '" + title + "' mixes numeric x and labels: use one or the other");
        }
        categorical = labelled;
    }

    private ChartBuilder add(String name, boolean paper, double x, double y) {
        if (name == null || name.isBlank() || name.endsWith(" (paper)")) {
            throw new IllegalArgumentException("series name '" + name + "' must be non-blank and not end in ' (paper)'");
        }
        if (Double.isNaN(y)) {
            return this; // a missing value is left out, as in an experiment's chart
        }
        series.computeIfAbsent(name, k -> new ArrayList<>());
        if (paper) {
            series.computeIfAbsent(name + " (paper)", k -> new ArrayList<>()).add(new double[] {x, y});
        } else {
            series.get(name).add(new double[] {x, y});
        }
        return this;
    }

    /**
     * The chart.
     *
     * @throws IllegalStateException if no point was added
     */
    public ChartData build() {
        List<ChartData.Series> out = new ArrayList<>();
        for (Map.Entry<String, List<double[]>> e : series.entrySet()) {
            if (!e.getKey().endsWith(" (paper)")) {
                if (!e.getValue().isEmpty()) {
                    out.add(new ChartData.Series(e.getKey(), false, List.copyOf(e.getValue())));
                }
                List<double[]> p = series.get(e.getKey() + " (paper)");
                if (p != null) {
                    out.add(new ChartData.Series(e.getKey() + " (paper)", true, List.copyOf(p)));
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("chart '" + title + "' has no points");
        }
        String metric = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
        ChartSpec spec = new ChartSpec(metric.isEmpty() ? "chart" : metric, title, xTitle, yTitle, logX && !Boolean.TRUE.equals(categorical), logY);
        return new ChartData(spec, out, Boolean.TRUE.equals(categorical) ? List.copyOf(labels) : List.of());
    }
}
