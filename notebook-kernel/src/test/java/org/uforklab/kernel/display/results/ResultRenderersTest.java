package org.uforklab.kernel.display.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import org.uforklab.experiments.ChartData;
import org.uforklab.experiments.ChartSpec;
import org.uforklab.experiments.ExperimentResult;
import org.uforklab.experiments.Parameters;
import org.uforklab.experiments.Provenance;
import org.uforklab.experiments.ResultRow;
import org.uforklab.experiments.SvgChart;
import org.uforklab.kernel.display.Renderers;
import org.uforklab.sasos.KernelConfig;
import org.w3c.dom.Document;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.BarTrace;
import tech.tablesaw.plotly.traces.ScatterTrace;

/** Tables, figures, charts and results through the kernel's registry (the provider comes from META-INF/services). */
class ResultRenderersTest {

    private final Renderer r = Renderers.create();

    private static String html(DisplayData d) {
        return (String) d.getData(MIMEType.TEXT_HTML);
    }

    private static String svg(DisplayData d) {
        return (String) d.getData(MIMEType.IMAGE_SVG);
    }

    private static String text(DisplayData d) {
        return String.valueOf(d.getData(MIMEType.TEXT_PLAIN));
    }

    /** The HTML with the inlined plotly.js taken out (the library itself mentions Plotly.newPlot and its CDN). */
    private static String withoutLoader(String html) {
        return html.replace(new PlotlyLoader().script(), "");
    }

