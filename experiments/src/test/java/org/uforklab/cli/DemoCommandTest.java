package org.uforklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code uforklab demo}: the tour runs, shows each architectural event, and is deterministic. */
class DemoCommandTest {

    private static String run() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine(new PrintWriter(out), new PrintWriter(err)).execute("demo");
        assertThat(code).as(err.toString()).isZero();
        assertThat(err.toString()).isEmpty();
        return out.toString();
    }

    @Test
    void tourShowsEachEvent() {
        String out = run();
        assertThat(out).contains("4 cores @ 2.50 GHz", "16 GiB")
                .contains("VA 0x0000000000410000-0x0000000000413fff")       // compressed range of 4 pages
                .contains("(identical)")
                .contains("tagged=false")
                .contains("Data abort: capability bounds (DFSC 0x2A")
                .contains("load64 [shared+0x20] -> 42")
                .contains("capability page permission (DFSC 0x2C, LC=10")
                .contains("finds 1 capability at granule 1")
                .contains("=> PA 0x000081005010")
                .contains("faults", "capBounds", "capPagePermission", "tlb", "hits")
                .contains("core0 emulated time:").contains("cycles (");
    }

    @Test
    void tourIsDeterministic() {
        assertThat(run()).isEqualTo(run());
    }
}
