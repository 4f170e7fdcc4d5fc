package org.uforklab.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uforklab.sasos.KernelConfig;
import org.w3c.dom.Document;
import tech.tablesaw.api.Table;

class ResultsTest {

    static ExperimentResult sample() {
        PaperData paper = PaperData.load();
        List<ResultRow> rows = List.of(
                ResultRow.of(paper.find("fig4", "fork_latency", "ufork_copa", "0").orElseThrow(), 110),
                ResultRow.of(paper.find("fig4", "fork_latency", "ufork_copa", "100000000").orElseThrow(), 300),
                ResultRow.of(paper.find("fig4", "fork_latency", "cheribsd", "0").orElseThrow(), Double.NaN),
                ResultRow.measured("fig4", "fork_latency", "linux_host", "1000", 42, "us"));
        return new ExperimentResult("sample", "a sample", rows,
                List.of(new ChartSpec("fork_latency", "Fig 4", "size (bytes)", "latency (µs)", true, true)), List.of("a note"),
                Provenance.capture(KernelConfig.defaults(), Parameters.of(Map.of("sizes", "0,1e8")), 7));
    }

    @Test
    void tableHasOurValueThePapersAndTheRatio() {
        Table t = sample().table();
        assertThat(t.columnNames()).containsExactly("figure", "metric", "series", "x", "ours", "paper", "ratio", "unit");
        assertThat(t.rowCount()).isEqualTo(4);
        assertThat(t.doubleColumn("ratio").get(0)).isCloseTo(110.0 / 120, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(t.doubleColumn("ours").isMissing(2)).isTrue();
        assertThat(t.doubleColumn("paper").isMissing(3)).isTrue();
        assertThat(t.doubleColumn("ratio").isMissing(3)).isTrue();
    }

    @Test
    void jsonRoundTripsWithProvenance() {
        ExperimentResult r = sample();
        String json = ResultJson.write(r);
        ExperimentResult back = ResultJson.parse(json, "mem");
        assertThat(back.rows()).hasSize(4);
        assertThat(back.rows().get(0)).isEqualTo(r.rows().get(0));
        assertThat(back.rows().get(2).ours()).isNaN();
        assertThat(back.charts()).isEqualTo(r.charts());
        assertThat(back.notes()).containsExactly("a note");
        assertThat(back.provenance().seed()).isEqualTo(7);
        assertThat(back.provenance().costModel()).isEqualTo(r.provenance().costModel()).containsKey("kernel.contextSwitch")
                .containsKeys("pteWrite", "kernel.demandZeroFault", "fork.perPageShared", "fork.imageAliasPages",
                        "monolithic.perPageCopyOnWrite", "monolithic.vmspaceCreate");
        assertThat(back.provenance().machine()).containsEntry("cores", "4");
        assertThat(back.provenance().parameters()).containsEntry("sizes", "0,1e8");
        assertThat(back.provenance().gitCommit()).isEqualTo(r.provenance().gitCommit());
        assertThat(json).contains("\"ours\" : null");
        assertThatThrownBy(() -> ResultJson.parse("{\"format\": 99}", "x.json")).hasMessageContaining("x.json: result format 99");
        assertThatThrownBy(() -> ResultJson.parse("[1,", "x.json")).hasMessageContaining("x.json: not JSON");
    }

    @Test
    void svgIsWellFormedWithLogTicksAndALegendEntryPerSeries() throws Exception {
        ExperimentResult r = sample();
        ChartData data = ChartData.of(r, r.charts().get(0));
        assertThat(data.categorical()).as("0 B on a log axis makes x labelled").isTrue();
        assertThat(data.labels()).containsExactly("0", "100000000", "1000");
        assertThat(data.series()).extracting(ChartData.Series::name)
                .containsExactly("ufork_copa", "ufork_copa (paper)", "cheribsd (paper)", "linux_host");
        String svg = SvgChart.render(data);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(svg).contains(">100<").contains(">1k<").contains("latency (µs) (log)").contains(">cheribsd (paper)<");
        assertThat(SvgChart.ticks(10, 10_000, true)).containsExactly(10.0, 100.0, 1000.0, 10_000.0);
        assertThat(SvgChart.ticks(0, 10, false)).containsExactly(0.0, 2.0, 4.0, 6.0, 8.0, 10.0);
        assertThat(SvgChart.format(1e6)).isEqualTo("1M");
    }

    @Test
    void writerWritesCsvJsonHtmlSvgAndPlotlyForOfflineViewing(@TempDir Path dir) throws Exception {
        List<Path> files = ResultWriter.write(sample(), dir);
        assertThat(files).extracting(p -> p.getFileName().toString())
                .containsExactly("sample.csv", "sample.json", "sample-fork_latency.html", "sample-fork_latency.svg", PlotlyChart.PLOTLY_FILE);
        String csv = Files.readString(dir.resolve("sample.csv"));
        assertThat(csv.lines().findFirst()).hasValue("figure,metric,series,x,ours,paper,ratio,unit");
        String html = Files.readString(dir.resolve("sample-fork_latency.html"));
        assertThat(html).contains("<script src=\"" + PlotlyChart.PLOTLY_FILE + "\"></script>").contains("Plotly.newPlot")
                .doesNotContain("cdn.");
        assertThat(Files.readString(dir.resolve(PlotlyChart.PLOTLY_FILE))).startsWith("/**\n* plotly.js v2.35.3");
        ExperimentResult back = ResultJson.read(dir.resolve("sample.json"));
        Path again = dir.resolve("again");
        assertThat(ResultWriter.writeCharts(back, again)).hasSize(3);
        assertThat(Files.readString(again.resolve("sample-fork_latency.svg"))).isEqualTo(Files.readString(dir.resolve("sample-fork_latency.svg")));
    }

    @Test
    void aResultPrintsABoundedTable() {
        String s = sample().toString();
        assertThat(s).startsWith("sample: a sample (4 rows)\n  note: a note\nmetric").contains("ours  ").contains("110.000")
                .contains("linux_host").doesNotContain("NaN");
        List<ResultRow> many = new java.util.ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            many.add(ResultRow.measured("big", "m", "s", Integer.toString(i), i, "ms"));
        }
        ExperimentResult big = new ExperimentResult("big", "many rows", many, List.of(), List.of(), sample().provenance());
        assertThat(big.toString().lines().count()).isEqualTo(1 + 2 + ExperimentResult.DEFAULT_HEAD + 1);
        assertThat(big.toString()).endsWith("... 980 more rows (1,000 in all)").contains(" 19  ").doesNotContain(" 20  ");
        assertThat(big.chartData()).isEmpty();
        assertThat(sample().chartData()).singleElement().usingRecursiveComparison()
                .isEqualTo(ChartData.of(sample(), sample().charts().get(0)));
    }

