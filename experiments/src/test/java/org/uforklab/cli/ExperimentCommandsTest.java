package org.uforklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentCommandsTest {

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return rc + "|" + out + "|" + err;
    }

    @Test
    void listShowsEveryExperiment() {
        String s = run("list", "-v");
        assertThat(s).startsWith("0|").contains("kvstore-populate").contains("fig4").contains("fig9").contains("valueSize=100000");
    }

    @Test
    void runWritesTableChartsAndJsonThenFidelityReadsThem(@TempDir Path dir) throws Exception {
        String s = run("run", "kvstore-populate", "--set", "sizes=0,1000", "--set", "layouts=compact", "--out", dir.toString());
        assertThat(s).startsWith("0|").contains("wrote " + dir.resolve("kvstore-populate.csv"));
        assertThat(s).contains("kvstore-populate [2/2] compact 1000");
        for (String f : new String[] {"kvstore-populate.csv", "kvstore-populate.json", "kvstore-populate-populate_time.html",
            "kvstore-populate-server_pss.svg", "plotly-2.35.3.min.js"}) {
            assertThat(dir.resolve(f)).exists();
        }
        String csv = run("fidelity", "--csv", "--results", dir.toString());
        assertThat(csv).startsWith("0|figure,metric,series,x,ours,paper,ratio\n").contains("fig4,fork_latency,ufork_copa,0,,120,\n");
        assertThat(Files.readString(dir.resolve("kvstore-populate.json"))).contains("\"gitCommit\"");
        assertThat(run("fidelity", "--results", dir.toString())).contains("fig4: 0/28 points measured, geometric-mean error n/a")
                .contains("1 saved result(s)");
    }

    @Test
    void badInputIsAOneLineError() {
        assertThat(run("run", "nosuch")).startsWith("1|").contains("no experiment 'nosuch'").doesNotContain("Exception");
        assertThat(run("run", "kvstore-populate", "--set", "bogus=1")).startsWith("1|").contains("unknown parameter 'bogus'");
        assertThat(run("run", "fig4", "--set", "bogus=1")).startsWith("1|").contains("unknown parameter 'bogus'");
    }
}
