package org.uforklab.kernel.display.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.uforklab.experiments.ChartData;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.traces.ScatterTrace;
import org.w3c.dom.Document;

class PlotlyHtmlTest {

    private static final Figure FIG = new Figure(ScatterTrace.builder(new double[] {1, 2}, new double[] {3, 4}).name("s").build());

    @Test
    void theLoaderShadowsAmdAndHandsTheScriptOutOnce() {
        PlotlyLoader l = new PlotlyLoader(() -> "!function(t,e){t.Plotly=e()}(self,function(){return {}});");
        assertThat(l.sent()).isFalse();
        String s = l.once();
        assertThat(s).startsWith("<script type=\"text/javascript\">").endsWith("</script>\n")
                .contains("(function (define, module, exports) {").contains("if (!window.Plotly)").contains(PlotlyLoader.MARKER);
        assertThat(l.sent()).isTrue();
        assertThat(l.once()).isEmpty();
        assertThat(l.script()).isEqualTo(s);
        assertThatThrownBy(() -> new PlotlyLoader(() -> "x='</script>'").script()).hasMessageContaining("</script");
    }

    @Test
    void theShippedLibraryIsInlinedWhole() {
        String s = new PlotlyLoader().script();
        assertThat(s.length()).isGreaterThan(4_000_000);
        assertThat(s).contains("plotly.js v2.35.3").contains("t.Plotly=e()");
        assertThat(s.split("</script", -1)).hasSize(2);
    }

    @Test
    void theChartWaitsForPlotlyAndKeepsTheSvgUntilThen() {
        String h = PlotlyHtml.chart(FIG, "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>", "plot_1");
        assertThat(h).startsWith("<div class=\"uforklab-chart\" id=\"plot_1\"><div class=\"uforklab-static-chart\"><svg")
                .doesNotContain("<?xml").contains("if (!window.Plotly)").contains("el.innerHTML = '';")
                .contains("document.getElementById('plot_1')").contains("Plotly.newPlot(");
        assertThat(h.split("<script", -1)).as("tablesaw's own <script> is unwrapped").hasSize(2);
        assertThat(PlotlyHtml.chart(FIG, null)).contains("uforklab_plot_").doesNotContain("uforklab-static-chart");
        assertThat(PlotlyHtml.chart(FIG, null)).isNotEqualTo(PlotlyHtml.chart(FIG, null));
        assertThatThrownBy(() -> PlotlyHtml.chart(FIG, null, "a-b")).hasMessageContaining("JavaScript identifier");
    }

    @Test
    void figureDataReadsNumericAndLabelledX() {
        ChartData d = FigureData.of(FIG).orElseThrow();
        assertThat(d.categorical()).isFalse();
        assertThat(d.series()).hasSize(1);
        assertThat(d.series().get(0).name()).isEqualTo("s");
        assertThat(d.series().get(0).points()).containsExactly(new double[] {1, 3}, new double[] {2, 4});
        Figure labelled = new Figure(ScatterTrace.builder(StringColumn.create("x", "a", "b"), DoubleColumn.create("y", 5.0, 6.0)).build(),
                ScatterTrace.builder(StringColumn.create("x", "b", "c"), DoubleColumn.create("y", 7.0, 8.0)).build());
        ChartData l = FigureData.of(labelled).orElseThrow();
        assertThat(l.labels()).containsExactly("a", "b", "c");
        assertThat(l.series().get(1).points()).containsExactly(new double[] {1, 7}, new double[] {2, 8});
        assertThat(l.series().get(0).name()).isEqualTo("trace 0");
        assertThat(FigureData.of(new Figure())).isEqualTo(Optional.empty());
    }

    @Test
    void svgStackPutsChartsOneBelowTheOther() throws Exception {
        String a = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"50\"><rect width=\"100%\" height=\"10\"/></svg>";
        String b = "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" height=\"30\"/>";
        String s = SvgStack.of(List.of(a, b));
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getAttribute("width")).isEqualTo("200");
        assertThat(doc.getDocumentElement().getAttribute("height")).isEqualTo("80");
        assertThat(s).contains("<svg x=\"0\" y=\"0.0\" xmlns").contains("<svg x=\"0\" y=\"50.0\" xmlns");
        assertThat(SvgStack.of(List.of(a))).isEqualTo(a);
        assertThatThrownBy(() -> SvgStack.of(List.of(a, "<svg/>"))).hasMessageContaining("SVG 1 has no numeric width");
        assertThatThrownBy(() -> SvgStack.of(List.of())).hasMessageContaining("no SVG");
    }
}
