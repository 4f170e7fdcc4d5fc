package org.uforklab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uforklab.experiments.ChartFiles;
import org.uforklab.experiments.ExperimentResult;
import org.uforklab.experiments.PlotlyChart;

/** Running an experiment from the facade and writing its charts as a terminal user would. */
class ChartsTest {

    @Test
    void runsAnExperimentAndPrintsOneLinePerChart(@TempDir Path dir) throws Exception {
        ExperimentResult r = Lab.run("kvstore-populate", "sizes=0,1e5", "layouts=compact");
        assertThat(r.rows()).hasSize(6);
        assertThat(r.provenance().parameters()).containsEntry("sizes", "0,1e5");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<ChartFiles> files = Charts.show(r, dir, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(files).hasSize(3);
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(3);
        for (int i = 0; i < 3; i++) {
            ChartFiles f = files.get(i);
            assertThat(f.html()).isAbsolute().exists().hasFileName("kvstore-populate-" + r.charts().get(i).metric() + ".html");
            assertThat(f.svg()).exists();
            assertThat(Files.readString(f.svg())).startsWith("<svg").contains(r.charts().get(i).title());
            assertThat(lines.get(i)).isEqualTo("chart: " + f.html() + " (svg: " + f.svg() + ")");
        }
        assertThat(dir.resolve(PlotlyChart.PLOTLY_FILE)).exists();
    }

    @Test
    void badExperimentsAndSettingsSayWhatThereIs() {
        assertThatThrownBy(() -> Lab.run("nope")).hasMessageContaining("no experiment 'nope'").hasMessageContaining("kvstore-populate");
        assertThatThrownBy(() -> Lab.run("kvstore-populate", "size=1")).hasMessageContaining("unknown parameter 'size'");
    }

    @Test
    void theDefaultDirectoryIsATemporaryOne() {
        if (System.getProperty(Charts.DIRECTORY_PROPERTY) == null) {
            assertThat(Charts.defaultDirectory()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "uforklab-charts"));
        }
    }
}
