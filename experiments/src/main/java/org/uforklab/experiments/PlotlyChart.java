package org.uforklab.experiments;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

/**
 * An interactive chart of a {@link ChartData} with tablesaw-jsplot, as an HTML page that works offline: it
 * loads plotly.js from a file beside it ({@link #PLOTLY_FILE}, written by {@link ResultWriter} from this
 * module's resources: npm package plotly.js-dist-min 2.35.3, MIT licence), never from a CDN.
 */
public final class PlotlyChart {
    /** The plotly.js file name the pages load. */
    public static final String PLOTLY_FILE = "plotly-2.35.3.min.js";
    private static final String PLOTLY_RESOURCE = "/experiments/plotly/plotly-2.35.3.min.js.gz";

    private PlotlyChart() {
    }

    /** The tablesaw-jsplot figure. */
    public static Figure figure(ChartData data) {
        ChartSpec spec = data.spec();
        List<Trace> traces = new ArrayList<>();
        List<String> bases = new ArrayList<>();
        for (ChartData.Series s : data.series()) {
            String base = s.paper() ? s.name().substring(0, s.name().length() - " (paper)".length()) : s.name();
            if (!bases.contains(base)) {
                bases.add(base);
            }
            String colour = SvgChart.COLOURS.get(bases.indexOf(base) % SvgChart.COLOURS.size());
            DoubleColumn y = DoubleColumn.create("y", s.points().stream().mapToDouble(p -> p[1]).toArray());
            ScatterTrace.ScatterBuilder b;
            if (data.categorical()) {
                StringColumn x = StringColumn.create("x", s.points().stream().map(p -> data.labels().get((int) p[0])).toList());
                b = ScatterTrace.builder(x, y);
            } else {
                b = ScatterTrace.builder(s.points().stream().mapToDouble(p -> p[0]).toArray(), y.asDoubleArray());
            }
            Marker marker = Marker.builder().color(s.paper() ? "white" : colour).size(8)
                    .line(tech.tablesaw.plotly.components.Line.builder().color(colour).width(2).build()).build();
            b.name(s.name()).marker(marker)
                    .line(tech.tablesaw.plotly.components.Line.builder().color(colour).width(2)
                            .dash(s.paper() ? tech.tablesaw.plotly.components.Line.Dash.DASH : tech.tablesaw.plotly.components.Line.Dash.SOLID)
                            .build())
                    .mode(ScatterTrace.Mode.LINE_AND_MARKERS);
            traces.add(b.build());
        }
        Axis.Type xType = data.categorical() ? Axis.Type.CATEGORY : spec.logX() ? Axis.Type.LOG : Axis.Type.LINEAR;
        Layout layout = Layout.builder(spec.title())
                .xAxis(Axis.builder().title(spec.xTitle()).type(xType).build())
                .yAxis(Axis.builder().title(spec.yTitle()).type(spec.logY() ? Axis.Type.LOG : Axis.Type.LINEAR).build())
                .width(900).height(520).build();
        return new Figure(layout, traces.toArray(new Trace[0]));
    }

    /** A standalone HTML page showing the chart; it needs {@link #PLOTLY_FILE} in the same directory. */
    public static String page(ChartData data) {
        String div = "chart";
        return "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>" + SvgChart.esc(data.spec().title()) + "</title>\n"
                + "<script src=\"" + PLOTLY_FILE + "\"></script>\n</head>\n<body>\n<div id=\"" + div + "\"></div>\n"
                + figure(data).asJavascript(div) + "\n</body>\n</html>\n";
    }

    /** The bytes of plotly.js (decompressed from this module's resources). */
    public static byte[] plotlyJs() {
        try (InputStream in = PlotlyChart.class.getResourceAsStream(PLOTLY_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + PLOTLY_RESOURCE);
            }
            try (GZIPInputStream gz = new GZIPInputStream(in)) {
                return gz.readAllBytes();
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + PLOTLY_RESOURCE + ": " + e.getMessage(), e);
        }
    }
}