    private static Document xml(String s) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)));
    }

    private static Figure figure(String title) {
        Layout layout = Layout.builder(title).xAxis(Axis.builder().title("keys").type(Axis.Type.LOG).build())
                .yAxis(Axis.builder().title("time (ms)").build()).build();
        return new Figure(layout, ScatterTrace.builder(new double[] {10, 100, 1000}, new double[] {1, 4, 9}).name("ours").build());
    }

    static ExperimentResult result() {
        List<ResultRow> rows = new ArrayList<>();
        for (String m : List.of("time", "memory")) {
            for (int x : new int[] {1, 10, 100}) {
                rows.add(ResultRow.measured("demo", m, "a", Integer.toString(x), x * 2.0, "ms"));
                rows.add(new ResultRow("demo", m, "b", Integer.toString(x), x * 3.0, x * 2.5, "ms"));
            }
        }
        return new ExperimentResult("demo", "a demo result", rows,
                List.of(new ChartSpec("time", "Time", "x", "ms", true, false), new ChartSpec("memory", "Memory", "x", "MB", false, false)),
                List.of("a note"), Provenance.capture(KernelConfig.defaults(), Parameters.of(Map.of("x", "1")), 1));
    }

    @Test
    void theProviderIsLoadedThroughServiceLoader() {
        List<String> loaded = new ArrayList<>();
        Renderers.create(getClass().getClassLoader(), loaded);
        assertThat(loaded).contains(ResultRenderers.class.getName());
    }

    @Test
    void aLargeTablesawTableIsBoundedHeadAndTail() {
        int n = 1000;
        Table t = Table.create("big", IntColumn.indexColumn("i", n, 0),
                StringColumn.create("s", java.util.stream.IntStream.range(0, n).mapToObj(i -> "row" + i).toList()));
        DisplayData d = r.render(t);
        String h = html(d);
        assertThat(h).contains("<table").contains("big: 1000 rows × 2 columns").contains(">row0<").contains(">row29<")
                .contains(">row999<").contains(">row970<").doesNotContain(">row30<").doesNotContain(">row500<")
                .contains("940 more rows (1000 in all)").contains("<td style=\"text-align:right\">0</td>");
        assertThat(h.split("<tr>", -1)).hasSizeLessThan(70);
        assertThat(text(d)).contains("row0").contains("row999").doesNotContain("row500").contains("940 more rows")
                .hasLineCount(1 + 1 + 30 + 1 + 30);
    }

    @Test
    void aSmallTablesawTableIsWholeWithMissingValuesEmpty() {
        DoubleColumn v = DoubleColumn.create("v", 1.5, 2.0);
        v.appendMissing();
        Table t = Table.create("small", StringColumn.create("k", "a", "b", "c"), v);
        String h = html(r.render(t));
        assertThat(h).contains(">a<").contains(">c<").contains(">1.5<").doesNotContain("more rows").doesNotContain("NaN");
    }

    @Test
    void aFigureIsInteractiveHtmlWithPlotlyOnceAndAStaticSvg() throws Exception {
        DisplayData first = r.render(figure("first"));
        DisplayData second = r.render(figure("second"));
        assertThat(html(first)).startsWith(new PlotlyLoader().script()).contains("plotly.js v2.35.3");
        assertThat(withoutLoader(html(first))).contains("Plotly.newPlot").contains("<svg").doesNotContain("<script src")
                .doesNotContain("cdn.plot.ly").doesNotContain("require");
        assertThat(html(second)).doesNotContain(PlotlyLoader.MARKER).doesNotContain("plotly.js v2.35.3")
                .contains("Plotly.newPlot").contains("second");
        assertThat(html(second).length()).isLessThan(50_000);
        assertThat(xml(svg(first)).getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(svg(first)).contains(">first<").contains(">ours<").contains("time (ms)").contains("keys (log)");
        assertThat(text(first)).isEqualTo("Figure \"first\" (1 trace)");
    }

    @Test
    void eachKernelSessionLoadsPlotlyOnceAndTextOnlyRequestsDoNotCount() {
        Renderer other = Renderers.create();
        assertThat(html(other.renderAs(figure("t"), "text/plain"))).isNull();
        assertThat(html(other.render(figure("a")))).contains(PlotlyLoader.MARKER);
        assertThat(html(r.render(figure("b")))).as("another session").contains(PlotlyLoader.MARKER);
        assertThat(html(other.render(figure("c")))).doesNotContain(PlotlyLoader.MARKER);
    }

    @Test
    void figuresWithoutScatterTracesHaveNoSvgButStillHtml() {
        Figure bars = new Figure(BarTrace.builder(new Object[] {"x", "y"}, new double[] {1, 2}).build());
        DisplayData d = r.render(bars);
        assertThat(svg(d)).isNull();
        assertThat(html(d)).contains("Plotly.newPlot");
        assertThat(text(d)).contains("no static image");
    }

    @Test
    void chartDataRendersTheSameSvgAsTheFiles() {
        ExperimentResult res = result();
        ChartData c = res.chartData().get(0);
        DisplayData d = r.render(c);
        assertThat(svg(d)).isEqualTo(SvgChart.render(c));
        assertThat(html(d)).contains(PlotlyLoader.MARKER).contains("Plotly.newPlot").contains("b (paper)");
        assertThat(text(d)).isEqualTo("Chart \"Time\" (3 series: a, b, b (paper))");
    }

    @Test
    void anExperimentResultIsItsTableAndItsCharts() throws Exception {
        ExperimentResult res = result();
        DisplayData d = r.render(res);
        String h = html(d);
        assertThat(h).contains("demo: a demo result").contains("note: a note").contains("<table")
                .contains("demo: 12 rows × 8 columns");
        assertThat(withoutLoader(h).split("Plotly.newPlot", -1)).hasSize(3);
        assertThat(h.split(PlotlyLoader.MARKER, -1)).as("plotly.js once").hasSize(2);
        assertThat(h.indexOf(PlotlyLoader.MARKER)).isLessThan(h.indexOf("Plotly.newPlot"));
        Document svg = xml(svg(d));
        assertThat(svg.getDocumentElement().getElementsByTagName("svg").getLength()).as("one nested svg per chart").isEqualTo(2);
        assertThat(svg(d)).contains(">Time<").contains(">Memory<");
        assertThat(text(d)).isEqualTo(res.toString()).contains("12 rows");
        assertThat(html(r.render(res))).doesNotContain(PlotlyLoader.MARKER);
    }
}
