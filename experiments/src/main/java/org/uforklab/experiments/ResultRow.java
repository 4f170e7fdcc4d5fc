package org.uforklab.experiments;

/**
 * One (series, x) point of a result: our value, the paper's, and their ratio (NaN where either is missing).
 *
 * @param figure the paper figure (e.g. {@code fig4}) or the experiment's name when the paper has none
 * @param metric e.g. {@code fork_latency}
 * @param series spelled as in ufork-paper-figures.csv
 * @param x      spelled as in ufork-paper-figures.csv (a number or a label)
 * @param ours   our value, NaN if not measured
 * @param paper  the paper's value, NaN if the paper has none
 * @param unit   unit of both values
 */
public record ResultRow(String figure, String metric, String series, String x, double ours, double paper, String unit) {

    /** ours / paper, NaN if either is missing. */
    public double ratio() {
        return Double.isNaN(ours) || Double.isNaN(paper) || paper == 0 ? Double.NaN : ours / paper;
    }

    /** x as a number (NaN for a label). */
    public double xValue() {
        try {
            return Double.parseDouble(x);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** A row of ours only. */
    public static ResultRow measured(String figure, String metric, String series, String x, double ours, String unit) {
        return new ResultRow(figure, metric, series, x, ours, Double.NaN, unit);
    }

    /** The paper's row with our value filled in. */
    public static ResultRow of(PaperPoint p, double ours) {
        return new ResultRow(p.figure(), p.metric(), p.series(), p.x(), ours, p.value(), p.unit());
    }

    /** Our value at (figure, metric, series, x) with the paper's value there, if the paper has one. */
    public static ResultRow against(PaperData paper, String figure, String metric, String series, String x, double ours, String unit) {
        return paper.find(figure, metric, series, x).map(p -> of(p, ours))
                .orElseGet(() -> new ResultRow(figure, metric, series, x, ours, Double.NaN, unit));
    }
}
