package org.uforklab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uforklab.experiments.ChartData;
import org.uforklab.experiments.ChartFiles;
import org.uforklab.experiments.PlotlyChart;

/** Charts of one's own numbers: the same ChartData the experiments' charts are. */
class ChartBuilderTest {

    @Test
    void numericSeriesWithThePapersBesideThem() {
        ChartData d = Charts.chart("Fork latency!", "size", "µs").logX().logY()
                .point("copa", 1, 10).paper("copa", 1, 12).point("copa", 10, 11).point("full", 1, 100).point("full", 10, Double.NaN)
                .build();
        assertThat(d.spec().metric()).isEqualTo("fork_latency");
        assertThat(d.spec().logX()).isTrue();
        assertThat(d.categorical()).isFalse();
        assertThat(d.series()).extracting(ChartData.Series::name).containsExactly("copa", "copa (paper)", "full");
        assertThat(d.series().get(1).paper()).isTrue();
        assertThat(d.series().get(0).points()).containsExactly(new double[] {1, 10}, new double[] {10, 11});
        assertThat(d.series().get(2).points()).hasSize(1); // NaN left out
    }

    @Test
    void labelledXKeepsFirstUseOrderAndNeverUsesALogXAxis() {
        ChartData d = Charts.chart("by strategy", "strategy", "pages").logX()
                .point("eager", "Copy", 22).point("eager", "CoPA", 3).point("lazy", "CoPA", 8).point("lazy", "Copy", 0).build();
        assertThat(d.labels()).containsExactly("Copy", "CoPA");
        assertThat(d.spec().logX()).isFalse();
        assertThat(d.series().get(1).points()).containsExactly(new double[] {1, 8}, new double[] {0, 0});
    }

    @Test
    void misuseIsNamed() {
        assertThatThrownBy(() -> Charts.chart("t", "x", "y").point("a", 1, 1).point("a", "L", 1)).hasMessageContaining("mixes numeric x and labels");
        assertThatThrownBy(() -> Charts.chart("t", "x", "y").build()).hasMessageContaining("'t' has no points");
        assertThatThrownBy(() -> Charts.chart("t", "x", "y").point("a (paper)", 1, 1)).hasMessageContaining("' (paper)'");
        assertThatThrownBy(() -> Charts.chart("t", "x", "y").point("a", Double.POSITIVE_INFINITY, 1)).hasMessageContaining("finite");
    }

    @Test
    void showWritesHtmlSvgAndPlotlyOnce(@TempDir Path dir) throws Exception {
        ChartData d = Charts.chart("mine", "x", "y").point("a", 1, 2).point("a", 2, 3).build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ChartFiles f = Charts.show(d, dir, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(f.html()).exists().hasFileName("mine.html");
        assertThat(Files.readString(f.svg())).startsWith("<svg").contains("mine");
        assertThat(dir.resolve(PlotlyChart.PLOTLY_FILE)).exists();
        assertThat(bytes.toString(StandardCharsets.UTF_8).strip()).isEqualTo(f.toString());
    }
}
