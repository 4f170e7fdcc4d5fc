package org.uforklab.experiments;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The points of one chart, shared by the Plotly and SVG writers so both draw the same thing: per series, our
 * values and the paper's at each x. The x axis is labelled (categories in first-appearance order) when some x
 * is not a number, or when a log x axis would have to show x ≤ 0 (Fig 4's 0 B).
 *
 * @param spec     the chart
 * @param series   our series and the paper's, in order
 * @param labels   category labels when {@link #categorical()}, else empty
 */
public record ChartData(ChartSpec spec, List<Series> series, List<String> labels) {

    /** One line: name, whether it is the paper's, and its points (x position, y). NaN y values are left out. */
    public record Series(String name, boolean paper, List<double[]> points) {
    }

    /** Whether x is an axis of labels. */
    public boolean categorical() {
        return !labels.isEmpty();
    }

    /** Builds the chart of {@code spec.metric()} from a result. */
    public static ChartData of(ExperimentResult result, ChartSpec spec) {
        List<ResultRow> rows = result.rows(spec.metric());
        boolean categorical = rows.stream().anyMatch(r -> Double.isNaN(r.xValue()) || (spec.logX() && r.xValue() <= 0));
        List<String> labels = categorical ? new ArrayList<>(new LinkedHashSet<>(rows.stream().map(ResultRow::x).toList())) : List.of();
        List<Series> out = new ArrayList<>();
        for (String s : result.series(spec.metric())) {
            List<double[]> ours = new ArrayList<>();
            List<double[]> paper = new ArrayList<>();
            for (ResultRow r : rows) {
                if (!r.series().equals(s)) {
                    continue;
                }
                double x = categorical ? labels.indexOf(r.x()) : r.xValue();
                if (!Double.isNaN(r.ours())) {
                    ours.add(new double[] {x, r.ours()});
                }
                if (!Double.isNaN(r.paper())) {
                    paper.add(new double[] {x, r.paper()});
                }
            }
            if (!ours.isEmpty()) {
                out.add(new Series(s, false, ours));
            }
            if (!paper.isEmpty()) {
                out.add(new Series(s + " (paper)", true, paper));
            }
        }
        return new ChartData(spec, out, labels);
    }
}
