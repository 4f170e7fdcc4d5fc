package org.uforklab.experiments;

import java.nio.file.Path;

/**
 * The two files of one written chart: the interactive Plotly page and the static SVG of the same data.
 *
 * @param html the Plotly page (loads plotly.js from beside it, offline)
 * @param svg  the static SVG
 */
public record ChartFiles(Path html, Path svg) {

    /** {@code chart: HTML (svg: SVG)}, the line the REPL prints. */
    @Override
    public String toString() {
        return "chart: " + html + " (svg: " + svg + ")";
    }
}
