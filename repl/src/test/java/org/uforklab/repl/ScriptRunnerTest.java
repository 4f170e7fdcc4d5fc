package org.uforklab.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Script mode: values, exit codes and where errors are reported; and every example script. */
class ScriptRunnerTest {

    private record Run(int code, String out, String err) {
    }

    private static Run run(String source) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new ScriptRunner(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run("t.jsh", source);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void everyExampleRunsCleanly() throws IOException {
        List<Path> examples;
        try (Stream<Path> s = Files.list(Path.of("examples"))) {
            examples = s.filter(p -> p.toString().endsWith(".jsh")).sorted().toList();
        }
        assertThat(examples).extracting(p -> p.getFileName().toString())
                .contains("capabilities.jsh", "chart.jsh", "page-tables.jsh", "stats.jsh");
        for (Path p : examples) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = new ScriptRunner(new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8)).run(p);
            assertThat(err.toString(StandardCharsets.UTF_8)).as("errors of %s", p).isEmpty();
            assertThat(code).as("exit code of %s", p).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).as("output of %s", p).isNotBlank();
        }
    }

    @Test
    void valuesShowWhenTheSemicolonIsLeftOut() {
        Run r = run("""
                var lab = Lab.morello();
                var c = Lab.cap(0x1000, 0x40)
                c.isTagged()
                int quiet = 5;
                System.out.println("printed " + quiet);
                """);
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("""
                c ==> 0x1000 [rwxRWLSUsBCM0123EG,0x1000-0x1040]
                $1 ==> true
                printed 5
                """);
    }

    @Test
    void aCompileErrorStopsTheScriptAndSaysWhere() {
        Run r = run("""
                int a = 1;
                // a comment

                var b = a +
                        nope;
                System.out.println("not reached");
                """);
        assertThat(r.code()).isEqualTo(ScriptRunner.FAILED);
        assertThat(r.out()).doesNotContain("not reached");
        assertThat(r.err()).startsWith("t.jsh:5: error: cannot find symbol")
                .contains("            nope;\n            ^");
    }

    @Test
    void aRuntimeErrorNamesTheLineThatThrew() {
        Run r = run("""
                int divide(int x) {
                    int y = 10;
                    return y / x;
                }
                divide(5)
                divide(0)
                """);
        assertThat(r.code()).isEqualTo(ScriptRunner.FAILED);
        assertThat(r.out()).contains("$1 ==> 2");
        assertThat(r.err()).startsWith("t.jsh:3: exception java.lang.ArithmeticException: / by zero\n")
                .contains("at divide (t.jsh:3)").contains("at top level (t.jsh:6)");
    }

    @Test
    void anArchitecturalFaultIsPlacedAtItsSnippet() {
        Run r = run("""
                var lab = Lab.morello();
                lab.mapData(0x41_0000, 4096);
                lab.mmuOn();
                lab.access().load64(Lab.cap(0x41_0000, 16),
                                    0x41_0010);
                """);
        assertThat(r.code()).isEqualTo(ScriptRunner.FAILED);
        assertThat(r.err()).startsWith("t.jsh:4: exception org.uforklab.machine.fault.ArchitecturalFault: ")
                .contains("bounds");
    }

    @Test
    void exitCommandEndsTheScriptWithItsCode() {
        Run r = run("System.out.println(1);\n/exit 3\nSystem.out.println(2);\n");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.out()).isEqualTo("1\n");
        assertThat(run("/exit\n").code()).isZero();
    }

    @Test
    void otherCommandsAndBadExitCodesAreErrors() {
        Run r = run("int a = 1;\n/vars\n");
        assertThat(r.code()).isEqualTo(ScriptRunner.FAILED);
        assertThat(r.err()).startsWith("t.jsh:2: error: '/vars': scripts may use Java and /exit only");
        assertThat(run("/exit soon\n").err()).isEqualTo("t.jsh:1: error: /exit takes an integer exit code, got 'soon'\n");
    }

    @Test
    void anUnfinishedSnippetAtTheEndIsAnError() {
        Run r = run("int a = 1;\nvoid f() {\n  a++;\n");
        assertThat(r.code()).isEqualTo(ScriptRunner.FAILED);
        assertThat(r.err()).isEqualTo("t.jsh:2: error: incomplete snippet at the end of the script: void f() { ...\n");
    }

    @Test
    void aLineStartingWithADotContinuesTheExpression() {
        Run r = run("""
                var t = Table.builder("x")
                        .row(1)
                        .row(2)
                        .build();
                t.size()
                """);
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("$1 ==> 2\n");
    }

    @Test
    void methodsUsingUndefinedNamesFailWhenCalled() {
        Run r = run("int f() { return g(); }\nf();\n");
        assertThat(r.code()).isEqualTo(ScriptRunner.FAILED);
        assertThat(r.err()).startsWith("t.jsh:2: error: int f() { return g(); } cannot run: it uses method g()");
    }

    @Test
    void theLauncherEntryChecksItsArguments(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertThat(Repl.run(List.of("--help"), o, e)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("uforklab repl FILE.jsh");
        assertThat(Repl.run(List.of(dir.resolve("missing.jsh").toString()), o, e)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no such script: ");
        Path ok = Files.writeString(dir.resolve("ok.jsh"), "System.out.println(Lab.root().isTagged());\n");
        out.reset();
        assertThat(Repl.run(List.of(ok.toString()), o, e)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("true\n");
        Path bad = Files.writeString(dir.resolve("bad.jsh"), "throw new IllegalStateException(\"boom\");\n");
        err.reset();
        assertThat(Repl.run(List.of(bad.toString()), o, e)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith(bad + ":1: exception java.lang.IllegalStateException: boom");
    }
}
