package org.uforklab.experiments;

/**
 * One data point of the µFork paper's evaluation (a row of {@code ufork-paper-figures.csv}).
 *
 * @param figure e.g. {@code fig4}
 * @param metric e.g. {@code fork_latency}
 * @param series the system or variant, spelled as in the CSV's {@code system} column (e.g. {@code ufork_copa})
 * @param x      the x value as spelled in the CSV (a number such as {@code 100000}, or a label such as {@code hello_world})
 * @param xUnit  unit of x ({@code bytes}, {@code cores}, ...; empty for labels)
 * @param value  the paper's value
 * @param unit   unit of the value ({@code us}, {@code MB}, {@code ms}, ...)
 * @param basis  {@code text} (stated verbatim) or {@code fig} (read off the figure, ±2–4 %)
 */
public record PaperPoint(String figure, String metric, String series, String x, String xUnit, double value, String unit,
        String basis) {

    /** x as a number, or NaN for a label. */
    public double xValue() {
        try {
            return Double.parseDouble(x);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    @Override
    public String toString() {
        return figure + " " + metric + " " + series + " @ " + x + (xUnit.isEmpty() ? "" : " " + xUnit) + " = " + value + " " + unit
                + " [" + basis + "]";
    }
}
