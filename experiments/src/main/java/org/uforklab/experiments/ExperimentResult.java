package org.uforklab.experiments;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.uforklab.lab.display.Table.Builder;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What a run yields: one row per (metric, series, x) with our value, the paper's and their ratio; how each
 * metric is charted; notes; and the provenance to rerun it. Saved and reloaded by {@link ResultJson}, written
 * as CSV, HTML and SVG by {@link ResultWriter}.
 *
 * @param experiment the experiment's name
 * @param title      a one-line title
 * @param rows       the data
 * @param charts     one chart per metric
 * @param notes      what the reader must know (e.g. which series could not be measured, and why)
 * @param provenance where the numbers came from
 */
public record ExperimentResult(String experiment, String title, List<ResultRow> rows, List<ChartSpec> charts, List<String> notes,
        Provenance provenance) {

    /** Copies the lists. */
    public ExperimentResult {
        rows = List.copyOf(rows);
        charts = List.copyOf(charts);
        notes = List.copyOf(notes);
    }

    /** The rows as a Tablesaw table: figure, metric, series, x, ours, paper, ratio, unit. */
    public Table table() {
        Table t = Table.create(experiment,
                StringColumn.create("figure"), StringColumn.create("metric"), StringColumn.create("series"),
                StringColumn.create("x"), DoubleColumn.create("ours"), DoubleColumn.create("paper"),
                DoubleColumn.create("ratio"), StringColumn.create("unit"));
        for (ResultRow r : rows) {
            t.stringColumn("figure").append(r.figure());
            t.stringColumn("metric").append(r.metric());
            t.stringColumn("series").append(r.series());
            t.stringColumn("x").append(r.x());
            appendOrMissing(t.doubleColumn("ours"), r.ours());
            appendOrMissing(t.doubleColumn("paper"), r.paper());
            appendOrMissing(t.doubleColumn("ratio"), r.ratio());
            t.stringColumn("unit").append(r.unit());
        }
        return t;
    }

    private static void appendOrMissing(DoubleColumn c, double v) {
        if (Double.isNaN(v)) {
            c.appendMissing();
        } else {
            c.append(v);
        }
    }

    /** The rows of one metric. */
    public List<ResultRow> rows(String metric) {
        return rows.stream().filter(r -> r.metric().equals(metric)).toList();
    }

    /** Series names of one metric, in first-appearance order. */
    public List<String> series(String metric) {
        return new ArrayList<>(new LinkedHashSet<>(rows(metric).stream().map(ResultRow::series).toList()));
    }

    /** Every chart's points, in {@link #charts()} order (what {@link PlotlyChart} and {@link SvgChart} draw). */
    public List<ChartData> chartData() {
        return charts.stream().map(spec -> ChartData.of(this, spec)).toList();
    }

    /** The rows as a lab table (metric, series, x, ours, paper, ratio, unit; empty cells where a value is missing). */
    public org.uforklab.lab.display.Table rowTable() {
        Builder b = org.uforklab.lab.display.Table.builder("metric", "series", "x", "ours", "paper", "ratio", "unit").title(experiment);
        for (ResultRow r : rows) {
            b.row(r.metric(), r.series(), r.x(), orNull(r.ours()), orNull(r.paper()), orNull(r.ratio()), r.unit());
        }
        return b.build();
    }

    private static Double orNull(double v) {
        return Double.isNaN(v) ? null : v;
    }

    /** Rows shown by {@link #toString()}. */
    public static final int DEFAULT_HEAD = 20;

    /**
     * The title, the notes and a bounded table (the first {@value #DEFAULT_HEAD} rows and a count), so a result
     * is safe to print at a prompt; {@link #table()} has every row.
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(experiment).append(": ").append(title).append(" (").append(rows.size()).append(" rows)");
        notes.forEach(n -> sb.append("\n  note: ").append(n));
        sb.append('\n').append(rowTable().titled("").render(DEFAULT_HEAD));
        return sb.toString().stripTrailing();
    }
}
