package org.uforklab.experiments;

/**
 * How one metric of a result is charted: series as lines over x (or bars over labelled x), with log axes
 * where the paper uses them.
 *
 * @param metric  the rows' metric this chart shows
 * @param title   chart title
 * @param xTitle  x-axis title
 * @param yTitle  y-axis title (with the unit)
 * @param logX    logarithmic x axis (ignored for labelled x)
 * @param logY    logarithmic y axis
 */
public record ChartSpec(String metric, String title, String xTitle, String yTitle, boolean logX, boolean logY) {
}
