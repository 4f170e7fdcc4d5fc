package org.uforklab.kernel.display.results;

import java.util.UUID;
import tech.tablesaw.plotly.components.Figure;

/**
 * The HTML of one interactive chart in a notebook: a {@code <div>} that first holds the static SVG of the chart,
 * and a script that replaces it with the Plotly chart once {@code window.Plotly} exists. Where scripts do not
 * run (an untrusted notebook, GitHub, nbconvert) or plotly.js never arrived, the SVG stays: the output is never
 * an empty box.
 */
public final class PlotlyHtml {

    /** How long the script waits for plotly.js, in steps of {@link #WAIT_STEP_MS}. */
    static final int WAIT_STEPS = 50;
    static final int WAIT_STEP_MS = 200;

    private PlotlyHtml() {
    }

    /** The chart with a fresh element id (random, so a chart from a previous session on the page never clashes). */
    public static String chart(Figure figure, String staticSvg) {
        return chart(figure, staticSvg, "uforklab_plot_" + UUID.randomUUID().toString().replace("-", ""));
    }

    /**
     * The chart drawn into the element {@code id} (a JavaScript identifier: tablesaw names a variable after it).
     *
     * @param staticSvg the fallback shown until Plotly draws; null or empty for none
     */
    public static String chart(Figure figure, String staticSvg, String id) {
        if (!id.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("chart id must be a JavaScript identifier, got '" + id + "'");
        }
        String js = figure.asJavascript(id);
        // tablesaw wraps the figure in its own <script>; we need the statements, to run them when Plotly is there
        int open = js.indexOf("<script>");
        int close = js.lastIndexOf("</script>");
        String body = open >= 0 && close > open ? js.substring(open + "<script>".length(), close) : js;
        StringBuilder sb = new StringBuilder();
        sb.append("<div class=\"uforklab-chart\" id=\"").append(id).append("\">");
        if (staticSvg != null && !staticSvg.isEmpty()) {
            sb.append("<div class=\"uforklab-static-chart\">").append(stripProlog(staticSvg)).append("</div>");
        }
        sb.append("</div>\n<script type=\"text/javascript\">\n(function () {\n  var tries = 0;\n  function draw() {\n")
                .append("    var el = document.getElementById('").append(id).append("');\n")
                .append("    if (!el) { return; }\n")
                .append("    if (!window.Plotly) { if (++tries < ").append(WAIT_STEPS).append(") { setTimeout(draw, ")
                .append(WAIT_STEP_MS).append("); } return; }\n")
                .append("    el.innerHTML = '';\n")
                .append(body.strip()).append("\n  }\n  draw();\n})();\n</script>\n");
        return sb.toString();
    }

    /** An SVG document without an XML declaration, to be inlined in HTML. */
    static String stripProlog(String svg) {
        String s = svg.strip();
        if (s.startsWith("<?xml")) {
            s = s.substring(s.indexOf("?>") + 2).strip();
        }
        return s;
    }
}
