package org.uforklab.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A static SVG of a {@link ChartData}: axes with ticks (decades on log axes), grid, one colour per series
 * (ours solid with filled markers, the paper's dashed with hollow markers) and a legend. No dependencies, so
 * a chart can be viewed anywhere, offline.
 */
public final class SvgChart {
    /** Series colours (the Plotly defaults, so both charts match). */
    static final List<String> COLOURS = List.of("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
            "#7f7f7f", "#bcbd22", "#17becf");
    private static final int W = 760, H = 460, LEFT = 80, RIGHT = 230, TOP = 40, BOTTOM = 60;

    private SvgChart() {
    }

    /** The chart as an SVG document. */
    public static String render(ChartData data) {
        ChartSpec spec = data.spec();
        double[] xr = range(data, 0, spec.logX() && !data.categorical());
        double[] yr = range(data, 1, spec.logY());
        if (data.categorical()) {
            xr = new double[] {-0.5, data.labels().size() - 0.5};
        }
        Scale sx = new Scale(xr[0], xr[1], LEFT, W - RIGHT, spec.logX() && !data.categorical());
        Scale sy = new Scale(yr[0], yr[1], H - BOTTOM, TOP, spec.logY());
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", W, H, W, H));
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        s.append(text(W / 2.0 - RIGHT / 2.0 + LEFT / 2.0, 22, spec.title(), "middle", 15));
        // grid and ticks
        for (double y : ticks(yr[0], yr[1], spec.logY())) {
            double py = sy.map(y);
            s.append(line(LEFT, py, W - RIGHT, py, "#e5e5e5", 1, false));
            s.append(text(LEFT - 6, py + 4, format(y), "end", 11));
        }
        if (data.categorical()) {
            for (int i = 0; i < data.labels().size(); i++) {
                double px = sx.map(i);
                s.append(line(px, H - BOTTOM, px, H - BOTTOM + 5, "#444", 1, false));
                s.append(text(px, H - BOTTOM + 18, data.labels().get(i), "middle", 11));
            }
        } else {
            for (double x : ticks(xr[0], xr[1], spec.logX())) {
                double px = sx.map(x);
                s.append(line(px, TOP, px, H - BOTTOM, "#e5e5e5", 1, false));
                s.append(text(px, H - BOTTOM + 18, format(x), "middle", 11));
            }
        }
        s.append(line(LEFT, H - BOTTOM, W - RIGHT, H - BOTTOM, "#444", 1, false));
        s.append(line(LEFT, TOP, LEFT, H - BOTTOM, "#444", 1, false));
        s.append(text((LEFT + W - RIGHT) / 2.0, H - 18, spec.xTitle() + (spec.logX() && !data.categorical() ? " (log)" : ""), "middle", 12));
        s.append(String.format(Locale.ROOT, "<text x=\"18\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 18 %.1f)\">%s</text>%n",
                (TOP + H - BOTTOM) / 2.0, (TOP + H - BOTTOM) / 2.0, esc(spec.yTitle() + (spec.logY() ? " (log)" : ""))));
        // series
        List<String> names = new ArrayList<>();
        for (ChartData.Series ser : data.series()) {
            String base = ser.paper() ? ser.name().substring(0, ser.name().length() - " (paper)".length()) : ser.name();
            if (!names.contains(base)) {
                names.add(base);
            }
        }
        int legendY = TOP + 10;
        for (ChartData.Series ser : data.series()) {
            String base = ser.paper() ? ser.name().substring(0, ser.name().length() - " (paper)".length()) : ser.name();
            String colour = COLOURS.get(names.indexOf(base) % COLOURS.size());
            StringBuilder path = new StringBuilder();
            for (double[] p : ser.points()) {
                if (spec.logY() && p[1] <= 0) {
                    continue;
                }
                path.append(path.isEmpty() ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", sx.map(p[0]), sy.map(p[1])));
            }
            s.append(String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>%n", path, colour,
                    ser.paper() ? " stroke-dasharray=\"6 4\"" : ""));
            for (double[] p : ser.points()) {
                if (spec.logY() && p[1] <= 0) {
                    continue;
                }
                s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\" stroke=\"%s\" stroke-width=\"1.5\"/>%n",
                        sx.map(p[0]), sy.map(p[1]), ser.paper() ? "white" : colour, colour));
            }
            double lx = W - RIGHT + 15;
            s.append(String.format(Locale.ROOT, "<path d=\"M%.1f %d L%.1f %d\" stroke=\"%s\" stroke-width=\"2\"%s/>%n", lx, legendY, lx + 24,
                    legendY, colour, ser.paper() ? " stroke-dasharray=\"6 4\"" : ""));
            s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%d\" r=\"4\" fill=\"%s\" stroke=\"%s\"/>%n", lx + 12, legendY,
                    ser.paper() ? "white" : colour, colour));
            s.append(text(lx + 30, legendY + 4, ser.name(), "start", 11));
            legendY += 18;
        }
        if (data.series().isEmpty()) {
            s.append(text((LEFT + W - RIGHT) / 2.0, (TOP + H - BOTTOM) / 2.0, "no data", "middle", 14));
        }
        s.append("</svg>\n");
        return s.toString();
    }

    /** Maps data values to pixels, linearly or in log10. */
    private record Scale(double lo, double hi, double p0, double p1, boolean log) {
        double map(double v) {
            double a = log ? Math.log10(lo) : lo;
            double b = log ? Math.log10(hi) : hi;
            double t = ((log ? Math.log10(v) : v) - a) / (b - a);
            return p0 + t * (p1 - p0);
        }
    }

    private static double[] range(ChartData data, int axis, boolean log) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (ChartData.Series s : data.series()) {
            for (double[] p : s.points()) {
                double v = p[axis];
                if (log && v <= 0) {
                    continue;
                }
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (lo == Double.POSITIVE_INFINITY) {
            return log ? new double[] {1, 10} : new double[] {0, 1};
        }
        if (log) {
            return new double[] {Math.pow(10, Math.floor(Math.log10(lo))), Math.pow(10, Math.ceil(Math.log10(hi) + 1e-9))};
        }
        double pad = hi == lo ? Math.max(1, Math.abs(hi)) * 0.1 : (hi - lo) * 0.05;
        return new double[] {Math.min(0, lo - pad), hi + pad};
    }

    /** Decades on a log axis (with 2 and 5 when it spans less than two), "nice" steps of 1, 2 or 5 on a linear one. */
    static List<Double> ticks(double lo, double hi, boolean log) {
        List<Double> out = new ArrayList<>();
        if (log) {
            boolean fine = Math.log10(hi / lo) < 2;
            for (double d = lo; d <= hi * 1.0001; d *= 10) {
                out.add(d);
                if (fine && d * 2 <= hi) {
                    out.add(d * 2);
                }
                if (fine && d * 5 <= hi) {
                    out.add(d * 5);
                }
            }
            return out;
        }
        double raw = (hi - lo) / 6;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / mag < 1.5 ? mag : raw / mag < 3.5 ? 2 * mag : raw / mag < 7.5 ? 5 * mag : 10 * mag;
        for (double t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) {
            out.add(Math.abs(t) < step * 1e-9 ? 0 : t);
        }
        return out;
    }

    /** Short tick labels: 1k, 10M, 0.5. */
    static String format(double v) {
        double a = Math.abs(v);
        if (a >= 1e9 && v % 1e9 == 0) {
            return (long) (v / 1e9) + "G";
        }
        if (a >= 1e6 && v % 1e6 == 0) {
            return (long) (v / 1e6) + "M";
        }
        if (a >= 1e3 && v % 1e3 == 0) {
            return (long) (v / 1e3) + "k";
        }
        if (v == Math.rint(v)) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.3g", v).replaceAll("\\.?0+$", "");
    }

    private static String line(double x1, double y1, double x2, double y2, String colour, double width, boolean dashed) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%.1f\"%s/>%n",
                x1, y1, x2, y2, colour, width, dashed ? " stroke-dasharray=\"4 3\"" : "");
    }

    private static String text(double x, double y, String t, String anchor, int size) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\">%s</text>%n", x, y, anchor, size, esc(t));
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
