package org.uforklab.experiments;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Our values against the paper's: one row per paper data point (our value where a saved result has it) and
 * per figure the geometric-mean error, {@code exp(mean |ln(ours/paper)|) − 1}, over the points measured.
 *
 * @param rows    one per paper point, in the CSV's order
 * @param figures per figure: points, points measured, geometric-mean error (NaN when none measured)
 */
public record Fidelity(List<ResultRow> rows, Map<String, FigureError> figures) {

    /** The error summary of one figure. */
    public record FigureError(String figure, int points, int measured, double geomeanError) {
        @Override
        public String toString() {
            return figure + ": " + measured + "/" + points + " points measured, geometric-mean error "
                    + (Double.isNaN(geomeanError) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * geomeanError));
        }
    }

    /** The CSV header of {@link #csv()}. */
    public static final String CSV_HEADER = "figure,metric,series,x,ours,paper,ratio";

    /** Matches every paper point with the first row of {@code results} having the same figure, metric, series and x. */
    public static Fidelity compute(PaperData paper, List<ExperimentResult> results) {
        Map<String, Double> ours = new LinkedHashMap<>();
        for (ExperimentResult r : results) {
            for (ResultRow row : r.rows()) {
                if (!Double.isNaN(row.ours())) {
                    ours.putIfAbsent(key(row.figure(), row.metric(), row.series(), row.x()), row.ours());
                }
            }
        }
        List<ResultRow> rows = new ArrayList<>();
        Map<String, List<Double>> logs = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (PaperPoint p : paper.points()) {
            double o = ours.getOrDefault(key(p.figure(), p.metric(), p.series(), p.x()), Double.NaN);
            ResultRow row = ResultRow.of(p, o);
            rows.add(row);
            counts.merge(p.figure(), 1, Integer::sum);
            List<Double> l = logs.computeIfAbsent(p.figure(), f -> new ArrayList<>());
            if (!Double.isNaN(row.ratio()) && row.ratio() > 0) {
                l.add(Math.abs(Math.log(row.ratio())));
            }
        }
        Map<String, FigureError> figs = new LinkedHashMap<>();
        counts.forEach((f, n) -> {
            List<Double> l = logs.get(f);
            double err = l.isEmpty() ? Double.NaN : Math.exp(l.stream().mapToDouble(Double::doubleValue).average().orElseThrow()) - 1;
            figs.put(f, new FigureError(f, n, l.size(), err));
        });
        return new Fidelity(List.copyOf(rows), figs);
    }

    private static String key(String figure, String metric, String series, String x) {
        return figure + "\u0000" + metric + "\u0000" + series + "\u0000" + x;
    }

    /** The rows as CSV with {@link #CSV_HEADER}; missing values are empty fields. */
    public String csv() {
        StringBuilder sb = new StringBuilder(CSV_HEADER).append('\n');
        for (ResultRow r : rows) {
            sb.append(r.figure()).append(',').append(r.metric()).append(',').append(r.series()).append(',').append(r.x()).append(',')
                    .append(num(r.ours())).append(',').append(num(r.paper())).append(',').append(num(r.ratio())).append('\n');
        }
        return sb.toString();
    }

    /** A text report: per figure its rows, then its error. */
    public String report() {
        StringBuilder sb = new StringBuilder();
        String fig = null;
        for (ResultRow r : rows) {
            if (!r.figure().equals(fig)) {
                if (fig != null) {
                    sb.append("  ").append(figures.get(fig)).append("\n\n");
                }
                fig = r.figure();
                sb.append(String.format(Locale.ROOT, "%-5s %-32s %-18s %-12s %12s %12s %8s%n", "fig", "metric", "series", "x", "ours", "paper",
                        "ratio"));
            }
            sb.append(String.format(Locale.ROOT, "%-5s %-32s %-18s %-12s %12s %12s %8s %s%n", r.figure(), r.metric(), r.series(), r.x(),
                    Double.isNaN(r.ours()) ? "-" : num(r.ours()), num(r.paper()), Double.isNaN(r.ratio()) ? "-" : String.format(Locale.ROOT,
                            "%.3f", r.ratio()), r.unit()));
        }
        if (fig != null) {
            sb.append("  ").append(figures.get(fig)).append('\n');
        }
        return sb.toString();
    }

    private static String num(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.6g", v);
    }
}
