package org.uforklab.kernel.magic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.uforklab.kernel.display.Html;
import org.uforklab.kernel.display.HtmlTable;
import org.uforklab.kernel.display.Markdown;
import org.uforklab.kernel.exec.CellEvaluator;
import org.uforklab.kernel.exec.CompilationException;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CellRunnerTest {

    @TempDir
    Path dir;
    private CellEvaluator ev;
    private CellRunner runner;

    @BeforeAll
    void start() {
        ev = new CellEvaluator("magic-test", null, s -> { });
        runner = new CellRunner(ev, Magics.standard(), Path.of("").toAbsolutePath());
    }

    @AfterAll
    void stop() {
        ev.close();
    }

    private CellRunner inDir() {
        return new CellRunner(ev, runner.magics(), dir);
    }

    @Test
    void cellMagicsTakeTheBody() throws Exception {
        assertThat(runner.run("%%html\n<b>x</b>", 1).value()).isEqualTo(Html.of("<b>x</b>"));
        assertThat(runner.run("\n%%markdown\n# T\n", 2).value()).isEqualTo(new Markdown("# T\n"));
    }

    @Test
    void lineMagicsInterleaveWithJavaAndKeepLineNumbers() throws Exception {
        Object v = runner.run("int m1 = 2;\n%vars\nint m2 = m1 * 3;\nm2", 3).value();
        assertThat(v).isEqualTo(6);
        assertThat(runner.run("%vars", 4).value()).isInstanceOfSatisfying(HtmlTable.class,
                t -> assertThat(t.toText()).contains("m1").contains("m2"));
        assertThatThrownBy(() -> runner.run("int ok1 = 1;\n%lsmagic\n\nint bad = nope;", 5))
                .isInstanceOf(CompilationException.class).hasMessageStartingWith("Cell In[5], line 4:");
    }

    @Test
    void unknownMagicsNameThemselves() {
        assertThatThrownBy(() -> runner.run("1 + 1\n%frobnicate now", 6))
                .isInstanceOf(MagicException.class).hasMessage("Cell In[6], line 2: unknown magic %frobnicate (see %lsmagic)");
        assertThatThrownBy(() -> runner.run("%%frob\nx", 7)).hasMessageContaining("unknown cell magic %%frob");
    }

    @Test
    void lsmagicListsTheStandardMagics() throws Exception {
        String text = ((HtmlTable) runner.run("%lsmagic", 1).value()).toText();
        for (String m : new String[] {"%lsmagic", "%time", "%%time", "%classpath", "%load", "%%html", "%%markdown", "%vars"}) {
            assertThat(text).contains(m + " ");
        }
    }

    @Test
    void timePrintsTimesAndKeepsTheValue() throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertThat(runner.run("%time 20 + 22", 1).value()).isEqualTo(42);
            assertThat(runner.run("%%time\nint t1 = 5;\nt1 * 2", 2).value()).isEqualTo(10);
        } finally {
            System.setOut(old);
        }
        assertThat(buf.toString(StandardCharsets.UTF_8)).containsPattern("CPU time \\(process\\): .*, Wall time: .*");
        assertThat(StandardMagics.formatNanos(1_520_000_000L)).isEqualTo("1.52 s");
        assertThat(StandardMagics.formatNanos(12_300_000L)).isEqualTo("12.3 ms");
    }

    @Test
    void loadRunsJshFilesAndNotebooks() throws Exception {
        Files.writeString(dir.resolve("defs.jsh"), "int loaded() { return 17; }\n%vars\n");
        inDir().run("%load defs.jsh", 1);
        assertThat(runner.run("loaded()", 2).value()).isEqualTo(17);
        Files.writeString(dir.resolve("nb.ipynb"), """
                {"cells": [
                  {"cell_type": "markdown", "metadata": {}, "source": ["# no"]},
                  {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": null,
                   "source": ["int fromNb = 5;\\n", "int twice = fromNb * 2;"]}
                ], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
                """);
        inDir().run("%load nb.ipynb", 3);
        assertThat(runner.run("twice", 4).value()).isEqualTo(10);
        assertThatThrownBy(() -> inDir().run("%load missing.jsh", 5)).hasMessageContaining("no such file");
        Files.writeString(dir.resolve("bad.ipynb"), "not json");
        assertThatThrownBy(() -> inDir().run("%load bad.ipynb", 6)).hasMessageContaining("is not a notebook");
    }

    @Test
    void classpathAddsDirectoriesAndGlobs() throws Exception {
        Path classes = dir.resolve("extra");
        Files.createDirectories(classes.resolve("p"));
        javax.tools.JavaCompiler javac = javax.tools.ToolProvider.getSystemJavaCompiler();
        Path src = dir.resolve("Extra.java");
        Files.writeString(src, "package p; public class Extra { public static int seven() { return 7; } }");
        assertThat(javac.run(null, null, null, "-d", classes.toString(), src.toString())).isZero();
        PrintStream old = System.out;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            inDir().run("%classpath ext*", 1);
        } finally {
            System.setOut(old);
        }
        assertThat(runner.run("p.Extra.seven()", 2).value()).isEqualTo(7);
        assertThat((String) runner.run("%classpath", 3).value()).contains(classes.toString());
        assertThatThrownBy(() -> inDir().run("%classpath nothing/*.jar", 4)).hasMessageContaining("nothing matches");
    }

    @Test
    void javaOnlyBlanksMagicLines() {
        assertThat(CellRunner.javaOnly("int a = 1;\n%vars\nint b = 2;")).isEqualTo("int a = 1;\n\nint b = 2;");
        assertThat(CellRunner.javaOnly("%%html\n<b>")).isNull();
    }
}
