package org.uforklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class RunGuestCommandTest {

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return rc + "|" + out + err;
    }

    @Test
    void runsHelloWithStrace() {
        String s = run("run-guest", "hello", "--strace", "--boot");
        assertThat(s).startsWith("0|").contains("Boot report").contains("write(1, ").contains("hello, world")
                .contains("exited(0)");
    }

    @Test
    void faultingGuestPrintsItsReport() {
        assertThat(run("run-guest", "fault_bounds")).contains("capability bound fault").contains("SIGPROT");
    }

    @Test
    void unknownGuestIsAOneLineError() {
        String s = run("run-guest", "nosuch");
        assertThat(s).startsWith("1|").contains("no bundled guest 'nosuch'").doesNotContain("Exception");
    }
}
