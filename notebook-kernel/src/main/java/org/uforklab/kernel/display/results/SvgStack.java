package org.uforklab.kernel.display.results;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Several SVG charts as one SVG document, one below the other: a MIME bundle holds a single
 * {@code image/svg+xml}, and a result has a chart per metric. Each chart becomes a nested {@code <svg>} placed at
 * its offset; the outer one is as wide as the widest and as tall as all together.
 */
public final class SvgStack {

    private static final Pattern WIDTH = Pattern.compile("<svg\\b[^>]*?\\swidth=\"([0-9.]+)\"");
    private static final Pattern HEIGHT = Pattern.compile("<svg\\b[^>]*?\\sheight=\"([0-9.]+)\"");

    private SvgStack() {
    }

    /**
     * The charts stacked; a single chart is returned unchanged.
     *
     * @throws IllegalArgumentException if a chart is not an {@code <svg>} with a numeric width and height
     */
    public static String of(List<String> svgs) {
        if (svgs.isEmpty()) {
            throw new IllegalArgumentException("no SVG to stack");
        }
        if (svgs.size() == 1) {
            return svgs.get(0);
        }
        double width = 0;
        double y = 0;
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < svgs.size(); i++) {
            String svg = PlotlyHtml.stripProlog(svgs.get(i));
            double w = size(WIDTH, svg, i);
            double h = size(HEIGHT, svg, i);
            body.append(svg.replaceFirst("<svg\\b", String.format(Locale.ROOT, "<svg x=\"0\" y=\"%.1f\"", y))).append('\n');
            width = Math.max(width, w);
            y += h;
        }
        return String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
                + "viewBox=\"0 0 %.0f %.0f\">%n", width, y, width, y) + body + "</svg>\n";
    }

    private static double size(Pattern p, String svg, int index) {
        Matcher m = p.matcher(svg);
        if (!m.find()) {
            throw new IllegalArgumentException("SVG " + index + " has no numeric " + (p == WIDTH ? "width" : "height"));
        }
        return Double.parseDouble(m.group(1));
    }
}