    @Test
    void chartFilesPairEachPageWithItsSvg(@TempDir Path dir) throws Exception {
        List<ChartFiles> files = ResultWriter.chartFiles(sample(), dir);
        assertThat(files).containsExactly(new ChartFiles(dir.resolve("sample-fork_latency.html"), dir.resolve("sample-fork_latency.svg")));
        assertThat(files.get(0).toString()).isEqualTo("chart: " + dir.resolve("sample-fork_latency.html") + " (svg: "
                + dir.resolve("sample-fork_latency.svg") + ")");
        assertThat(dir.resolve(PlotlyChart.PLOTLY_FILE)).exists();
        assertThat(ResultWriter.writeCharts(sample(), dir)).as("plotly.js is there already").hasSize(2);
    }

    @Test
    void fidelityMatchesPaperPointsAndTakesTheGeometricMeanError() {
        Fidelity f = Fidelity.compute(PaperData.load(), List.of(sample()));
        assertThat(f.rows()).hasSize(87);
        Fidelity.FigureError fig4 = f.figures().get("fig4");
        assertThat(fig4.points()).isEqualTo(28);
        assertThat(fig4.measured()).isEqualTo(2);
        double expected = Math.exp((Math.abs(Math.log(110.0 / 120)) + Math.abs(Math.log(300.0 / 261))) / 2) - 1;
        assertThat(fig4.geomeanError()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(f.figures().get("fig8").geomeanError()).isNaN();
        String csv = f.csv();
        assertThat(csv.lines().findFirst()).hasValue(Fidelity.CSV_HEADER);
        assertThat(csv).contains("fig4,fork_latency,ufork_copa,0,110,120,0.916667").contains("fig8,fork_latency,ufork,hello_world,,54,");
        assertThat(f.report()).contains("fig4: 2/28 points measured, geometric-mean error");
    }
}
