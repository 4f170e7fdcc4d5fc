package org.uforklab.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import jdk.jshell.tool.JavaShellToolBuilder;
import org.junit.jupiter.api.Test;

/** Drives the JShell tool through its builder's streams and checks what a person at the prompt would read. */
class ReplToolTest {

    /** Types {@code lines} into a fresh tool, then /exit; returns everything it printed. */
    private static String session(String... lines) throws Exception {
        String input = String.join("\n", lines) + "\n/exit\n";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int code = ReplTool.run(JavaShellToolBuilder.builder()
                .in(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), null)
                .out(out).err(out)
                .persistence(new HashMap<>())     // no user preferences or history touched
                .locale(Locale.ROOT), List.of());
        assertThat(code).as("exit code of the tool").isZero();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theLibraryIsImportedAndALabPrintsOnOneLine() throws Exception {
        String out = session("var lab = Lab.morello();");
        assertThat(out).contains("lab ==> Lab(4 cores @ 2.50 GHz, 16 GiB; no mappings; 0 cycles)");
        assertThat(out).doesNotContain("Error");
    }

    @Test
    void capabilitiesPrintInCheriNotation() throws Exception {
        String out = session("Lab.cap(0x40001000L, 0x30)", "Lab.cap(0x40001000L, 0x30).setValue(0x50000000L).isTagged()");
        assertThat(out).contains("$1 ==> 0x40001000 [rwxRWLSUsBCM0123EG,0x40001000-0x40001030]")
                .contains("$2 ==> false");
    }

    @Test
    void walksPtesAndStatsReadWell() throws Exception {
        String out = session("var lab = Lab.morello();", "var heap = lab.mapData(0x41_0000, 4 * 4096);",
                "lab.mmuOn();", "lab.access().store64(heap.cap(), 0x41_0100, 42);",
                "lab.walk(0x41_0100)", "lab.pte(0x41_0100)", "lab.stats(\"core0.mmu\")", "lab.time()");
        assertThat(out).contains("heap ==> VA 0x410000-0x413fff -> PA 0x81000000-0x81003fff")
                .contains("walk VA 0x0000000000410100 via TTBR0\n  L0 [0x000080000000] 0x0000000080001003 table -> 0x80001000")
                .contains("  => PA 0x000081000100 EL1:RW EL0:-- AF XN:UP LC=01 SC G")
                .contains("==> PTE VA 0x410100: L3 [0x000080003080] 0x3060000081000703 page -> 0x81000000")
                .containsPattern("tlb\\.misses +1\n")
                .containsPattern("walks +1\n")
                .containsPattern("==> [0-9,]+ cycles \\([0-9.]+ ns at 2\\.50 GHz\\)");
    }

    @Test
    void bigTablesPrintAHeadAndACount() throws Exception {
        String out = session("var b = Table.builder(\"i\", \"hex\");",
                "for (int i = 0; i < 10_000; i++) b.row(i, Hex.of(i));", "b.build()");
        assertThat(out).contains("... 9,980 more rows (10,000 in all)").doesNotContain("0x26f0");
    }

    @Test
    void snippetOutputReachesTheToolsStream() throws Exception {
        String out = session("System.out.println(\"hello from a snippet \" + Hex.of(255));");
        assertThat(out).contains("hello from a snippet 0xff");
    }

    @Test
    void faultsAndCompileErrorsAreShownNotFatal() throws Exception {
        String out = session("var lab = Lab.morello();", "lab.mapData(0x41_0000, 4096);", "lab.mmuOn();",
                "lab.access().load64(Lab.cap(0x41_0000, 16), 0x41_0010)", "labx.walk(0)", "1 + 1");
        assertThat(out).contains("Exception org.uforklab.machine.fault.ArchitecturalFault")
                .contains("bounds")
                .contains("cannot find symbol")
                .contains("==> 2");
    }

    @Test
    void jshellCommandsAreTheToolsOwn() throws Exception {
        String out = session("/imports");
        assertThat(out).contains("import org.uforklab.lab.*").contains("import org.uforklab.machine.mmu.*")
                .containsAnyOf("import java.base", "import java.util.stream.*"); // JShell's DEFAULT startup too
    }
}
